package dev.heq.kernel.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heq.kernel.KernelProvider;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.NttTables;
import dev.heq.kernel.Primes;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every NTT code path of the simd tier (long32, double50, limb62, fallback) against the reference tier:
 * N from 2 to 2^15, primes just below and just above 2^30, 2^31, 2^32, 2^49, 2^50 and at 51–62 bits, all lazy
 * factors, in place and out of place (with offsets). Output factor 1 must be bit-identical; lazy outputs must be
 * congruent and inside [0, factor·q). Inputs are random (seed printed) with the edge values 0, q − 1 and
 * factor·q − 1 planted.
 */
class SimdNttTest {
    static Kernels simd;
    static final Kernels REF = KernelProvider.reference();
    static final long SEED = Long.getLong("heq.tests.seed", System.nanoTime());

    @BeforeAll
    static void load() throws Exception {
        System.out.println("SimdNttTest seed=" + SEED + " (rerun with -Dheq.tests.seed=" + SEED + ")");
        simd = new SimdTier().load();
    }

    /** Smallest prime ≥ 2^bits with q ≡ 1 (mod 2n). */
    static long primeAbove(int bits, int n) {
        long step = 2L * n;
        long q = (1L << bits) + 1;
        while (!Primes.isPrime(q)) {
            q += step;
        }
        return q;
    }

    static List<Long> moduli(int n, boolean full) {
        List<Long> qs = new ArrayList<>();
        int[] below = full ? new int[] {17, 30, 31, 32, 33, 49, 50, 51, 52, 60, 61, 62} : new int[] {30, 32, 50, 62};
        int[] above = full ? new int[] {29, 30, 31, 32, 49, 50} : new int[] {32};
        for (int b : below) {
            if (b > Integer.numberOfTrailingZeros(n) + 2) {
                qs.add(Primes.nttPrime(b, n));
            }
        }
        for (int b : above) {
            qs.add(primeAbove(b, n));
        }
        return qs;
    }

    /** Uniform in [0, bound) for an unsigned bound (4q may exceed 2^63). */
    static long below(SplittableRandom r, long bound) {
        if (bound > 0) {
            return r.nextLong(bound);
        }
        long v;
        do {
            v = r.nextLong();
        } while (Long.compareUnsigned(v, bound) >= 0);
        return v;
    }

    static long[] input(SplittableRandom r, int n, long q, int factor, int pad) {
        long bound = factor * q;
        long[] a = new long[n + 2 * pad];
        for (int i = 0; i < a.length; i++) {
            a[i] = below(r, bound);
        }
        a[pad] = 0;
        if (n > 1) {
            a[pad + 1] = q - 1;
        }
        if (n > 2) {
            a[pad + n - 1] = bound - 1;
        }
        return a;
    }

    static void checkLazy(String what, long[] expect, long[] got, int off, int n, long q, int factor) {
        for (int i = 0; i < n; i++) {
            long g = got[off + i];
            assertTrue(Long.compareUnsigned(g, factor * q) < 0, () -> what + ": value " + Long.toUnsignedString(g) + " outside [0, " + factor + "q)");
            assertEquals(expect[i], Long.remainderUnsigned(g, q), what + ": index " + i);
        }
    }

    static void oneCase(SplittableRandom r, int n, long q) {
        NttTables t = NttTables.of(n, q);
        String ctx = "N=" + n + " q=" + q + " (" + (64 - Long.numberOfLeadingZeros(q)) + " bits, path " + simd.path(n, q) + ")";
        for (int inF : new int[] {1, 2, 4}) {
            for (int outF : new int[] {1, 4}) {
                int pad = r.nextInt(3);
                long[] in = input(r, n, q, inF, pad);
                long[] inCopy = in.clone();
                long[] expect = new long[n];
                REF.forwardNtt(expect, 0, in, pad, t, inF, 1);
                String w = "forward " + ctx + " in" + inF + " out" + outF;
                long[] out = new long[n + 5];
                simd.forwardNtt(out, 3, in, pad, t, inF, outF);
                assertArrayEquals(inCopy, in, w + ": input modified out of place");
                checkLazy(w + " out-of-place", expect, out, 3, n, q, outF);
                simd.forwardNtt(in, pad, in, pad, t, inF, outF);
                checkLazy(w + " in-place", expect, in, pad, n, q, outF);
                if (outF == 1) {
                    assertArrayEquals(expect, java.util.Arrays.copyOfRange(out, 3, 3 + n), w);
                }
            }
        }
        for (int inF : new int[] {1, 2}) {
            for (int outF : new int[] {1, 2}) {
                int pad = r.nextInt(3);
                long[] in = input(r, n, q, inF, pad);
                long[] inCopy = in.clone();
                long[] expect = new long[n];
                REF.inverseNtt(expect, 0, in, pad, t, inF, 1);
                String w = "inverse " + ctx + " in" + inF + " out" + outF;
                long[] out = new long[n + 5];
                simd.inverseNtt(out, 2, in, pad, t, inF, outF);
                assertArrayEquals(inCopy, in, w + ": input modified out of place");
                checkLazy(w + " out-of-place", expect, out, 2, n, q, outF);
                simd.inverseNtt(in, pad, in, pad, t, inF, outF);
                checkLazy(w + " in-place", expect, in, pad, n, q, outF);
            }
        }
        // round trip at factor 1
        long[] x = input(r, n, q, 1, 0);
        long[] y = x.clone();
        simd.forwardNtt(y, 0, t);
        simd.inverseNtt(y, 0, t);
        assertArrayEquals(x, y, "round trip " + ctx);
    }

    @Test
    void smallAndMediumDegreesAllModuli() {
        SplittableRandom r = new SplittableRandom(SEED);
        for (int logN = 1; logN <= 8; logN++) {
            int n = 1 << logN;
            for (long q : moduli(n, true)) {
                oneCase(r, n, q);
            }
        }
    }

    @Test
    void largeDegrees() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        for (int logN : new int[] {10, 12, 15}) {
            int n = 1 << logN;
            for (long q : moduli(n, logN == 12)) {
                oneCase(r, n, q);
            }
        }
    }

    @Test
    void pathNames() {
        assertEquals("scalar-fallback", simd.path(8, Primes.nttPrime(30, 8)));
        assertEquals("simd-long32", simd.path(16, Primes.nttPrime(32, 16)));
        assertEquals("simd-double50", simd.path(16, primeAbove(32, 16)));
        assertEquals("simd-double50", simd.path(16, Primes.nttPrime(50, 16)));
        assertEquals("simd-limb62", simd.path(16, primeAbove(50, 16)));
        assertEquals("simd", simd.tier());
    }
}
