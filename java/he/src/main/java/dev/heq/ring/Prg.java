package dev.heq.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Deterministic pseudo-random generator: the AES-256-CTR keystream under a 256-bit seed.
 *
 * <p>Everything random in HEQ's HE layer comes from one of these: keys, errors, masks and the uniform {@code a}
 * of a seeded ciphertext. Secret material is always drawn from a generator whose seed came from
 * {@link SecureRandom} ({@link #fromSecureRandom()}); tests pass fixed seeds to reproduce a run. The uniform
 * polynomial of a symmetric ciphertext is expanded from a seed that travels with the query, so both parties derive
 * the same {@code a} (the "c0 + seed" query encoding of Cheetah/SEAL).
 *
 * <p>Stream layout (a wire format, do not change without bumping the serialization version): key = seed,
 * IV = 8-byte big-endian {@code domain} ‖ 8-byte block counter starting at 0; {@link #nextLong()} reads the
 * keystream as little-endian 64-bit words. Different domains give independent streams under one seed.
 *
 * <p>Not thread-safe.
 */
public final class Prg {
    /** Seed length in bytes (AES-256 key). */
    public static final int SEED_BYTES = 32;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int BUFFER_BYTES = 8192;
    private static final byte[] ZEROS = new byte[BUFFER_BYTES];
    private static final SecureRandom SYSTEM = new SecureRandom();
    /** The provider of AES/CTR/NoPadding, looked up once: naming it halves Cipher.getInstance's cost (≈ 11 → 5 µs). */
    private static final java.security.Provider AES_CTR = lookupProvider();

    private static java.security.Provider lookupProvider() {
        try {
            return Cipher.getInstance("AES/CTR/NoPadding").getProvider();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR/NoPadding is unavailable in this JVM", e);
        }
    }

    private final Cipher cipher;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private int pos = BUFFER_BYTES;

    /**
     * @param seed   32 bytes
     * @param domain stream separator (e.g. 0 for the uniform {@code a} of a ciphertext)
     */
    public Prg(byte[] seed, long domain) {
        if (seed == null || seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("PRG seed must be " + SEED_BYTES + " bytes, got " + (seed == null ? "null" : seed.length));
        }
        byte[] iv = new byte[16];
        for (int i = 0; i < 8; i++) {
            iv[i] = (byte) (domain >>> (56 - 8 * i));
        }
        try {
            cipher = Cipher.getInstance("AES/CTR/NoPadding", AES_CTR);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, "AES"), new IvParameterSpec(iv));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR/NoPadding with a 256-bit key is unavailable in this JVM", e);
        }
    }

    /** A generator with domain 0. */
    public Prg(byte[] seed) {
        this(seed, 0);
    }

    /** A fresh 32-byte seed from the JVM's {@link SecureRandom}. */
    public static byte[] freshSeed() {
        byte[] s = new byte[SEED_BYTES];
        synchronized (SYSTEM) {
            SYSTEM.nextBytes(s);
        }
        return s;
    }

    /** A generator seeded from {@link SecureRandom}: the source for keys, errors and masks. */
    public static Prg fromSecureRandom() {
        return new Prg(freshSeed());
    }

    /** A seed for tests: 32 bytes derived from a long (the long printed by the test is enough to replay it). */
    public static byte[] seedFromLong(long s) {
        byte[] seed = new byte[SEED_BYTES];
        for (int i = 0; i < 8; i++) {
            seed[i] = (byte) (s >>> (8 * i));
        }
        seed[31] = 0x5a; // not all-zero even for s = 0
        return seed;
    }

    private void refill() {
        try {
            int done = cipher.update(ZEROS, 0, BUFFER_BYTES, buf, 0);
            if (done != BUFFER_BYTES) {
                throw new IllegalStateException("AES-CTR produced " + done + " bytes instead of " + BUFFER_BYTES);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR keystream failed", e);
        }
        pos = 0;
    }

    /** The next 64 keystream bits. */
    public long nextLong() {
        if (pos > BUFFER_BYTES - 8) {
            refill();
        }
        long v = (long) LONGS.get(buf, pos);
        pos += 8;
        return v;
    }

    /** Fills {@code out} with keystream bytes. */
    public void nextBytes(byte[] out) {
        int off = 0;
        while (off < out.length) {
            if (pos == BUFFER_BYTES) {
                refill();
            }
            int take = Math.min(out.length - off, BUFFER_BYTES - pos);
            System.arraycopy(buf, pos, out, off, take);
            pos += take;
            off += take;
        }
    }

    /** A new 32-byte seed drawn from this stream (for child generators, e.g. the seed of a ciphertext's {@code a}). */
    public byte[] nextSeed() {
        byte[] s = new byte[SEED_BYTES];
        nextBytes(s);
        return s;
    }

    /** Uniform in [0, bound) for 1 ≤ bound ≤ 2^63 − 1, by rejection on the smallest covering power of two (unbiased). */
    public long nextBelow(long bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be ≥ 1, got " + bound);
        }
        long mask = bound == 1 ? 0 : -1L >>> Long.numberOfLeadingZeros(bound - 1);
        long v;
        do {
            v = nextLong() & mask;
        } while (v >= bound);
        return v;
    }

    /**
     * Fills out[off, off+n) with independent uniform values in [0, q), 2 ≤ q &lt; 2^62, by rejection (each draw
     * accepted with probability q / 2^⌈log2 q⌉ &gt; 1/2; for NTT primes near a power of two almost always). Reads the
     * keystream buffer directly (one 64-bit word per draw), the hot loop of every seeded ciphertext.
     */
    public void fillUniform(long[] out, int off, int n, long q) {
        long mask = -1L >>> Long.numberOfLeadingZeros(q - 1);
        int i = off;
        int end = off + n;
        while (i < end) {
            if (pos > BUFFER_BYTES - 8) {
                refill();
            }
            int p = pos;
            int limit = BUFFER_BYTES - 8;
            while (i < end && p <= limit) {
                long v = (long) LONGS.get(buf, p) & mask;
                p += 8;
                out[i] = v;
                i += v < q ? 1 : 0; // branch-free accept: a rejected draw is overwritten by the next one
            }
            pos = p;
        }
    }

    /** Fills out[off, off+n) with keystream words (bulk {@link #nextLong()}). */
    public void nextLongs(long[] out, int off, int n) {
        int i = off;
        int end = off + n;
        while (i < end) {
            if (pos > BUFFER_BYTES - 8) {
                refill();
            }
            int take = Math.min(end - i, (BUFFER_BYTES - pos) >>> 3);
            for (int k = 0; k < take; k++) {
                out[i + k] = (long) LONGS.get(buf, pos + 8 * k);
            }
            pos += 8 * take;
            i += take;
        }
    }

    @Override
    public String toString() {
        return "Prg[AES-256-CTR]";
    }
}
