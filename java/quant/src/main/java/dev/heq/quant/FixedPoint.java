package dev.heq.quant;

/**
 * A real, positive rescaling factor {@code S ≈ multiplier · 2^-shift} applied to an integer accumulator with one
 * exact rounding rule. This is the requantization primitive of HEQ (gemmlowp/TFLite style fixed point,
 * Jacob et al., CVPR 2018); the 2PC pipeline reproduces it bit for bit on secret shares as
 * extend → multiply by {@code multiplier} → add {@code 2^(shift-1)} → arithmetic right shift by {@code shift}.
 *
 * <p><b>Definition</b> (the only rounding rule in HEQ, "round half up"):
 * <pre>
 *   apply(a) = floor( (a · multiplier + r) / 2^shift ),   r = 2^(shift-1) if shift ≥ 1, else 0
 * </pre>
 * i.e. {@code (a*multiplier + r) >> shift} with Java's arithmetic shift. Ties round towards +∞
 * ({@code -2.5 → -2}, {@code 2.5 → 3}). Why this rule: on additive shares the offset {@code r} is a public
 * constant added by one party, after which only a truncation is needed — no sign test, unlike round-half-even or
 * round-half-away-from-zero.
 *
 * <p><b>Ranges.</b> {@code 0 ≤ multiplier < 2^31}, {@code 0 ≤ shift ≤ 62}. Callers guarantee
 * {@code |a| · multiplier + r < 2^63}; {@link Requantizer} checks this once per layer from the declared
 * accumulator width: {@code accBits + bitLength(multiplier) ≤ 62}.
 *
 * @param multiplier the integer multiplier M, in [0, 2^31)
 * @param shift      the right shift s, in [0, 62]
 */
public record FixedPoint(int multiplier, int shift) {

    /** Bits of relative precision of multipliers made by {@link #of(double)}: M ∈ [2^15, 2^16) when S is not tiny.
     *  16 bits keep the 2PC ring extension small (b_acc + 16 bits) and make M·2^-s exactly representable in a
     *  float, so the ONNX export carries the very same scale. */
    public static final int DEFAULT_MULTIPLIER_BITS = 16;

    public static final int MAX_SHIFT = 62;

    public FixedPoint {
        if (multiplier < 0) throw new IllegalArgumentException("fixed-point multiplier must be ≥ 0, got " + multiplier);
        if (shift < 0 || shift > MAX_SHIFT)
            throw new IllegalArgumentException("fixed-point shift must be in [0, " + MAX_SHIFT + "], got " + shift);
    }

    /** {@link #of(double, int)} with {@link #DEFAULT_MULTIPLIER_BITS}. */
    public static FixedPoint of(double scale) {
        return of(scale, DEFAULT_MULTIPLIER_BITS);
    }

    /**
     * The closest {@code M·2^-s} to {@code scale} with {@code M} normalised into {@code [2^(bits-1), 2^bits)}
     * (round to nearest on M). Scales ≥ 2^(bits-1) get shift 0 and an integer multiplier; very small scales
     * saturate at shift 62 (M may then be small or 0, which is still exact under the definition).
     *
     * @param scale a finite positive real
     * @param bits  multiplier precision in [2, 31]
     */
    public static FixedPoint of(double scale, int bits) {
        if (!(scale > 0) || Double.isInfinite(scale))
            throw new IllegalArgumentException("requantization scale must be finite and > 0, got " + scale);
        if (bits < 2 || bits > 31) throw new IllegalArgumentException("multiplier bits must be in [2, 31], got " + bits);
        int e = Math.getExponent(scale); // floor(log2 scale) for normal doubles
        int s = bits - 1 - e;
        if (s < 0) {
            long m = Math.round(scale);
            if (m >= (1L << 31)) throw new IllegalArgumentException("requantization scale too large: " + scale);
            return new FixedPoint((int) m, 0);
        }
        if (s > MAX_SHIFT) s = MAX_SHIFT;
        long m = Math.round(Math.scalb(scale, s));
        if (m >= (1L << bits) && s > 0) { // rounding carried into a new bit
            s--;
            m = Math.round(Math.scalb(scale, s));
        }
        return new FixedPoint((int) m, s);
    }

    /** The represented real value M·2^-s (exact in a double). */
    public double value() {
        return Math.scalb((double) multiplier, -shift);
    }

    /** The rounding offset r = 2^(s-1), or 0 when s = 0. */
    public long roundingOffset() {
        return shift == 0 ? 0L : 1L << (shift - 1);
    }

    /** {@code floor((a·M + r) / 2^s)}; see the class comment for the exact contract. */
    public long apply(long a) {
        return (a * multiplier + roundingOffset()) >> shift;
    }

    /** Bits needed for the multiplier (0 for M = 0). */
    public int multiplierBits() {
        return 32 - Integer.numberOfLeadingZeros(multiplier);
    }
}
