package dev.heq.ot.ferret;

import dev.heq.primitives.AesJit;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fixed-key AES-128 permutations on 16-byte blocks, through the JDK's {@code AES/ECB/NoPadding} (AES-NI/VAES
 * intrinsics once JIT-compiled). Public, fixed keys are derived as SHA-256(label)[0..16) so that nothing is up the
 * sleeve. Blocks live either in byte[] (16 bytes, little-endian) or in long[] as (lo, hi) at 2i, 2i+1.
 * Not thread-safe: one instance per thread.
 */
final class Aes {
    static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** 64 KiB per Cipher call: input and output stay in L2 (the ECB stub is much slower on multi-MiB buffers). */
    private static final int CHUNK = 1 << 16;

    static {
        // the one-time AES JIT warm-up (CTR and ECB paths): Ferret's first calls permute MBs
        AesJit.ensureWarm();
    }

    private final Cipher ecb;

    Aes(byte[] key) {
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, 16, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB/NoPadding unavailable in this JDK", e);
        }
    }

    /** A public key: the first 16 bytes of SHA-256 of the label. */
    static byte[] publicKey(String label) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8)), 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** out[outOff..+len) = AES_k(in[inOff..+len)), len a multiple of 16; in and out may be the same range. */
    void permute(byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            for (int p = 0; p < len; p += CHUNK) {
                int k = Math.min(CHUNK, len - p);
                int w = ecb.update(in, inOff + p, k, out, outOff + p);
                if (w != k) {
                    throw new IllegalStateException("ECB produced " + w + " of " + k + " bytes");
                }
            }
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
