package dev.heq.kernel.scalar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.heq.kernel.KernelProvider;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.Modulus;
import dev.heq.kernel.NttTables;
import dev.heq.kernel.Primes;
import dev.heq.kernel.TierUnavailableException;
import dev.heq.kernel.reference.ReferenceKernels;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every scalar operation against {@link ReferenceKernels}: N from 2 to 2^15 × NTT primes of 20, 30–33, 49–52, 60,
 * 61 bits (above 2^12 a subset, see {@link #LARGE_N_BITS}) × every lazy factor × in place and out of place, on random inputs from a printed seed plus edge values
 * (0, 1, q−1, k·q−1; 2^64−1 for reduceMod's factor 0). Factor-1 outputs must be bit-identical; lazy outputs must
 * be congruent mod q and inside [0, k·q). Element-wise ops also run on non-prime moduli (powers of two, 2^62−1),
 * which exercise the edges of the Barrett constants. Reproduce with {@code -Dheq.tests.seed=<seed>}.
 */
class ScalarKernelsTest {
    private static final long SEED = Long.getLong("heq.tests.seed", System.nanoTime());
    private static final int[] BITS = {20, 30, 31, 32, 33, 49, 50, 51, 52, 60, 61};
    private static final int MAX_LOG_N = 15;
    /**
     * Above N = 2^12 only moduli on either side of the path boundaries (32 and 50–52 bits) and the largest: the
     * reference NTT dominates the run time, and ScalarConformanceTest runs the full bit grid up to 2^15.
     */
    private static final int[] LARGE_N_BITS = {30, 33, 52, 61};
    private static final Kernels REF = ReferenceKernels.INSTANCE;
    private static final Kernels S = ScalarKernels.INSTANCE;

    private static SplittableRandom rng(String what) {
        System.out.println("[ScalarKernelsTest] " + what + " seed=" + SEED + " (-Dheq.tests.seed=" + SEED + ")");
        return new SplittableRandom(SEED ^ what.hashCode());
    }

    /** NTT primes of {@code bits} bits for degree n (the largest one), or -1 if none exists. */
    private static long prime(int bits, int n) {
        try {
            return Primes.nttPrime(bits, n);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** Element-wise moduli: the NTT primes for N = 2^15 plus a 62-bit prime and non-primes at the edges. */
    private static List<Long> eltwiseModuli() {
        List<Long> l = new ArrayList<>();
        for (int b : BITS) {
            long q = prime(b, 1 << 12);
            if (q > 0) {
                l.add(q);
            }
        }
        l.add(Primes.nttPrime(58, 2));      // lazy mulMod thresholds: nb + 2·log2(k) ≤ 62 uses inputs directly
        l.add(Primes.nttPrime(59, 2));
        l.add((1L << 58) - 1);              // nb = 58, k = 4: the direct path at its limit
        l.add(Primes.nttPrime(62, 2));      // largest prime < 2^62: the two-correction Barrett path
        l.add((1L << 62) - 1);              // largest modulus accepted
        l.add(1L << 61);                    // power of two: Barrett factors hit their upper bounds
        l.add(1L << 32);
        l.add(2L);
        l.add(3L);
        l.add(65537L);
        return l;
    }

    /** Random value in [0, k·q) (k·q may exceed 2^63, so build it as x + r·q). */
    private static long lazy(SplittableRandom r, long q, int k) {
        return r.nextLong(q) + (k == 1 ? 0 : r.nextInt(k) * q);
    }

    /** Fills v with random values in [0, k·q), edge values first: 0, 1, q−1, k·q−1, q, and k·q−2. */
    private static long[] values(SplittableRandom r, int n, long q, int k) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = lazy(r, q, k);
        }
        long[] edges = {0, 1 % q, q - 1, k * q - 1, k > 1 ? q : 0, k * q - 2};
        for (int i = 0; i < Math.min(n, edges.length); i++) {
            v[(i * 7919) % n] = edges[i];
        }
        return v;
    }

    private static long[] reduce(long[] v, long q) {
        long[] o = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = Long.remainderUnsigned(v[i], q);
        }
        return o;
    }

    /** Out must equal the reduced expected value and lie in [0, k·q); with k = 1 that is bit equality. */
    private static void assertLazy(String what, long[] expected, long[] out, int outOff, long q, int k) {
        long bound = k * q;
        for (int i = 0; i < expected.length; i++) {
            long v = out[outOff + i];
            if (Long.compareUnsigned(v, bound) >= 0 || Long.remainderUnsigned(v, q) != expected[i]) {
                fail(what + ": index " + i + " got " + Long.toUnsignedString(v) + ", expected " + expected[i] + " mod q=" + q
                        + " in [0, " + k + "q)" + " (seed " + SEED + ")");
            }
        }
    }

    // ============================================================================================ NTT

    @Test
    void forwardNttMatchesReference() {
        SplittableRandom r = rng("forwardNtt");
        for (int logN = 1; logN <= MAX_LOG_N; logN++) {
            int n = 1 << logN;
            for (int bits : logN <= 12 ? BITS : LARGE_N_BITS) {
                long q = prime(bits, n);
                if (q < 0) {
                    continue;
                }
                NttTables t = NttTables.of(n, q);
                long[] base = values(r, n, q, 1);
                long[] expected = base.clone();
                REF.forwardNtt(expected, 0, t);
                for (int inF : new int[] {1, 2, 4}) {
                    // lazy input congruent to base: add a random multiple of q below inF·q
                    long[] in = base.clone();
                    for (int i = 0; i < n; i++) {
                        in[i] += (inF == 1 ? 0 : r.nextInt(inF)) * q;
                    }
                    in[0] = base[0] + (inF - 1) * q; // largest representative of the first coefficient
                    for (int outF : new int[] {1, 4}) {
                        String what = "forward N=" + n + " q=" + q + " (" + bits + " bits) in=" + inF + " out=" + outF;
                        // out of place, at offsets, input must stay untouched
                        long[] src = new long[n + 5];
                        System.arraycopy(in, 0, src, 3, n);
                        long[] srcCopy = src.clone();
                        long[] dst = new long[n + 2];
                        S.forwardNtt(dst, 1, src, 3, t, inF, outF);
                        assertArrayEquals(srcCopy, src, what + ": input modified");
                        assertEquals(0, dst[0], what + ": wrote before region");
                        assertEquals(0, dst[n + 1], what + ": wrote after region");
                        assertLazy(what + " out-of-place", expected, dst, 1, q, outF);
                        // in place
                        long[] a = in.clone();
                        S.forwardNtt(a, 0, a, 0, t, inF, outF);
                        assertLazy(what + " in-place", expected, a, 0, q, outF);
                    }
                }
            }
        }
    }

    @Test
    void inverseNttMatchesReference() {
        SplittableRandom r = rng("inverseNtt");
        for (int logN = 1; logN <= MAX_LOG_N; logN++) {
            int n = 1 << logN;
            for (int bits : logN <= 12 ? BITS : LARGE_N_BITS) {
                long q = prime(bits, n);
                if (q < 0) {
                    continue;
                }
                NttTables t = NttTables.of(n, q);
                long[] base = values(r, n, q, 1);
                long[] expected = base.clone();
                REF.inverseNtt(expected, 0, t);
                for (int inF : new int[] {1, 2}) {
                    long[] in = base.clone();
                    for (int i = 0; i < n; i++) {
                        in[i] += (inF == 1 ? 0 : r.nextInt(inF)) * q;
                    }
                    in[n - 1] = base[n - 1] + (inF - 1) * q;
                    for (int outF : new int[] {1, 2}) {
                        String what = "inverse N=" + n + " q=" + q + " (" + bits + " bits) in=" + inF + " out=" + outF;
                        long[] src = new long[n + 4];
                        System.arraycopy(in, 0, src, 2, n);
                        long[] srcCopy = src.clone();
                        long[] dst = new long[n + 7];
                        S.inverseNtt(dst, 5, src, 2, t, inF, outF);
                        assertArrayEquals(srcCopy, src, what + ": input modified");
                        assertEquals(0, dst[4], what + ": wrote before region");
                        assertEquals(0, dst[n + 5], what + ": wrote after region");
                        assertLazy(what + " out-of-place", expected, dst, 5, q, outF);
                        long[] a = in.clone();
                        S.inverseNtt(a, 0, a, 0, t, inF, outF);
                        assertLazy(what + " in-place", expected, a, 0, q, outF);
                    }
                }
            }
        }
    }

    @Test
    void nttEdgeVectors() {
        // All-maximal inputs (k·q − 1 everywhere) drive every lazy bound to its limit.
        for (int logN : new int[] {1, 2, 3, 4, 5, 10, 11}) {
            int n = 1 << logN;
            for (int bits : new int[] {30, 52, 61}) {
                long q = prime(bits, n);
                NttTables t = NttTables.of(n, q);
                long[] ones = new long[n];
                java.util.Arrays.fill(ones, q - 1);
                long[] fwd = ones.clone();
                REF.forwardNtt(fwd, 0, t);
                long[] inv = ones.clone();
                REF.inverseNtt(inv, 0, t);
                for (int k : new int[] {1, 2, 4}) {
                    long[] a = new long[n];
                    java.util.Arrays.fill(a, k * q - 1);
                    long[] o = new long[n];
                    S.forwardNtt(o, 0, a, 0, t, k, 4);
                    assertLazy("forward all " + k + "q-1 N=" + n + " q=" + q, fwd, o, 0, q, 4);
                    S.forwardNtt(o, 0, a, 0, t, k, 1);
                    assertLazy("forward all " + k + "q-1 N=" + n + " q=" + q, fwd, o, 0, q, 1);
                    if (k <= 2) {
                        S.inverseNtt(o, 0, a, 0, t, k, 2);
                        assertLazy("inverse all " + k + "q-1 N=" + n + " q=" + q, inv, o, 0, q, 2);
                        S.inverseNtt(o, 0, a, 0, t, k, 1);
                        assertLazy("inverse all " + k + "q-1 N=" + n + " q=" + q, inv, o, 0, q, 1);
                    }
                }
            }
        }
    }

    @Test
    void nttRoundTripAtMaximumDegree() {
        // 2^17 is beyond the reference grid; the round trip is its own oracle.
        SplittableRandom r = rng("roundTrip");
        int n = 1 << 17;
        long q = Primes.nttPrime(61, n);
        NttTables t = NttTables.of(n, q);
        long[] a = values(r, n, q, 1);
        long[] b = a.clone();
        S.forwardNtt(b, 0, b, 0, t, 1, 1);
        S.inverseNtt(b, 0, b, 0, t, 1, 1);
        assertArrayEquals(a, b, "round trip N=2^17 (seed " + SEED + ")");
        // lazy chain: forward 1 → 4, reduce 4 → 2, inverse 2 → 2, reduce 2 → 1
        Modulus m = t.modulus();
        b = a.clone();
        S.forwardNtt(b, 0, b, 0, t, 1, 4);
        S.reduceMod(b, 0, b, 0, n, m, 4, 2);
        S.inverseNtt(b, 0, b, 0, t, 2, 2);
        S.reduceMod(b, 0, b, 0, n, m, 2, 1);
        assertArrayEquals(a, b, "lazy round trip N=2^17 (seed " + SEED + ")");
    }

    // ============================================================================================ element-wise

    private static final int[] LENGTHS = {0, 1, 2, 3, 7, 64, 1000, 4099};

    @Test
    void mulModMatchesReference() {
        SplittableRandom r = rng("mulMod");
        for (long q : eltwiseModuli()) {
            Modulus m = Modulus.of(q);
            for (int n : LENGTHS) {
                for (int k : new int[] {1, 2, 4}) {
                    long[] a = values(r, n, q, k);
                    long[] b = values(r, n, q, k);
                    if (n > 0) { // the largest product
                        a[n - 1] = k * q - 1;
                        b[n - 1] = k * q - 1;
                    }
                    long[] expected = new long[n];
                    REF.mulMod(expected, 0, a, 0, b, 0, n, m, k);
                    String what = "mulMod q=" + q + " n=" + n + " k=" + k;
                    long[] out = new long[n + 2];
                    S.mulMod(out, 2, a, 0, b, 0, n, m, k);
                    assertLazy(what, expected, out, 2, q, 1);
                    long[] ai = a.clone();
                    S.mulMod(ai, 0, ai, 0, b, 0, n, m, k);
                    assertLazy(what + " in place", expected, ai, 0, q, 1);
                    // square in place (out = a = b)
                    long[] sq = new long[n];
                    REF.mulMod(sq, 0, a, 0, a, 0, n, m, k);
                    long[] as = a.clone();
                    S.mulMod(as, 0, as, 0, as, 0, n, m, k);
                    assertLazy(what + " square in place", sq, as, 0, q, 1);
                }
            }
        }
    }

    @Test
    void mulConstAndFmaMatchReference() {
        SplittableRandom r = rng("mulConst");
        for (long q : eltwiseModuli()) {
            Modulus m = Modulus.of(q);
            long[] ws = {0, 1 % q, q - 1, r.nextLong(q), r.nextLong(q)};
            for (long w : ws) {
                long wS = m.shoup(w);
                for (int n : LENGTHS) {
                    for (int k : new int[] {1, 2, 4}) {
                        long[] a = values(r, n, q, k);
                        long[] c = values(r, n, q, 1);
                        String what = "q=" + q + " w=" + w + " n=" + n + " k=" + k;
                        long[] expected = new long[n];
                        REF.mulConstMod(expected, 0, a, 0, w, wS, n, m, k);
                        long[] out = new long[n + 1];
                        S.mulConstMod(out, 1, a, 0, w, wS, n, m, k);
                        assertLazy("mulConstMod " + what, expected, out, 1, q, 1);
                        long[] ai = a.clone();
                        S.mulConstMod(ai, 0, ai, 0, w, wS, n, m, k);
                        assertLazy("mulConstMod in place " + what, expected, ai, 0, q, 1);

                        REF.fmaMod(expected, 0, a, 0, w, c, 0, n, m, k);
                        S.fmaMod(out, 1, a, 0, w, c, 0, n, m, k);
                        assertLazy("fmaMod " + what, expected, out, 1, q, 1);
                        long[] ci = c.clone();
                        S.fmaMod(ci, 0, a, 0, w, ci, 0, n, m, k);
                        assertLazy("fmaMod in place on c " + what, expected, ci, 0, q, 1);
                        REF.fmaMod(expected, 0, a, 0, w, null, 0, n, m, k);
                        S.fmaMod(out, 1, a, 0, w, null, 0, n, m, k);
                        assertLazy("fmaMod c=null " + what, expected, out, 1, q, 1);
                    }
                }
            }
        }
    }

    @Test
    void addSubNegMatchReference() {
        SplittableRandom r = rng("addSubNeg");
        for (long q : eltwiseModuli()) {
            Modulus m = Modulus.of(q);
            for (int n : LENGTHS) {
                long[] a = values(r, n, q, 1);
                long[] b = values(r, n, q, 1);
                long[] e = new long[n];
                long[] o = new long[n + 3];
                String what = "q=" + q + " n=" + n;

                REF.addMod(e, 0, a, 0, b, 0, n, m);
                S.addMod(o, 3, a, 0, b, 0, n, m);
                assertLazy("addMod " + what, e, o, 3, q, 1);
                long[] ai = a.clone();
                S.addMod(ai, 0, ai, 0, b, 0, n, m);
                assertLazy("addMod in place " + what, e, ai, 0, q, 1);

                REF.subMod(e, 0, a, 0, b, 0, n, m);
                S.subMod(o, 3, a, 0, b, 0, n, m);
                assertLazy("subMod " + what, e, o, 3, q, 1);
                long[] bi = b.clone();
                S.subMod(bi, 0, a, 0, bi, 0, n, m);
                assertLazy("subMod in place on b " + what, e, bi, 0, q, 1);

                REF.negMod(e, 0, a, 0, n, m);
                S.negMod(o, 3, a, 0, n, m);
                assertLazy("negMod " + what, e, o, 3, q, 1);
                ai = a.clone();
                S.negMod(ai, 0, ai, 0, n, m);
                assertLazy("negMod in place " + what, e, ai, 0, q, 1);
            }
        }
    }

    @Test
    void reduceModMatchesReference() {
        SplittableRandom r = rng("reduceMod");
        for (long q : eltwiseModuli()) {
            Modulus m = Modulus.of(q);
            for (int n : LENGTHS) {
                for (int inF : new int[] {0, 2, 4}) {
                    long[] a;
                    if (inF == 0) {
                        a = new long[n];
                        for (int i = 0; i < n; i++) {
                            a[i] = r.nextLong();
                        }
                        long[] edges = {-1L, 0, q - 1, q, 2 * q, Long.MAX_VALUE, Long.MIN_VALUE, -q};
                        for (int i = 0; i < Math.min(n, edges.length); i++) {
                            a[i] = edges[i];
                        }
                    } else {
                        a = values(r, n, q, inF);
                    }
                    long[] e = reduce(a, q);
                    long[] e2 = new long[n];
                    REF.reduceMod(e2, 0, a, 0, n, m, inF, 1);
                    assertArrayEquals(e, e2, "reference reduceMod disagrees with remainderUnsigned");
                    for (int outF : new int[] {1, 2}) {
                        String what = "reduceMod q=" + q + " n=" + n + " in=" + inF + " out=" + outF;
                        long[] o = new long[n + 1];
                        S.reduceMod(o, 1, a, 0, n, m, inF, outF);
                        assertLazy(what, e, o, 1, q, outF);
                        long[] ai = a.clone();
                        S.reduceMod(ai, 0, ai, 0, n, m, inF, outF);
                        assertLazy(what + " in place", e, ai, 0, q, outF);
                    }
                }
            }
        }
    }

    @Test
    void mulAccumulateMatchesReference() {
        SplittableRandom r = rng("mulAccumulate");
        for (long q : eltwiseModuli()) {
            Modulus m = Modulus.of(q);
            for (int n : new int[] {0, 1, 5, 513, 1100}) {
                for (int count : new int[] {0, 1, 2, 17, 70}) {
                    long[][] a = new long[count][];
                    long[][] b = new long[count][];
                    boolean worst = count == 70; // every product (q−1)²: the fold boundaries are hit exactly
                    for (int j = 0; j < count; j++) {
                        a[j] = new long[n + 2];
                        b[j] = new long[n + 2];
                        long[] va = values(r, n, q, 1);
                        long[] vb = values(r, n, q, 1);
                        for (int i = 0; i < n; i++) {
                            a[j][2 + i] = worst ? q - 1 : va[i];
                            b[j][2 + i] = worst ? q - 1 : vb[i];
                        }
                    }
                    long[] e = new long[n];
                    REF.mulAccumulate(e, 0, a, b, count, 2, n, m);
                    long[] o = new long[n + 4];
                    S.mulAccumulate(o, 4, a, b, count, 2, n, m);
                    assertLazy("mulAccumulate q=" + q + " n=" + n + " count=" + count, e, o, 4, q, 1);
                }
            }
        }
    }

    @Test
    void reduce128AgainstBigInteger() {
        SplittableRandom r = rng("reduce128");
        for (long q : eltwiseModuli()) {
            ScalarModulus m = ScalarModulus.of(Modulus.of(q));
            BigInteger bq = BigInteger.valueOf(q);
            for (int i = 0; i < 4000; i++) {
                long h = i < 4 ? (i < 2 ? q - 1 : 0) : r.nextLong(q);
                long l = i < 4 ? ((i & 1) == 0 ? -1L : 0) : r.nextLong();
                BigInteger x = BigInteger.valueOf(h).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(l)));
                long want = x.mod(bq).longValueExact();
                assertEquals(want, ScalarEltwise.reduce128(h, l, m), "reduce128 h=" + h + " l=" + Long.toUnsignedString(l) + " q=" + q);
                long x64 = i < 2 ? -1L : r.nextLong();
                assertEquals(Long.remainderUnsigned(x64, q), ScalarEltwise.reduce64(x64, m), "reduce64 " + Long.toUnsignedString(x64));
            }
        }
    }

    // ============================================================================================ registration

    @Test
    void registeredAsScalarTier() throws TierUnavailableException {
        Kernels k = KernelProvider.load("scalar");
        assertTrue(k instanceof ScalarKernels, "service registration loads " + k.getClass());
        assertEquals("scalar", k.tier());
        assertEquals("java-scalar", k.path(4096, Primes.nttPrime(60, 4096)));
        assertEquals(10, KernelProvider.tiers().get("scalar").autoPriority());
    }
}
