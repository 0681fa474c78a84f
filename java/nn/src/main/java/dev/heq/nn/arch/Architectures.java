package dev.heq.nn.arch;

import dev.heq.nn.Layer;
import dev.heq.nn.LayerBuilder;
import dev.heq.nn.ModelException;
import dev.heq.nn.Node;
import dev.heq.nn.QuantModel;
import dev.heq.nn.Shape;
import dev.heq.quant.FixedPoint;
import dev.heq.quant.QType;
import dev.heq.quant.Quantize;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Integer models with the evaluation shapes of the HEQuant/Cheetah literature, with random weights (no CIFAR data on
 * these machines): for communication and latency benchmarks of the 2PC pipeline, not for accuracy.
 * <ul>
 *   <li>ResNet-18, CIFAR variant: 3×3 stem (64, stride 1, no max-pool), BasicBlocks [2,2,2,2] × [64,128,256,512],
 *       1×1 stride-2 projection shortcuts, global 4×4 average pool, dense → classes;</li>
 *   <li>MobileNetV2, CIFAR variant (stem stride 1, the first stride-2 stage at stride 1): inverted residuals
 *       (expand 1×1 + ReLU, depthwise 3×3 + ReLU, linear 1×1 projection, residual add when shapes match),
 *       1×1 conv to 1280, global average pool, dense;</li>
 *   <li>VGG-16, CIFAR variant: 13 3×3 convs [64,64,M,128,128,M,256×3,M,512×3,M,512×3,M] and one dense 512 → classes;</li>
 *   <li>the Fashion-MNIST CNN trained by {@code heq train} (conv3×3 c1, pool, conv3×3 c2, pool, dense).</li>
 * </ul>
 * BatchNorm is assumed folded. Weights are uniform integers in ±(2^(b_w-1)-1) with per-tensor scale
 * √(6/fanIn)/qmax (He-like variance); activations after ReLU are u{b_x} on [0, 4], the others s{b_x}; the input
 * is u8 (the image); the logits are signed with the accumulator's width.
 */
public final class Architectures {
    private Architectures() {}

    /** Incremental graph construction with shape/type tracking (validated once more by QuantModel at the end). */
    static final class Builder {
        final SplittableRandom r;
        final int wBits, aBits;
        final Shape inShape;
        final QType inType = QType.unsigned(8, 1.0 / 255);
        final List<Node> nodes = new ArrayList<>();
        final List<Shape> shapes = new ArrayList<>();
        final List<QType> types = new ArrayList<>();

        Builder(int wBits, int aBits, Shape in, long seed) {
            Quantize.checkWeightBits(wBits);
            if (aBits < 2 || aBits > 8) throw new ModelException("activation bits must be in [2, 8]: " + aBits);
            this.wBits = wBits; this.aBits = aBits; this.inShape = in; this.r = new SplittableRandom(seed);
            shapes.add(in);
            types.add(inType);
        }

        int add(Layer l, int... in) {
            Shape[] s = new Shape[in.length];
            QType[] t = new QType[in.length];
            for (int i = 0; i < in.length; i++) { s[i] = shapes.get(in[i]); t[i] = types.get(in[i]); }
            shapes.add(l.outputShape(s));
            types.add(l.outputType(t));
            nodes.add(new Node(l, in));
            return nodes.size();
        }

        QType act(boolean relu) {
            return relu ? QType.unsigned(aBits, 4.0 / ((1 << aBits) - 1)) : QType.signed(aBits, 4.0 / (1 << (aBits - 1)));
        }

        int conv(int x, int outC, int k, int stride, int groups, boolean relu) {
            Shape s = shapes.get(x);
            int inC = s.c(), fan = k * k * (inC / groups), qmax = Quantize.weightQmax(wBits);
            int[] w = new int[outC * fan];
            for (int i = 0; i < w.length; i++) w[i] = r.nextInt(-qmax, qmax + 1);
            int[] b = new int[outC];
            for (int i = 0; i < outC; i++) b[i] = r.nextInt(-qmax, qmax + 1);
            double sw = Math.sqrt(6.0 / fan) / qmax;
            return add(LayerBuilder.conv(inC, outC, k, stride, k / 2, groups, wBits, w, b, new double[]{sw}, types.get(x), act(relu)), x);
        }

        int logits(int x, int classes) {
            int f = add(new Layer.Flatten(), x);
            int n = shapes.get(f).size(), qmax = Quantize.weightQmax(wBits);
            int[] w = new int[n * classes];
            for (int i = 0; i < w.length; i++) w[i] = r.nextInt(-qmax, qmax + 1);
            double sw = Math.sqrt(6.0 / n) / qmax;
            QType xt = types.get(f);
            Layer.Dense probe = LayerBuilder.dense(n, classes, wBits, w, new int[classes], new double[]{sw}, xt, QType.signed(32, 1));
            return add(LayerBuilder.dense(n, classes, wBits, w, new int[classes], new double[]{sw}, xt, QType.signed(probe.accBits(), xt.scale() * sw)), f);
        }

