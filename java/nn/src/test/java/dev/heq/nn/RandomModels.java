package dev.heq.nn;

import dev.heq.quant.QType;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random quantized layers and graphs for tests (weights, biases, scales and bit widths drawn from a seed). */
final class RandomModels {
    private RandomModels() {}

    static int[] ints(SplittableRandom r, int n, long lo, long hi) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = (int) r.nextLong(lo, hi + 1);
        return v;
    }

    static double[] scales(SplittableRandom r, int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) s[i] = Math.exp(r.nextDouble(-6, -1));
        return s;
    }

    static QType act(SplittableRandom r, boolean signed) {
        int b = r.nextInt(2, 9);
        return new QType(b, signed, Math.exp(r.nextDouble(-4, 1)));
    }

    static Layer.Conv2d conv(SplittableRandom r, int inC, QType in, QType out) {
        int groups = switch (r.nextInt(3)) { case 0 -> 1; case 1 -> inC; default -> (inC % 2 == 0 ? 2 : 1); };
        int outC = groups == inC ? inC * r.nextInt(1, 3) : r.nextInt(1, 5) * groups;
        int k = r.nextInt(1, 4), stride = r.nextInt(1, 3), pad = r.nextInt(0, k);
        int wb = r.nextInt(2, 9);
        int n = outC * (inC / groups) * k * k;
        int[] w = ints(r, n, -(1 << (wb - 1)), (1 << (wb - 1)) - 1);
        int[] b = ints(r, outC, -300, 300);
        double[] s = scales(r, r.nextBoolean() ? outC : 1);
        return LayerBuilder.conv(inC, outC, k, stride, pad, groups, wb, w, b, s, in, out);
    }

    static Layer.Dense dense(SplittableRandom r, int n, int m, QType in, QType out) {
        int wb = r.nextInt(2, 9);
        return LayerBuilder.dense(n, m, wb, ints(r, n * m, -(1 << (wb - 1)), (1 << (wb - 1)) - 1), ints(r, m, -1000, 1000),
                scales(r, r.nextBoolean() ? m : 1), in, out);
    }

    /** input → conv → [maxpool] → conv(relu) ⊕ residual conv → add → [avgpool] → flatten → dense (signed logits). */
    static QuantModel graph(SplittableRandom r) {
        int c = r.nextInt(1, 4), h = r.nextInt(5, 10);
        Shape in = new Shape(c, h, h);
        QType x = QType.unsigned(8, 1.0 / 255);
        List<Node> nodes = new ArrayList<>();
        QType a1 = act(r, r.nextBoolean());
        Layer.Conv2d c1 = conv(r, c, x, a1);
        nodes.add(new Node(c1, new int[]{0}));
        int t = 1;
        QType cur = a1;
        if (r.nextBoolean()) {
            nodes.add(new Node(new Layer.MaxPool(2, r.nextInt(1, 3), r.nextInt(0, 2)), new int[]{t++}));
        }
        if (cur.signed() && cur.bits() >= 3 && r.nextBoolean()) {
            nodes.add(new Node(new Layer.Relu(), new int[]{t++}));
            cur = QType.unsigned(cur.bits() - 1, cur.scale());
        }
        int ch = c1.outC();
        // two branches of same shape: a 3x3 pad-1 stride-1 conv and a 1x1 conv, then Add
        QType bA = act(r, false), bB = act(r, true);
        int oc = r.nextInt(1, 5);
        Layer.Conv2d ca = LayerBuilder.conv(ch, oc, 3, 1, 1, 1, 4, ints(r, oc * ch * 9, -8, 7), ints(r, oc, -50, 50), scales(r, oc), cur, bA);
        Layer.Conv2d cb = LayerBuilder.conv(ch, oc, 1, 1, 0, 1, 3, ints(r, oc * ch, -4, 3), ints(r, oc, -50, 50), scales(r, 1), cur, bB);
        int src = t;
        nodes.add(new Node(ca, new int[]{src}));
        int ta = ++t;
        nodes.add(new Node(cb, new int[]{src}));
        int tb = ++t;
        QType sum = act(r, r.nextBoolean());
        nodes.add(new Node(Layer.Add.aligning(bA, bB, sum, 16), new int[]{ta, tb}));
        t++;
        QuantModel partial = new QuantModel("p", in, x, nodes);
        Shape s = partial.shape(t);
        if (r.nextBoolean()) {
            nodes.add(new Node(Layer.AvgPool.global(Math.min(s.h(), s.w())), new int[]{t++}));
            if (s.h() != s.w()) { nodes.remove(nodes.size() - 1); t--; }
        } else if (s.h() >= 2 && s.w() >= 2) {
            nodes.add(new Node(Layer.AvgPool.of(2, 2), new int[]{t++}));
        }
        nodes.add(new Node(new Layer.Flatten(), new int[]{t++}));
        partial = new QuantModel("p", in, x, nodes);
        int n = partial.shape(t).size();
        nodes.add(new Node(dense(r, n, r.nextInt(2, 11), sum, QType.signed(16, 0.01)), new int[]{t}));
        return new QuantModel("random", in, x, nodes);
    }
}
