package dev.heq.nn;

import dev.heq.quant.FixedPoint;
import dev.heq.quant.QType;
import dev.heq.quant.Requantizer;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The integer engine against an independent, straightforward float-simulated quantized forward pass: tensors as
 * double[][][] (integer-valued), convolution on an explicitly zero-padded copy, requantization as
 * {@code Math.floor(acc · M / 2^s + 0.5)} in doubles. All doubles stay below 2^53, so the oracle is exact and the
 * comparison is equality.
 */
class IntegerEngineOracleTest {

    // ------------------------------------------------------------------ oracle

    static double[][][] tensor(int[] v, Shape s) {
        double[][][] t = new double[s.c()][s.h()][s.w()];
        for (int c = 0; c < s.c(); c++) for (int y = 0; y < s.h(); y++) for (int x = 0; x < s.w(); x++) t[c][y][x] = v[(c * s.h() + y) * s.w() + x];
        return t;
    }

    static double requant(double acc, FixedPoint f, QType out) {
        double v = Math.floor(acc * f.multiplier() / Math.pow(2, f.shift()) + 0.5);
        return Math.max(out.min(), Math.min(out.max(), v));
    }

    static double[][][] conv(Layer.Conv2d l, double[][][] x) {
        int C = x.length, H = x[0].length, W = x[0][0].length, p = l.pad();
        double[][][] xp = new double[C][H + 2 * p][W + 2 * p];
        for (int c = 0; c < C; c++) for (int y = 0; y < H; y++) for (int z = 0; z < W; z++) xp[c][y + p][z + p] = x[c][y][z];
        int OH = (H + 2 * p - l.kh()) / l.stride() + 1, OW = (W + 2 * p - l.kw()) / l.stride() + 1;
        int icg = l.inC() / l.groups(), ocg = l.outC() / l.groups();
        int[] w = l.weights();
        double[][][] out = new double[l.outC()][OH][OW];
        for (int o = 0; o < l.outC(); o++)
            for (int oy = 0; oy < OH; oy++)
                for (int ox = 0; ox < OW; ox++) {
                    double acc = l.bias()[o];
                    for (int i = 0; i < icg; i++)
                        for (int ky = 0; ky < l.kh(); ky++)
                            for (int kx = 0; kx < l.kw(); kx++)
                                acc += w[((o * icg + i) * l.kh() + ky) * l.kw() + kx] * xp[(o / ocg) * icg + i][oy * l.stride() + ky][ox * l.stride() + kx];
                    Requantizer rq = l.requant();
                    out[o][oy][ox] = requant(acc, rq.channel(o), rq.out());
                }
        return out;
    }

    static double[] flat(double[][][] x) {
        int C = x.length, H = x[0].length, W = x[0][0].length;
        double[] f = new double[C * H * W];
        for (int c = 0; c < C; c++) for (int y = 0; y < H; y++) for (int z = 0; z < W; z++) f[(c * H + y) * W + z] = x[c][y][z];
        return f;
    }

