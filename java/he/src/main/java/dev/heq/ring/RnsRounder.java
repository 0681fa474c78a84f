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
 * {@code mulConstMod} per limb; the per-coefficient loop is a few 64×64→128 multiplies.
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

    public RnsRounder(RnsRing ring, long target) {
        if (target < 2 || target >= (1L << 62)) {
            throw new IllegalArgumentException("rounding target T=" + target + " must be in [2, 2^62)");
        }
        this.ring = ring;
        this.target = target;
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
     * out[0, indices.length), values in [0, T).
     */
    public void round(RnsPoly p, int[] indices, long[] out) {
        if (p.isNtt()) {
            throw new IllegalArgumentException("scale-and-round needs coefficient form, got NTT form");
        }
        if (!p.basis().equals(ring.basis())) {
            throw new IllegalArgumentException("poly basis differs from the rounder's basis");
        }
        RnsBasis b = ring.basis();
        Kernels kern = ring.kernels();
        int n = b.n();
        int k = b.size();
        long[] y = new long[k * n];
        for (int i = 0; i < k; i++) {
            kern.mulConstMod(y, i * n, p.data(), i * n, b.qHatInv(i), b.qHatInvShoup(i), n, b.modulus(i), 1);
        }
        int count = indices == null ? n : indices.length;
        if (out.length < count) {
            throw new IllegalArgumentException("output has " + out.length + " slots, need " + count);
        }
        long t = target;
        for (int c = 0; c < count; c++) {
            int j = indices == null ? c : indices[c];
            long sumInt = 0; // in [0, T)
            long sumFrac = 0; // unsigned 64-bit binary fraction
            for (int i = 0; i < k; i++) {
                long yi = y[i * n + j];
                long aHi = Math.unsignedMultiplyHigh(yi, fracHi[i]);
                long aLo = yi * fracHi[i];
                long bHi = Math.unsignedMultiplyHigh(yi, fracLo[i]);
                long frac = aLo + bHi;
                // carries computed arithmetically (random data: branches would mispredict)
                long c1 = ((aLo & bHi) | ((aLo | bHi) & ~frac)) >>> 63;
                long f2 = sumFrac + frac;
                long c2 = ((sumFrac & frac) | ((sumFrac | frac) & ~f2)) >>> 63;
                sumFrac = f2;
                // ⌊y_i·T/q_i⌋ + carries ≤ T, so sumInt + term < 2T and one conditional subtraction suffices
                long s = sumInt + yi * intPart[i] + aHi + c1 + c2 - t;
                sumInt = s + ((s >> 63) & t);
            }
            long s = sumInt + (sumFrac >>> 63) - t; // round: + 1 when the fraction is ≥ 1/2
            sumInt = s + ((s >> 63) & t);
            out[c] = sumInt;
        }
    }
}
