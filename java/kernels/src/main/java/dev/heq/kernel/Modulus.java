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

    private Modulus(long q) {
        this.q = q;
        this.bits = 64 - Long.numberOfLeadingZeros(q);
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

    /** Shoup factor ⌊w·2^64/q⌋ for a constant w in [0, q). */
    public long shoup(long w) {
        return ModArith.shoup(w, q);
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
