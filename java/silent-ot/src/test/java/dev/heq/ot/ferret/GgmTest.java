package dev.heq.ot.ferret;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The GGM puncturable PRF alone, with the level OTs replaced by handing the receiver K_{b_l} directly: the receiver
 * must rebuild every leaf but α = Σ (1 − b_l)·2^{h−l} exactly, and get leaf ⊕ Δ at α (regular noise, one per bin).
 */
class GgmTest {
    @Test
    void receiverRebuildsAllLeavesButThePuncturedOne() {
        long seed = new SecureRandom().nextLong();
        System.out.println("GgmTest seed=" + seed);
        SplittableRandom r = new SplittableRandom(seed);
        for (int h = 1; h <= 11; h++) {
            Ggm s = new Ggm(h), q = new Ggm(h);
            int n = 1 << h;
            for (int rep = 0; rep < 4; rep++) {
                long d0 = r.nextLong() | 1, d1 = r.nextLong();
                long[] v = new long[2 * n], w = new long[2 * n], sums = new long[4 * h], leaf = new long[2];
                s.send(r.nextLong(), r.nextLong(), v, 0, sums, 0, leaf, 0);
                int bits = r.nextInt(n);
                long[] k = new long[2 * h];
                for (int l = 0; l < h; l++) {
                    int b = (bits >>> l) & 1;
                    k[2 * l] = sums[4 * l + 2 * b];
                    k[2 * l + 1] = sums[4 * l + 2 * b + 1];
                }
                int alpha = q.receive(bits, k, 0, d0 ^ leaf[0], d1 ^ leaf[1], w, 0);
                int want = 0;
                for (int l = 0; l < h; l++) want = 2 * want + (1 - ((bits >>> l) & 1));
                assertEquals(want, alpha, "puncture point for h=" + h);
                for (int i = 0; i < n; i++) {
                    if ((v[2 * i] & 1) != 0) fail("sender leaf " + i + " has bit 0 set");
                    long e0 = i == alpha ? d0 : 0, e1 = i == alpha ? d1 : 0;
                    if ((v[2 * i] ^ w[2 * i]) != e0 || (v[2 * i + 1] ^ w[2 * i + 1]) != e1) {
                        fail("h=" + h + " leaf " + i + " (alpha " + alpha + ") wrong");
                    }
                }
                // the level sums really are XORs of the even / odd children: check level h on the leaves
                long x0 = 0;
                for (int i = 0; i < n; i += 2) {
                    x0 ^= v[2 * i] ^ v[2 * (i + 1)];
                }
                long raw = sums[4 * (h - 1)] ^ sums[4 * (h - 1) + 2];   // leaves before the bit-0 clear
                assertEquals(x0, raw & ~1L, "XOR of all leaves (bit 0 cleared) at h=" + h);
            }
        }
    }
}
