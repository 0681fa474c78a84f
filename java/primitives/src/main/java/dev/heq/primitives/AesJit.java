package dev.heq.primitives;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-time JIT warm-up of the JDK's AES paths. HotSpot replaces {@code CounterMode.implCrypt} and
 * {@code ElectronicCodeBook.implECBEncrypt} by AES-NI/VAES stubs only once those methods are compiled, i.e. after
 * thousands of invocations. OT extension calls them a few hundred times per batch with large buffers, so without
 * this the first tens of MB run in the interpreter at ~0.15 GB/s instead of 5-15 GB/s (measured on a 2-vCPU
 * development VM). Cost: ≈ 0.2-0.4 s once per JVM, so it is opt-in: the OT layers call {@link #ensureWarm()} when
 * a session starts (their first calls are multi-MB); the HE layer does not (a query's few 8 KiB keystream
 * refills cost less in the interpreter than the warm-up).
 */
public final class AesJit {
    private static final int CALLS = 12_000;

    private AesJit() {}

    /** Runs the warm-up the first time it is called in this JVM; later calls return at once. */
    public static void ensureWarm() {
        Holder.touch();
    }

    private static final class Holder {
        static {
            try {
                byte[] key = new byte[16];
                Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
                ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
                Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
                ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
                byte[] x = new byte[16], y = new byte[16];
                for (int i = 0; i < CALLS; i++) {
                    ctr.update(x, 0, 16, y, 0);
                    ecb.update(x, 0, 16, y, 0);
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES unavailable in this JDK", e);
            }
        }

        static void touch() {
            // class initialisation above runs exactly once
        }
    }
}
