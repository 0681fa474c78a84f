package dev.heq.ring;

import dev.heq.kernel.Kernels;
import java.math.BigInteger;

/**
 * Scale-and-round from R_Q to Z_T: out_j = ⌊T·x_j/Q⌉ mod T for the CRT value x_j ∈ [0, Q) of each coefficient,
 * for a target modulus 2 ≤ T &lt; 2^62 (a plaintext modulus t = 2^ℓ for BFV decryption, or a smaller ciphertext
 * modulus q' for modulus switching). Works for any basis, including when T exceeds some q_i.
 *
 * <h2>Method (no big integers)</h2>
 * With y_i = x_i·(Q/q_i)^−1 mod q_i, CRT gives x = Σ y_i·(Q/q_i) − α·Q for an integer α, hence
 * T·x/Q = Σ_i y_i·T/q_i − α·T, and modulo T the α·T term vanishes:
 * <pre>  ⌊T·x/Q⌉ mod T = ⌊Σ_i y_i·T/q_i⌉ mod T.</pre>
 * (The same identity underlies BEHZ's and SEAL's fast base conversion; here we keep a 64-bit fraction instead
 * of an auxiliary modulus.) T/q_i is precomputed as I_i + F_i with I_i = ⌊T/q_i⌋ and F_i a 128-bit binary
 * fraction; each term contributes an integer part ⌊y_i·T/q_i⌋ &lt; T (since y_i &lt; q_i) and a 64-bit fraction.
 * The fractions are summed with carries, and rounding adds one half. The y_i come from one kernel
 * {@code mulConstMod} per limb (none for one prime, where (Q/q)^−1 = 1); the per-coefficient loop is three or
 * four 64-bit multiplies per limb, unrolled for one and two primes.
 *
 * <p>Accuracy: each term's fraction is truncated by less than 2^−63, so the computed sum is at most k·2^−63
 * below the exact one; the result can differ from exact rounding only when the exact fractional part lies in
 * [1/2, 1/2 + k·2^−63). For decryption that means the noise is already at the failure edge; for modulus
 * switching it adds at most 1 to that coefficient's rounding error.
 */
public final class RnsRounder {
    private final RnsRing ring;
    private final long target;
    private final long[] intPart;
    private final long[] fracHi;
    private final long[] fracLo;
    private final boolean powerOfTwo;
    /**
     * Exact rescaling (two primes, T one of them, as when a response is switched to a chain prime): the index of the
     * prime equal to T, else −1. Then ⌊T·x/Q⌉ = ⌊x/q_b⌉ for the other prime q_b, computed exactly by kernel ops.
     */
    private final int keep;
    /** h = (q_b − 1)/2 modulo q_b and modulo T, N copies each (built on first use); q_b^−1 mod T and its Shoup factor. */
    private volatile long[][] halves;
    private final long dropInv;
    private final long dropInvShoup;

    public RnsRounder(RnsRing ring, long target) {
        if (target < 2 || target >= (1L << 62)) {
            throw new IllegalArgumentException("rounding target T=" + target + " must be in [2, 2^62)");
        }
        this.ring = ring;
        this.target = target;
        this.powerOfTwo = (target & (target - 1)) == 0;
        RnsBasis b = ring.basis();
        int k = b.size();
        intPart = new long[k];
        fracHi = new long[k];
        fracLo = new long[k];
        BigInteger t = BigInteger.valueOf(target);
        for (int i = 0; i < k; i++) {
            BigInteger qi = BigInteger.valueOf(b.prime(i));
            BigInteger[] qr = t.divideAndRemainder(qi);
            intPart[i] = qr[0].longValueExact();
            BigInteger f = qr[1].shiftLeft(128).divide(qi); // ⌊(T mod q_i)·2^128 / q_i⌋ < 2^128
            fracHi[i] = f.shiftRight(64).longValue();
            fracLo[i] = f.longValue();
        }
        int kept = -1;
        if (k == 2) {
            kept = b.prime(0) == target ? 0 : b.prime(1) == target ? 1 : -1;
        }
        keep = kept;
        if (kept >= 0) {
            long qb = b.prime(1 - kept);
            dropInv = BigInteger.valueOf(qb).modInverse(t).longValueExact();
            dropInvShoup = b.modulus(kept).shoup(dropInv);
        } else {
            dropInv = 0;
            dropInvShoup = 0;
        }
    }

    public long target() {
        return target;
    }

    public RnsRing ring() {
        return ring;
    }

    /** Rounds every coefficient of p (coefficient form) into out[0, N), values in [0, T). */
    public void round(RnsPoly p, long[] out) {
        round(p, null, out);
    }

