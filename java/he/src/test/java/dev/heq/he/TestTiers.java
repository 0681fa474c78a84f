package dev.heq.he;

import dev.heq.kernel.KernelProvider;
import dev.heq.primitives.AesCtrPrg;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.TierUnavailableException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test support: the tiers to run on, seeds, and independent oracles. */
public final class TestTiers {
    private TestTiers() {}

    /** Every tier {@link KernelProvider#load} can load here (unavailable ones are skipped, with the reason printed). */
    public static List<Kernels> available() {
        List<Kernels> out = new ArrayList<>();
        for (String name : KernelProvider.KNOWN_TIERS) {
            try {
                out.add(KernelProvider.load(name));
            } catch (TierUnavailableException e) {
                System.out.println("[tiers] skipping " + name + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** The JVM's chosen tier (what production code uses). */
    public static Kernels chosen() {
        return KernelProvider.get();
    }

    /** A seeded Random whose seed is printed, so a failure can be replayed. */
    public static Random random(String test) {
        long seed = Long.getLong("heq.tests.seed", System.nanoTime());
        System.out.println("[seed] " + test + " seed=" + seed + " (replay with -Dheq.tests.seed=" + seed + ")");
        return new Random(seed);
    }

    /** Uniform plaintext coefficients in [0, 2^bits). */
    public static long[] uniform(Random rnd, int n, int bits) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextLong() & ((1L << bits) - 1);
        }
        return v;
    }

    /** Signed coefficients in [−bound, bound]. */
    public static long[] small(Random rnd, int n, long bound) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextLong(2 * bound + 1) - bound;
        }
        return v;
    }

    /** Negacyclic product a·b mod 2^bits in Z[X]/(X^N+1), BigInteger schoolbook (the definition). */
    public static long[] negacyclicBig(long[] a, long[] b, int bits) {
        int n = a.length;
        BigInteger t = BigInteger.ONE.shiftLeft(bits);
        BigInteger[] acc = new BigInteger[n];
        java.util.Arrays.fill(acc, BigInteger.ZERO);
        for (int i = 0; i < n; i++) {
            BigInteger ai = BigInteger.valueOf(a[i]);
            for (int j = 0; j < n; j++) {
                BigInteger p = ai.multiply(BigInteger.valueOf(b[j]));
                int k = i + j;
                if (k < n) {
                    acc[k] = acc[k].add(p);
                } else {
                    acc[k - n] = acc[k - n].subtract(p);
                }
            }
        }
        long[] out = new long[n];
        for (int k = 0; k < n; k++) {
            out[k] = acc[k].mod(t).longValue();
        }
        return out;
    }

    /**
     * The same product with wrapping 64-bit arithmetic (exact mod 2^bits since 2^bits divides 2^64); cross-checked
     * against {@link #negacyclicBig} in RingTest, used for N where BigInteger is too slow.
     */
    public static long[] negacyclicWrap(long[] a, long[] b, int bits) {
        int n = a.length;
        long[] acc = new long[n];
        for (int i = 0; i < n; i++) {
            long ai = a[i];
            for (int j = 0; j < n - i; j++) {
                acc[i + j] += ai * b[j];
            }
            for (int j = n - i; j < n; j++) {
                acc[i + j - n] -= ai * b[j];
            }
        }
        long mask = (1L << bits) - 1;
        for (int k = 0; k < n; k++) {
            acc[k] &= mask;
        }
        return acc;
    }

    /** The same product when b is sparse: the schoolbook sum restricted to b's non-zero coefficients. */
    public static long[] negacyclicSparse(long[] a, long[] b, int bits) {
        int n = a.length;
        long[] acc = new long[n];
        for (int k = 0; k < n; k++) {
            long bk = b[k];
            if (bk == 0) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                int j = i + k;
                if (j < n) {
                    acc[j] += a[i] * bk;
                } else {
                    acc[j - n] -= a[i] * bk;
                }
            }
        }
        long mask = (1L << bits) - 1;
        for (int k = 0; k < n; k++) {
            acc[k] &= mask;
        }
        return acc;
    }

    /** A conv-like result: Σ_{j<count} (query_j + server share_j) × w_j with 3×3 kernels of weights in [−wMax, wMax]. */
    public record Workload(Ciphertext result, long[] expected, double weightL1) {}

    public static Workload workload(HeContext ctx, SecretKey sk, Random rnd, int count, int wMax) {
        HeParameters p = ctx.params();
        int n = p.n();
        int ell = p.plainBits();
        long mask = p.plainModulus() - 1;
        Encryptor enc = new Encryptor(ctx, new AesCtrPrg(AesCtrPrg.keyFromLong(rnd.nextLong())));
        Evaluator ev = new Evaluator(ctx);
        Ciphertext[] cts = new Ciphertext[count];
        NttPlaintext[] pts = new NttPlaintext[count];
        long[] acc = new long[n];
        double l1 = 0;
        for (int j = 0; j < count; j++) {
            long[] x = uniform(rnd, n, ell);
            long[] w = new long[n];
            for (int i = 0; i < 9; i++) {
                int pos = (i / 3) * 66 + (i % 3);
                w[pos] = rnd.nextInt(2 * wMax + 1) - wMax;
                l1 += Math.abs(w[pos]);
            }
            Plaintext client = Plaintext.of(ell, uniform(rnd, n, ell));
            long[] server = new long[n];
            for (int i = 0; i < n; i++) {
                server[i] = x[i] - client.unsigned(i);
            }
            cts[j] = ev.addPlain(ev.expand(enc.encryptSymmetric(client, sk)), Plaintext.of(ell, server));
            pts[j] = ev.prepare(Plaintext.of(ell, w));
            long[] pj = negacyclicSparse(x, w, ell);
            for (int i = 0; i < n; i++) {
                acc[i] = (acc[i] + pj[i]) & mask;
            }
        }
        return new Workload(ev.mulAccumulate(cts, pts, count), acc, l1);
    }

    /** Small insecure parameters for fast tests: N, primes of the given bit sizes, t = 2^ell. */
    public static HeParameters tiny(int n, int ell, int... bits) {
        long[] q = HeParameters.chain(n, bits);
        return HeParameters.of("tiny-" + n, n, q, ell, q[0], true);
    }
}
