package dev.heq.protocol.nonlinear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.heq.nn.IntegerEngine;
import dev.heq.nn.Layer;
import dev.heq.nn.LayerBuilder;
import dev.heq.nn.QuantModel;
import dev.heq.nn.Shape;
import dev.heq.protocol.AShare;
import dev.heq.protocol.Z2k;
import dev.heq.protocol.TestData;
import dev.heq.protocol.TwoPartyHarness;
import dev.heq.quant.QType;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The shares-level non-linear layers against dev.heq.nn's plaintext integer reference engine itself (not a copy of
 * its rules): a dense layer's requantization (per-channel, ReLU fused by an unsigned output), max pool with padding,
 * average pool, and argmax.
 */
class ReferenceEngineTest {

    @Test
    void nonlinearLayersEqualIntegerEngine() {
        SplittableRandom r = new SplittableRandom(TestData.seed());
        QType in = QType.unsigned(4, 1.0 / 16), mid = QType.unsigned(4, 1.0 / 8);
        int n = 64, m = 48;
        int[] w = new int[n * m], b = new int[m];
        for (int i = 0; i < w.length; i++) w[i] = r.nextInt(-7, 8);
        for (int i = 0; i < m; i++) b[i] = r.nextInt(-200, 200);
        double[] ws = new double[m];
        for (int i = 0; i < m; i++) ws[i] = 0.01 + 0.05 * r.nextDouble();
        Layer.Dense dense = LayerBuilder.dense(n, m, 4, w, b, ws, in, mid);
        int[] x = new int[n];
        for (int i = 0; i < n; i++) x[i] = r.nextInt(0, 16);
        int[] want = IntegerEngine.run(QuantModel.sequential("d", new Shape(n, 1, 1), in, List.of(dense)), x);
        long[] acc = new long[m];
        int[] ch = new int[m];
        for (int o = 0; o < m; o++) {
            acc[o] = b[o];
            for (int i = 0; i < n; i++) acc[o] += (long) w[o * n + i] * x[i];
            ch[o] = o;
        }
        // pools on a 3x6x6 unsigned map
        int c = 3, h = 6, wd = 6;
        int[] map = new int[c * h * wd];
        for (int i = 0; i < map.length; i++) map[i] = r.nextInt(0, 16);
        Shape ms = new Shape(c, h, wd);
        int[] wantMax = IntegerEngine.run(QuantModel.sequential("mp", ms, mid, List.of(new Layer.MaxPool(3, 2, 1))), map);
        int[] wantAvg = IntegerEngine.run(QuantModel.sequential("ap", ms, mid, List.of(Layer.AvgPool.of(2, 2))), map);
        long[] mapL = new long[map.length];
        for (int i = 0; i < map.length; i++) mapL[i] = map[i];
        int ell = 37;
        AShare[] accSh = AShare.split(Z2k.of(ell), acc, r), mapSh = AShare.split(Z2k.of(16), mapL, r);
        Requant.Spec spec = Requant.Spec.of(dense.requant(), ch, 16);
        var run = TwoPartyHarness.run(p -> {
            int k = p.role().index();
            AShare y = Requant.run(p, accSh[k], spec);
            AShare mx = Pool.max(p, mapSh[k], Pool.windows(c, h, wd, 3, 2, 1));
            AShare av = Pool.avg(p, mapSh[k], Pool.windows(c, h, wd, 2, 2, 0), Layer.AvgPool.of(2, 2).divisor(), 4, true,
                    mid.min(), mid.max(), 16);
            int am = Pool.argmax(p, y);
            return new Object[] {y, mx, av, am};
        });
        Object[] s = run.server(), cl = run.client();
        assertArrayEquals(toLong(want), AShare.reconstruct((AShare) s[0], (AShare) cl[0]), "dense requantization");
        assertArrayEquals(toLong(wantMax), AShare.reconstruct((AShare) s[1], (AShare) cl[1]), "max pool 3/2/1");
        assertArrayEquals(toLong(wantAvg), AShare.reconstruct((AShare) s[2], (AShare) cl[2]), "avg pool 2/2");
        assertEquals(IntegerEngine.argmax(want), cl[3], "argmax");
    }

    static long[] toLong(int[] a) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[i];
        return r;
    }
}
