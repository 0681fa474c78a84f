package dev.heq.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The KK13 sender's tiled all-values hash equals the per-value definition (hash256Low with stride N) everywhere. */
class CrHashTest {

    @Test
    void tiledAllValuesEqualsPerValueHashes() {
        long seed = System.nanoTime();
        System.out.println("CrHashTest seed=" + seed);
        SplittableRandom r = new SplittableRandom(seed);
        CrHash h = new CrHash();
        for (int logN : new int[] {1, 4, 5, 8}) {
            int bigN = 1 << logN;
            for (int n : new int[] {1, 63, 4097, 9000}) {
                byte[] rows = new byte[32 * n];
                for (int i = 0; i < rows.length; i++) rows[i] = (byte) r.nextInt();
                long[] masks = new long[4 * bigN];
                for (int i = 0; i < masks.length; i++) masks[i] = r.nextLong();
                long first = r.nextLong() >>> 2;
                for (long ellMask : new long[] {1, 3, (1L << 37) - 1, -1L}) {
                    long[] want = new long[n * bigN];
                    for (int v = 0; v < bigN; v++) {
                        long[] m = {masks[4 * v], masks[4 * v + 1], masks[4 * v + 2], masks[4 * v + 3]};
                        h.hash256Low(rows, n, first, m, ellMask, want, v, bigN);
                    }
                    long[] got = new long[n * bigN];
                    h.hash256LowAll(rows, n, first, masks, ellMask, got, 0);
                    assertArrayEquals(want, got, "N=" + bigN + " n=" + n + " mask=" + Long.toHexString(ellMask));
                }
            }
        }
    }
}
