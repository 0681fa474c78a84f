package dev.heq.kernel.ffi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heq.kernel.KernelProvider;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.Modulus;
import dev.heq.kernel.NttTables;
import dev.heq.kernel.Primes;
import dev.heq.kernel.TierUnavailableException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Path selection (HEXL's rules), tier naming, and a few cross-path checks the conformance grid does not spell out. */
class NativeKernelsTest {
    private static final long SEED = Long.getLong("heq.tests.seed", System.nanoTime());

    private static NativeKernels bind(String binding, String isa) {
        try {
            return NativeKernels.forIsa(binding, isa);
        } catch (TierUnavailableException e) {
            Assumptions.abort(binding + "/" + isa + " unavailable: " + e.getMessage());
            return null;
        }
    }

    @Test
    void pathFollowsTheIfmaBoundAndTheVectorMinimum() {
        NativeKernels k = bind("ffm", "avx512ifma");
        long below = Primes.nttPrimes(50, 4096, 1)[0]; // largest 50-bit prime: < 2^50
        long above = Primes.nttPrimes(51, 4096, 1)[0];
        assertTrue(below < Isa.IFMA_MAX_Q && above > Isa.IFMA_MAX_Q);
        assertEquals("avx512ifma", k.path(4096, below));
        assertEquals("avx512dq", k.path(4096, above));
        assertEquals("scalar-c", k.path(8, below));
        assertEquals("avx512ifma", k.path(16, below));
        assertEquals("avx512dq", bind("ffm", "avx512dq").path(4096, below));
        assertEquals("scalar-c", bind("ffm", "scalar").path(4096, below));
    }

    @Test
    void tierNamesAndDescriptions() throws TierUnavailableException {
        Kernels ffm = KernelProvider.load("ffm");
        assertEquals("ffm", ffm.tier());
        assertTrue(ffm.describe().startsWith("ffm (heqkernels "), ffm.describe());
        Kernels jna = KernelProvider.load("jna");
        assertEquals("jna", jna.tier());
        assertTrue(jna.describe().contains("via JNA"), jna.describe());
        assertThrows(IllegalArgumentException.class, () -> NativeKernels.forIsa("ffm", "sse2"));
        IllegalArgumentException hexlIsNoIsa = assertThrows(IllegalArgumentException.class, () -> NativeKernels.forIsa("ffm", "hexl"));
        assertTrue(hexlIsNoIsa.getMessage().contains("-Dheq.kernels=hexl"), hexlIsNoIsa.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NativeKernels.forIsa("jni", "scalar"));
    }

    @Test
    void hexlTierIsNamedOrExplainsWhyNot() {
        try {
            Kernels h = KernelProvider.load("hexl");
            assertEquals("hexl", h.tier());
            assertEquals("hexl", h.path(4096, Primes.nttPrimes(50, 4096, 1)[0]));
            assertTrue(h.describe().contains("HEQ's own mulAdd and mac-pair kernels"), h.describe());
        } catch (TierUnavailableException e) {
            assertTrue(e.getMessage().contains("not built with HEXL") || e.getMessage().contains("libheqkernels"), e.getMessage());
        }
    }

    /** Every path and both bindings give identical fully reduced results on one shared input (N = 2^15, 3 sizes). */
    @Test
    void allPathsAgreeOnLargeTransforms() {
        System.out.println("[NativeKernelsTest] seed=" + SEED + " (-Dheq.tests.seed=" + SEED + ")");
        SplittableRandom r = new SplittableRandom(SEED);
        int n = 1 << 15;
        String[][] paths = {{"ffm", "scalar"}, {"ffm", "avx512dq"}, {"ffm", "avx512ifma"}, {"jna", "scalar"}, {"jna", "avx512dq"}, {"jna", "avx512ifma"}};
        for (int bits : new int[] {33, 50, 61}) {
            long q = Primes.nttPrimes(bits, n, 1)[0];
            NttTables t = NttTables.of(n, q);
            long[] a = new long[n];
            for (int i = 0; i < n; i++) {
                a[i] = r.nextLong(q);
            }
            long[] want = a.clone();
            KernelProvider.reference().forwardNtt(want, 0, t);
            for (String[] p : paths) {
                NativeKernels k;
                try {
                    k = NativeKernels.forIsa(p[0], p[1]);
                } catch (TierUnavailableException e) {
                    continue;
                }
                long[] x = a.clone();
                k.forwardNtt(x, 0, t);
                assertArrayEquals(want, x, p[0] + "/" + k.path(n, q) + " forward, " + bits + "-bit q=" + q);
                k.inverseNtt(x, 0, t);
                assertArrayEquals(a, x, p[0] + "/" + k.path(n, q) + " round trip, " + bits + "-bit q=" + q);
            }
        }
    }

    /** mulAccumulate folds its 128-bit accumulator every 15 products: check across several folds against the reference. */
    @Test
    void mulAccumulateAcrossFolds() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        long q = (1L << 62) - 57; // largest products, so an unfolded 128-bit sum would overflow after 16
        Modulus m = Modulus.of(q);
        int n = 37;
        int count = 61;
        long[][] a = new long[count][n];
        long[][] b = new long[count][n];
        for (int j = 0; j < count; j++) {
            for (int i = 0; i < n; i++) {
                a[j][i] = q - 1 - r.nextLong(4);
                b[j][i] = q - 1 - r.nextLong(4);
            }
        }
        long[] want = new long[n];
        KernelProvider.reference().mulAccumulate(want, 0, a, b, count, 0, n, m);
        for (String[] p : new String[][] {{"ffm", "scalar"}, {"ffm", "avx512dq"}, {"jna", "scalar"}}) {
            long[] got = new long[n];
            bind(p[0], p[1]).mulAccumulate(got, 0, a, b, count, 0, n, m);
            assertArrayEquals(want, got, p[0] + "/" + p[1]);
        }
    }

    /** The C ABI's batch size, declared on both sides of the binding (FFM descriptor, NativeKernels' loop). */
    @Test
    void macPairBatchMatchesTheDowncallDescriptor() {
        assertEquals(dev.heq.kernel.ffi.ffm.FfmDowncalls.MAC_PAIR_BATCH, NativeBinding.MAC_PAIR_BATCH);
    }

    /**
     * The fused kernels (heq_mul_add_mod, heq_mac_pair) through every binding and ISA, not only the best one the
     * conformance classes of jna and hexl bind: both against the reference tier, mulAddMod in place on each operand,
     * and mulAccumulatePair across one batch, several batches and a fold (count past MAC_PAIR_MAX_TERMS).
     */
    @Test
    void fusedKernelsThroughEveryBindingAndIsa() {
        SplittableRandom r = new SplittableRandom(SEED + 2);
        Kernels ref = KernelProvider.reference();
        String[][] paths = {{"ffm", "scalar"}, {"ffm", "avx512dq"}, {"ffm", "avx512ifma"}, {"jna", "scalar"}, {"jna", "avx512dq"},
            {"jna", "avx512ifma"}, {"hexl", "scalar"}, {"hexl", "avx512ifma"}};
        for (long q : new long[] {Primes.nttPrimes(50, 4096, 1)[0], (1L << 62) - 57}) {
            Modulus m = Modulus.of(q);
            int n = 37;
            long[] a = random(r, n, q), b = random(r, n, q), c = random(r, n, q), want = new long[n];
            ref.mulAddMod(want, 0, a, 0, b, 0, c, 0, n, m);
            int count = NativeBinding.MAC_PAIR_MAX_TERMS + 3 * NativeBinding.MAC_PAIR_BATCH + 5;
            long[][] a0 = new long[count][], a1 = new long[count][], bb = new long[count][];
            for (int j = 0; j < count; j++) {
                a0[j] = random(r, n + 2, q);
                a1[j] = random(r, n + 2, q);
                bb[j] = random(r, n + 2, q);
            }
            for (String[] p : paths) {
                NativeKernels k;
                try {
                    k = NativeKernels.forIsa(p[0], p[1]);
                } catch (TierUnavailableException e) {
                    continue;
                }
                String what = p[0] + "/" + p[1] + " q=" + q;
                long[] got = new long[n + 4], a2 = a.clone(), b2 = b.clone(), c2 = c.clone();
                k.mulAddMod(got, 4, a2, 0, b2, 0, c2, 0, n, m);
                assertArrayEquals(want, java.util.Arrays.copyOfRange(got, 4, n + 4), what + " mulAddMod");
                assertTrue(java.util.Arrays.equals(a, a2) && java.util.Arrays.equals(b, b2) && java.util.Arrays.equals(c, c2),
                        what + " mulAddMod modified an input");
                for (int which = 0; which < 3; which++) {
                    long[] x = a.clone(), y = b.clone(), z = c.clone();
                    long[] io = which == 0 ? x : which == 1 ? y : z;
                    k.mulAddMod(io, 0, x, 0, y, 0, z, 0, n, m);
                    assertArrayEquals(want, io, what + " mulAddMod in place on operand " + which);
                }
                for (int cnt : new int[] {1, NativeBinding.MAC_PAIR_BATCH, 3 * NativeBinding.MAC_PAIR_BATCH + 1, count}) {
                    long[] w0 = new long[n], w1 = new long[n], g0 = new long[n], g1 = new long[n];
                    ref.mulAccumulate(w0, 0, a0, bb, cnt, 2, n, m);
                    ref.mulAccumulate(w1, 0, a1, bb, cnt, 2, n, m);
                    k.mulAccumulatePair(g0, 0, g1, 0, a0, a1, bb, cnt, 2, n, m);
                    assertArrayEquals(w0, g0, what + " mulAccumulatePair c0, count=" + cnt);
                    assertArrayEquals(w1, g1, what + " mulAccumulatePair c1, count=" + cnt);
                }
            }
        }
    }

    private static long[] random(SplittableRandom r, int n, long q) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextLong(q);
        }
        return a;
    }
}
