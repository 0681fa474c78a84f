package dev.heq.he;

import dev.heq.primitives.AesCtrPrg;
import dev.heq.ring.RnsPoly;
import java.util.Arrays;

/**
 * A symmetric ciphertext as it is sent (the query): c0 in NTT form plus the 32-byte seed from which c1 = a
 * (uniform, NTT form) is expanded with {@code AesCtrPrg.expandUniform(seed, domain 0, …)} (AES-256-CTR). Half the
 * size of (c0, c1). {@link Evaluator#expand} rebuilds the full ciphertext.
 */
public final class SeededCiphertext {
    /** Length of the seed of a public uniform {@code a} (queries and public keys): an AES-256 key. */
    public static final int SEED_BYTES = AesCtrPrg.KEY_BYTES_256;

    private final long paramsId;
    private final RnsPoly c0;
    private final byte[] seed;

    public SeededCiphertext(long paramsId, RnsPoly c0, byte[] seed) {
        if (c0 == null || !c0.isNtt()) {
            throw new IllegalArgumentException("seeded ciphertext c0 must be an NTT-form poly");
        }
        if (seed == null || seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("seed must be " + SEED_BYTES + " bytes");
        }
        this.paramsId = paramsId;
        this.c0 = c0;
        this.seed = seed.clone();
    }

    public long paramsId() {
        return paramsId;
    }

    public RnsPoly c0() {
        return c0;
    }

    public byte[] seed() {
        return seed.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeededCiphertext s && s.paramsId == paramsId && s.c0.equals(c0) && Arrays.equals(s.seed, seed);
    }

    @Override
    public int hashCode() {
        return c0.hashCode() * 31 + Arrays.hashCode(seed);
    }
}
