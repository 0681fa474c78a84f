package dev.heq.he;

/**
 * How a response hides the server's weights beyond the masked result (Cheetah §4.2, OpenCheetah
 * hom_conv2d_ss.cc).
 *
 * <ul>
 *   <li>{@link Flood}: add uniform noise of {@code floodBits} bits to c0 (before the modulus switch), then
 *       re-randomise with a full public-key encryption of zero, then mask with r uniform in Z_t. The shares
 *       reconstruct m exactly (while the noise bound holds). Needs flooding room in Q.</li>
 *   <li>{@link ApproxReshare}: Cheetah's approximate resharing ({@code USE_APPROX_RESHARE}): re-randomise
 *       without e0, switch, then add a mask R uniform in Z_q' at the selected coefficients; the server's share is
 *       −⌊t·R/q'⌉ mod t. The uniform R hides c0 completely, so no flooding room is needed; the shares reconstruct
 *       m up to ±1 (when t·R/q' lies within the noise of a rounding boundary).</li>
 * </ul>
 */
public sealed interface CircuitPrivacy {
    /** Noise flooding with uniform noise in [−2^floodBits, 2^floodBits). */
    record Flood(int floodBits) implements CircuitPrivacy {
        public Flood {
            if (floodBits < 1 || floodBits > 122) {
                throw new IllegalArgumentException("flood width must be in [1, 122] bits, got " + floodBits);
            }
        }

        /** Flooding sized for computation noise ≤ noiseBound: {@link NoiseModel#floodBits}. */
        public static Flood forNoise(double noiseBound, int n) {
            return new Flood(NoiseModel.floodBits(noiseBound, n));
        }
    }

    /** Approximate resharing (±1 error). */
    record ApproxReshare() implements CircuitPrivacy {}

    static CircuitPrivacy approx() {
        return new ApproxReshare();
    }
}