    static double[][][] oracle(QuantModel m, int[] input) {
        double[][][][] t = new double[m.tensorCount()][][][];
        t[0] = tensor(input, m.inputShape());
        for (int k = 0; k < m.nodes().size(); k++) {
            Node n = m.nodes().get(k);
            double[][][] x = t[n.input(0)];
            QType it = m.type(n.input(0));
            t[k + 1] = switch (n.layer()) {
                case Layer.Conv2d c -> conv(c, x);
                case Layer.Dense d -> {
                    double[] v = flat(x), y = new double[d.out()];
                    int[] w = d.weights();
                    for (int o = 0; o < d.out(); o++) {
                        double acc = d.bias()[o];
                        for (int i = 0; i < d.in(); i++) acc += w[o * d.in() + i] * v[i];
                        y[o] = requant(acc, d.requant().channel(o), d.requant().out());
                    }
                    double[][][] r = new double[d.out()][1][1];
                    for (int o = 0; o < d.out(); o++) r[o][0][0] = y[o];
                    yield r;
                }
                case Layer.MaxPool p -> {
                    int C = x.length, H = x[0].length, W = x[0][0].length;
                    int OH = (H + 2 * p.pad() - p.k()) / p.stride() + 1, OW = (W + 2 * p.pad() - p.k()) / p.stride() + 1;
                    double[][][] r = new double[C][OH][OW];
                    for (int c = 0; c < C; c++) for (int oy = 0; oy < OH; oy++) for (int ox = 0; ox < OW; ox++) {
                        double best = Double.NEGATIVE_INFINITY;
                        for (int ky = 0; ky < p.k(); ky++) for (int kx = 0; kx < p.k(); kx++) {
                            int y = oy * p.stride() - p.pad() + ky, z = ox * p.stride() - p.pad() + kx;
                            if (y >= 0 && y < H && z >= 0 && z < W) best = Math.max(best, x[c][y][z]);
                        }
                        r[c][oy][ox] = best;
                    }
                    yield r;
                }
                case Layer.AvgPool p -> {
                    int C = x.length, H = x[0].length, W = x[0][0].length;
                    int OH = (H - p.k()) / p.stride() + 1, OW = (W - p.k()) / p.stride() + 1;
                    double[][][] r = new double[C][OH][OW];
                    for (int c = 0; c < C; c++) for (int oy = 0; oy < OH; oy++) for (int ox = 0; ox < OW; ox++) {
                        double s = 0;
                        for (int ky = 0; ky < p.k(); ky++) for (int kx = 0; kx < p.k(); kx++) s += x[c][oy * p.stride() + ky][ox * p.stride() + kx];
                        r[c][oy][ox] = requant(s, p.divisor(), it);
                    }
                    yield r;
                }
                case Layer.Add a -> {
                    double[][][] z = t[n.input(1)];
                    double[][][] r = new double[x.length][x[0].length][x[0][0].length];
                    for (int c = 0; c < x.length; c++) for (int y = 0; y < x[0].length; y++) for (int q = 0; q < x[0][0].length; q++) {
                        double v = Math.floor((x[c][y][q] * a.ma() + z[c][y][q] * a.mb()) / Math.pow(2, a.shift()) + 0.5);
                        r[c][y][q] = Math.max(a.out().min(), Math.min(a.out().max(), v));
                    }
                    yield r;
                }
                case Layer.Relu r -> {
                    double[][][] y = new double[x.length][x[0].length][x[0][0].length];
                    for (int c = 0; c < x.length; c++) for (int i = 0; i < x[0].length; i++) for (int j = 0; j < x[0][0].length; j++) y[c][i][j] = Math.max(0, x[c][i][j]);
                    yield y;
                }
                case Layer.Flatten f -> {
                    double[] v = flat(x);
                    double[][][] y = new double[v.length][1][1];
                    for (int i = 0; i < v.length; i++) y[i][0][0] = v[i];
                    yield y;
                }
            };
        }
        return t[m.tensorCount() - 1];
    }

    // ------------------------------------------------------------------ tests

    @Test
    void randomGraphsMatchFloatSimulatedOracleExactly() {
        long seed = System.nanoTime();
        System.out.println("IntegerEngineOracleTest seed=" + seed);
        SplittableRandom r = new SplittableRandom(seed);
        int layersChecked = 0;
        for (int g = 0; g < 150; g++) {
            QuantModel m = RandomModels.graph(r);
            for (int rep = 0; rep < 3; rep++) {
                int[] in = RandomModels.ints(r, m.inputShape().size(), 0, 255);
                int[][] all = IntegerEngine.runAll(m, in);
                double[] want = flat(oracle(m, in));
                int[] got = all[m.tensorCount() - 1];
                assertEquals(want.length, got.length);
                for (int i = 0; i < got.length; i++)
                    assertEquals(want[i], got[i], 0.0, "graph " + g + " output " + i + " seed=" + seed + "\n" + m.describe());
                for (int t = 1; t < m.tensorCount(); t++)
                    for (int v : all[t]) assertTrue(m.type(t).contains(v), "tensor " + t + " value " + v + " outside " + m.type(t));
            }
            layersChecked += m.nodes().size();
        }
        assertTrue(layersChecked > 500);
    }

