package dev.heq.ot;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A pseudo-random generator: the AES-128-CTR key stream under a 128-bit seed (IV 0), through the JDK's
 * {@code AES/CTR/NoPadding}, which HotSpot runs with AES-NI/VAES intrinsics. Two instances with the same seed
 * produce the same stream (that is how OT extension expands base-OT keys); {@link #fromSecureRandom()} gives a
 * fresh generator for masks and keys. Not thread-safe.
 */
public final class AesPrg {
    static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Output per Cipher call: 16 KiB keeps input (zeros) and output in L1/L2. */
    private static final int CHUNK = 1 << 14;
    private static final byte[] ZEROS = new byte[CHUNK];

    private final Cipher ctr;
    private final byte[] buf = new byte[8 * 256];
    private int bufPos = buf.length;

    /** A generator keyed by the first 16 bytes of {@code seed}. */
    public AesPrg(byte[] seed) {
        if (seed.length < 16) {
            throw new IllegalArgumentException("seed must have at least 16 bytes, got " + seed.length);
        }
        AesJit.ensureWarm();
        try {
            ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, 0, 16, "AES"), new IvParameterSpec(new byte[16]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR/NoPadding unavailable in this JDK", e);
        }
    }

    /** A generator seeded with 16 bytes from a new {@link SecureRandom}. */
    public static AesPrg fromSecureRandom() {
        return fromSecureRandom(new SecureRandom());
    }

    public static AesPrg fromSecureRandom(SecureRandom rnd) {
        byte[] seed = new byte[16];
        rnd.nextBytes(seed);
        return new AesPrg(seed);
    }

    /** Fills dst[off..off+len) with the next len stream bytes. */
    public void nextBytes(byte[] dst, int off, int len) {
        try {
            for (int p = 0; p < len; p += CHUNK) {
                int k = Math.min(CHUNK, len - p);
                int w = ctr.update(ZEROS, 0, k, dst, off + p);
                if (w != k) {
                    throw new IllegalStateException("CTR produced " + w + " of " + k + " bytes");
                }
            }
        } catch (javax.crypto.ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    public void nextBytes(byte[] dst) {
        nextBytes(dst, 0, dst.length);
    }

    /** Next 64 uniformly random bits. */
    public long nextLong() {
        if (bufPos == buf.length) {
            nextBytes(buf, 0, buf.length);
            bufPos = 0;
        }
        long v = (long) LE_LONG.get(buf, bufPos);
        bufPos += 8;
        return v;
    }

    /** Fills d[off..off+len) with uniformly random longs. */
    public void nextLongs(long[] d, int off, int len) {
        for (int i = 0; i < len; i++) {
            d[off + i] = nextLong();
        }
    }

    /** Uniform in [0, bound), bound >= 1 (rejection sampling, no modulo bias). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        int bits = 32 - Integer.numberOfLeadingZeros(bound - 1);
        while (true) {
            int v = bits == 0 ? 0 : (int) (nextLong() >>> (64 - bits));
            if (v < bound) {
                return v;
            }
        }
    }
}
