package dev.heq.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AesPrgTest {
    /** Oracle: CTR keystream = AES-ECB of the big-endian counter blocks 0, 1, 2, ... */
    private static byte[] ecbKeystream(byte[] key, int len) throws Exception {
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        int blocks = (len + 15) / 16;
        byte[] ctr = new byte[blocks * 16];
        for (int b = 0; b < blocks; b++) {
            long v = b;
            for (int k = 15; k >= 8; k--, v >>>= 8) {
                ctr[16 * b + k] = (byte) v;
            }
        }
        return Arrays.copyOf(ecb.doFinal(ctr), len);
    }

    @Test
    void streamIsAesCtrWithZeroIvAcrossOddChunkBoundaries() throws Exception {
        byte[] key = new byte[16];
        for (int i = 0; i < 16; i++) key[i] = (byte) (i * 7 + 1);
        AesPrg prg = new AesPrg(key);
        byte[] got = new byte[200_003];
        int p = 0;
        for (int step : new int[] {1, 15, 17, 100_000, 3, 99_967}) {
            prg.nextBytes(got, p, step);
            p += step;
        }
        assertEquals(got.length, p);
        assertArrayEquals(ecbKeystream(key, got.length), got);
    }

    @Test
    void sameSeedSameStreamDifferentSeedDifferentStream() {
        byte[] s1 = new byte[16], s2 = new byte[16];
        s2[15] = 1;
        AesPrg a = new AesPrg(s1), b = new AesPrg(s1), c = new AesPrg(s2);
        long x = a.nextLong();
        assertEquals(x, b.nextLong());
        assertFalse(x == c.nextLong());
    }

    @Test
    void nextIntIsInRangeAndCoversIt() {
        AesPrg prg = AesPrg.fromSecureRandom();
        int[] hist = new int[10];
        for (int i = 0; i < 100_000; i++) {
            hist[prg.nextInt(10)]++;
        }
        for (int h : hist) {
            assertTrue(h > 9000 && h < 11000, Arrays.toString(hist));
        }
    }
}
