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
    /** Little-endian 64-bit view of {@link #buf}: bulk copies into long[] run at memcpy speed. */
    private final java.nio.LongBuffer words = java.nio.ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
    private int pos = BUFFER_BYTES;
    /** Chunk of {@link #fillUniform}'s fast path: small enough that a rare rejection costs little to redo. */
    private static final int UNIFORM_CHUNK = 256;

    /**
     * @param seed   32 bytes
     * @param domain stream separator (e.g. 0 for the uniform {@code a} of a ciphertext)
     */
    public Prg(byte[] seed, long domain) {
        try {
            cipher = Cipher.getInstance("AES/CTR/NoPadding", AES_CTR);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR/NoPadding is unavailable in this JVM", e);
        }
        rekey(seed, domain);
    }

    /**
     * Restarts this generator on a new seed and domain: afterwards it produces exactly the stream of
     * {@code new Prg(seed, domain)}. Re-initialising the cipher costs ≈ 1.5 µs against ≈ 5 µs for a new one
     * (measured, JDK 25), which matters where a seed is expanded per query ({@link #expandUniform}) or per trial.
     */
    public void reset(byte[] seed, long domain) {
        rekey(seed, domain);
    }

    private void rekey(byte[] seed, long domain) {
        if (seed == null || seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("PRG seed must be " + SEED_BYTES + " bytes, got " + (seed == null ? "null" : seed.length));
        }
        byte[] iv = new byte[16];
        for (int i = 0; i < 8; i++) {
            iv[i] = (byte) (domain >>> (56 - 8 * i));
        }
        try {
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, "AES"), new IvParameterSpec(iv));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR/NoPadding with a 256-bit key is unavailable in this JVM", e);
        }
        pos = BUFFER_BYTES;
    }

    /** One re-keyable generator per thread for {@link #expandUniform}: expansion is a pure function of the seed. */
    private static final ThreadLocal<Prg> EXPANDER = ThreadLocal.withInitial(() -> new Prg(new byte[SEED_BYTES], 0));

    /**
     * The public expansion of a seed into uniform residues: out[i·n, (i+1)·n) gets n values uniform in
     * [0, moduli[i]), drawn in limb order from one stream, exactly as {@code new Prg(seed, domain)} followed by
     * {@link #fillUniform} per limb (the wire-visible "c0 + seed" expansion both parties must agree on). Uses a
     * per-thread generator re-keyed for the call, so the expansion costs no cipher allocation. Thread-safe.
     */
    public static void expandUniform(byte[] seed, long domain, long[] out, int n, long[] moduli) {
        if ((long) n * moduli.length > out.length) {
            throw new IllegalArgumentException("output has " + out.length + " slots, need " + n + "·" + moduli.length);
        }
        Prg p = EXPANDER.get();
        p.rekey(seed, domain);
        for (int i = 0; i < moduli.length; i++) {
            p.fillUniform(out, i * n, n, moduli[i]);
        }
        // the keystream left in the buffer expands a public seed into a public a: nothing to wipe
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
     * Fills out[off, off+n) with independent uniform values in [0, q), 2 ≤ q &lt; 2^62, by rejection: each 64-bit
     * keystream word masked to ⌈log2 q⌉ bits is accepted iff it is &lt; q (probability q / 2^⌈log2 q⌉ &gt; 1/2;
     * for the largest NTT primes of a size, which the presets use, 1 − 2^−30 or closer). The hot loop of every
     * seeded ciphertext.
     *
     * <p>Fast path: a chunk of {@value #UNIFORM_CHUNK} words is copied masked with no data-dependent store
     * index, and only if some word in it was rejected is the chunk redone with compaction. Both paths give the
     * same sequence (accepted words in keystream order), so the stream layout is unchanged.
     */
    public void fillUniform(long[] out, int off, int n, long q) {
        if (q < 2 || q >= (1L << 62)) {
            throw new IllegalArgumentException("uniform modulus must be in [2, 2^62), got " + q);
        }
        if (off < 0 || n < 0 || off > out.length - n) {
            throw new IllegalArgumentException("range [" + off + ", " + off + "+" + n + ") outside an array of " + out.length);
        }
        long mask = -1L >>> Long.numberOfLeadingZeros(q - 1);
        long qm1 = q - 1;
        byte[] b = buf;
        int i = off;
        int end = off + n;
        while (i < end) {
            if (pos > BUFFER_BYTES - 8) {
                refill();
            }
            int p = pos;
            int take = Math.min(Math.min(end - i, (BUFFER_BYTES - p) >>> 3), UNIFORM_CHUNK);
            copyWords(p, out, i, take);
            long rejected = 0;
            for (int k = i, e = i + take; k < e; k++) { // a plain long[] loop: C2 vectorizes it
                long v = out[k] & mask;
                out[k] = v;
                rejected |= qm1 - v; // negative iff v ≥ q (both below 2^62)
            }
            if (rejected >= 0) {
                i += take;
                pos = p + 8 * take;
                continue;
            }
            // some word of the chunk was rejected: redo it with compaction, up to the same number of words read
            int stop = p + 8 * take;
            while (p < stop) {
                long v = (long) LONGS.get(b, p) & mask;
                p += 8;
                out[i] = v;
                i += v < q ? 1 : 0; // branch-free accept: a rejected draw is overwritten by the next one
            }
            pos = p;
        }
    }

    /** Keystream words at byte position p into out[i, i+count): a bulk copy when p is word-aligned (nextBytes may unalign it). */
    private void copyWords(int p, long[] out, int i, int count) {
        if ((p & 7) == 0) {
            words.get(p >>> 3, out, i, count);
        } else {
            for (int k = 0; k < count; k++) {
                out[i + k] = (long) LONGS.get(buf, p + 8 * k);
            }
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
            copyWords(pos, out, i, take);
            pos += 8 * take;
            i += take;
        }
    }

    @Override
    public String toString() {
        return "Prg[AES-256-CTR]";
    }
}
