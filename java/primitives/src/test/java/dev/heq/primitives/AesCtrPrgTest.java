package dev.heq.primitives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AesCtrPrgTest {
    private static SplittableRandom random(String test) {
        long seed = Long.getLong("heq.tests.seed", System.nanoTime());
        System.out.println("[seed] " + test + " seed=" + seed + " (replay with -Dheq.tests.seed=" + seed + ")");
        return new SplittableRandom(seed);
    }

    /** Oracle, the definition: keystream block j = AES-ECB_key(domain big-endian ‖ j big-endian). */
    private static byte[] ecbKeystream(byte[] key, long domain, int len) throws Exception {
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        int blocks = (len + 15) / 16;
        ByteBuffer ctr = ByteBuffer.allocate(blocks * 16);
        for (long j = 0; j < blocks; j++) {
            ctr.putLong(domain).putLong(j);
        }
        return Arrays.copyOf(ecb.doFinal(ctr.array()), len);
    }

    private static long word(byte[] stream, int at) {
        return ByteBuffer.wrap(stream, at, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static byte[] key128() {
        byte[] key = new byte[16];
        for (int i = 0; i < 16; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        return key;
    }

    /**
     * Pinned first words (computed once with javax.crypto's AES/ECB on the counter blocks, and for one block checked
     * against OpenSSL's aes-256-ecb): the stream is a wire format (the HE "c0 + seed" expansion), so any change to
     * key, counter layout or word order must fail here, not just disagree with an oracle that changed with it.
     */
    @Test
    void knownAnswers() throws Exception {
        byte[] k256 = AesCtrPrg.keyFromLong(1);
        long[][] want = {
            {0x592aa63c2ab13fe8L, 0x126d2b585ef6d96cL, 0xd30440af3e1bc626L, 0xd3b2af6893880c84L},
            {0xbc3f189c22561241L, 0x40fb7478167524caL, 0xe62c496c869d3c0cL, 0x602fd0f883461d38L},
            {0x9ec74121dc0c2ed3L, 0xf51c0625ccc00c7bL, 0x873578c3cea7e516L, 0x92cb4cadb3b68666L},
            {0xac6902da886fb263L, 0x17d88d83e65ed684L, 0xb3598c0b8a30e54bL, 0x61fc58943eedef92L}};
        byte[][] keys = {k256, k256, key128(), key128()};
        long[] domains = {0, 0x0123456789abcdefL, 0, 7};
        for (int c = 0; c < 4; c++) {
            AesCtrPrg p = new AesCtrPrg(keys[c], domains[c]);
            byte[] oracle = ecbKeystream(keys[c], domains[c], 32);
            for (int w = 0; w < 4; w++) {
                assertEquals(want[c][w], word(oracle, 8 * w), "oracle, case " + c + " word " + w);
                assertEquals(want[c][w], p.nextLong(), "case " + c + " word " + w);
            }
        }
        assertEquals("AesCtrPrg[AES-256-CTR]", new AesCtrPrg(k256).toString());
        assertEquals("AesCtrPrg[AES-128-CTR]", new AesCtrPrg(key128()).toString());
    }

    /** Word i of domain d is AES_key(d ‖ ⌊i/2⌋) read little-endian, across the buffer's refill boundary, both key sizes. */
    @Test
    void wordsMatchAesEcbOfCounterBlocks() throws Exception {
        for (byte[] key : new byte[][] {AesCtrPrg.keyFromLong(99), key128()}) {
            long domain = 0x0123456789abcdefL;
            byte[] oracle = ecbKeystream(key, domain, 8 * 3000);
            AesCtrPrg p = new AesCtrPrg(key, domain);
            long[] bulk = new long[3000];
            new AesCtrPrg(key, domain).nextLongs(bulk, 0, bulk.length);
            for (int i = 0; i < 3000; i++) { // 24 KB: crosses the 8 KiB refill boundary twice
                assertEquals(word(oracle, 8 * i), p.nextLong(), "word " + i);
                assertEquals(word(oracle, 8 * i), bulk[i], "bulk word " + i);
            }
        }
    }

    /** Domain 0 under a 16-byte key is AES-128-CTR with a zero IV (the OT extension's expansion), in odd chunks. */
    @Test
    void bytesAreTheStreamAcrossOddChunkBoundaries() throws Exception {
        byte[] key = key128();
        AesCtrPrg prg = new AesCtrPrg(key);
        byte[] got = new byte[200_003];
        int p = 0;
        for (int step : new int[] {1, 15, 17, 100_000, 3, 99_967}) {
            prg.nextBytes(got, p, step);
            p += step;
        }
        assertEquals(got.length, p);
        assertArrayEquals(ecbKeystream(key, 0, got.length), got);
    }

    /**
     * Any mix of calls consumes the keystream strictly in order: bytes of every size (buffered and direct), words,
     * bulk words, rejection samplers (their definition: masked words, rejected while ≥ q / ≥ bound) and
     * {@link AesCtrPrg#nextKey}, against one oracle stream, including words that straddle the buffer's end.
     */
    @Test
    void mixedCallsConsumeTheStreamInOrder() throws Exception {
        SplittableRandom r = random("mixedCallsConsumeTheStreamInOrder");
        for (byte[] key : new byte[][] {AesCtrPrg.keyFromLong(r.nextLong()), key128()}) {
            long domain = r.nextLong();
            byte[] s = ecbKeystream(key, domain, 1 << 21);
            AesCtrPrg p = new AesCtrPrg(key, domain);
            int at = 0;
            while (at < s.length - 70_000) {
                switch (r.nextInt(6)) {
                    case 0 -> {
                        int len = new int[] {0, 1, 3, 7, 8, 100, 1023, 1024, 5000, 8191, 20_000, 60_000}[r.nextInt(12)];
                        byte[] b = new byte[len + 2];
                        p.nextBytes(b, 1, len);
                        assertArrayEquals(Arrays.copyOfRange(s, at, at + len), Arrays.copyOfRange(b, 1, 1 + len), "bytes at " + at);
                        at += len;
                    }
                    case 1 -> {
                        assertEquals(word(s, at), p.nextLong(), "word at " + at);
                        at += 8;
                    }
                    case 2 -> {
                        long[] w = new long[r.nextInt(2000)];
                        p.nextLongs(w, 0, w.length);
                        for (long x : w) {
                            assertEquals(word(s, at), x, "bulk word at " + at);
                            at += 8;
                        }
                    }
                    case 3 -> {
                        long q = new long[] {3, (1L << 40) + 1, (1L << 61) + 12345, (1L << 50) - 27}[r.nextInt(4)];
                        long mask = -1L >>> Long.numberOfLeadingZeros(q - 1);
                        long[] u = new long[r.nextInt(1500)];
                        p.fillUniform(u, 0, u.length, q);
                        for (long x : u) {
                            long v;
                            do {
                                v = word(s, at) & mask;
                                at += 8;
                            } while (v >= q);
                            assertEquals(v, x, "uniform mod " + q);
                        }
                    }
                    case 4 -> {
                        long bound = 1 + r.nextLong(1L << r.nextInt(1, 63));
                        long mask = bound == 1 ? 0 : -1L >>> Long.numberOfLeadingZeros(bound - 1);
                        long v;
                        do {
                            v = word(s, at) & mask;
                            at += 8;
                        } while (v >= bound);
                        assertEquals(v, p.nextBelow(bound), "below " + bound);
                    }
                    default -> {
                        int len = r.nextBoolean() ? AesCtrPrg.KEY_BYTES_128 : AesCtrPrg.KEY_BYTES_256;
                        assertArrayEquals(Arrays.copyOfRange(s, at, at + len), p.nextKey(len));
                        at += len;
                    }
                }
            }
        }
    }

    @Test
    void deterministicPerKeyAndDomainAndResettable() {
        byte[] s = AesCtrPrg.keyFromLong(42);
        AesCtrPrg a = new AesCtrPrg(s);
        AesCtrPrg b = new AesCtrPrg(s, 0);
        AesCtrPrg c = new AesCtrPrg(s, 1);
        AesCtrPrg d = new AesCtrPrg(key128(), 5);
        long[] x = new long[100];
        long[] y = new long[100];
        long[] z = new long[100];
        for (int i = 0; i < 100; i++) {
            x[i] = a.nextLong();
            y[i] = b.nextLong();
            z[i] = c.nextLong();
        }
        assertArrayEquals(x, y);
        assertNotEquals(x[0], z[0]);
        d.nextBytes(new byte[3]);
        d.reset(s, 1); // a new key size and domain, mid-buffer: exactly the stream of a fresh generator
        for (int i = 0; i < 100; i++) {
            assertEquals(z[i], d.nextLong());
        }
        assertThrows(IllegalArgumentException.class, () -> new AesCtrPrg(new byte[24]));
        assertThrows(IllegalArgumentException.class, () -> new AesCtrPrg(null));
        assertThrows(IllegalArgumentException.class, () -> a.nextKey(24));
        assertThrows(IllegalArgumentException.class, () -> a.fillUniform(new long[4], 0, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> a.fillUniform(new long[4], 2, 3, 17));
        assertThrows(IllegalArgumentException.class, () -> a.nextBelow(0));
        assertThrows(IndexOutOfBoundsException.class, () -> a.nextBytes(new byte[4], 2, 3));
        assertEquals(32, AesCtrPrg.freshKey(32).length);
        assertEquals("AesCtrPrg[AES-128-CTR]", AesCtrPrg.fromSecureRandom(16).toString());
    }

    /** The per-thread expansion equals a fresh generator's per-limb fillUniform, and rejects a short output. */
    @Test
    void expandUniformIsPerLimbFillUniform() {
        long[] moduli = {(1L << 50) - 27, (1L << 49) - 9, 12289};
        byte[] seed = AesCtrPrg.keyFromLong(7);
        long[] a = new long[3 * 1024];
        AesCtrPrg.expandUniform(seed, 9, a, 1024, moduli);
        AesCtrPrg ref = new AesCtrPrg(seed, 9);
        long[] b = new long[3 * 1024];
        for (int i = 0; i < 3; i++) {
            ref.fillUniform(b, i * 1024, 1024, moduli[i]);
        }
        assertArrayEquals(b, a);
        assertThrows(IllegalArgumentException.class, () -> AesCtrPrg.expandUniform(seed, 9, new long[3000], 1024, moduli));
    }

    @Test
    void nextBelowIsInRangeAndCoversIt() {
        AesCtrPrg prg = AesCtrPrg.fromSecureRandom(AesCtrPrg.KEY_BYTES_128);
        int[] hist = new int[10];
        for (int i = 0; i < 100_000; i++) {
            hist[(int) prg.nextBelow(10)]++;
        }
        for (int h : hist) { // 10^4 expected per bin, σ ≈ 95: ±10σ
            assertTrue(h > 9000 && h < 11000, Arrays.toString(hist));
        }
        assertEquals(0, prg.nextBelow(1));
    }
}
