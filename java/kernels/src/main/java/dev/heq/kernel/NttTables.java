package dev.heq.kernel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Twiddle tables for the negacyclic NTT over Z_q[X]/(X^N + 1), cached per (N, q).
 *
 * <h2>Convention (shared by every tier, identical to HEXL's and SEAL's)</h2>
 * ψ is the <em>minimal</em> primitive 2N-th root of unity mod q (smallest value, as HEXL's MinimalPrimitiveRoot),
 * so every party and every tier derives the same tables. The forward transform takes coefficients a_0..a_{N−1}
 * in natural order and returns evaluations in bit-reversed order:
 * <pre>  y[j] = a(ψ^(2·brv(j) + 1)) mod q,   brv = log2(N)-bit reversal.</pre>
 * The inverse transform maps such y back to a. Products in the NTT domain are element-wise, so the order does
 * not matter to users as long as both operands come from the same forward transform.
 *
 * <h2>Tables</h2>
 * {@code rootPowers[k] = ψ^brv(k)} (k in [0, N); entry 0 is 1 and unused), used by Cooley–Tukey stage m at
 * index m + i; {@code invRootPowers[k] = ψ^−brv(k)} for Gentleman–Sande; both also as Shoup factors
 * ⌊w·2^64/q⌋. Tiers attach layouts of their own (vector-lane permuted, 52-bit IFMA Shoup, off-heap copies)
 * through {@link #tierData}.
 */
public final class NttTables {
    /** Largest supported log2(N). */
    public static final int MAX_LOG_N = 17;

    private record Key(int n, long q) {}

    private static final Map<Key, NttTables> CACHE = new ConcurrentHashMap<>();

    private final int n;
    private final int logN;
    private final Modulus modulus;
    private final long psi;
    private final long nInv;
    private final long nInvShoup;
    private final long[] rootPowers;
    private final long[] rootPowersShoup;
    private final long[] invRootPowers;
    private final long[] invRootPowersShoup;
    private final Map<String, Object> tierData = new ConcurrentHashMap<>();

    private NttTables(int n, long q) {
        this.n = n;
        this.logN = Integer.numberOfTrailingZeros(n);
        this.modulus = Modulus.of(q);
        this.psi = minimalPrimitiveRoot(2L * n, q);
        long psiInv = ModArith.invModPrime(psi, q);
        this.nInv = ModArith.invModPrime(n % q, q);
        this.nInvShoup = ModArith.shoup(nInv, q);
        this.rootPowers = new long[n];
        this.invRootPowers = new long[n];
        // powers of ψ and ψ^-1 in natural order, then scattered to bit-reversed positions
        long p = 1;
        long pi = 1;
        for (int i = 0; i < n; i++) {
            int r = ModArith.bitReverse(i, logN);
            rootPowers[r] = p;
            invRootPowers[r] = pi;
            p = ModArith.mulMod(p, psi, q);
            pi = ModArith.mulMod(pi, psiInv, q);
        }
        this.rootPowersShoup = shoupAll(rootPowers, q);
        this.invRootPowersShoup = shoupAll(invRootPowers, q);
    }

    private static long[] shoupAll(long[] w, long q) {
        long[] s = new long[w.length];
        for (int i = 0; i < w.length; i++) {
            s[i] = ModArith.shoup(w[i], q);
        }
        return s;
    }

    /**
     * Tables for degree n and prime q, created on first use and cached.
     *
     * @throws IllegalArgumentException if n is not a power of two in [2, 2^17], q is not a prime below 2^62, or
     *                                  q ≢ 1 (mod 2n); the message names the offending value
     */
    public static NttTables of(int n, long q) {
        NttTables t = CACHE.get(new Key(n, q));
        if (t != null) {
            return t;
        }
        checkDegree(n);
        checkNttModulus(n, q);
        return CACHE.computeIfAbsent(new Key(n, q), k -> new NttTables(k.n, k.q));
    }

    /** @throws IllegalArgumentException unless n is a power of two in [2, 2^17] */
    public static void checkDegree(int n) {
        if (n < 2 || n > (1 << MAX_LOG_N) || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("NTT degree N=" + n + " must be a power of two in [2, 2^" + MAX_LOG_N + "]");
        }
    }

    /** @throws IllegalArgumentException unless q is a prime below 2^62 with q ≡ 1 (mod 2n) */
    public static void checkNttModulus(int n, long q) {
        if (q < 3 || q >= ModArith.MAX_MODULUS) {
            throw new IllegalArgumentException("NTT modulus q=" + Long.toUnsignedString(q) + " must be in [3, 2^62)");
        }
        if (Long.remainderUnsigned(q, 2L * n) != 1) {
            throw new IllegalArgumentException("NTT modulus q=" + q + " is not ≡ 1 (mod 2N=" + (2L * n) + ")");
        }
        if (!Primes.isPrime(q)) {
            throw new IllegalArgumentException("NTT modulus q=" + q + " is not prime");
        }
    }

    /**
     * The smallest primitive m-th root of unity mod prime q (m a power of two dividing q − 1). A candidate
     * x = g^((q−1)/m) is primitive iff x^(m/2) = −1; the primitive roots are then x^k for odd k, and we keep the
     * smallest.
     */
    static long minimalPrimitiveRoot(long m, long q) {
        long x = 0;
        for (long g = 2; g < q; g++) {
            long c = ModArith.powMod(g, (q - 1) / m, q);
            if (ModArith.powMod(c, m / 2, q) == q - 1) {
                x = c;
                break;
            }
        }
        if (x == 0) {
            throw new IllegalArgumentException("no primitive " + m + "-th root of unity mod " + q);
        }
        long x2 = ModArith.mulMod(x, x, q);
        long best = x;
        long cur = x;
        for (long k = 3; k < m; k += 2) {
            cur = ModArith.mulMod(cur, x2, q);
            if (Long.compareUnsigned(cur, best) < 0) {
                best = cur;
            }
        }
        return best;
    }

    public int n() {
        return n;
    }

    public int logN() {
        return logN;
    }

    public long q() {
        return modulus.value();
    }

    public Modulus modulus() {
        return modulus;
    }

    /** The minimal primitive 2N-th root of unity ψ. */
    public long psi() {
        return psi;
    }

    /** N^−1 mod q, in [1, q). */
    public long nInv() {
        return nInv;
    }

    public long nInvShoup() {
        return nInvShoup;
    }

    /** ψ^brv(k), k in [0, N). Shared, do not modify. */
    public long[] rootPowers() {
        return rootPowers;
    }

    /** ⌊rootPowers[k]·2^64/q⌋. Shared, do not modify. */
    public long[] rootPowersShoup() {
        return rootPowersShoup;
    }

    /** ψ^−brv(k), k in [0, N). Shared, do not modify. */
    public long[] invRootPowers() {
        return invRootPowers;
    }

    /** ⌊invRootPowers[k]·2^64/q⌋. Shared, do not modify. */
    public long[] invRootPowersShoup() {
        return invRootPowersShoup;
    }

    /** Per-tier precomputed data for these tables, created once by {@code factory} and cached under {@code key}. */
    @SuppressWarnings("unchecked")
    public <T> T tierData(String key, Function<NttTables, T> factory) {
        return (T) tierData.computeIfAbsent(key, k -> factory.apply(this));
    }

    @Override
    public String toString() {
        return "NttTables[N=" + n + ", q=" + modulus.value() + " (" + modulus.bits() + " bits)]";
    }
}
