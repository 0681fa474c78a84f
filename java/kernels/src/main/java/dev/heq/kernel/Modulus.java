package dev.heq.kernel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A word-size modulus 1 &lt; q &lt; 2^62 for the element-wise kernels. Immutable; tiers may attach their own
 * precomputed constants (Barrett factors, IFMA constants) through {@link #tierData}, computed once.
 * Obtain instances with {@link #of(long)} (cached) so those constants are shared.
 */
public final class Modulus {
    private static final Map<Long, Modulus> CACHE = new ConcurrentHashMap<>();

    private final long q;
    private final int bits;
    private final Map<String, Object> tierData = new ConcurrentHashMap<>();

    /** v = ⌊(2^(63+b) − 1)/q⌋ &lt; 2^64 (b = bits of q, so q ≥ 2^(b−1)): the reciprocal behind {@link #shoup}. */
    private final long shoupReciprocal;

    private Modulus(long q) {
        this.q = q;
        this.bits = 64 - Long.numberOfLeadingZeros(q);
        this.shoupReciprocal = java.math.BigInteger.ONE.shiftLeft(63 + bits).subtract(java.math.BigInteger.ONE)
                .divide(java.math.BigInteger.valueOf(q)).longValue();
    }

    /**
     * @throws IllegalArgumentException if q is not in [2, 2^62)
     */
    public static Modulus of(long q) {
        if (q < 2 || q >= ModArith.MAX_MODULUS) {
            throw new IllegalArgumentException("modulus q=" + Long.toUnsignedString(q) + " must be in [2, 2^62)");
        }
        return CACHE.computeIfAbsent(q, Modulus::new);
    }

    /** The modulus value q. */
    public long value() {
        return q;
    }

    /** ⌈log2(q+1)⌉, the number of significant bits of q. */
    public int bits() {
        return bits;
    }

    /**
     * Shoup factor ⌊w·2^64/q⌋ for a constant w in [0, q), without division (cheap enough to compute per call).
     *
     * <p>Estimate s' = ⌊w·v / 2^(b−1)⌋ with v = ⌊(2^(63+b) − 1)/q⌋: since v ≥ 2^(63+b)/q − 1 and w &lt; 2^b, s' is
     * below the true s by less than w/2^(b−1) + 1 ≤ 3. The exact remainder r = w·2^64 − s'·q then lies in
     * [0, 4q) ⊂ [0, 2^64), and at most three conditional steps finish the division.
     *
     * @throws IllegalArgumentException if w is not in [0, q)
     */
    public long shoup(long w) {
        if (Long.compareUnsigned(w, q) >= 0) {
            throw new IllegalArgumentException("Shoup constant w=" + Long.toUnsignedString(w) + " must be < q=" + q);
        }
        long hi = Math.unsignedMultiplyHigh(w, shoupReciprocal);
        long lo = w * shoupReciprocal;
        int sh = bits - 1; // in [1, 61]
        long s = (lo >>> sh) | (hi << (64 - sh));
        long r = -(s * q); // w·2^64 − s·q mod 2^64; the true value is in [0, 4q)
        while (Long.compareUnsigned(r, q) >= 0) {
            r -= q;
            s++;
        }
        return s;
    }

    /** Per-tier precomputed data for this modulus, created once by {@code factory} and cached under {@code key}. */
    @SuppressWarnings("unchecked")
    public <T> T tierData(String key, Function<Modulus, T> factory) {
        return (T) tierData.computeIfAbsent(key, k -> factory.apply(this));
    }

    @Override
    public String toString() {
        return "Modulus[q=" + q + ", " + bits + " bits]";
    }
}
