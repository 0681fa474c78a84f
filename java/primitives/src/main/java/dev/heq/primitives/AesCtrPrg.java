package dev.heq.primitives;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one deterministic pseudo-random generator of HEQ: the AES-CTR keystream (NIST SP 800-38A, §6.5) under a 128-
 * or 256-bit key, through the JDK's {@code AES/CTR/NoPadding}, which HotSpot runs with AES-NI/VAES intrinsics once
 * compiled (see {@link AesJit}). Two generators with the same key and domain produce the same stream; that is how
 * both parties derive the public uniform {@code a} of a seeded HE ciphertext ("c0 + seed", Cheetah/SEAL) and how OT
 * extension expands base-OT keys (Asharov–Lindell–Schneider–Zohner, CCS 2013). Secret material comes from a
 * generator keyed from {@link SecureRandom} ({@link #fromSecureRandom}); tests fix keys to replay a run.
 *
 * <p>Stream layout (wire-visible through {@link #expandUniform} and {@link #fillUniform}: do not change without
 * bumping the HE serialization version):
 * <ul>
 *   <li>key = the seed: 16 bytes select AES-128, 32 bytes AES-256;</li>
 *   <li>counter block j = 8-byte big-endian {@code domain} ‖ 8-byte big-endian j, j = 0, 1, … (the JDK increments
 *       the 128-bit block as one big-endian number; j cannot wrap within the 2^64 blocks of one stream), so different
 *       domains give disjoint counter blocks, i.e. independent streams under one key; domain 0 under a 16-byte key
 *       is plain AES-128-CTR with a zero IV;</li>
 *   <li>every method consumes the keystream bytes strictly in order, whatever the mix of calls: {@link #nextBytes}
 *       takes the next bytes, {@link #nextLong} the next 8 read little-endian, the samplers whole such words.</li>
 * </ul>
 *
 * <p>Speed: words are served from an 8 KiB keystream buffer (bulk {@code long[]} copies at memcpy speed, post-
 * processing in loops C2 vectorizes); a large {@link #nextBytes} request bypasses the buffer and has the cipher write
 * the keystream straight into the destination (OT extension's k × B/8-byte column expansion).
 *
 * <p>Not thread-safe.
 */
public final class AesCtrPrg {
    /** Key (seed) length of AES-128. */
    public static final int KEY_BYTES_128 = 16;
    /** Key (seed) length of AES-256. */
    public static final int KEY_BYTES_256 = 32;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int BUFFER_BYTES = 8192;
    /** Keystream bytes per Cipher call on the direct path: 16 KiB keeps the zero input and the output in L1/L2. */
    private static final int CHUNK = 1 << 14;
    private static final byte[] ZEROS = new byte[CHUNK];
    /**
     * Requests of at least this many bytes (after what is left in the buffer) are written straight into the
     * destination: below it, one buffered Cipher call per 8 KiB costs less than a call per request.
     */
    private static final int DIRECT_BYTES = 1024;
    /** Chunk of {@link #fillUniform}'s fast path: small enough that a rare rejection costs little to redo. */
    private static final int UNIFORM_CHUNK = 256;
    private static final SecureRandom SYSTEM = new SecureRandom();
    /** The provider of AES/CTR/NoPadding, looked up once: naming it halves Cipher.getInstance's cost (≈ 11 → 5 µs). */
    private static final Provider AES_CTR = lookupProvider();

    private static Provider lookupProvider() {
        try {
            return Cipher.getInstance("AES/CTR/NoPadding").getProvider();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR/NoPadding is unavailable in this JVM", e);
        }
    }

    private final Cipher cipher;
    private final byte[] buf = new byte[BUFFER_BYTES];
    /** Little-endian 64-bit view of {@link #buf}: bulk copies into long[] run at memcpy speed. */
    private final LongBuffer words = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
    /** Next unread keystream byte of buf; BUFFER_BYTES when the buffer is used up. */
    private int pos = BUFFER_BYTES;
    private int keyBytes;

    /**
     * @param key    16 bytes (AES-128) or 32 bytes (AES-256)
     * @param domain stream separator (e.g. 0 for the uniform {@code a} of a ciphertext)
     */
    public AesCtrPrg(byte[] key, long domain) {
        try {
            cipher = Cipher.getInstance("AES/CTR/NoPadding", AES_CTR);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR/NoPadding is unavailable in this JVM", e);
        }
        rekey(key, domain);
    }

    /** A generator in domain 0. */
    public AesCtrPrg(byte[] key) {
        this(key, 0);
    }

    /**
     * Restarts this generator on a new key and domain: afterwards it produces exactly the stream of
     * {@code new AesCtrPrg(key, domain)}. Re-initialising the cipher costs ≈ 1.5 µs against ≈ 5 µs for a new one
     * (measured, JDK 25), which matters where a seed is expanded per query ({@link #expandUniform}) or per trial.
     */
    public void reset(byte[] key, long domain) {
        rekey(key, domain);
    }

    private void rekey(byte[] key, long domain) {
        if (key == null || (key.length != KEY_BYTES_128 && key.length != KEY_BYTES_256)) {
            throw new IllegalArgumentException("AES-CTR key must be " + KEY_BYTES_128 + " or " + KEY_BYTES_256 + " bytes, got "
                    + (key == null ? "null" : key.length));
        }
        byte[] iv = new byte[16];
        for (int i = 0; i < 8; i++) {
            iv[i] = (byte) (domain >>> (56 - 8 * i));
        }
        try {
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR/NoPadding with a " + 8 * key.length + "-bit key is unavailable in this JVM", e);
        }
        keyBytes = key.length;
        pos = BUFFER_BYTES;
    }

    /** One re-keyable generator per thread for {@link #expandUniform}: expansion is a pure function of the key. */
    private static final ThreadLocal<AesCtrPrg> EXPANDER = ThreadLocal.withInitial(() -> new AesCtrPrg(new byte[KEY_BYTES_256]));

    /**
     * The public expansion of a key into uniform residues: out[i·n, (i+1)·n) gets n values uniform in
     * [0, moduli[i]), drawn in limb order from one stream, exactly as {@code new AesCtrPrg(key, domain)} followed by
     * {@link #fillUniform} per limb (the wire-visible "c0 + seed" expansion both parties must agree on). Uses a
     * per-thread generator re-keyed for the call, so the expansion costs no cipher allocation. Thread-safe.
     */
    public static void expandUniform(byte[] key, long domain, long[] out, int n, long[] moduli) {
        if ((long) n * moduli.length > out.length) {
            throw new IllegalArgumentException("output has " + out.length + " slots, need " + n + "·" + moduli.length);
        }
        AesCtrPrg p = EXPANDER.get();
        p.rekey(key, domain);
        for (int i = 0; i < moduli.length; i++) {
            p.fillUniform(out, i * n, n, moduli[i]);
        }
        // the keystream left in the buffer expands a public key into a public a: nothing to wipe
    }

    /** A fresh key of {@code keyBytes} (16 or 32) bytes from the JVM's {@link SecureRandom}. */
    public static byte[] freshKey(int keyBytes) {
        byte[] s = new byte[keyBytes];
        synchronized (SYSTEM) {
            SYSTEM.nextBytes(s);
        }
        return s;
    }

    /** A generator keyed from the JVM's {@link SecureRandom}: the source for keys, errors and masks. */
    public static AesCtrPrg fromSecureRandom(int keyBytes) {
        return new AesCtrPrg(freshKey(keyBytes));
    }

    /** A generator keyed with {@code keyBytes} (16 or 32) bytes of {@code rnd}. */
    public static AesCtrPrg fromSecureRandom(SecureRandom rnd, int keyBytes) {
        byte[] key = new byte[keyBytes];
        rnd.nextBytes(key);
        return new AesCtrPrg(key);
    }

    /**
     * A 32-byte key for tests, derived from a long (the long printed by a test is enough to replay it): bytes 0–7
     * are s little-endian, byte 31 is 0x5a (not all-zero even for s = 0), the rest zero.
     */
    public static byte[] keyFromLong(long s) {
        byte[] key = new byte[KEY_BYTES_256];
        for (int i = 0; i < 8; i++) {
            key[i] = (byte) (s >>> (8 * i));
        }
        key[31] = 0x5a;
        return key;
    }

    /** Writes the next len keystream bytes (after those in the buffer) to dst[off..], at most CHUNK per Cipher call. */
    private void keystream(byte[] dst, int off, int len) {
        try {
            for (int p = 0; p < len; p += CHUNK) {
                int k = Math.min(CHUNK, len - p);
                int done = cipher.update(ZEROS, 0, k, dst, off + p);
                if (done != k) {
                    throw new IllegalStateException("AES-CTR produced " + done + " bytes instead of " + k);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR keystream failed", e);
        }
    }

    /** Refills the buffer, keeping its unread tail (&lt; 8 bytes when a word straddles the end) in front. */
    private void refill() {
        int left = BUFFER_BYTES - pos;
        if (left > 0) {
            System.arraycopy(buf, pos, buf, 0, left);
        }
        keystream(buf, left, BUFFER_BYTES - left);
        pos = 0;
    }

    /** The next 64 keystream bits (the next 8 bytes, little-endian). */
    public long nextLong() {
        if (pos > BUFFER_BYTES - 8) {
            refill();
        }
        long v = (long) LONGS.get(buf, pos);
        pos += 8;
        return v;
    }

    /** Fills {@code dst} with the next keystream bytes. */
    public void nextBytes(byte[] dst) {
        nextBytes(dst, 0, dst.length);
    }

    /** Fills dst[off, off+len) with the next len keystream bytes; large requests are written by the cipher directly. */
    public void nextBytes(byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, len, dst.length);
        int have = BUFFER_BYTES - pos;
        if (len <= have) {
            System.arraycopy(buf, pos, dst, off, len);
            pos += len;
            return;
        }
        System.arraycopy(buf, pos, dst, off, have);
        pos = BUFFER_BYTES;
        off += have;
        len -= have;
        if (len >= DIRECT_BYTES) {
            keystream(dst, off, len);
            return;
        }
        refill();
        System.arraycopy(buf, 0, dst, off, len);
        pos = len;
    }

    /** The next {@code keyBytes} (16 or 32) keystream bytes, as the key of a child generator (e.g. the seed of an {@code a}). */
    public byte[] nextKey(int keyBytes) {
        if (keyBytes != KEY_BYTES_128 && keyBytes != KEY_BYTES_256) {
            throw new IllegalArgumentException("AES-CTR key must be " + KEY_BYTES_128 + " or " + KEY_BYTES_256 + " bytes, got " + keyBytes);
        }
        byte[] s = new byte[keyBytes];
        nextBytes(s);
        return s;
    }

    /**
     * Uniform in [0, bound) for 1 ≤ bound ≤ 2^63 − 1: the next word masked to the smallest covering power of two,
     * rejected while ≥ bound (unbiased; each try succeeds with probability &gt; 1/2).
     */
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
     * for the largest NTT primes of a size, which the HE presets use, 1 − 2^−30 or closer). The hot loop of every
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
        Objects.checkFromIndexSize(off, n, out.length);
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
        return "AesCtrPrg[AES-" + 8 * keyBytes + "-CTR]";
    }
}
