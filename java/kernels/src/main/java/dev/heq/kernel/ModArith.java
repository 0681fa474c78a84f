package dev.heq.kernel;

import java.math.BigInteger;

/**
 * Small, obviously-correct modular arithmetic on single words, for table construction, prime generation and the
 * reference tier. Nothing here is on a hot path; clarity wins over speed.
 *
 * <p>All moduli are odd, in [3, 2^62]; arguments and results are unsigned 64-bit values as documented.
 */
public final class ModArith {
    private ModArith() {}

    /** Largest modulus any kernel accepts (exclusive): Harvey's lazy butterflies keep values in [0, 4q) ⊂ [0, 2^64). */
    public static final long MAX_MODULUS = 1L << 62;

    /**
     * (hi·2^64 + lo) mod q for any unsigned hi, lo and 1 < q < 2^62. Schoolbook binary long division, one bit of
     * {@code lo} at a time: r stays in [0, q) so 2r + 1 < 2^63 never overflows. Returns a value in [0, q).
     */
    public static long reduce128(long hi, long lo, long q) {
        long r = Long.remainderUnsigned(hi, q);
        for (int bit = 63; bit >= 0; bit--) {
            r = (r << 1) | ((lo >>> bit) & 1L);
            if (r >= q) {
                r -= q;
            }
        }
        return r;
    }

    /** a·b mod q for any unsigned 64-bit a, b and 1 < q < 2^62. Returns a value in [0, q). */
    public static long mulMod(long a, long b, long q) {
        return reduce128(Math.unsignedMultiplyHigh(a, b), a * b, q);
    }

    /** (a + b) mod q for a, b in [0, q). Returns a value in [0, q). */
    public static long addMod(long a, long b, long q) {
        long s = a + b; // < 2q < 2^63
        return s >= q ? s - q : s;
    }

    /** (a − b) mod q for a, b in [0, q). Returns a value in [0, q). */
    public static long subMod(long a, long b, long q) {
        return a >= b ? a - b : a - b + q;
    }

    /** base^exp mod q (square and multiply), base in [0, q), exp ≥ 0 read as unsigned. Returns [0, q). */
    public static long powMod(long base, long exp, long q) {
        long result = 1 % q;
        long b = base;
        long e = exp;
        while (e != 0) {
            if ((e & 1) != 0) {
                result = mulMod(result, b, q);
            }
            b = mulMod(b, b, q);
            e >>>= 1;
        }
        return result;
    }

    /** Inverse of a modulo prime q (Fermat), a in [1, q). Returns [1, q). */
    public static long invModPrime(long a, long q) {
        if (a == 0) {
            throw new ArithmeticException("0 has no inverse modulo " + q);
        }
        return powMod(a, q - 2, q);
    }

    /**
     * Shoup's precomputed factor ⌊w·2^64 / q⌋ for w in [0, q) (Shoup, "NTL"; Harvey 2014 §2). Computed once per
     * constant, so BigInteger is fine here.
     */
    public static long shoup(long w, long q) {
        if (Long.compareUnsigned(w, q) >= 0) {
            throw new IllegalArgumentException("Shoup constant w=" + Long.toUnsignedString(w) + " must be < q=" + q);
        }
        return BigInteger.valueOf(w).shiftLeft(64).divide(BigInteger.valueOf(q)).longValue();
    }

    /** Reverses the low {@code bits} bits of i. */
    public static int bitReverse(int i, int bits) {
        return bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
    }
}