        int addRes(int a, int b, boolean relu) {
            return add(Layer.Add.aligning(types.get(a), types.get(b), act(relu), FixedPoint.DEFAULT_MULTIPLIER_BITS), a, b);
        }

        int globalPool(int x) { return add(Layer.AvgPool.global(shapes.get(x).h()), x); }

        QuantModel build(String name) { return new QuantModel(name, inShape, inType, nodes); }
    }

    public static QuantModel resnet18Cifar(int wBits, int aBits, int classes, long seed) {
        Builder g = new Builder(wBits, aBits, new Shape(3, 32, 32), seed);
        int x = g.conv(0, 64, 3, 1, 1, true);
        int[] widths = {64, 128, 256, 512};
        for (int st = 0; st < 4; st++)
            for (int blk = 0; blk < 2; blk++) {
                int stride = (st > 0 && blk == 0) ? 2 : 1;
                int h = g.conv(x, widths[st], 3, stride, 1, true);
                h = g.conv(h, widths[st], 3, 1, 1, false);
                int sc = (stride != 1 || g.shapes.get(x).c() != widths[st]) ? g.conv(x, widths[st], 1, stride, 1, false) : x;
                x = g.addRes(h, sc, true);
            }
        g.logits(g.globalPool(x), classes);
        return g.build("resnet18-cifar-w" + wBits + "a" + aBits);
    }

    public static QuantModel mobileNetV2Cifar(int wBits, int aBits, int classes, long seed) {
        Builder g = new Builder(wBits, aBits, new Shape(3, 32, 32), seed);
        int x = g.conv(0, 32, 3, 1, 1, true);
        int[][] cfg = {{1, 16, 1, 1}, {6, 24, 2, 1}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
        for (int[] c : cfg)
            for (int i = 0; i < c[2]; i++) {
                int stride = i == 0 ? c[3] : 1, inC = g.shapes.get(x).c(), hid = inC * c[0];
                int h = c[0] == 1 ? x : g.conv(x, hid, 1, 1, 1, true);
                h = g.conv(h, hid, 3, stride, hid, true);          // depthwise
                h = g.conv(h, c[1], 1, 1, 1, false);                // linear bottleneck
                x = (stride == 1 && inC == c[1]) ? g.addRes(h, x, false) : h;
            }
        x = g.conv(x, 1280, 1, 1, 1, true);
        g.logits(g.globalPool(x), classes);
        return g.build("mobilenetv2-cifar-w" + wBits + "a" + aBits);
    }

    public static QuantModel vgg16Cifar(int wBits, int aBits, int classes, long seed) {
        Builder g = new Builder(wBits, aBits, new Shape(3, 32, 32), seed);
        int x = 0;
        int[] cfg = {64, 64, -1, 128, 128, -1, 256, 256, 256, -1, 512, 512, 512, -1, 512, 512, 512, -1};
        for (int c : cfg) x = c < 0 ? g.add(new Layer.MaxPool(2, 2, 0), x) : g.conv(x, c, 3, 1, 1, true);
        g.logits(x, classes);
        return g.build("vgg16-cifar-w" + wBits + "a" + aBits);
    }

    /** The shape of the CNN {@code heq train} trains: conv3×3(c1) · pool · conv3×3(c2) · pool · dense(10). */
    public static QuantModel fmnistCnn(int wBits, int aBits, int c1, int c2, long seed) {
        Builder g = new Builder(wBits, aBits, new Shape(1, 28, 28), seed);
        int x = g.conv(0, c1, 3, 1, 1, true);
        x = g.add(new Layer.MaxPool(2, 2, 0), x);
        x = g.conv(x, c2, 3, 1, 1, true);
        x = g.add(new Layer.MaxPool(2, 2, 0), x);
        g.logits(x, 10);
        return g.build("fmnist-cnn" + c1 + "-" + c2 + "-w" + wBits + "a" + aBits);
    }

    /** Multiply-accumulates of one inference (linear layers only). */
    public static long macs(QuantModel m) {
        long s = 0;
        for (int k = 0; k < m.nodes().size(); k++) {
            switch (m.nodes().get(k).layer()) {
                case Layer.Conv2d c -> s += (long) m.shape(k + 1).size() * c.fanIn();
                case Layer.Dense d -> s += (long) d.in() * d.out();
                default -> { }
            }
        }
        return s;
    }

    /** Weight count of the linear layers. */
    public static long params(QuantModel m) {
        long s = 0;
        for (Node n : m.nodes()) {
            switch (n.layer()) {
                case Layer.Conv2d c -> s += (long) c.outC() * c.fanIn();
                case Layer.Dense d -> s += (long) d.in() * d.out();
                default -> { }
            }
        }
        return s;
    }
}
