package dev.heq.quant;

/**
 * The type of a quantized tensor: integers of {@code bits} bits, signed (two's complement range
 * {@code [-2^(bits-1), 2^(bits-1)-1]}) or unsigned ({@code [0, 2^bits-1]}), standing for the reals
 * {@code q · scale}. Zero points are always 0 (symmetric quantization, as in HEQuant), so the protocol layer never
 * has to subtract one.
 *
 * @param bits   integer width in [2, 32] (activations are 2–8 bits in practice; the logits and the accumulator may
 *               be wider)
 * @param signed whether the range is signed
 * @param scale  the real step of one integer unit, finite and > 0 (metadata: integer semantics never use it)
 */
public record QType(int bits, boolean signed, double scale) {
    public static final int MIN_BITS = 2, MAX_BITS = 32;

    public QType {
        if (bits < MIN_BITS || bits > MAX_BITS)
            throw new IllegalArgumentException("activation bit width out of range [" + MIN_BITS + ", " + MAX_BITS + "]: " + bits);
        if (!(scale > 0) || Double.isInfinite(scale))
            throw new IllegalArgumentException("tensor scale must be finite and > 0, got " + scale);
        if (!signed && bits == 32) throw new IllegalArgumentException("unsigned tensors are limited to 31 bits");
    }

    public static QType unsigned(int bits, double scale) { return new QType(bits, false, scale); }

    public static QType signed(int bits, double scale) { return new QType(bits, true, scale); }

    /** Smallest representable integer. */
    public long min() { return signed ? -(1L << (bits - 1)) : 0L; }

    /** Largest representable integer. */
    public long max() { return signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1; }

    /** Largest absolute value of a representable integer. */
    public long maxAbs() { return Math.max(-min(), max()); }

    public boolean contains(long v) { return v >= min() && v <= max(); }

    public QType withScale(double s) { return new QType(bits, signed, s); }

    @Override
    public String toString() { return (signed ? "s" : "u") + bits + "@" + (float) scale; }
}