    /**
     * Rounds the coefficients of p (coefficient form) at {@code indices} (all N when null) into
     * out[0, indices.length), values in [0, T). p is not modified.
     */
    public void round(RnsPoly p, int[] indices, long[] out) {
        check(p, indices, out);
        long[] y = ring.basis().size() == 1 ? p.data() : new long[p.data().length];
        roundInto(p, y, indices, out);
    }

    /**
     * As {@link #round(RnsPoly, int[], long[])}, but uses p's residues as scratch: p is left holding unspecified
     * values. Saves a k·N allocation where the caller discards p anyway (decryption, modulus switching).
     */
    public void roundDestroying(RnsPoly p, int[] indices, long[] out) {
        check(p, indices, out);
        roundInto(p, p.data(), indices, out);
    }

    /**
     * For a single-prime ring: out[c] = ⌊T·x[c]/q⌉ mod T for c &lt; count, residues x[c] ∈ [0, q) given directly
     * (no N-coefficient poly needed when only some coefficients are rounded).
     */
    public void roundResidues(long[] x, int count, long[] out) {
        if (ring.basis().size() != 1) {
            throw new IllegalArgumentException("roundResidues needs a single-prime ring, basis has " + ring.basis().size() + " primes");
        }
        if (count < 0 || count > x.length || count > out.length) {
            throw new IllegalArgumentException("count " + count + " exceeds input (" + x.length + ") or output (" + out.length + ")");
        }
        long q = ring.basis().prime(0);
        for (int c = 0; c < count; c++) {
            if (x[c] < 0 || x[c] >= q) {
                throw new IllegalArgumentException("residue " + c + " = " + x[c] + " outside [0, " + q + ")");
            }
        }
        sum1(x, null, count, out);
    }

    private void check(RnsPoly p, int[] indices, long[] out) {
        if (p.isNtt()) {
            throw new IllegalArgumentException("scale-and-round needs coefficient form, got NTT form");
        }
        if (!p.basis().equals(ring.basis())) {
            throw new IllegalArgumentException("poly basis differs from the rounder's basis");
        }
        int count = indices == null ? p.n() : indices.length;
        if (out.length < count) {
            throw new IllegalArgumentException("output has " + out.length + " slots, need " + count);
        }
        if (indices != null) {
            for (int j : indices) {
                if (j < 0 || j >= p.n()) {
                    throw new IllegalArgumentException("index " + j + " outside [0, " + p.n() + ")");
                }
            }
        }
    }

    /** y_i = x_i·(Q/q_i)^−1 mod q_i into y (may be p's own array; for k = 1 the factor is 1 and y is p), then the sum. */
    private void roundInto(RnsPoly p, long[] y, int[] indices, long[] out) {
        RnsBasis b = ring.basis();
        Kernels kern = ring.kernels();
        int n = b.n();
        int k = b.size();
        if (keep >= 0) {
            rescale(p.data(), y, indices, out);
            return;
        }
        if (k > 1) {
            for (int i = 0; i < k; i++) {
                kern.mulConstMod(y, i * n, p.data(), i * n, b.qHatInv(i), b.qHatInvShoup(i), n, b.modulus(i), 1);
            }
        } else if (y != p.data()) {
            System.arraycopy(p.data(), 0, y, 0, n);
        }
        int count = indices == null ? n : indices.length;
        if (k == 1) {
            sum1(y, indices, count, out);
        } else if (k == 2) {
            sum2(y, n, indices, count, out);
        } else {
            sumK(y, n, k, indices, count, out);
        }
    }

    /**
     * Q = q_a·q_b, T = q_a: ⌊x/q_b⌉ = (x + h − ((x + h) mod q_b))/q_b with h = (q_b − 1)/2 (q_b is odd, so this is
     * round-half-up and there are no ties), and modulo q_a the division is a product with q_b^−1. Residues only:
     * r_b = (x_b + h) mod q_b (then mod q_a), result = (x_a + h − r_b)·q_b^−1 mod q_a. Five kernel passes; exact,
     * so equal to the general path wherever that one is exact.
     */
    private void rescale(long[] x, long[] y, int[] indices, long[] out) {
        RnsBasis b = ring.basis();
        Kernels kern = ring.kernels();
        int n = b.n();
        int drop = 1 - keep;
        long[][] h = halves;
        if (h == null) {
            long half = (b.prime(drop) - 1) / 2;
            long[] hb = new long[n];
            long[] ha = new long[n];
            java.util.Arrays.fill(hb, half);
            java.util.Arrays.fill(ha, half % target);
            h = new long[][] {hb, ha};
            halves = h; // benign race: every thread builds the same read-only arrays
        }
        int ka = keep * n;
        int kb = drop * n;
        kern.addMod(y, kb, x, kb, h[0], 0, n, b.modulus(drop)); // r_b
        if (b.prime(drop) > target) {
            kern.reduceMod(y, kb, y, kb, n, b.modulus(keep), 0, 1);
        }
        kern.addMod(y, ka, x, ka, h[1], 0, n, b.modulus(keep));
        kern.subMod(y, ka, y, ka, y, kb, n, b.modulus(keep));
        kern.mulConstMod(y, ka, y, ka, dropInv, dropInvShoup, n, b.modulus(keep), 1);
        int count = indices == null ? n : indices.length;
        for (int c = 0; c < count; c++) {
            out[c] = y[ka + (indices == null ? c : indices[c])];
        }
    }

