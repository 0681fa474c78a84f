package dev.heq.protocol;

/**
 * The ring Z_{2^bits}, bits in 1..64, with values stored as {@code long}s reduced into [0, 2^bits). Arithmetic is
 * Java's wrap-around {@code long} arithmetic followed by a mask, which is exact because 2^bits divides 2^64.
 *
 * @param bits ℓ, the share bit width, in [1, 64]
 */
public record Z2k(int bits) {
    public Z2k {
        if (bits < 1 || bits > 64) {
            throw new IllegalArgumentException("ring bit width ℓ must be in 1..64, got " + bits);
        }
    }

    public static Z2k of(int bits) {
        return new Z2k(bits);
    }

    /** 2^ℓ − 1 (all ones for ℓ = 64). */
    public long mask() {
        return mask(bits);
    }

    public static long mask(int bits) {
        return bits >= 64 ? -1L : (1L << bits) - 1;
    }

    public long reduce(long v) {
        return v & mask();
    }

    public long add(long a, long b) {
        return (a + b) & mask();
    }

    public long sub(long a, long b) {
        return (a - b) & mask();
    }

    public long mul(long a, long b) {
        return (a * b) & mask();
    }

    public long neg(long a) {
        return (-a) & mask();
    }

    /** The two's-complement reading of a reduced value: [0, 2^ℓ) → [−2^(ℓ−1), 2^(ℓ−1)). */
    public long signed(long v) {
        return bits == 64 ? v : (v << (64 - bits)) >> (64 - bits);
    }

    /** Bit ℓ−1 of a reduced value. */
    public int msb(long v) {
        return (int) ((v >>> (bits - 1)) & 1);
    }

    /** The smallest signed value −2^(ℓ−1), reduced. */
    public long halfModulus() {
        return 1L << (bits - 1);
    }

    @Override
    public String toString() {
        return "Z_2^" + bits;
    }
}
