package dev.heq.protocol.nonlinear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.heq.protocol.AShare;
import dev.heq.protocol.Z2k;
import dev.heq.protocol.TestData;
import dev.heq.protocol.TwoPartyHarness;
import dev.heq.quant.FixedPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PoolTest {

    static long[] small(SplittableRandom r, int n, int bits, boolean signed, int ell) {
        long[] x = new long[n];
        for (int i = 0; i < n; i++) {
            long v = signed ? r.nextLong(-(1L << (bits - 1)), 1L << (bits - 1)) : r.nextLong(0, 1L << bits);
            if (i % 7 == 0) v = signed ? -(1L << (bits - 1)) : 0;         // extremes and ties
            if (i % 11 == 0) v = (1L << (bits - (signed ? 1 : 0))) - 1;
            x[i] = v & Z2k.mask(ell);
        }
        return x;
    }

    @Test
    void windowsMatchReferenceGeometry() {
        int[][] w = Pool.windows(1, 3, 3, 2, 2, 1);    // out 2x2; the corner window keeps only (0,0)
        assertEquals(4, w.length);
        assertArrayEquals(new int[] {0}, w[0]);
        assertArrayEquals(new int[] {1, 2}, w[1]);
        assertArrayEquals(new int[] {4, 5, 7, 8}, w[3]);
    }

    @Test
    void maxAvgArgmaxMatchIdeal() {
        SplittableRandom r = new SplittableRandom(TestData.seed());
        int c = 3, h = 7, w = 7;
        int[][] geo = {{2, 2, 0}, {3, 2, 1}, {3, 1, 1}};
        List<int[][]> wins = new ArrayList<>();
        for (int[] g : geo) wins.add(Pool.windows(c, h, w, g[0], g[1], g[2]));
        int[] ells = {10, 16, 37, 64};
        List<long[]> xs = new ArrayList<>();
        List<AShare[]> sh = new ArrayList<>();
        for (int ell : ells) {
            // ℓ = 10: the whole documented exact range [−2^(ℓ−2), 2^(ℓ−2)) = [−256, 256), extremes included
            long[] x = small(r, c * h * w, ell == 10 ? 9 : 8, true, ell);
            xs.add(x);
            sh.add(AShare.split(Z2k.of(ell), x, r));
        }
        // avg pool of unsigned 4-bit activations (after ReLU) and of signed 8-bit values
        long[] ux = small(r, c * h * w, 4, false, 16);
        AShare[] ush = AShare.split(Z2k.of(16), ux, r);
        int[][] avgWin = Pool.windows(c, h, w, 2, 2, 0);
        FixedPoint quarter = FixedPoint.of(0.25), ninth = FixedPoint.of(1.0 / 9);
        int[][] avgWin3 = Pool.windows(c, h, w, 3, 3, 0);
        // argmax vectors: lengths 1, 10 (ties), 1000
        List<long[]> am = new ArrayList<>();
        List<AShare[]> amsh = new ArrayList<>();
        for (int n : new int[] {1, 10, 1000}) {
            long[] v = small(r, n, 8, true, 32);
            if (n == 10) { v[3] = 127; v[7] = 127; }
            am.add(v);
            amsh.add(AShare.split(Z2k.of(32), v, r));
        }
        var run = TwoPartyHarness.run(p -> {
            int k = p.role().index();
            List<Object> o = new ArrayList<>();
            for (AShare[] s : sh) for (int[][] win : wins) o.add(Pool.max(p, s[k], win));
            o.add(Pool.avg(p, ush[k], avgWin, quarter, 4, true, 0, 15, 16));
            o.add(Pool.avg(p, ush[k], avgWin3, ninth, 4, true, 0, 15, 5));
            o.add(Pool.avg(p, sh.get(1)[k], avgWin, quarter, 8, false, -128, 127, 16));
            for (AShare[] s : amsh) o.add(Pool.argmax(p, s[k]));
            return o;
        });
        int t = 0;
        for (int e = 0; e < ells.length; e++) {
            for (int[][] win : wins) {
                assertArrayEquals(Pool.idealMax(xs.get(e), ells[e], win),
                        AShare.reconstruct((AShare) run.server().get(t), (AShare) run.client().get(t)), "maxpool ℓ=" + ells[e]);
                t++;
            }
        }
        assertArrayEquals(Pool.idealAvg(ux, 16, avgWin, quarter, 0, 15, 16),
                AShare.reconstruct((AShare) run.server().get(t), (AShare) run.client().get(t)), "avgpool 2x2 unsigned");
        t++;
        assertArrayEquals(Pool.idealAvg(ux, 16, avgWin3, ninth, 0, 15, 5),
                AShare.reconstruct((AShare) run.server().get(t), (AShare) run.client().get(t)), "avgpool 3x3 unsigned");
        t++;
        assertArrayEquals(Pool.idealAvg(xs.get(1), 16, avgWin, quarter, -128, 127, 16),
                AShare.reconstruct((AShare) run.server().get(t), (AShare) run.client().get(t)), "avgpool 2x2 signed");
        t++;
        for (long[] v : am) {
            assertEquals(-1, run.server().get(t), "the server learns nothing");
            assertEquals(Pool.idealArgmax(v, 32), run.client().get(t), "argmax n=" + v.length);
            t++;
        }
    }

    /**
     * Communication from the counters: a 2x2 max pool is 3 ReLUs per output (two tree levels: 2 then 1 per window);
     * argmax over n values is n − 1 DReLUs plus n − 1 two-value muxes, plus the ℓ-bit index share; the millionaire
     * alone is its plan's cost. (Argmax levels shrink to a handful of elements, where word padding and the OT
     * extensions' rounding up to 64 OTs per call add a few percent.)
     */
    @Test
    void communicationMatchesTheory() {
        int ell = 16, c = 16, h = 32, w = 32;
        int[][] win = Pool.windows(c, h, w, 2, 2, 0);
        int outs = win.length, n = 4096;
        AShare x = AShare.zeros(Z2k.of(ell), c * h * w);
        long[] zeros = new long[n];
        var run = TwoPartyHarness.run(p -> new long[] {
                TwoPartyHarness.bytes(p, () -> Pool.max(p, x, win)),
                TwoPartyHarness.bytes(p, () -> Pool.argmax(p, AShare.zeros(Z2k.of(ell), n))),
                TwoPartyHarness.bytes(p, () -> Millionaire.lessThan(p, zeros, 32))});
        GatesTest.assertNear(3 * Relu.reluCostBits(TwoPartyHarness.COST, ell), run.server()[0] * 8.0 / outs, "max pool 2x2 per output, ℓ=" + ell);
        double argmaxTheory = (n - 1) * (Relu.dreluCostBits(TwoPartyHarness.COST, ell) + 2 * Mux.costBits(TwoPartyHarness.COST, ell)) + ell;
        GatesTest.assertNear(argmaxTheory / n, run.server()[1] * 8.0 / n, "argmax per input, ℓ=" + ell);
        GatesTest.assertNear(Millionaire.Plan.choose(32, TwoPartyHarness.COST).costBits(TwoPartyHarness.COST), run.server()[2] * 8.0 / n, "millionaire 32 bits");
    }
}
