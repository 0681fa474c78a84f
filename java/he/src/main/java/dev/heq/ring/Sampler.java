package dev.heq.ring;

import dev.heq.primitives.AesCtrPrg;

/**
 * Small-integer distributions for RLWE secrets and errors, drawn from an {@link AesCtrPrg} keystream.
 *
 * <ul>
 *   <li>{@link #ternary}: uniform over {−1, 0, 1} (the "ternary secret" of the Homomorphic Encryption Standard,
 *       as SEAL samples it), by 2-bit rejection sampling; ‖s‖∞ = 1, so ‖s‖₁ ≤ N.</li>
 *   <li>{@link #centeredBinomial}: the centred binomial distribution CBD(η) with η = {@value #ETA}: the difference
 *       of two sums of η fair bits. Variance η/2 = 10.5, so σ = √10.5 ≈ 3.24, which matches the σ ≈ 3.2 of the HE
 *       Standard's discrete Gaussian; unlike a Gaussian it has a hard bound |e| ≤ η = 21, which the worst-case
 *       noise bounds in {@code dev.heq.he.NoiseModel} use. It is sampled without branches on secret data
 *       (two popcounts of 21 random bits).</li>
 * </ul>
 */
public final class Sampler {
    /** CBD parameter η: errors lie in [−η, η], σ = √(η/2) ≈ 3.24. */
    public static final int ETA = 21;
    private static final long ETA_MASK = (1L << ETA) - 1;

    private Sampler() {}

    /**
     * Fills out[off, off+n) with uniform values in {−1, 0, 1}: each keystream word gives 32 two-bit fields, a field
     * v ≠ 3 yields v − 1 and v = 3 is rejected; the rest of the last word is discarded. Compaction is branch-free
     * (a secret key must not steer branches), through a 32-slot buffer per word.
     */
    public static void ternary(AesCtrPrg prg, long[] out, int off, int n) {
        long[] word = new long[32];
        int i = off;
        int end = off + n;
        while (i < end) {
            long r = prg.nextLong();
            int c = 0;
            for (int k = 0; k < 32; k++, r >>>= 2) {
                int v = (int) (r & 3);
                word[c] = v - 1;
                c += 1 - ((v + 1) >>> 2); // + 1 unless v = 3
            }
            int take = Math.min(c, end - i);
            System.arraycopy(word, 0, out, i, take);
            i += take;
        }
    }

    /**
     * Fills out[off, off+n) with CBD(η) samples in [−η, η]. A sample uses 2η = 42 keystream bits, so three samples
     * are cut from each pair of 64-bit words: with G = ⌊n/3⌋, 2G + (n − 3G) words are drawn in bulk into
     * out[off + G, off + n); word u_g = out[off + G + g] and v_g = out[off + 2G + g] (g &lt; G) give sample G + g from
     * the low 42 bits of u_g, sample 2G + g from the low 42 bits of v_g, and sample g from their top 22 bits each
     * (u_g ≫ 42 | (v_g ≫ 42) ≪ 22: 44 bits, the low 42 used); the n − 3G leftover words give one sample each from
     * their low bits. Every sample reads 42 distinct, independent fair bits, so the distribution is exactly CBD(η),
     * with two thirds of the keystream of one sample per word. Every loop is unit-stride and branch-free (C2
     * vectorizes the popcounts).
     */
    public static void centeredBinomial(AesCtrPrg prg, long[] out, int off, int n) {
        if (n < 0 || off < 0 || off > out.length - n) {
            throw new IllegalArgumentException("range [" + off + ", " + off + "+" + n + ") outside an array of " + out.length);
        }
        int g3 = n / 3;
        int words = off + g3;
        prg.nextLongs(out, words, n - g3);
        // pass 1 packs the top bits (reads [off + G, off + 3G), writes [off, off + G): disjoint); pass 2 is the in-place
        // popcount loop, the one form C2 vectorizes here (measured: with the popcounts in pass 1, or out of a separate
        // source array, both loops stay scalar and CBD costs more than with one word per sample)
        for (int g = 0; g < g3; g++) {
            out[off + g] = (out[words + g] >>> 42) | ((out[words + g3 + g] >>> 42) << 22);
        }
        for (int i = off, end = off + n; i < end; i++) {
            out[i] = cbd(out[i]);
        }
    }

    /** The CBD(η) sample of the low 2η bits of r: popcount of bits [0, η) minus popcount of bits [η, 2η). */
    private static long cbd(long r) {
        return Long.bitCount(r & ETA_MASK) - Long.bitCount((r >>> ETA) & ETA_MASK);
    }

    /** Fills out[off, off+n) with uniform values in [−2^bits, 2^bits), 0 ≤ bits ≤ 61 (noise flooding). */
    public static void uniformSigned(AesCtrPrg prg, long[] out, int off, int n, int bits) {
        if (bits < 0 || bits > 61) {
            throw new IllegalArgumentException("uniform signed width must be in [0, 61] bits, got " + bits);
        }
        long mask = (1L << (bits + 1)) - 1;
        long half = 1L << bits;
        for (int i = off, end = off + n; i < end; i++) {
            out[i] = (prg.nextLong() & mask) - half;
        }
    }
}
