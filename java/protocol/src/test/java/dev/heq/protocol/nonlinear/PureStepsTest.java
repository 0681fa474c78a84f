package dev.heq.protocol.nonlinear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.heq.protocol.BShare;
import dev.heq.protocol.TestData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The pure (channel-free) steps of the protocols, checked by playing both parties' local computations in one
 * thread with a simulated ideal OT: the triple and leaf tables, the Beaver AND's open/finish.
 */
class PureStepsTest {

    @Test
    void bitTripleTablesGiveValidTriplesForEveryChoice() {
        SplittableRandom r = new SplittableRandom(TestData.seed());
        int ots = 100;
        long[] a = r.longs(4).toArray(), b = r.longs(4).toArray(), c = r.longs(4).toArray();
        long[] msgs = BitTriples.table(0, ots, a, b, c);
        for (int j = 0; j < ots; j++) {
            for (int v = 0; v < 16; v++) {
                long m = msgs[16 * j + v];
                for (int k = 0; k < 2; k++) {
                    int t = 2 * j + k;
                    int aC = (v >>> (2 * k)) & 1, bC = (v >>> (2 * k + 1)) & 1, cC = (int) ((m >>> k) & 1);
                    int aa = BShare.bit(a, t) ^ aC, bb = BShare.bit(b, t) ^ bC, cc = BShare.bit(c, t) ^ cC;
                    assertEquals(aa & bb, cc, "triple " + t + " for client choice " + v);
                }
            }
        }
    }

    @Test
    void leafTablesEncodeLessThanAndEqual() {
        SplittableRandom r = new SplittableRandom(TestData.seed());
        int n = 130, d = 5;
        int[] off = {0, 5, 10};
        int[] group = {1, 2};
        long[] x = r.longs(n).toArray(), y = r.longs(n).toArray();
        long[][] rl = {r.longs(3).toArray(), r.longs(3).toArray()}, re = {r.longs(3).toArray(), r.longs(3).toArray()};
        long[] msgs = Millionaire.leafTable(x, off, group, d, 2, rl, re, 0, 2 * n);
        int[] ch = Millionaire.leafChoices(y, off, group, d, 0, 2 * n);
        long[] got = new long[2 * n];
        for (int t = 0; t < 2 * n; t++) got[t] = msgs[t * 32 + ch[t]];   // ideal 1-of-32 OT
        long[][][] dec = Millionaire.decodeLeaves(got, n, 2, 2);
        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < n; i++) {
                long xk = (x[i] >>> off[group[j]]) & 31, yk = (y[i] >>> off[group[j]]) & 31;
                assertEquals(xk < yk ? 1 : 0, BShare.bit(rl[j], i) ^ BShare.bit(dec[0][j], i), "lt digit " + j + " #" + i);
                assertEquals(xk == yk ? 1 : 0, BShare.bit(re[j], i) ^ BShare.bit(dec[1][j], i), "eq digit " + j + " #" + i);
            }
        }
    }

    @Test
    void beaverAndOpenFinish() {
        SplittableRandom r = new SplittableRandom(TestData.seed());
        int w = 5;
        long[] x0 = r.longs(w).toArray(), x1 = r.longs(w).toArray(), y0 = r.longs(w).toArray(), y1 = r.longs(w).toArray();
        long[] a0 = r.longs(w).toArray(), a1 = r.longs(w).toArray(), b0 = r.longs(w).toArray(), b1 = r.longs(w).toArray();
        long[] c0 = r.longs(w).toArray(), c1 = new long[w];
        for (int i = 0; i < w; i++) c1[i] = c0[i] ^ ((a0[i] ^ a1[i]) & (b0[i] ^ b1[i]));
        long[] de0 = And.open(x0, y0, a0, b0, w), de1 = And.open(x1, y1, a1, b1, w);
        long[] z0 = And.finish(de0, de1, a0, b0, c0, w, true), z1 = And.finish(de1, de0, a1, b1, c1, w, false);
        long[] want = new long[w], got = new long[w];
        for (int i = 0; i < w; i++) {
            want[i] = (x0[i] ^ x1[i]) & (y0[i] ^ y1[i]);
            got[i] = z0[i] ^ z1[i];
        }
        assertArrayEquals(want, got);
    }
}
