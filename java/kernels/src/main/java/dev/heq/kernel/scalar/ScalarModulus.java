package dev.heq.kernel.scalar;

import dev.heq.kernel.Modulus;
import java.math.BigInteger;

/**
 * Per-modulus constants of the scalar tier, computed once with BigInteger and cached on the {@link Modulus}
 * ({@link Modulus#tierData}). Every field is documented with the bound the kernels rely on.
 *
 * <p>Notation: q in [2, 2^62), nb = bitlength(q) in [2, 62], so 2^(nb−1) ≤ q &lt; 2^nb.
 */
final class ScalarModulus {
    private static final String KEY = "scalar";
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** The modulus. */
    final long q;
    /** 2q (&lt; 2^63). */
    final long q2;
    /** bitlength(q). */
    final int bits;

    /**
     * Barrett shift s = nb − 2 for a product x &lt; q² (mulMod): c1 = ⌊x / 2^s⌋ &lt; 2^(nb+2) ≤ 2^64 fits a word.
     */
    final int mulShift;
    /** Barrett factor ⌊2^(s+64) / q⌋ ≤ 2^63 for mulMod; the estimate ⌊c1·mu / 2^64⌋ undershoots x/q by less than 2 when nb ≤ 61 (2.5 when nb = 62). */
    final long mulMu;
    /** True when nb = 62, where the mulMod Barrett remainder lies in [0, 3q) and needs two corrections instead of one. */
    final boolean mulTwoCorrections;

    /** ⌊(2^64 − 1) / q⌋: Barrett factor for one 64-bit word; x − ⌊x·mu64 / 2^64⌋·q lies in [0, 2q) for any x &lt; 2^64. */
    final long mu64;

    /**
     * Low word of ⌊(2^(nb+64) − 1) / q⌋ (the full value lies in [2^64, 2^65), its top bit is implicit). Used by
     * {@link ScalarEltwise#reduce128} for x = h·2^64 + l with h &lt; q.
     */
    final long muWideLow;

    /**
     * How many products a·b (a, b in [0, q)) the split accumulators of {@link ScalarEltwise#mulAccumulate} absorb
     * between folds: the high word starts at 0 and gains at most ⌊(q−1)²/2^64⌋ per product, the two 32-bit-limb
     * words start below 2^32 and gain below 2^32 each; capped at 2^30 so those stay below 2^63.
     */
    final int accChunk;

    private ScalarModulus(long q) {
        this.q = q;
        this.q2 = 2 * q;
        this.bits = 64 - Long.numberOfLeadingZeros(q);
        BigInteger bq = BigInteger.valueOf(q);
        this.mulShift = bits - 2;
        this.mulMu = BigInteger.ONE.shiftLeft(mulShift + 64).divide(bq).longValue(); // ≤ 2^63: read as unsigned
        this.mulTwoCorrections = bits >= 62;
        this.mu64 = Long.divideUnsigned(-1L, q);
        BigInteger wide = BigInteger.ONE.shiftLeft(bits + 64).subtract(BigInteger.ONE).divide(bq);
        if (wide.bitLength() != 65) {
            throw new AssertionError("wide Barrett factor for q=" + q + " has " + wide.bitLength() + " bits, expected 65");
        }
        this.muWideLow = wide.subtract(TWO_64).longValue(); // < 2^64, read as unsigned
        BigInteger perProduct = bq.subtract(BigInteger.ONE).pow(2).shiftRight(64).max(BigInteger.ONE);
        this.accChunk = TWO_64.subtract(BigInteger.ONE).divide(perProduct).min(BigInteger.valueOf(1 << 30)).intValueExact();
    }

    static ScalarModulus of(Modulus m) {
        return m.tierData(KEY, mm -> new ScalarModulus(mm.value()));
    }
}
