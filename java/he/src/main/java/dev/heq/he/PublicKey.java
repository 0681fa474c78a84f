package dev.heq.he;

import dev.heq.ring.RnsPoly;

/**
 * The public key (b, a) = (−(a·s + e), a) over R_Q, NTT form; a is expanded from {@link #seed()} (domain 0), so
 * it is sent as b plus the seed. The server uses it only to re-randomise responses (encryptions of zero).
 */
public final class PublicKey {
    private final long paramsId;
    private final RnsPoly b;
    private final RnsPoly a;
    private final byte[] seed;

    PublicKey(long paramsId, RnsPoly b, RnsPoly a, byte[] seed) {
        this.paramsId = paramsId;
        this.b = b;
        this.a = a;
        this.seed = seed.clone();
    }

    public long paramsId() {
        return paramsId;
    }

    public RnsPoly b() {
        return b;
    }

    public RnsPoly a() {
        return a;
    }

    public byte[] seed() {
        return seed.clone();
    }
}