    /*
     * Each term y·(I + F) contributes y·I + hi(y·F_hi) to the integer part and the 64-bit fraction
     * lo(y·F_hi) + hi(y·F_lo), whose carry goes to the integer part. Integer parts stay below 2^63 before the final
     * reduction: each term's is ≤ ⌊y·T/q⌋ + 1 ≤ T, and k·T + k + 1 &lt; 2^63 for k ≤ 2 and T &lt; 2^62; the general path
     * reduces after every term. Carries are compareUnsigned (a flag-setting compare, no branch).
     */

    private void sum1(long[] y, int[] indices, int count, long[] out) {
        long t = target;
        long i0 = intPart[0];
        long h0 = fracHi[0];
        long l0 = fracLo[0];
        for (int c = 0; c < count; c++) {
            long y0 = y[indices == null ? c : indices[c]];
            long a0 = y0 * h0;
            long f0 = a0 + Math.unsignedMultiplyHigh(y0, l0);
            long s = y0 * i0 + Math.unsignedMultiplyHigh(y0, h0) + (Long.compareUnsigned(f0, a0) < 0 ? 1 : 0) + (f0 >>> 63);
            out[c] = reduce(s, t);
        }
    }

    private void sum2(long[] y, int n, int[] indices, int count, long[] out) {
        long t = target;
        long i0 = intPart[0];
        long h0 = fracHi[0];
        long l0 = fracLo[0];
        long i1 = intPart[1];
        long h1 = fracHi[1];
        long l1 = fracLo[1];
        for (int c = 0; c < count; c++) {
            int j = indices == null ? c : indices[c];
            long y0 = y[j];
            long y1 = y[n + j];
            long a0 = y0 * h0;
            long f0 = a0 + Math.unsignedMultiplyHigh(y0, l0);
            long a1 = y1 * h1;
            long f1 = a1 + Math.unsignedMultiplyHigh(y1, l1);
            long f = f0 + f1;
            long carries = (Long.compareUnsigned(f0, a0) < 0 ? 1 : 0) + (Long.compareUnsigned(f1, a1) < 0 ? 1 : 0)
                    + (Long.compareUnsigned(f, f0) < 0 ? 1 : 0);
            long s = y0 * i0 + Math.unsignedMultiplyHigh(y0, h0) + y1 * i1 + Math.unsignedMultiplyHigh(y1, h1) + carries + (f >>> 63);
            out[c] = reduce(s, t);
        }
    }

    private void sumK(long[] y, int n, int k, int[] indices, int count, long[] out) {
        long t = target;
        for (int c = 0; c < count; c++) {
            int j = indices == null ? c : indices[c];
            long sumInt = 0; // in [0, T)
            long sumFrac = 0; // unsigned 64-bit binary fraction
            for (int i = 0; i < k; i++) {
                long yi = y[i * n + j];
                long aLo = yi * fracHi[i];
                long frac = aLo + Math.unsignedMultiplyHigh(yi, fracLo[i]);
                long f2 = sumFrac + frac;
                long carries = (Long.compareUnsigned(frac, aLo) < 0 ? 1 : 0) + (Long.compareUnsigned(f2, sumFrac) < 0 ? 1 : 0);
                sumFrac = f2;
                // ⌊y_i·T/q_i⌋ + carries ≤ T + 1, so sumInt + term < 2T + 1 < 2^63: reduce once per term
                sumInt = reduce(sumInt + yi * intPart[i] + Math.unsignedMultiplyHigh(yi, fracHi[i]) + carries, t);
            }
            out[c] = reduce(sumInt + (sumFrac >>> 63), t); // round: + 1 when the fraction is ≥ 1/2
        }
    }

    /**
     * s mod T for 0 ≤ s ≤ 2T (the bounds above: each sum is the floor of a real value below 2T + 1/2): a mask for
     * a power-of-two T (the plaintext modulus), else two branch-free conditional subtractions (T ≥ 3).
     */
    private long reduce(long s, long t) {
        if (powerOfTwo) {
            return s & (t - 1);
        }
        long r = s - t;
        r += (r >> 63) & t;
        r -= t;
        return r + ((r >> 63) & t);
    }
}
