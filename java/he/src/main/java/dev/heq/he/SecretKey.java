package dev.heq.he;

import dev.heq.ring.RnsPoly;
import dev.heq.ring.RnsRing;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client's ternary secret s ∈ {−1, 0, 1}^N: kept as small integers and in NTT form over Q; its NTT form
 * modulo a response prime q' is derived on first use and cached.
 */
public final class SecretKey {
    private final long paramsId;
    private final long[] small;
    private final RnsPoly ntt;
    private final Map<Long, RnsPoly> byPrime = new ConcurrentHashMap<>();

    SecretKey(long paramsId, long[] small, RnsPoly ntt) {
        this.paramsId = paramsId;
        this.small = small;
        this.ntt = ntt;
    }

    public long paramsId() {
        return paramsId;
    }

    /** s over Q, NTT form (do not modify). */
    public RnsPoly ntt() {
        return ntt;
    }

    /** A copy of s's coefficients in {−1, 0, 1}. */
    public long[] coefficients() {
        return small.clone();
    }

    /** s mod q' in NTT form, for decrypting responses (ring over the single prime q'). */
    RnsPoly nttModulo(RnsRing primeRing) {
        long q = primeRing.basis().prime(0);
        return byPrime.computeIfAbsent(q, k -> primeRing.fromSigned(small, RnsPoly.Form.NTT));
    }
}
