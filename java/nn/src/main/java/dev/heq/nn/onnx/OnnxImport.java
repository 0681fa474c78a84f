package dev.heq.nn.onnx;

import dev.heq.nn.Layer;
import dev.heq.nn.LayerBuilder;
import dev.heq.nn.ModelFormatException;
import dev.heq.nn.Node;
import dev.heq.nn.QuantModel;
import dev.heq.nn.Shape;
import dev.heq.quant.FixedPoint;
import dev.heq.quant.QType;
import dev.heq.quant.Requantizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports an ONNX QDQ graph of the shape {@link OnnxExport} writes (single input of 4 dims uint8/int8, Conv/Gemm/
 * MaxPool/AveragePool/GlobalAveragePool/Add/Relu/Flatten between DequantizeLinear and Clip→QuantizeLinear) back
 * into a {@link QuantModel}. Integer parameters are recovered exactly: weights from the int8 initializers,
 * requantization factors as {@code FixedPoint.of(s_x·s'_w/s_y)} (float rounding is far below half a unit of the
 * 16-bit multiplier), activation bit widths from the Clip bounds, weight widths from the {@code heq.node.*}
 * metadata (else the smallest width holding the weights). Anything else is rejected naming the node and op.
 */
public final class OnnxImport {
    private OnnxImport() {}

    public static QuantModel read(Path f) throws IOException { return fromBytes(Files.readAllBytes(f)); }

    /** Tensors known by name: float initializers, int8 initializers, and quantized activations. */
    private record Init(long[] dims, int type, float[] f, byte[] raw) {}

    private record Act(int id, QType type) {}

    /** Parses and converts; any structural problem becomes a {@link ModelFormatException} naming it. */
    public static QuantModel fromBytes(byte[] bytes) {
        try {
            return convert(bytes);
        } catch (dev.heq.nn.ModelException e) {
            throw e instanceof ModelFormatException f ? f : new ModelFormatException("ONNX: " + e.getMessage(), e);
        } catch (RuntimeException e) { // missing sub-messages, bad metadata numbers, ...
            throw new ModelFormatException("ONNX: malformed or unsupported graph (" + e + ")", e);
        }
    }

    private static QuantModel convert(byte[] bytes) {
        Pb.Msg model = Pb.parse(bytes);
        Pb.Msg graph = model.msgs(7).stream().findFirst().orElseThrow(() -> new ModelFormatException("ONNX: model has no graph"));
        Map<String, String> meta = new HashMap<>();
        for (Pb.Msg e : model.msgs(14)) meta.put(e.string(1, ""), e.string(2, ""));
        Map<String, Init> inits = new HashMap<>();
        for (Pb.Msg t : graph.msgs(5)) {
            int type = (int) t.int64(2, 0);
            byte[] raw = t.bytes(9);
            float[] f = type == OnnxExport.FLOAT ? (raw != null ? floatsLE(raw) : t.floats(4)) : null;
            if (type != OnnxExport.FLOAT && raw == null) {
                long[] i32 = t.int64s(5);
                raw = new byte[i32.length];
                for (int i = 0; i < i32.length; i++) raw[i] = (byte) i32[i];
            }
            inits.put(t.string(8, ""), new Init(t.int64s(1), type, f, raw));
        }
        List<Pb.Msg> inputs = graph.msgs(11).stream().filter(v -> !inits.containsKey(v.string(1, ""))).toList();
        if (inputs.size() != 1) throw new ModelFormatException("ONNX: expected one graph input, found " + inputs.size());
        Pb.Msg tt = inputs.getFirst().msgs(2).getFirst().msgs(1).getFirst();
        int elem = (int) tt.int64(1, 0);
        List<Pb.Msg> dims = tt.msgs(2).isEmpty() ? List.of() : tt.msgs(2).getFirst().msgs(1);
        if (dims.size() != 4 || (elem != OnnxExport.UINT8 && elem != OnnxExport.INT8))
            throw new ModelFormatException("ONNX: input must be a 4-d uint8/int8 tensor (N,C,H,W); got elem type " + elem + " with " + dims.size() + " dims");
        Shape inShape = new Shape((int) dims.get(1).int64(1, 0), (int) dims.get(2).int64(1, 0), (int) dims.get(3).int64(1, 0));
        String inputName = inputs.getFirst().string(1, "");

        List<Pb.Msg> nodes = graph.msgs(1);
        Map<String, Pb.Msg> producer = new HashMap<>();
        for (Pb.Msg n : nodes) for (String o : n.strings(2)) producer.put(o, n);
        Map<String, Act> q = new HashMap<>();     // quantized tensor name -> (tensor id, type)
        Map<String, Act> deq = new HashMap<>();   // float tensor name     -> the quantized tensor it dequantizes
        Map<String, float[]> wScale = new HashMap<>();
        Map<String, byte[]> wInt = new HashMap<>();
        Map<String, long[]> wDims = new HashMap<>();
        List<Node> out = new ArrayList<>();
        QType inType = null;
        String inAlias = inputName;
        QType[] inTypeRef = new QType[1];
        java.util.function.IntFunction<Shape> shapes = id -> id == 0 ? inShape : new QuantModel("partial", inShape, inTypeRef[0], out).shape(id);
        String pendingOut = null; // float output of the current layer op, awaiting Clip/Quantize
        PendingLayer pending = null;

        for (int ni = 0; ni < nodes.size(); ni++) {
            Pb.Msg n = nodes.get(ni);
            String op = n.string(4, ""), name = n.string(3, "#" + ni);
            List<String> in = n.strings(1), outs = n.strings(2);
            String where = "ONNX node " + name + " (" + op + ")";
            switch (op) {
                case "Identity" -> {
                    if (in.getFirst().equals(inAlias)) inAlias = outs.getFirst();
                    else throw new ModelFormatException(where + ": unsupported Identity");
                }
                case "DequantizeLinear" -> {
                    String src = in.get(0);
                    if (inits.containsKey(src)) { // weights
                        Init w = inits.get(src);
                        if (w.type != OnnxExport.INT8) throw new ModelFormatException(where + ": weights must be int8");
                        wInt.put(outs.getFirst(), w.raw);
                        wDims.put(outs.getFirst(), w.dims);
                        wScale.put(outs.getFirst(), floatInit(inits, in.get(1), where));
                    } else {
                        float s = floatInit(inits, in.get(1), where)[0];
                        boolean signed = in.size() > 2 && inits.get(in.get(2)) != null && inits.get(in.get(2)).type == OnnxExport.INT8;
                        Act a;
                        if (src.equals(inAlias)) {
                            String[] im = meta.getOrDefault("heq.input", "8," + signed).split(",");
                            inType = new QType(Integer.parseInt(im[0]), signed, s);
                            inTypeRef[0] = inType;
                            a = new Act(0, inType);
                            q.put(src, a);
                        } else {
                            a = q.get(src);
                            if (a == null) throw new ModelFormatException(where + ": dequantizes unknown tensor " + src);
                        }
                        deq.put(outs.getFirst(), a);
                    }
                }
                case "Conv", "Gemm", "MaxPool", "AveragePool", "GlobalAveragePool", "Add", "Relu" -> {
                    if (pending != null) throw new ModelFormatException(where + ": previous op " + pending.op + " was not quantized");
                    List<Act> xs = new ArrayList<>();
                    List<String> other = new ArrayList<>();
                    for (String s : in) { if (deq.containsKey(s)) xs.add(deq.get(s)); else other.add(s); }
                    if (xs.isEmpty()) throw new ModelFormatException(where + ": input is not a dequantized activation");
                    pending = new PendingLayer(op, n, xs, other, out.size());
                    pendingOut = outs.getFirst();
                    if (graphOutput(graph).equals(pendingOut)) { // last node: float logits
                        String[] ot = meta.getOrDefault("heq.output", "").split(",");
                        if (ot.length != 3) throw new ModelFormatException(where + ": output type metadata heq.output missing");
                        QType y = new QType(Integer.parseInt(ot[0]), Boolean.parseBoolean(ot[1]), Double.parseDouble(ot[2]));
                        out.add(pending.build(y, wInt, wDims, wScale, inits, meta, where, shapes));
                        pending = null;
                    }
                }
                case "Clip" -> {
                    if (pending == null || !in.getFirst().equals(pendingOut)) throw new ModelFormatException(where + ": Clip must follow a layer op");
                    pending.lo = floatInit(inits, in.get(1), where)[0];
                    pending.hi = floatInit(inits, in.get(2), where)[0];
                    pendingOut = outs.getFirst();
                }
                case "QuantizeLinear" -> {
                    if (pending == null || !in.getFirst().equals(pendingOut)) throw new ModelFormatException(where + ": QuantizeLinear must follow Clip");
                    float s = floatInit(inits, in.get(1), where)[0];
                    Init z = inits.get(in.get(2));
                    boolean signed = z != null && z.type == OnnxExport.INT8;
                    long hi = Math.round(pending.hi / s), lo = Math.round(pending.lo / s);
                    int bits = signed ? 64 - Long.numberOfLeadingZeros(hi) + 1 : 64 - Long.numberOfLeadingZeros(hi);
                    QType y = new QType(bits, signed, s);
                    if (y.max() != hi || y.min() != lo)
                        throw new ModelFormatException(where + ": Clip range [" + lo + ", " + hi + "] is not a " + (signed ? "signed" : "unsigned") + " bit range");
                    out.add(pending.build(y, wInt, wDims, wScale, inits, meta, where, shapes));
                    q.put(outs.getFirst(), new Act(out.size(), y));
                    pending = null;
                }
                case "Flatten" -> {
                    Act a = q.get(in.getFirst());
                    if (a == null) throw new ModelFormatException(where + ": Flatten must read a quantized tensor");
                    out.add(new Node(new Layer.Flatten(), new int[]{a.id}));
                    q.put(outs.getFirst(), new Act(out.size(), a.type));
                }
                default -> throw new ModelFormatException(where + ": unsupported op " + op);
            }
        }
        if (pending != null) throw new ModelFormatException("ONNX: graph ends inside op " + pending.op);
        if (inType == null) throw new ModelFormatException("ONNX: the input is never dequantized");
        return new QuantModel(graph.string(2, "onnx"), inShape, inType, out);
    }

    private static String graphOutput(Pb.Msg graph) {
        List<Pb.Msg> o = graph.msgs(12);
        if (o.isEmpty()) throw new ModelFormatException("ONNX: the graph has no output");
        return o.getFirst().string(1, ""); // further outputs (exposed intermediates) are ignored
    }

    private static final class PendingLayer {
        final String op;
        final Pb.Msg node;
        final List<Act> xs;
        final List<String> other;
        final int index;
        float lo, hi;

        PendingLayer(String op, Pb.Msg node, List<Act> xs, List<String> other, int index) {
            this.op = op; this.node = node; this.xs = xs; this.other = other; this.index = index;
        }

        Node build(QType y, Map<String, byte[]> wInt, Map<String, long[]> wDims, Map<String, float[]> wScale, Map<String, Init> inits,
                   Map<String, String> meta, String where, java.util.function.IntFunction<Shape> shapeOf) {
            Act x = xs.getFirst();
            Map<String, long[]> at = attrs(node);
            String m = meta.getOrDefault("heq.node." + index, "");
            Layer l = switch (op) {
                case "Conv", "Gemm" -> {
                    String wn = other.get(0);
                    byte[] raw = wInt.get(wn);
                    if (raw == null) throw new ModelFormatException(where + ": weights " + wn + " are not a dequantized int8 initializer");
                    long[] d = wDims.get(wn);
                    int[] w = new int[raw.length];
                    for (int i = 0; i < w.length; i++) w[i] = raw[i];
                    float[] sw = wScale.get(wn);
                    int oc = (int) d[0];
                    float[] bf = other.size() > 1 ? floatInit(inits, other.get(1), where) : new float[oc];
                    if (bf.length != oc || (sw.length != oc && sw.length != 1))
                        throw new ModelFormatException(where + ": shape mismatch: " + oc + " output channels, " + bf.length + " biases, " + sw.length + " scales");
                    int[] b = new int[oc];
                    double[] ws = new double[sw.length];
                    FixedPoint[] f = new FixedPoint[sw.length];
                    for (int c = 0; c < oc; c++) {
                        double u = x.type.scale() * sw[sw.length == 1 ? 0 : c];
                        b[c] = (int) Math.round(bf[c] / u);
                    }
                    for (int c = 0; c < sw.length; c++) {
                        ws[c] = sw[c];
                        f[c] = FixedPoint.of(x.type.scale() * sw[c] / y.scale());
                    }
                    int wb = metaInt(m, "wbits", minBits(w));
                    int acc = metaInt(m, "acc", 0);
                    if (op.equals("Conv")) {
                        long[] ks = at.getOrDefault("kernel_shape", new long[]{d[2], d[3]}), st = at.getOrDefault("strides", new long[]{1, 1}),
                                pads = at.getOrDefault("pads", new long[]{0, 0, 0, 0}), g = at.getOrDefault("group", new long[]{1});
                        if (d.length != 4 || ks[0] != d[2] || ks[1] != d[3] || st[0] != st[1] || pads[0] != pads[1] || pads[0] != pads[2] || pads[0] != pads[3])
                            throw new ModelFormatException(where + ": only square strides and symmetric padding are supported");
                        int inC = (int) (d[1] * g[0]);
                        if (acc == 0) yield LayerBuilder.conv(inC, oc, (int) d[2], (int) st[0], (int) pads[0], (int) g[0], wb, w, b, ws, x.type, y);
                        yield new Layer.Conv2d(inC, oc, (int) d[2], (int) d[3], (int) st[0], (int) pads[0], (int) g[0], wb, w, b, ws, new Requantizer(f, y, acc));
                    }
                    if (at.getOrDefault("transB", new long[]{0})[0] != 1) throw new ModelFormatException(where + ": Gemm needs transB = 1");
                    if (acc == 0) yield LayerBuilder.dense((int) d[1], oc, wb, w, b, ws, x.type, y);
                    yield new Layer.Dense((int) d[1], oc, wb, w, b, ws, new Requantizer(f, y, acc));
                }
                case "MaxPool" -> {
                    long[] ks = at.get("kernel_shape"), st = at.getOrDefault("strides", new long[]{1, 1}), pads = at.getOrDefault("pads", new long[]{0, 0, 0, 0});
                    if (ks == null || ks[0] != ks[1]) throw new ModelFormatException(where + ": only square MaxPool kernels are supported");
                    yield new Layer.MaxPool((int) ks[0], (int) st[0], (int) pads[0]);
                }
                case "AveragePool", "GlobalAveragePool" -> {
                    String[] dv = m.startsWith("div=") ? m.substring(4).split("/") : null;
                    boolean global = op.equals("GlobalAveragePool");
                    long[] ks = at.get("kernel_shape"), st = at.getOrDefault("strides", new long[]{1, 1});
                    int k;
                    if (global) {
                        Shape s = shapeOf.apply(x.id);
                        if (s.h() != s.w()) throw new ModelFormatException(where + ": global pooling of a non-square " + s + " map");
                        k = s.h();
                    } else {
                        if (ks == null || ks[0] != ks[1]) throw new ModelFormatException(where + ": only square AveragePool kernels are supported");
                        k = (int) ks[0];
                    }
                    FixedPoint div = dv != null ? new FixedPoint(Integer.parseInt(dv[0]), Integer.parseInt(dv[1])) : FixedPoint.of(1.0 / (k * k));
                    yield new Layer.AvgPool(k, global ? 1 : (int) st[0], global, div);
                }
                case "Add" -> {
                    if (xs.size() != 2) throw new ModelFormatException(where + ": Add needs two dequantized inputs");
                    String[] a = m.startsWith("add=") ? m.substring(4).split("/") : null;
                    Layer.Add add = a != null ? new Layer.Add(Integer.parseInt(a[0]), Integer.parseInt(a[1]), Integer.parseInt(a[2]), y)
                            : Layer.Add.aligning(xs.get(0).type, xs.get(1).type, y, FixedPoint.DEFAULT_MULTIPLIER_BITS);
                    yield add;
                }
                case "Relu" -> new Layer.Relu();
                default -> throw new ModelFormatException(where + ": unsupported op " + op);
            };
            int[] ids = xs.stream().mapToInt(Act::id).toArray();
            return new Node(l, ids);
        }
    }

    private static int metaInt(String m, String key, int dflt) {
        for (String kv : m.split(",")) {
            String[] p = kv.split("=");
            if (p.length == 2 && p[0].equals(key)) return Integer.parseInt(p[1]);
        }
        return dflt;
    }

    private static int minBits(int[] w) {
        int b = 2;
        for (int v : w) while (v < -(1 << (b - 1)) || v > (1 << (b - 1)) - 1) b++;
        return b;
    }

    private static Map<String, long[]> attrs(Pb.Msg node) {
        Map<String, long[]> a = new HashMap<>();
        for (Pb.Msg at : node.msgs(5)) {
            String n = at.string(1, "");
            if (at.has(3)) a.put(n, new long[]{at.int64(3, 0)});
            else a.put(n, at.int64s(8));
        }
        return a;
    }

    private static float[] floatInit(Map<String, Init> inits, String name, String where) {
        Init i = inits.get(name);
        if (i == null || i.f == null) throw new ModelFormatException(where + ": " + name + " is not a float initializer");
        return i.f;
    }

    private static float[] floatsLE(byte[] b) {
        if (b.length % 4 != 0) throw new ModelFormatException("ONNX: float raw_data of " + b.length + " bytes");
        float[] f = new float[b.length / 4];
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
        return f;
    }
}
