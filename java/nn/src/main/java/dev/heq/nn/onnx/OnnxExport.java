package dev.heq.nn.onnx;

import dev.heq.nn.Layer;
import dev.heq.nn.ModelException;
import dev.heq.nn.Node;
import dev.heq.nn.QuantModel;
import dev.heq.nn.Shape;
import dev.heq.quant.FixedPoint;
import dev.heq.quant.QType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Exports a {@link QuantModel} as an ONNX graph in QDQ form (opset 13): every quantized tensor {@code tK_q}
 * (uint8/int8) is read through {@code DequantizeLinear} into a float tensor, the float op runs, and the result is
 * clipped to the b-bit range and re-quantized with {@code QuantizeLinear}:
 * <pre>
 *   Conv2d / Dense:  DQ(x_q, s_x) → Conv|Gemm(·, DQ(W_q, s'_w, axis 0), B) → Clip(lo·s_y, hi·s_y) → Q(·, s_y)
 *   MaxPool, AvgPool, GlobalAvgPool, Relu: DQ → float op → Clip → Q      Add: DQ, DQ → Add → Clip → Q
 *   Flatten: on the quantized tensor directly                               last node: float output "logits"
 * </pre>
 * To carry HEQ's fixed-point requantization into float scales, the exported weight scale of channel c is
 * {@code s'_w[c] = (M_c·2^-s_c) · s_y / s_x} (so that {@code s_x·s'_w/s_y} is the integer model's factor up to float
 * rounding), and the bias is {@code B_c = bias_c · s_x · s'_w[c]}. Remaining differences from the integer engine:
 * ONNX's QuantizeLinear rounds half to even (HEQ rounds half up) and float32 products carry ~1e-7 relative error, so
 * values sitting exactly (or within ~1e-7) on a .5 boundary may differ by one step; AvgPool windows of 4 values
 * create such ties often, convolutions rarely. Layer bit widths are kept in the model's metadata
 * ({@code heq.*} keys) so {@link OnnxImport} restores them exactly.
 */
public final class OnnxExport {
    private OnnxExport() {}

    // ONNX TensorProto.DataType
    static final int FLOAT = 1, UINT8 = 2, INT8 = 3;
    static final int OPSET = 13, IR_VERSION = 7;

    public static void write(QuantModel m, Path file) throws IOException { Files.write(file, toBytes(m)); }

    public static byte[] toBytes(QuantModel m) { return toBytes(m, false); }

    /**
     * @param exposeIntermediates also list every quantized tensor {@code tK_q} (K = tensor id) as a graph output, so
     *                            a runtime's intermediate values can be compared with {@link dev.heq.nn.IntegerEngine#runAll}
     */
    public static byte[] toBytes(QuantModel m, boolean exposeIntermediates) {
        G g = new G();
        for (int t = 0; t < m.tensorCount() - 1; t++) {
            QType q = m.type(t);
            if (q.bits() > 8) throw new ModelException("ONNX export: tensor " + t + " has " + q.bits() + " bits; only the output may exceed 8 bits");
        }
        Shape in = m.inputShape();
        QType it = m.inputType();
        Pb.W input = valueInfo("input", it.signed() ? INT8 : UINT8, new long[]{-1, in.c(), in.h(), in.w()});
        g.dqOnly("t0_q", "t0_f", it);
        List<Pb.W> metas = new ArrayList<>();
        metas.add(meta("heq.input", it.bits() + "," + it.signed()));
        int last = m.nodes().size() - 1;
        for (int k = 0; k < m.nodes().size(); k++) {
            Node n = m.nodes().get(k);
            int t = k + 1;
            String x = "t" + n.input(0);
            QType xt = m.type(n.input(0)), yt = m.type(t);
            String yf = k == last ? "logits" : "t" + t + "_pre";
            switch (n.layer()) {
                case Layer.Conv2d c -> {
                    String w = g.weights("w" + k, c.weights(), new long[]{c.outC(), c.inC() / c.groups(), c.kh(), c.kw()}, c.requant(), xt);
                    String b = g.bias("b" + k, c.bias(), c.requant(), xt);
                    Pb.W node = g.node("Conv", k, new String[]{x + "_f", w, b}, yf);
                    node.msg(5, attrInts("kernel_shape", c.kh(), c.kw()));
                    node.msg(5, attrInts("strides", c.stride(), c.stride()));
                    node.msg(5, attrInts("pads", c.pad(), c.pad(), c.pad(), c.pad()));
                    node.msg(5, attrInt("group", c.groups()));
                    metas.add(meta("heq.node." + k, "wbits=" + c.weightBits() + ",acc=" + c.accBits()));
                }
                case Layer.Dense d -> {
                    String w = g.weights("w" + k, d.weights(), new long[]{d.out(), d.in()}, d.requant(), xt);
                    String b = g.bias("b" + k, d.bias(), d.requant(), xt);
                    Pb.W node = g.node("Gemm", k, new String[]{x + "_f", w, b}, yf);
                    node.msg(5, attrInt("transB", 1));
                    metas.add(meta("heq.node." + k, "wbits=" + d.weightBits() + ",acc=" + d.accBits()));
                }
                case Layer.MaxPool p -> {
                    Pb.W node = g.node("MaxPool", k, new String[]{x + "_f"}, yf);
                    node.msg(5, attrInts("kernel_shape", p.k(), p.k()));
                    node.msg(5, attrInts("strides", p.stride(), p.stride()));
                    node.msg(5, attrInts("pads", p.pad(), p.pad(), p.pad(), p.pad()));
                }
                case Layer.AvgPool p -> {
                    if (p.global()) g.node("GlobalAveragePool", k, new String[]{x + "_f"}, yf);
                    else {
                        Pb.W node = g.node("AveragePool", k, new String[]{x + "_f"}, yf);
                        node.msg(5, attrInts("kernel_shape", p.k(), p.k()));
                        node.msg(5, attrInts("strides", p.stride(), p.stride()));
                    }
                    metas.add(meta("heq.node." + k, "div=" + p.divisor().multiplier() + "/" + p.divisor().shift()));
                }
                case Layer.Add a -> {
                    g.node("Add", k, new String[]{x + "_f", "t" + n.input(1) + "_f"}, yf);
                    metas.add(meta("heq.node." + k, "add=" + a.ma() + "/" + a.mb() + "/" + a.shift()));
                }
                case Layer.Relu r -> g.node("Relu", k, new String[]{x + "_f"}, yf);
                case Layer.Flatten f -> {
                    Pb.W node = g.node("Flatten", k, new String[]{x + "_q"}, "t" + t + "_q");
                    node.msg(5, attrInt("axis", 1));
                    if (k == last) throw new ModelException("ONNX export: a model may not end in Flatten");
                    g.dqOnly("t" + t + "_q", "t" + t + "_f", yt);
                    continue;
                }
            }
            if (k == last) break;
            // Clip to the b-bit range then quantize, then dequantize for the consumers
            String lo = g.scalar("lo" + k, (float) (yt.min() * yt.scale())), hi = g.scalar("hi" + k, (float) (yt.max() * yt.scale()));
            g.nodes.add(new Pb.W().string(1, yf).string(1, lo).string(1, hi).string(2, "t" + t + "_c").string(3, "clip" + k).string(4, "Clip"));
            g.q("t" + t + "_c", "t" + t + "_q", yt);
            g.dqOnly("t" + t + "_q", "t" + t + "_f", yt);
        }
        QType ot = m.outputType();
        metas.add(meta("heq.output", ot.bits() + "," + ot.signed() + "," + ot.scale()));
        Shape os = m.outputShape();
        Pb.W graph = new Pb.W();
        for (Pb.W n : g.nodes) graph.msg(1, n);
        graph.string(2, m.name());
        for (Pb.W init : g.inits) graph.msg(5, init);
        graph.msg(11, input);
        graph.msg(12, valueInfo("logits", FLOAT, os.h() == 1 && os.w() == 1 ? new long[]{-1, os.c()} : new long[]{-1, os.c(), os.h(), os.w()}));
        if (exposeIntermediates)
            for (int t = 1; t < m.tensorCount() - 1; t++) graph.msg(12, valueInfo("t" + t + "_q", m.type(t).signed() ? INT8 : UINT8, null));
        Pb.W model = new Pb.W().int64(1, IR_VERSION).string(2, "heq").string(3, "0.1");
        model.msg(8, new Pb.W().string(1, "").int64(2, OPSET));
        model.msg(7, graph);
        for (Pb.W e : metas) model.msg(14, e);
        return model.toBytes();
    }

    /** Graph under construction. The model input "input" is renamed t0_q by an Identity. */
    private static final class G {
        final List<Pb.W> nodes = new ArrayList<>(), inits = new ArrayList<>();

        G() { nodes.add(new Pb.W().string(1, "input").string(2, "t0_q").string(3, "in").string(4, "Identity")); }

        Pb.W node(String op, int k, String[] ins, String out) {
            Pb.W n = new Pb.W();
            for (String i : ins) n.string(1, i);
            n.string(2, out).string(3, op.toLowerCase() + k).string(4, op);
            nodes.add(n);
            return n;
        }

        String scalar(String name, float v) {
            inits.add(tensorF(name, new long[]{}, new float[]{v}));
            return name;
        }

        void dqOnly(String q, String f, QType t) {
            String s = scalar(q + "_s", (float) t.scale());
            String z = zp(q + "_z", t.signed(), new long[]{}, 1);
            nodes.add(new Pb.W().string(1, q).string(1, s).string(1, z).string(2, f).string(3, "dq_" + q).string(4, "DequantizeLinear"));
        }

        void q(String f, String q, QType t) {
            String s = scalar(q + "_qs", (float) t.scale());
            String z = zp(q + "_qz", t.signed(), new long[]{}, 1);
            nodes.add(new Pb.W().string(1, f).string(1, s).string(1, z).string(2, q).string(3, "q_" + q).string(4, "QuantizeLinear"));
        }

        String zp(String name, boolean signed, long[] dims, int n) {
            inits.add(new Pb.W().packedInt64(1, dims).int64(2, signed ? INT8 : UINT8).string(8, name).bytes(9, new byte[n]));
            return name;
        }

        /** int8 weights + per-channel exported scales s'_w = (M_c 2^-s_c)·s_y/s_x; returns the float tensor name. */
        String weights(String name, int[] w, long[] dims, dev.heq.quant.Requantizer rq, QType x) {
            byte[] raw = new byte[w.length];
            for (int i = 0; i < w.length; i++) raw[i] = (byte) w[i];
            inits.add(new Pb.W().packedInt64(1, dims).int64(2, INT8).string(8, name + "_q").bytes(9, raw));
            int oc = rq.perChannel() ? (int) dims[0] : 1; // per-tensor: scalar scale and zero point, no axis
            float[] s = new float[oc];
            for (int c = 0; c < oc; c++) s[c] = exportedWeightScale(rq.channel(c), rq.out(), x);
            long[] sd = rq.perChannel() ? new long[]{oc} : new long[]{};
            inits.add(tensorF(name + "_s", sd, s));
            String z = zp(name + "_z", true, sd, oc);
            Pb.W n = new Pb.W().string(1, name + "_q").string(1, name + "_s").string(1, z).string(2, name).string(3, "dq_" + name).string(4, "DequantizeLinear");
            if (rq.perChannel()) n.msg(5, attrInt("axis", 0));
            nodes.add(n);
            return name;
        }

        String bias(String name, int[] b, dev.heq.quant.Requantizer rq, QType x) {
            float[] f = new float[b.length];
            for (int c = 0; c < b.length; c++) f[c] = (float) (b[c] * x.scale() * (double) exportedWeightScale(rq.channel(c), rq.out(), x));
            inits.add(tensorF(name, new long[]{b.length}, f));
            return name;
        }
    }

    static float exportedWeightScale(FixedPoint f, QType y, QType x) {
        float s = (float) (f.value() * y.scale() / x.scale());
        if (!(s > 0) || Float.isInfinite(s)) throw new ModelException("ONNX export: weight scale " + s + " not representable as float32");
        return s;
    }

    static Pb.W tensorF(String name, long[] dims, float[] v) {
        return new Pb.W().packedInt64(1, dims).int64(2, FLOAT).packedFloat(4, v).string(8, name);
    }

    static Pb.W valueInfo(String name, int elem, long[] dims) {
        Pb.W tensor = new Pb.W().int64(1, elem);
        if (dims != null) { // null: shape left unspecified
            Pb.W shape = new Pb.W();
            for (long d : dims) shape.msg(1, d < 0 ? new Pb.W().string(2, "N") : new Pb.W().int64(1, d));
            tensor.msg(2, shape);
        }
        return new Pb.W().string(1, name).msg(2, new Pb.W().msg(1, tensor));
    }

    static Pb.W attrInt(String name, long v) { return new Pb.W().string(1, name).int64(3, v).int64(20, 2); }

    static Pb.W attrInts(String name, long... v) { return new Pb.W().string(1, name).packedInt64(8, v).int64(20, 7); }

    static Pb.W meta(String k, String v) { return new Pb.W().string(1, k).string(2, v); }
}
