package dev.heq.he;

import java.util.Arrays;

/**
 * A plaintext of coefficient encoding: a polynomial over Z_t, t = 2^ℓ, of degree &lt; N (no batching). Stored
 * as unsigned residues in [0, t); {@link #signed(int)} reads the centred representative in [−t/2, t/2).
 * Immutable.
 */
public final class Plaintext {
    private final int plainBits;
    private final long[] coeffs;

    private Plaintext(int plainBits, long[] coeffs) {
        this.plainBits = plainBits;
        this.coeffs = coeffs;
    }

    /** Coefficients reduced mod t = 2^ℓ (any long; negative values wrap, so signed inputs work too). */
    public static Plaintext of(int plainBits, long[] values) {
        if (plainBits < 1 || plainBits > 62) {
            throw new IllegalArgumentException("plaintext bits ℓ=" + plainBits + " out of range");
        }
        long mask = (1L << plainBits) - 1;
        long[] c = new long[values.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = values[i] & mask; // two's complement: x mod 2^ℓ for any signed x
        }
        return new Plaintext(plainBits, c);
    }

    /** Takes ownership of coefficients already in [0, 2^plainBits) (decryption output; not copied or checked). */
    static Plaintext ofReduced(int plainBits, long[] coeffs) {
        return new Plaintext(plainBits, coeffs);
    }

    /** The zero polynomial of degree &lt; n. */
    public static Plaintext zero(int plainBits, int n) {
        return new Plaintext(plainBits, new long[n]);
    }

    public int plainBits() {
        return plainBits;
    }

    public int n() {
        return coeffs.length;
    }

    /** Coefficient j in [0, t). */
    public long unsigned(int j) {
        return coeffs[j];
    }

    /** Coefficient j as the centred value in [−t/2, t/2). */
    public long signed(int j) {
        long v = coeffs[j];
        return v >= (1L << (plainBits - 1)) ? v - (1L << plainBits) : v;
    }

    /** A copy of the coefficients in [0, t). */
    public long[] toUnsigned() {
        return coeffs.clone();
    }

    /** A copy of the coefficients as centred values. */
    public long[] toSigned() {
        long[] s = new long[coeffs.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = signed(i);
        }
        return s;
    }

    /** Direct view for the encoders in this package (not copied). */
    long[] raw() {
        return coeffs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Plaintext p && p.plainBits == plainBits && Arrays.equals(p.coeffs, coeffs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coeffs) * 31 + plainBits;
    }

    @Override
    public String toString() {
        return "Plaintext[N=" + coeffs.length + ", t=2^" + plainBits + "]";
    }
}