    @Test
    void singleConvLayersIncludingDepthwiseAndStride() {
        long seed = System.nanoTime();
        System.out.println("singleConvLayers seed=" + seed);
        SplittableRandom r = new SplittableRandom(seed);
        for (int it = 0; it < 300; it++) {
            int c = r.nextInt(1, 6), h = r.nextInt(3, 9);
            QType in = RandomModels.act(r, r.nextBoolean());
            Layer.Conv2d l = RandomModels.conv(r, c, in, RandomModels.act(r, r.nextBoolean()));
            QuantModel m = QuantModel.sequential("c", new Shape(c, h, h), in, java.util.List.of(l));
            int[] x = RandomModels.ints(r, m.inputShape().size(), in.min(), in.max());
            assertArrayEquals(flat(oracle(m, x)), java.util.Arrays.stream(IntegerEngine.run(m, x)).asDoubleStream().toArray(), "seed=" + seed + " it=" + it);
        }
    }

    @Test
    void accumulatorWidthIsTightWorstCase() {
        // all-max weights and all-max inputs reach the worst case exactly
        QType in = QType.unsigned(4, 1);
        int[] w = new int[2 * 9];
        java.util.Arrays.fill(w, -8);
        Layer.Conv2d l = LayerBuilder.conv(1, 2, 3, 1, 0, 1, 4, w, new int[]{0, 0}, new double[]{1}, in, QType.signed(8, 1));
        long worst = 9L * 8 * 15; // 1080 -> 12 signed bits
        assertEquals(12, l.accBits());
        assertTrue(worst >= 1L << 10 && worst < 1L << 11);
        int[] x = new int[9];
        java.util.Arrays.fill(x, 15);
        assertEquals(-128, IntegerEngine.run(QuantModel.sequential("w", new Shape(1, 3, 3), in, java.util.List.of(l)), x)[0]);
        // declaring a narrower accumulator is rejected with the reason
        var bad = new Layer.Conv2d(1, 2, 3, 3, 1, 0, 1, 4, w, new int[]{0, 0}, new double[]{1},
                new Requantizer(new FixedPoint[]{new FixedPoint(1, 0)}, QType.signed(8, 1), 11));
        ModelException e = assertThrows(ModelException.class, () -> QuantModel.sequential("w", new Shape(1, 3, 3), in, java.util.List.of(bad)));
        assertTrue(e.getMessage().contains("accumulator width 11 too small"), e.getMessage());
    }

    @Test
    void realScaleIsApproximatedWithinOneStep() {
        // |requant(acc) - acc·S| ≤ 1/2 (rounding) + |acc|·|M·2^-s - S| (fixed-point error, < 2^-16 relative).
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            double s = Math.exp(r.nextDouble(-12, 0));
            FixedPoint f = FixedPoint.of(s);
            long acc = r.nextLong(-(1L << 20), 1L << 20);
            double bound = 0.5 + Math.abs(acc) * Math.abs(f.value() - s) + 1e-9;
            assertTrue(Math.abs(f.apply(acc) - acc * s) <= bound, "acc=" + acc + " s=" + s);
            assertTrue(Math.abs(f.value() - s) <= s * Math.scalb(1.0, -16), "s=" + s + " " + f);
        }
    }

    @Test
    void argmaxTiesGoToLowestIndex() {
        assertEquals(1, IntegerEngine.argmax(new int[]{3, 7, 7, -1}));
        assertEquals(0, IntegerEngine.argmax(new int[]{5}));
    }

    @Test
    void graphValidationNamesTheProblem() {
        QType in = QType.unsigned(8, 1);
        Layer.Conv2d c = LayerBuilder.conv(3, 4, 3, 1, 1, 1, 4, new int[4 * 27], new int[4], new double[]{1}, in, QType.unsigned(4, 1));
        ModelException e = assertThrows(ModelException.class, () -> QuantModel.sequential("x", new Shape(2, 8, 8), in, java.util.List.of(c)));
        assertTrue(e.getMessage().contains("shape mismatch") && e.getMessage().contains("node 0"), e.getMessage());
        e = assertThrows(ModelException.class, () -> new QuantModel("x", new Shape(3, 8, 8), in, java.util.List.of(new Node(c, new int[]{1}))));
        assertTrue(e.getMessage().contains("not defined before"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QType.unsigned(1, 1));
        assertThrows(ModelException.class, () -> IntegerEngine.run(QuantModel.sequential("x", new Shape(3, 8, 8), in, java.util.List.of(c)), new int[5]));
    }
}
