package dev.heq.kernel.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heq.kernel.KernelProvider;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.Modulus;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Element-wise kernels of the simd tier against the reference tier (and BigInteger for reduceMod of full
 * 64-bit words), for moduli from 2 to 2^62 − 1 straddling the path boundaries 2^32 and 2^50, lengths that
 * exercise the masked tail (0, 1, 7, 8, 9, 61, 256), all input factors, in place and out of place.
 */
class SimdEltwiseTest {
    static Kernels simd;
    static final Kernels REF = KernelProvider.reference();
    static final long SEED = Long.getLong("heq.tests.seed", System.nanoTime());
    static final long[] MODULI = {2, 3, 17, 65537, (1L << 30) - 35, (1L << 31) + 11, (1L << 32) - 5, (1L << 32) + 15,
        (1L << 49) + 9, (1L << 50) - 27, 1L << 50, (1L << 50) + 55, (1L << 51) - 129, (1L << 52) + 21, (1L << 60) - 93,
        (1L << 61) - 1, 1L << 61, (1L << 62) - 57, (1L << 62) - 1};
    static final int[] LENGTHS = {0, 1, 7, 8, 9, 61, 256};

    @BeforeAll
    static void load() throws Exception {
        System.out.println("SimdEltwiseTest seed=" + SEED + " (rerun with -Dheq.tests.seed=" + SEED + ")");
        simd = new SimdTier().load();
    }

    static long[] values(SplittableRandom r, int n, long q, int factor) {
        long bound = factor * q;
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = SimdNttTest.below(r, bound);
        }
        long[] edges = {0, q - 1, bound - 1, 1};
        for (int i = 0; i < Math.min(n, edges.length); i++) {
            a[r.nextInt(n)] = edges[i];
        }
        return a;
    }

    @Test
    void binaryOps() {
        SplittableRandom r = new SplittableRandom(SEED);
        for (long qv : MODULI) {
            Modulus q = Modulus.of(qv);
            for (int n : LENGTHS) {
                String ctx = " q=" + qv + " n=" + n;
                long[] a = values(r, n, qv, 1);
                long[] b = values(r, n, qv, 1);
                long[] e = new long[n];
                long[] g = new long[n + 3];
                REF.addMod(e, 0, a, 0, b, 0, n, q);
                simd.addMod(g, 3, a, 0, b, 0, n, q);
                assertArrayEquals(e, Arrays.copyOfRange(g, 3, 3 + n), "addMod" + ctx);
                REF.subMod(e, 0, a, 0, b, 0, n, q);
                simd.subMod(g, 3, a, 0, b, 0, n, q);
                assertArrayEquals(e, Arrays.copyOfRange(g, 3, 3 + n), "subMod" + ctx);
                REF.negMod(e, 0, a, 0, n, q);
                long[] c = a.clone();
                simd.negMod(c, 0, c, 0, n, q);
                assertArrayEquals(e, c, "negMod in place" + ctx);
                for (int f : new int[] {1, 2, 4}) {
                    long[] fa = values(r, n, qv, f);
                    long[] fb = values(r, n, qv, f);
                    REF.mulMod(e, 0, fa, 0, fb, 0, n, q, f);
                    long[] x = fa.clone();
                    simd.mulMod(x, 0, x, 0, fb, 0, n, q, f);
                    assertArrayEquals(e, x, "mulMod factor " + f + ctx);
                    long w = SimdNttTest.below(r, qv);
                    REF.mulConstMod(e, 0, fa, 0, w, q.shoup(w), n, q, f);
                    simd.mulConstMod(g, 1, fa, 0, w, q.shoup(w), n, q, f);
                    assertArrayEquals(e, Arrays.copyOfRange(g, 1, 1 + n), "mulConstMod factor " + f + " w=" + w + ctx);
                    REF.mulConstMod(e, 0, fa, 0, qv - 1, q.shoup(qv - 1), n, q, f);
                    simd.mulConstMod(g, 1, fa, 0, qv - 1, q.shoup(qv - 1), n, q, f);
                    assertArrayEquals(e, Arrays.copyOfRange(g, 1, 1 + n), "mulConstMod w=q-1 factor " + f + ctx);
                    REF.fmaMod(e, 0, fa, 0, w, b, 0, n, q, f);
                    simd.fmaMod(g, 0, fa, 0, w, b, 0, n, q, f);
                    assertArrayEquals(e, Arrays.copyOf(g, n), "fmaMod factor " + f + ctx);
                    REF.fmaMod(e, 0, fa, 0, w, null, 0, n, q, f);
                    simd.fmaMod(g, 0, fa, 0, w, null, 0, n, q, f);
                    assertArrayEquals(e, Arrays.copyOf(g, n), "fmaMod without c, factor " + f + ctx);
                }
            }
        }
    }

    @Test
    void reduceMod() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        for (long qv : MODULI) {
            Modulus q = Modulus.of(qv);
            for (int n : LENGTHS) {
                for (int f : new int[] {0, 2, 4}) {
                    long[] a = f == 0 ? r.longs(n).toArray() : values(r, n, qv, f);
                    if (f == 0 && n > 2) {
                        a[0] = -1L; // 2^64 − 1
                        a[1] = Long.MIN_VALUE;
                    }
                    for (int outF : new int[] {1, 2}) {
                        long[] g = new long[n];
                        simd.reduceMod(g, 0, a, 0, n, q, f, outF);
                        for (int i = 0; i < n; i++) {
                            long expect = new BigInteger(Long.toUnsignedString(a[i])).mod(BigInteger.valueOf(qv)).longValue();
                            assertTrue(Long.compareUnsigned(g[i], outF * qv) < 0, "reduceMod range q=" + qv + " in" + f + " out" + outF);
                            assertEquals(expect, Long.remainderUnsigned(g[i], qv), "reduceMod q=" + qv + " a=" + Long.toUnsignedString(a[i]));
                            if (outF == 1) {
                                assertEquals(expect, g[i]);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void mulAccumulate() {
        SplittableRandom r = new SplittableRandom(SEED + 2);
        for (long qv : MODULI) {
            Modulus q = Modulus.of(qv);
            for (int count : new int[] {0, 1, 3, 40}) {
                int n = 61;
                int off = 2;
                long[][] a = new long[count][];
                long[][] b = new long[count][];
                for (int j = 0; j < count; j++) {
                    a[j] = values(r, n + off, qv, 1);
                    b[j] = values(r, n + off, qv, 1);
                    if (j % 2 == 0) {
                        Arrays.fill(a[j], qv - 1); // worst case for lazy sums
                        Arrays.fill(b[j], qv - 1);
                    }
                }
                long[] e = new long[n];
                long[] g = new long[n + 1];
                REF.mulAccumulate(e, 0, a, b, count, off, n, q);
                simd.mulAccumulate(g, 1, a, b, count, off, n, q);
                assertArrayEquals(e, Arrays.copyOfRange(g, 1, 1 + n), "mulAccumulate q=" + qv + " count=" + count);
            }
        }
    }

    @Test
    void validationIsTheBaseClasses() {
        Modulus q = Modulus.of(97);
        assertThrows(IllegalArgumentException.class, () -> simd.addMod(new long[4], 0, new long[4], 0, new long[3], 0, 4, q));
        assertThrows(IllegalArgumentException.class, () -> simd.mulConstMod(new long[4], 0, new long[4], 0, 5, 12345, 4, q, 1));
    }
}
