package dev.heq.he;

import dev.heq.ring.Sampler;

/**
 * Worst-case (ℓ∞) noise bounds of the BFV layer, the basis of the presets and of {@link ResponseFormat#standard}.
 *
 * <p>Noise is measured as in {@link Decryptor#noise}: a ciphertext at modulus Q encrypts m with noise ν when
 * c0 + c1·s ≡ (Q/t)·m + ν (mod Q) (Q/t rational; messages are encoded as ⌊Q·m/t⌉, Kim–Polyakov–Zucca 2021, which
 * removes the t·‖m·p‖ term textbook Δ = ⌊Q/t⌋ scaling adds under plaintext multiplication). Decryption is correct
 * iff ‖ν‖∞ &lt; Q/(2t). All bounds use η = {@value Sampler#ETA} (CBD errors, |e| ≤ η), a ternary s and u
 * (‖s‖₁, ‖u‖₁ ≤ N), and ‖a·p‖∞ ≤ ‖a‖∞·‖p‖₁.
 *
 * <ul>
 *   <li>query (symmetric encryption of the client share, plus the server share added as a plaintext):
 *       ‖ν‖ ≤ η + 1/2 + 1/2 = {@link #queryBound()};</li>
 *   <li>after Σ_j ct_j·p_j with W1 = Σ_j ‖p_j‖₁ (p_j lifted to (−t/2, t/2]): ‖ν‖ ≤ (η + 1)·W1;</li>
 *   <li>re-randomisation by a public-key encryption of zero (b·u + e0, a·u + e1) with b = −(a·s + e):
 *       adds −e·u + e0 + e1·s, ‖·‖ ≤ η·(2N + 1);</li>
 *   <li>noise flooding: adds a uniform value in [−2^f, 2^f) with f = {@link #floodBits}: the statistical distance
 *       between flooded outputs for two computations whose noise differs by ≤ B is ≤ B/2^(f+1) per coefficient, so
 *       f = ⌈log2 B⌉ + 40 + log2 N gives ≤ 2^−40 for the whole ciphertext;</li>
 *   <li>modulus switch to q': ν' = (q'/Q)·ν + ε0 + ε1·s with |ε| ≤ 1/2, so ‖ν'‖ ≤ (q'/Q)‖ν‖ + (N + 1)/2; the mask
 *       ⌊q'·r/t⌉ adds 1/2 more;</li>
 *   <li>bit dropping (rounding c0 to a multiple of 2^d0 and c1 to 2^d1): adds ≤ 2^(d0−1) + 2^(d1−1)·N.</li>
 * </ul>
 *
 * <h2>Preset workload</h2>
 * A quantized preset for t = 2^ℓ assumes Σ_j‖p_j‖₁ ≤ 2^(ℓ−1) per output: true whenever t ≥ 2^(b_w + b_x + log2 e)
 * (HEQuant's accumulator rule) with b_x ≥ 1, since then e·2^(b_w−1) ≤ 2^(ℓ−b_x−1). Presets keep the full-Q noise
 * ≤ Q/(8t); {@link #maxWeightL1} reports what each preset actually supports.
 */
public final class NoiseModel {
    /** Statistical security of noise flooding (bits). */
    public static final int STATISTICAL_BITS = 40;

    private NoiseModel() {}

    public static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Bound on the noise of a query after the server adds its share: η + 1. */
    public static double queryBound() {
        return Sampler.ETA + 1;
    }

    /** Bound after Σ ct_j·p_j with Σ_j‖p_j‖₁ ≤ weightL1: (η + 1)·W1. */
    public static double productBound(double weightL1) {
        return queryBound() * weightL1;
    }

    /** Bound on the noise a public-key encryption of zero adds: η·(2N + 1). */
    public static double rerandomizeBound(int n) {
        return (double) Sampler.ETA * (2.0 * n + 1);
    }

    /** Flooding width f = ⌈log2 B⌉ + 40 + log2 N for computation noise ≤ B (see class doc). */
    public static int floodBits(double noiseBound, int n) {
        return (int) Math.ceil(log2(Math.max(noiseBound, 1))) + STATISTICAL_BITS + Integer.numberOfTrailingZeros(n);
    }

    /** The preset workload: Σ_j‖p_j‖₁ ≤ 2^(ℓ−1). */
    public static double presetWeightL1(int plainBits) {
        return Math.scalb(1.0, plainBits - 1);
    }

    /** Worst-case full-Q noise of a preset's response path before the modulus switch. */
    public static double presetFullBound(int n, int plainBits, boolean flooding) {
        double comp = productBound(presetWeightL1(plainBits));
        double b = comp + rerandomizeBound(n);
        if (flooding) {
            b += Math.scalb(1.0, floodBits(comp, n));
        }
        return b;
    }

    /**
     * Bits of the response prime q' for degree N and t = 2^ℓ: ℓ + log2 N + 4, so that the switching error
     * (N + 1)/2 + 1 stays below q'/(16t) (see {@link ResponseFormat#standard}).
     */
    public static int responsePrimeBits(int n, int plainBits) {
        return plainBits + Integer.numberOfTrailingZeros(n) + 4;
    }

    /**
     * The largest Σ_j‖p_j‖₁ for which the worst-case full-Q noise (including re-randomisation, and flooding
     * sized for that very workload when {@code flooding}) stays ≤ Q/(8t), the budget the standard response
     * format assumes; 0 if even Σ‖p‖₁ = 1 does not fit.
     */
    public static double maxWeightL1(HeParameters p, boolean flooding) {
        double budget = log2Q(p) - p.plainBits() - 3; // log2(Q/(8t))
        double lo = 0;
        double hi = budget; // search log2 W1
        for (int it = 0; it < 100; it++) {
            double mid = (lo + hi) / 2;
            double comp = productBound(Math.pow(2, mid));
            double total = comp + rerandomizeBound(p.n()) + (flooding ? Math.scalb(1.0, floodBits(comp, p.n())) : 0);
            if (log2(total) <= budget) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double w = Math.pow(2, lo);
        double comp = productBound(w);
        double total = comp + rerandomizeBound(p.n()) + (flooding ? Math.scalb(1.0, floodBits(comp, p.n())) : 0);
        return log2(total) <= budget ? w : 0; // 0: not even Σ‖p‖₁ = 1 fits
    }

    /** log2 Q (exact, not the bit count). */
    public static double log2Q(HeParameters p) {
        double s = 0;
        for (long q : p.primes()) {
            s += log2(q);
        }
        return s;
    }
}
