package dev.heq.he;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.heq.primitives.AesCtrPrg;
import dev.heq.primitives.BitPacking;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class HeCodecTest {
    private final Random rnd = TestTiers.random("codec");

    record Fixture(HeContext ctx, SecretKey sk, PublicKey pk, SeededCiphertext query, Ciphertext ct, Response listResp, Response mapResp) {}

    Fixture fixture(HeParameters p) {
        HeContext ctx = HeContext.of(p, TestTiers.chosen());
        KeyGenerator kg = new KeyGenerator(ctx, new AesCtrPrg(AesCtrPrg.keyFromLong(rnd.nextLong())));
        SecretKey sk = kg.secretKey();
        PublicKey pk = kg.publicKey(sk);
        Encryptor enc = new Encryptor(ctx, new AesCtrPrg(AesCtrPrg.keyFromLong(rnd.nextLong())));
        Plaintext m = Plaintext.of(p.plainBits(), TestTiers.uniform(rnd, p.n(), p.plainBits()));
        SeededCiphertext q = enc.encryptSymmetric(m, sk);
        Ciphertext ct = new Evaluator(ctx).expand(q);
        ResponseEncoder server = new ResponseEncoder(ctx, pk, new AesCtrPrg(AesCtrPrg.keyFromLong(rnd.nextLong())));
        Response few = server.respond(ct, new int[] {1, 5, p.n() - 1}, ResponseFormat.standard(p), CircuitPrivacy.approx()).response();
        int[] many = new int[p.n() / 2];
        for (int i = 0; i < many.length; i++) {
            many[i] = 2 * i;
        }
        Response lots = server.respond(ct, many, ResponseFormat.cheetah(p), CircuitPrivacy.approx()).response();
        return new Fixture(ctx, sk, pk, q, ct, few, lots);
    }

    /**
     * The codec's cursors against the format's definition, bit by bit: each value LSB first, bit b of an array in
     * bit b mod 8 of its byte b/8, each array zero-padded to a byte; every width 1…63, with arrays ending at and away
     * from the buffer's end (where the checksum follows).
     */
    @Test
    void bitPackingMatchesBitByBitDefinition() {
        for (int width = 1; width <= 63; width++) {
            for (int count : new int[] {0, 1, 7, 64 + rnd.nextInt(64)}) {
                long[] v = new long[count];
                for (int i = 0; i < count; i++) {
                    v[i] = rnd.nextLong() >>> (64 - width);
                }
                if (count > 0) {
                    v[0] = -1L >>> (64 - width); // all ones
                }
                int lead = rnd.nextInt(3);
                int trail = rnd.nextInt(2) * 9; // 0: the array ends the buffer; 9: bytes follow it
                int bytes = BitPacking.packedBytes(count, width);
                byte[] want = new byte[lead + bytes + trail];
                for (int i = 0; i < lead; i++) {
                    want[i] = (byte) (0x11 * (i + 1));
                }
                for (int b = 0; b < count * width; b++) { // bit b of the array is bit b % width of value b / width
                    long bit = (v[b / width] >>> (b % width)) & 1;
                    want[lead + b / 8] |= (byte) (bit << (b % 8));
                }
                for (int i = 0; i < trail; i++) {
                    want[lead + bytes + i] = (byte) (0x5a + i);
                }
                HeCodec.Writer w = new HeCodec.Writer(want.length);
                for (int i = 0; i < lead; i++) {
                    w.u8(0x11 * (i + 1));
                }
                w.pack(v, 0, count, width);
                for (int i = 0; i < trail; i++) {
                    w.u8(0x5a + i);
                }
                assertArrayEquals(want, w.buffer(), "width " + width + " count " + count);
                HeCodec.Reader r = new HeCodec.Reader(want, lead, want.length);
                long[] back = new long[count];
                r.unpack(back, 0, count, width, -1L >>> (64 - width), "v");
                assertArrayEquals(v, back, "width " + width + " count " + count);
                assertEquals(lead + bytes, r.position());
            }
        }
    }

    /** The packer's range and padding errors reach the caller as format errors naming the field. */
    @Test
    void unpackErrorsNameTheField() {
        HeCodec.Writer w = new HeCodec.Writer(BitPacking.packedBytes(3, 5));
        w.pack(new long[] {1, 30, 2}, 0, 3, 5);
        byte[] b = w.buffer();
        HeFormatException big = assertThrows(HeFormatException.class, () -> new HeCodec.Reader(b, 0, b.length).unpack(new long[3], 0, 3, 5, 29, "c1"));
        assertEquals("field 'c1' value 1 = 30 exceeds 29", big.getMessage());
        b[1] |= (byte) 0x80; // bit 15: padding after 3 × 5 bits
        HeFormatException pad = assertThrows(HeFormatException.class, () -> new HeCodec.Reader(b, 0, b.length).unpack(new long[3], 0, 3, 5, 31, "c0"));
        assertEquals("field 'c0' has non-zero padding bits", pad.getMessage());
        HeFormatException cut = assertThrows(HeFormatException.class, () -> new HeCodec.Reader(b, 0, 1).unpack(new long[3], 0, 3, 5, 31, "sel"));
        assertTrue(cut.getMessage().startsWith("truncated input: field 'sel' needs 2 bytes"), cut.getMessage());
    }

    @Test
    void roundTrips() {
        for (HeParameters p : new HeParameters[] {HeParameters.cheetah(), TestTiers.tiny(64, 12, 30, 30)}) {
            Fixture f = fixture(p);
            HeCodec c = new HeCodec(f.ctx());
            byte[] q = c.writeQuery(f.query());
            assertEquals(c.queryBytes(), q.length);
            assertEquals(f.query(), c.readQuery(q));
            assertEquals(f.ct(), c.readCiphertext(c.writeCiphertext(f.ct())));
            Ciphertext coeff = new Evaluator(f.ctx()).toCoeff(f.ct());
            assertEquals(coeff, c.readCiphertext(c.writeCiphertext(coeff)));
            PublicKey pk2 = c.readPublicKey(c.writePublicKey(f.pk()));
            assertEquals(f.pk().b(), pk2.b());
            assertEquals(f.pk().a(), pk2.a());
            for (Response r : new Response[] {f.listResp(), f.mapResp()}) {
                byte[] w = c.writeResponse(r);
                assertEquals(c.responseBytes(r.format(), r.selected().length), w.length);
                Response back = c.readResponse(w);
                assertEquals(r, back);
                Decryptor d = new Decryptor(f.ctx(), f.sk());
                assertArrayEquals(d.decryptResponse(r), d.decryptResponse(back));
            }
        }
        // Cheetah anchor: query N=4096, 60+49 bits, seeded ≈ 56 kB
        HeCodec cheetah = new HeCodec(HeContext.of(HeParameters.cheetah(), TestTiers.chosen()));
        assertEquals(13 + 32 + 4096 * 60 / 8 + 4096 * 49 / 8 + 4, cheetah.queryBytes());
    }

    private static void expectRejected(String what, byte[] bad, Function<byte[], ?> reader) {
        try {
            reader.apply(bad);
        } catch (HeFormatException e) {
            return;
        } catch (RuntimeException e) {
            fail(what + ": rejected with " + e + " instead of HeFormatException");
        }
        fail(what + ": corrupted input was accepted");
    }

    /** Every single-byte corruption (4 patterns per position) and every truncation is rejected with HeFormatException. */
    @Test
    void rejectsEverySingleByteCorruptionAndTruncation() {
        Fixture f = fixture(TestTiers.tiny(64, 12, 30, 30));
        HeCodec c = new HeCodec(f.ctx());
        check("query", c.writeQuery(f.query()), c::readQuery, 1);
        check("ciphertext", c.writeCiphertext(f.ct()), c::readCiphertext, 1);
        check("public key", c.writePublicKey(f.pk()), c::readPublicKey, 1);
        check("response(list)", c.writeResponse(f.listResp()), c::readResponse, 1);
        check("response(bitmap)", c.writeResponse(f.mapResp()), c::readResponse, 1);
        // full-size Cheetah response: every header byte and a stride of the body
        Fixture big = fixture(HeParameters.cheetah());
        HeCodec cb = new HeCodec(big.ctx());
        check("cheetah response", cb.writeResponse(big.mapResp()), cb::readResponse, 211);
    }

    private void check(String what, byte[] good, Function<byte[], ?> reader, int stride) {
        reader.apply(good); // sanity
        int[] patterns = {0x01, 0x80, 0xff, 1 + rnd.nextInt(254)};
        for (int pos = 0; pos < good.length; pos += (pos < 40 || pos > good.length - 40) ? 1 : stride) {
            for (int x : patterns) {
                byte[] bad = good.clone();
                bad[pos] ^= (byte) x;
                expectRejected(what + " byte " + pos + " ^ " + x, bad, reader);
            }
        }
        for (int len = 0; len < good.length; len += (len < 40 || len > good.length - 40) ? 1 : stride) {
            expectRejected(what + " truncated to " + len, Arrays.copyOf(good, len), reader);
        }
        expectRejected(what + " with a trailing byte", Arrays.copyOf(good, good.length + 1), reader);
        expectRejected(what + " null", null, reader);
    }

    @Test
    void errorsNameTheField() {
        Fixture f = fixture(TestTiers.tiny(64, 12, 30, 30));
        HeCodec c = new HeCodec(f.ctx());
        byte[] q = c.writeQuery(f.query());
        byte[] bad = q.clone();
        bad[3] = 9;
        assertTrue(assertThrows(HeFormatException.class, () -> c.readQuery(bad)).getMessage().contains("version"));
        assertEquals(2, q[3], "format version 2: LSB-first arrays");
        byte[] v1 = q.clone();
        v1[3] = 1; // the MSB-first format of version 1 is refused, not misread
        assertTrue(assertThrows(HeFormatException.class, () -> c.readQuery(v1)).getMessage().contains("version"));
        assertTrue(assertThrows(HeFormatException.class, () -> c.readCiphertext(q)).getMessage().contains("type"));
        HeCodec other = new HeCodec(HeContext.of(TestTiers.tiny(64, 13, 30, 30), TestTiers.chosen()));
        assertTrue(assertThrows(HeFormatException.class, () -> other.readQuery(q)).getMessage().contains("parameter id"));
        assertTrue(assertThrows(HeFormatException.class, () -> c.readQuery(Arrays.copyOf(q, 20))).getMessage().contains("truncated"));
        byte[] r = c.writeResponse(f.listResp());
        byte[] badMod = r.clone();
        badMod[13 + 7] ^= 2; // q' low byte: no longer an NTT prime
        assertTrue(assertThrows(HeFormatException.class, () -> c.readResponse(badMod)).getMessage().contains("modulus"));
    }
}
