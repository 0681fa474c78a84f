package dev.heq.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance suite every kernel tier runs: each operation against {@link KernelProvider#reference()} on a
 * grid of degrees, modulus sizes (straddling 2^32, 2^50–2^52 and 2^60–2^61, where tiers switch code paths), lazy
 * factors and in-place/out-of-place placement, with random inputs from a printed seed plus edge values.
 *
 * <p>Subclass once per tier (or per ISA path) and implement {@link #kernels()}; if the tier cannot load here,
 * throw {@link TierUnavailableException} and the whole class is skipped with the reason. Reproduce a failure with
 * {@code -Dheq.tests.seed=<seed>} (printed by each test).
 *
 * <p>Exactness: with output factor 1 the result is unique, so it must equal the reference bit for bit; with a
 * lazy output factor k it must be congruent mod q and lie in [0, k·q). Every call also checks that nothing
 * outside the output region was written (sentinels around each region).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class KernelConformanceSuite {

    /** The tier under test. */
    protected abstract Kernels kernels() throws TierUnavailableException;

    /** Largest log2(N) in the NTT grid; tiers that are slow before JIT warm-up may lower it (not below 13). */
    protected int maxLogN() {
        return 15;
    }

    protected static final Kernels REF = KernelProvider.reference();
    protected static final long SEED = Long.getLong("heq.tests.seed", System.nanoTime());
    private static final long SENTINEL = 0x5EA1_5EA1_5EA1_5EA1L;
    private static final int PAD = 3;

    protected Kernels k;

    @BeforeEach
    void loadTier() {
        try {
            k = kernels();
        } catch (TierUnavailableException e) {
            Assumptions.abort("tier " + e.tier() + " unavailable here: " + e.getMessage() + " (fix: " + e.fix() + ")");
        }
    }

    private SplittableRandom rng(String what) {
        long s = SEED ^ what.hashCode();
        System.out.println("[" + getClass().getSimpleName() + "] " + what + " seed=" + SEED + " (-Dheq.tests.seed=" + SEED + ")");
        return new SplittableRandom(s);
    }

    // --------------------------------------------------------------------------------------------- grids

    /** Bit sizes of NTT primes exercised for every N (skipped where no such prime exists). */
    static final int[] NTT_BITS = {20, 30, 31, 32, 33, 49, 50, 51, 52, 60, 61, 62};

    static Stream<Arguments> nttGrid(int maxLogN) {
        List<Arguments> out = new ArrayList<>();
        for (int logN = 1; logN <= maxLogN; logN++) {
            int n = 1 << logN;
            for (int bits : NTT_BITS) {
                // small primes do not exist for large N (q ≡ 1 mod 2N needs bits > logN + 1)
                if (bits <= logN + 2) {
                    continue;
                }
                long q;
                try {
                    q = Primes.nttPrime(bits, n);
                } catch (IllegalArgumentException e) {
                    continue;
                }
                out.add(Arguments.of(n, q));
            }
        }
        return out.stream();
    }

    Stream<Arguments> nttCases() {
        return nttGrid(maxLogN());
    }

    /** Moduli for the element-wise ops: primes and non-primes, tiny, around the path boundaries, and the maximum. */
    static Stream<Long> eltwiseModuli() {
        return Stream.of(2L, 3L, 65537L, (1L << 30) - 35, (1L << 31) - 1, 4294967291L, (1L << 32) + 15,
                Primes.nttPrime(49, 4096), (1L << 50) - 27, Primes.nttPrime(50, 4096), Primes.nttPrime(51, 4096),
                (1L << 52) - 47, Primes.nttPrime(60, 4096), (1L << 61) - 1, Primes.nttPrime(62, 4096),
                (1L << 62) - 57, (1L << 62) - 2);
    }

    static final int[] LENGTHS = {0, 1, 7, 8, 9, 16, 63, 64, 65, 1000, 4096, 4099};

    // ------------------------------------------------------------------------------------------- helpers

    /** Array of length n + 2·PAD with sentinels, data at offset PAD. */
    private static long[] padded(long[] data) {
        long[] a = new long[data.length + 2 * PAD];
        java.util.Arrays.fill(a, SENTINEL);
        System.arraycopy(data, 0, a, PAD, data.length);
        return a;
    }

    private static long[] unpad(long[] a) {
        return java.util.Arrays.copyOfRange(a, PAD, a.length - PAD);
    }

    private static void checkSentinels(String what, long[] a) {
        for (int i = 0; i < PAD; i++) {
            if (a[i] != SENTINEL || a[a.length - 1 - i] != SENTINEL) {
                fail(what + ": wrote outside its output region");
            }
        }
    }

    /** Uniform in [0, q) with edge values 0, 1, q−1 planted at the start. */
    static long[] uniform(SplittableRandom r, int n, long q) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextLong(q);
        }
        long[] edges = {0, 1 % q, q - 1};
        for (int i = 0; i < Math.min(n, edges.length); i++) {
            a[i] = edges[i];
        }
        return a;
    }

    /** x + c·q with c uniform in [0, factor), keeping x mod q; edges of {@link #uniform} become factor·q − 1 and (factor−1)·q. */
    static long[] lazify(SplittableRandom r, long[] x, long q, int factor) {
        long[] a = x.clone();
        for (int i = 0; i < a.length; i++) {
            a[i] += q * r.nextInt(factor);
        }
        // edges: the planted q−1 becomes factor·q − 1 and the planted 0 becomes (factor−1)·q (congruence kept)
        for (int i = 0; i < Math.min(3, a.length); i++) {
            if (x[i] == q - 1 || x[i] == 0) {
                a[i] = x[i] + (factor - 1) * q;
            }
        }
        return a;
    }

    static void assertCongruent(String what, long[] expected, long[] actual, long q, int factor) {
        assertEquals(expected.length, actual.length, what + ": length");
        if (factor == 1) {
            for (int i = 0; i < expected.length; i++) {
                if (expected[i] != actual[i]) {
                    fail(what + ": index " + i + " expected " + Long.toUnsignedString(expected[i]) + " but was " + Long.toUnsignedString(actual[i]));
                }
            }
            return;
        }
        long bound = factor * q;
        for (int i = 0; i < expected.length; i++) {
            long v = actual[i];
            if (Long.compareUnsigned(v, bound) >= 0 || Long.remainderUnsigned(v, q) != expected[i]) {
                fail(what + ": index " + i + " expected ≡ " + expected[i] + " in [0," + factor + "q) but was " + Long.toUnsignedString(v));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- NTT

    @ParameterizedTest(name = "N={0} q={1}")
    @MethodSource("nttCases")
    void forwardAndInverseNtt(int n, long q) {
        NttTables t = NttTables.of(n, q);
        SplittableRandom r = rng("ntt N=" + n + " q=" + q);
        long[] x = uniform(r, n, q);
        long[] fwdRef = new long[n];
        REF.forwardNtt(fwdRef, 0, x, 0, t, 1, 1);
        long[] invRef = new long[n];
        REF.inverseNtt(invRef, 0, x, 0, t, 1, 1);

        for (int inF : new int[] {1, 2, 4}) {
            for (int outF : new int[] {1, 4}) {
                long[] in = lazify(r, x, q, inF);
                String what = k.tier() + " forward N=" + n + " q=" + q + " in=" + inF + " out=" + outF;
                // out of place, offsets ≠ 0
                long[] src = padded(in);
                long[] dst = padded(new long[n]);
                k.forwardNtt(dst, PAD, src, PAD, t, inF, outF);
                checkSentinels(what, dst);
                assertArrayEquals(in, unpad(src), what + ": input modified by out-of-place call");
                assertCongruent(what + " (out of place)", fwdRef, unpad(dst), q, outF);
                // in place
                long[] buf = padded(in);
                k.forwardNtt(buf, PAD, buf, PAD, t, inF, outF);
                checkSentinels(what, buf);
                assertCongruent(what + " (in place)", fwdRef, unpad(buf), q, outF);
            }
        }
        for (int inF : new int[] {1, 2}) {
            for (int outF : new int[] {1, 2}) {
                long[] in = lazify(r, x, q, inF);
                String what = k.tier() + " inverse N=" + n + " q=" + q + " in=" + inF + " out=" + outF;
                long[] src = padded(in);
                long[] dst = padded(new long[n]);
                k.inverseNtt(dst, PAD, src, PAD, t, inF, outF);
                checkSentinels(what, dst);
                assertArrayEquals(in, unpad(src), what + ": input modified by out-of-place call");
                assertCongruent(what + " (out of place)", invRef, unpad(dst), q, outF);
                long[] buf = padded(in);
                k.inverseNtt(buf, PAD, buf, PAD, t, inF, outF);
                checkSentinels(what, buf);
                assertCongruent(what + " (in place)", invRef, unpad(buf), q, outF);
            }
        }
        // round trip through the tier alone, with the lazy outputs chained as the next inputs where allowed
        long[] y = x.clone();
        k.forwardNtt(y, 0, y, 0, t, 1, 4);
        long[] z = new long[n];
        k.reduceMod(z, 0, y, 0, n, t.modulus(), 4, 2);
        k.inverseNtt(z, 0, z, 0, t, 2, 1);
        assertArrayEquals(x, z, k.tier() + " INTT(NTT(x)) != x for N=" + n + " q=" + q);
    }

    // ------------------------------------------------------------------------------------------ eltwise

    @ParameterizedTest(name = "q={0}")
    @MethodSource("eltwiseModuli")
    void elementWise(long qv) {
        Modulus m = Modulus.of(qv);
        SplittableRandom r = rng("eltwise q=" + qv);
        for (int n : LENGTHS) {
            long[] a = uniform(r, n, qv);
            long[] b = uniform(r, n, qv);
            long[] c = uniform(r, n, qv);
            // reverse b's edge placement so that (q−1)·(q−1) and 0·(q−1) both occur
            for (int i = 0; i < n / 2; i++) {
                long tmp = b[i];
                b[i] = b[n - 1 - i];
                b[n - 1 - i] = tmp;
            }
            String at = " q=" + qv + " n=" + n;

            for (int f : new int[] {1, 2, 4}) {
                long[] la = lazify(r, a, qv, f);
                long[] lb = lazify(r, b, qv, f);
                long[] exp = new long[n];
                REF.mulMod(exp, 0, la, 0, lb, 0, n, m, f);
                assertCongruent(k.tier() + " mulMod f=" + f + at, exp, run2((o, x, y) -> k.mulMod(o, PAD, x, PAD, y, PAD, n, m, f), la, lb, "mulMod"), qv, 1);
                long[] inPlace = la.clone();
                k.mulMod(inPlace, 0, inPlace, 0, lb, 0, n, m, f);
                assertCongruent(k.tier() + " mulMod in place f=" + f + at, exp, inPlace, qv, 1);

                for (long w : new long[] {0, 1 % qv, qv - 1, r.nextLong(qv)}) {
                    long ws = m.shoup(w);
                    REF.mulConstMod(exp, 0, la, 0, w, ws, n, m, f);
                    assertCongruent(k.tier() + " mulConstMod w=" + w + " f=" + f + at, exp,
                            run1(o -> x -> k.mulConstMod(o, PAD, x, PAD, w, ws, n, m, f), la, "mulConstMod"), qv, 1);
                    REF.fmaMod(exp, 0, la, 0, w, c, 0, n, m, f);
                    assertCongruent(k.tier() + " fmaMod w=" + w + " f=" + f + at, exp,
                            run1(o -> x -> k.fmaMod(o, PAD, x, PAD, w, c, 0, n, m, f), la, "fmaMod"), qv, 1);
                    long[] fmaInPlace = la.clone();
                    k.fmaMod(fmaInPlace, 0, fmaInPlace, 0, w, c, 0, n, m, f);
                    assertCongruent(k.tier() + " fmaMod in place w=" + w + " f=" + f + at, exp, fmaInPlace, qv, 1);
                    REF.fmaMod(exp, 0, la, 0, w, null, 0, n, m, f);
                    assertCongruent(k.tier() + " fmaMod (no addend) w=" + w + " f=" + f + at, exp,
                            run1(o -> x -> k.fmaMod(o, PAD, x, PAD, w, null, 0, n, m, f), la, "fmaMod"), qv, 1);
                }
            }

            long[] exp = new long[n];
            // mulAddMod against BigInteger (a·b + c mod q), out of place and in place on each operand
            BigInteger bq = BigInteger.valueOf(qv);
            for (int i = 0; i < n; i++) {
                exp[i] = BigInteger.valueOf(a[i]).multiply(BigInteger.valueOf(b[i])).add(BigInteger.valueOf(c[i])).mod(bq).longValueExact();
            }
            long[] pc = padded(c);
            assertCongruent(k.tier() + " mulAddMod" + at, exp,
                    run2((o, x, y) -> k.mulAddMod(o, PAD, x, PAD, y, PAD, pc, PAD, n, m), a, b, "mulAddMod"), qv, 1);
            assertArrayEquals(c, unpad(pc), "mulAddMod modified c");
            for (int which = 0; which < 3; which++) {
                long[] ia = a.clone();
                long[] ib = b.clone();
                long[] ic = c.clone();
                long[] io = which == 0 ? ia : which == 1 ? ib : ic;
                k.mulAddMod(io, 0, ia, 0, ib, 0, ic, 0, n, m);
                assertCongruent(k.tier() + " mulAddMod in place (operand " + which + ")" + at, exp, io, qv, 1);
            }
            REF.addMod(exp, 0, a, 0, b, 0, n, m);
            assertCongruent(k.tier() + " addMod" + at, exp, run2((o, x, y) -> k.addMod(o, PAD, x, PAD, y, PAD, n, m), a, b, "addMod"), qv, 1);
            long[] ip = a.clone();
            k.addMod(ip, 0, ip, 0, b, 0, n, m);
            assertCongruent(k.tier() + " addMod in place" + at, exp, ip, qv, 1);
            REF.subMod(exp, 0, a, 0, b, 0, n, m);
            assertCongruent(k.tier() + " subMod" + at, exp, run2((o, x, y) -> k.subMod(o, PAD, x, PAD, y, PAD, n, m), a, b, "subMod"), qv, 1);
            ip = b.clone();
            k.subMod(ip, 0, a, 0, ip, 0, n, m);
            assertCongruent(k.tier() + " subMod in place (b)" + at, exp, ip, qv, 1);
            REF.negMod(exp, 0, a, 0, n, m);
            assertCongruent(k.tier() + " negMod" + at, exp, run1(o -> x -> k.negMod(o, PAD, x, PAD, n, m), a, "negMod"), qv, 1);

            // reduceMod: factor 0 = arbitrary 64-bit words (edges 2^64−1, 2^63, multiples of q)
            long[] any = new long[n];
            for (int i = 0; i < n; i++) {
                any[i] = r.nextLong();
            }
            long[] anyEdges = {-1L, Long.MIN_VALUE, 0, qv, -qv, Long.MAX_VALUE};
            for (int i = 0; i < Math.min(n, anyEdges.length); i++) {
                any[i] = anyEdges[i];
            }
            for (int outF : new int[] {1, 2}) {
                REF.reduceMod(exp, 0, any, 0, n, m, 0, 1);
                final int of = outF;
                assertCongruent(k.tier() + " reduceMod in=any out=" + outF + at, exp,
                        run1(o -> x -> k.reduceMod(o, PAD, x, PAD, n, m, 0, of), any, "reduceMod"), qv, outF);
                for (int inF : new int[] {2, 4}) {
                    long[] la = lazify(r, a, qv, inF);
                    REF.reduceMod(exp, 0, la, 0, n, m, inF, 1);
                    final int fi = inF;
                    assertCongruent(k.tier() + " reduceMod in=" + inF + " out=" + outF + at, exp,
                            run1(o -> x -> k.reduceMod(o, PAD, x, PAD, n, m, fi, of), la, "reduceMod"), qv, outF);
                }
            }
        }
    }

    /** Σ a_j∘b_j for counts up to past the point where a 52-bit or 64-bit lazy accumulator would overflow. */
    @ParameterizedTest(name = "q={0}")
    @MethodSource("eltwiseModuli")
    void mulAccumulate(long qv) {
        Modulus m = Modulus.of(qv);
        SplittableRandom r = rng("mulAccumulate q=" + qv);
        for (int count : new int[] {0, 1, 2, 3, 17, 64, 4097}) {
            int n = count > 64 ? 16 : 65;
            long[][] a = new long[count][];
            long[][] b = new long[count][];
            int off = 5;
            for (int j = 0; j < count; j++) {
                a[j] = new long[n + off + 1];
                b[j] = new long[n + off + 1];
                for (int i = 0; i < n; i++) {
                    // half worst-case operands (q−1)², half random
                    boolean worst = (i & 1) == 0;
                    a[j][off + i] = worst ? qv - 1 : r.nextLong(qv);
                    b[j][off + i] = worst ? qv - 1 : r.nextLong(qv);
                }
            }
            long[] exp = new long[n];
            REF.mulAccumulate(exp, 0, a, b, count, off, n, m);
            long[] got = padded(new long[n]);
            k.mulAccumulate(got, PAD, a, b, count, off, n, m);
            checkSentinels("mulAccumulate", got);
            assertCongruent(k.tier() + " mulAccumulate count=" + count + " q=" + qv, exp, unpad(got), qv, 1);
        }
    }

    /**
     * The fused c0/c1 accumulation against an independent oracle: BigInteger Σ for small sums, otherwise the
     * reference tier's single-component mulAccumulate per component. Counts straddle the native batch (8) and
     * the IFMA fold point (1024 terms); lengths include N = 1, non-multiples of 8 and 16, 4096 and 16384; half the
     * operands are q−1 (the worst case for lazy sums). Operands sit at an offset, outputs between sentinels, and a1
     * aliases b for one count (the same array in two operand roles is allowed).
     */
    @ParameterizedTest(name = "q={0}")
    @MethodSource("eltwiseModuli")
    void mulAccumulatePair(long qv) {
        Modulus m = Modulus.of(qv);
        SplittableRandom r = rng("mulAccumulatePair q=" + qv);
        int[][] cases = { // {count, n}
            {0, 9}, {1, 1}, {1, 7}, {7, 8}, {8, 9}, {9, 17}, {9, 33}, {64, 65}, {17, 1000}, {9, 4096}, {2, 16384},
            {1030, 9}, {2100, 17}};
        for (int[] c : cases) {
            int count = c[0], n = c[1], off = 3;
            long[][] a0 = new long[count][], a1 = new long[count][], b = new long[count][];
            for (int j = 0; j < count; j++) {
                a0[j] = new long[n + off + 2];
                a1[j] = new long[n + off + 2];
                b[j] = new long[n + off + 2];
                for (int i = 0; i < n; i++) {
                    boolean worst = (i & 1) == 0;
                    a0[j][off + i] = worst ? qv - 1 : r.nextLong(qv);
                    a1[j][off + i] = worst ? qv - 1 : r.nextLong(qv);
                    b[j][off + i] = worst ? qv - 1 : r.nextLong(qv);
                }
            }
            if (count == 9 && n == 17) {
                a1[4] = b[4]; // a1[j] and b[j] the same array
            }
            long[] exp0 = new long[n], exp1 = new long[n];
            if ((long) count * n <= 20_000) {
                java.math.BigInteger bq = java.math.BigInteger.valueOf(qv);
                for (int i = 0; i < n; i++) {
                    java.math.BigInteger s0 = java.math.BigInteger.ZERO, s1 = java.math.BigInteger.ZERO;
                    for (int j = 0; j < count; j++) {
                        java.math.BigInteger y = java.math.BigInteger.valueOf(b[j][off + i]);
                        s0 = s0.add(java.math.BigInteger.valueOf(a0[j][off + i]).multiply(y));
                        s1 = s1.add(java.math.BigInteger.valueOf(a1[j][off + i]).multiply(y));
                    }
                    exp0[i] = s0.mod(bq).longValueExact();
                    exp1[i] = s1.mod(bq).longValueExact();
                }
            } else {
                REF.mulAccumulate(exp0, 0, a0, b, count, off, n, m);
                REF.mulAccumulate(exp1, 0, a1, b, count, off, n, m);
            }
            long[] got0 = padded(new long[n]), got1 = padded(new long[n]);
            k.mulAccumulatePair(got0, PAD, got1, PAD, a0, a1, b, count, off, n, m);
            checkSentinels("mulAccumulatePair out0", got0);
            checkSentinels("mulAccumulatePair out1", got1);
            String what = k.tier() + " mulAccumulatePair count=" + count + " n=" + n + " q=" + qv;
            assertCongruent(what + " c0", exp0, unpad(got0), qv, 1);
            assertCongruent(what + " c1", exp1, unpad(got1), qv, 1);
        }
    }

    /** Both outputs in one array (disjoint halves), as a caller with one two-component buffer would pass them. */
    @Test
    void mulAccumulatePairOutputsInOneArray() {
        long qv = Primes.nttPrime(50, 4096);
        Modulus m = Modulus.of(qv);
        SplittableRandom r = rng("mulAccumulatePairOutputsInOneArray");
        int n = 100, count = 11;
        long[][] a0 = new long[count][], a1 = new long[count][], b = new long[count][];
        for (int j = 0; j < count; j++) {
            a0[j] = uniform(r, n, qv);
            a1[j] = uniform(r, n, qv);
            b[j] = uniform(r, n, qv);
        }
        long[] exp0 = new long[n], exp1 = new long[n];
        REF.mulAccumulate(exp0, 0, a0, b, count, 0, n, m);
        REF.mulAccumulate(exp1, 0, a1, b, count, 0, n, m);
        long[] both = new long[2 * n];
        k.mulAccumulatePair(both, n, both, 0, a0, a1, b, count, 0, n, m);
        assertCongruent(k.tier() + " mulAccumulatePair c0 (second half)", exp0, java.util.Arrays.copyOfRange(both, n, 2 * n), qv, 1);
        assertCongruent(k.tier() + " mulAccumulatePair c1 (first half)", exp1, java.util.Arrays.copyOfRange(both, 0, n), qv, 1);
    }

    /** Fails the run when -Dheq.tests.requireKernels names a tier other than the one auto-selection chose. */
    @Test
    void requiredTierIsTheChosenOne() {
        String required = System.getProperty("heq.tests.requireKernels", "").trim();
        Assumptions.assumeFalse(required.isEmpty(), "heq.tests.requireKernels not set");
        // Only meaningful where the required tier's module is on the class path (e.g. not in java/kernels itself).
        Assumptions.assumeTrue(KernelProvider.tiers().containsKey(required), "tier " + required + " is not on this module's class path");
        assertEquals(required, KernelProvider.get().tier(), "required kernel tier was not chosen; survey: " + KernelProvider.survey());
    }

    // ------------------------------------------------------------------------------------------ plumbing

    private interface Op2 {
        void apply(long[] out, long[] x, long[] y);
    }

    private interface Op1 {
        java.util.function.Consumer<long[]> on(long[] out);
    }

    /** Runs a binary op out of place on padded copies, checks inputs untouched and sentinels intact. */
    private static long[] run2(Op2 op, long[] x, long[] y, String what) {
        long[] px = padded(x);
        long[] py = padded(y);
        long[] po = padded(new long[x.length]);
        op.apply(po, px, py);
        checkSentinels(what, po);
        assertArrayEquals(x, unpad(px), what + " modified an input");
        assertArrayEquals(y, unpad(py), what + " modified an input");
        return unpad(po);
    }

    private static long[] run1(Op1 op, long[] x, String what) {
        long[] px = padded(x);
        long[] po = padded(new long[x.length]);
        op.on(po).accept(px);
        checkSentinels(what, po);
        assertArrayEquals(x, unpad(px), what + " modified an input");
        return unpad(po);
    }
}
