package dev.heq.he;

import dev.heq.primitives.BitPacking;
import dev.heq.primitives.PackingException;
import dev.heq.ring.RnsBasis;
import dev.heq.ring.RnsPoly;
import dev.heq.ring.RnsPoly.Form;
import java.util.zip.CRC32C;

/**
 * Versioned, bit-packed wire format of queries, ciphertexts, public keys and responses.
 *
 * <pre>
 *   magic "HQE" (3) | version (1) | type (1) | parameter id (8, big-endian) | body | CRC-32C of all before (4)
 * </pre>
 * Multi-byte header fields are big-endian. Arrays of residues modulo q_i take ⌈log2 q_i⌉ bits per value, packed
 * LSB first into little-endian bytes ({@link BitPacking}: value j occupies bits [j·w, (j+1)·w) of the array, bit b
 * of the array is bit b mod 8 of its byte b/8), each array (limb, selection, c1, c0) padded to a byte with zero
 * bits. Version 2 (this one) changed only that bit order: version 1 packed each value MSB first.
 * <ul>
 *   <li>query (type 1): seed (32) | c0 limbs (NTT form);</li>
 *   <li>ciphertext (type 2): form (1: 0 = coefficients, 1 = NTT) | c0 limbs | c1 limbs;</li>
 *   <li>public key (type 3): seed (32) | b limbs (NTT form);</li>
 *   <li>response (type 4): q' (8) | d0 (1) | d1 (1) | count (4) | selection kind (1: 0 = bitmap of N bits,
 *       1 = list of ⌈log2 N⌉-bit indices, whichever is shorter) | selection | c1 (N values, c1Width bits) |
 *       c0 (count values, c0Width bits).</li>
 * </ul>
 * Readers check every field (magic, version, type, parameter id, form, moduli, widths, ranges, index order,
 * padding bits, exact length) and the checksum, and throw {@link HeFormatException} naming the field: every
 * single-byte corruption and every truncation is rejected.
 */
public final class HeCodec {
    /** Format version: 2 since the arrays are packed LSB first (the one bit order of {@link BitPacking}). */
    public static final int VERSION = 2;
    static final int TYPE_QUERY = 1;
    static final int TYPE_CIPHERTEXT = 2;
    static final int TYPE_PUBLIC_KEY = 3;
    static final int TYPE_RESPONSE = 4;
    private static final byte[] MAGIC = {'H', 'Q', 'E'};
    private static final int HEADER = 13;

    private final HeContext ctx;

    public HeCodec(HeContext ctx) {
        this.ctx = ctx;
    }

    // ------------------------------------------------------------------------------------------ writers

    public byte[] writeQuery(SeededCiphertext q) {
        ctx.checkId(q.paramsId(), "query");
        Writer out = header(TYPE_QUERY, queryBytes());
        out.bytes(q.seed());
        writePoly(out, q.c0());
        return finish(out);
    }

    public byte[] writeCiphertext(Ciphertext ct) {
        ctx.checkId(ct.paramsId(), "ciphertext");
        Writer out = header(TYPE_CIPHERTEXT, HEADER + 1 + 2 * polyBytes(ctx.ring().basis()) + 4);
        out.u8(ct.form() == Form.NTT ? 1 : 0);
        writePoly(out, ct.c0());
        writePoly(out, ct.c1());
        return finish(out);
    }

    public byte[] writePublicKey(PublicKey pk) {
        ctx.checkId(pk.paramsId(), "public key");
        Writer out = header(TYPE_PUBLIC_KEY, queryBytes());
        out.bytes(pk.seed());
        writePoly(out, pk.b());
        return finish(out);
    }

    public byte[] writeResponse(Response r) {
        ctx.checkId(r.paramsId(), "response");
        ResponseFormat f = r.format();
        int[] sel = r.selected();
        int n = ctx.n();
        Writer out = header(TYPE_RESPONSE, responseBytes(f, sel.length));
        out.i64(f.modulus());
        out.u8(f.c0DroppedBits());
        out.u8(f.c1DroppedBits());
        out.i32(sel.length);
        int idxBits = indexBits(n);
        if ((long) sel.length * idxBits < n) {
            out.u8(1);
            long[] v = new long[sel.length];
            for (int i = 0; i < sel.length; i++) {
                v[i] = sel[i];
            }
            out.pack(v, 0, v.length, idxBits);
        } else {
            out.u8(0);
            long[] bits = new long[n];
            for (int s : sel) {
                bits[s] = 1;
            }
            out.pack(bits, 0, n, 1);
        }
        out.pack(r.c1(), 0, n, f.c1Width());
        out.pack(r.c0(), 0, sel.length, f.c0Width());
        return finish(out);
    }

    /** Bytes of a serialized query under these parameters. */
    public int queryBytes() {
        return HEADER + SeededCiphertext.SEED_BYTES + polyBytes(ctx.ring().basis()) + 4;
    }

    /** Bytes of a serialized response with {@code used} selected coefficients. */
    public int responseBytes(ResponseFormat f, int used) {
        int n = ctx.n();
        int sel = (long) used * indexBits(n) < n ? BitPacking.packedBytes(used, indexBits(n)) : BitPacking.packedBytes(n, 1);
        return HEADER + 8 + 1 + 1 + 4 + 1 + sel + BitPacking.packedBytes(n, f.c1Width()) + BitPacking.packedBytes(used, f.c0Width()) + 4;
    }

    // ------------------------------------------------------------------------------------------ readers

    public SeededCiphertext readQuery(byte[] b) {
        Reader in = open(b, TYPE_QUERY);
        byte[] seed = in.bytes(SeededCiphertext.SEED_BYTES, "seed");
        RnsPoly c0 = readPoly(in, Form.NTT, "c0");
        close(in, b);
        return new SeededCiphertext(ctx.params().id(), c0, seed);
    }

    public Ciphertext readCiphertext(byte[] b) {
        Reader in = open(b, TYPE_CIPHERTEXT);
        int form = in.u8("form");
        if (form > 1) {
            throw new HeFormatException("field 'form' = " + form + " is neither 0 (coefficients) nor 1 (NTT)");
        }
        Form f = form == 1 ? Form.NTT : Form.COEFF;
        RnsPoly c0 = readPoly(in, f, "c0");
        RnsPoly c1 = readPoly(in, f, "c1");
        close(in, b);
        return new Ciphertext(ctx.params().id(), c0, c1);
    }

    public PublicKey readPublicKey(byte[] b) {
        Reader in = open(b, TYPE_PUBLIC_KEY);
        byte[] seed = in.bytes(SeededCiphertext.SEED_BYTES, "seed");
        RnsPoly pb = readPoly(in, Form.NTT, "b");
        close(in, b);
        return KeyGenerator.publicKeyFromSeed(ctx, pb, seed);
    }

    public Response readResponse(byte[] b) {
        Reader in = open(b, TYPE_RESPONSE);
        int n = ctx.n();
        long q = in.i64("modulus");
        if (!ctx.isResponseModulus(q)) {
            throw new HeFormatException("field 'modulus' = " + q + " is not a response modulus of " + ctx.params().name());
        }
        int d0 = in.u8("c0 dropped bits");
        int d1 = in.u8("c1 dropped bits");
        ResponseFormat f;
        try {
            f = new ResponseFormat(q, d0, d1);
        } catch (IllegalArgumentException e) {
            throw new HeFormatException("field 'dropped bits': " + e.getMessage());
        }
        int count = in.i32("count");
        if (count < 0 || count > n) {
            throw new HeFormatException("field 'count' = " + count + " outside [0, N=" + n + "]");
        }
        int kind = in.u8("selection kind");
        int idxBits = indexBits(n);
        boolean list = (long) count * idxBits < n;
        if (kind != (list ? 1 : 0)) {
            throw new HeFormatException("field 'selection kind' = " + kind + ", expected " + (list ? 1 : 0) + " for " + count + " indices");
        }
        int[] sel = new int[count];
        if (list) {
            long[] v = new long[count];
            in.unpack(v, 0, count, idxBits, n - 1, "selection");
            for (int i = 0; i < count; i++) {
                sel[i] = (int) v[i];
                if (i > 0 && sel[i] <= sel[i - 1]) {
                    throw new HeFormatException("field 'selection': indices not strictly increasing at position " + i);
                }
            }
        } else {
            long[] bits = new long[n];
            in.unpack(bits, 0, n, 1, 1, "selection");
            int k = 0;
            for (int j = 0; j < n; j++) {
                if (bits[j] == 1) {
                    if (k == count) {
                        throw new HeFormatException("field 'selection': bitmap has more than count=" + count + " bits set");
                    }
                    sel[k++] = j;
                }
            }
            if (k != count) {
                throw new HeFormatException("field 'selection': bitmap has " + k + " bits set, count says " + count);
            }
        }
        long[] c1 = new long[n];
        in.unpack(c1, 0, n, f.c1Width(), ResponseFormat.maxKept(q, d1), "c1");
        long[] c0 = new long[count];
        in.unpack(c0, 0, count, f.c0Width(), ResponseFormat.maxKept(q, d0), "c0");
        close(in, b);
        return Response.owned(ctx.params().id(), f, sel, c0, c1); // every field was checked above
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static int indexBits(int n) {
        return 32 - Integer.numberOfLeadingZeros(n - 1);
    }

    private Writer header(int type, int size) {
        Writer out = new Writer(size);
        out.bytes(MAGIC);
        out.u8(VERSION);
        out.u8(type);
        out.i64(ctx.params().id());
        return out;
    }

    private static byte[] finish(Writer out) {
        byte[] b = out.buffer();
        if (out.position() != b.length - 4) {
            throw new IllegalStateException("serializer size mismatch: wrote " + out.position() + " of " + (b.length - 4) + " bytes");
        }
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        out.i32((int) crc.getValue());
        return b;
    }

    private static int polyBytes(RnsBasis b) {
        int s = 0;
        for (int i = 0; i < b.size(); i++) {
            s += BitPacking.packedBytes(b.n(), b.residueBits(i));
        }
        return s;
    }

    private void writePoly(Writer out, RnsPoly p) {
        RnsBasis b = p.basis();
        for (int i = 0; i < b.size(); i++) {
            out.pack(p.data(), p.offset(i), b.n(), b.residueBits(i));
        }
    }

    private RnsPoly readPoly(Reader in, Form form, String field) {
        RnsBasis b = ctx.ring().basis();
        RnsPoly p = new RnsPoly(b, form);
        for (int i = 0; i < b.size(); i++) {
            in.unpack(p.data(), p.offset(i), b.n(), b.residueBits(i), b.prime(i) - 1, field + " limb " + i);
        }
        return p;
    }

    private Reader open(byte[] b, int type) {
        if (b == null) {
            throw new HeFormatException("input is null");
        }
        Reader in = new Reader(b, 0, Math.max(0, b.length - 4));
        if (b.length < HEADER + 4) {
            throw new HeFormatException("truncated input: " + b.length + " bytes is shorter than header + checksum (" + (HEADER + 4) + ")");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (in.u8("magic") != MAGIC[i]) {
                throw new HeFormatException("field 'magic' is not \"HQE\": not an HEQ HE object");
            }
        }
        int v = in.u8("version");
        if (v != VERSION) {
            throw new HeFormatException("field 'version' = " + v + ", this reader supports version " + VERSION);
        }
        int t = in.u8("type");
        if (t != type) {
            throw new HeFormatException("field 'type' = " + t + ", expected " + type);
        }
        long id = in.i64("parameter id");
        if (id != ctx.params().id()) {
            throw new HeFormatException("field 'parameter id' = " + Long.toHexString(id) + " does not match " + ctx.params().name() + " ("
                    + Long.toHexString(ctx.params().id()) + ")");
        }
        return in;
    }

    private static void close(Reader in, byte[] b) {
        if (in.position() != b.length - 4) {
            throw new HeFormatException("length: " + (b.length - 4 - in.position()) + " unexpected bytes before the checksum");
        }
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        int want = (int) crc.getValue();
        int got = 0;
        for (int i = b.length - 4; i < b.length; i++) {
            got = (got << 8) | (b[i] & 0xff);
        }
        if (got != want) {
            throw new HeFormatException("field 'checksum': CRC-32C mismatch (corrupted input)");
        }
    }

    // ------------------------------------------------------------------------------------------ cursors

    /** Writes one message front to back into a byte array of its exact size. */
    static final class Writer {
        private final byte[] buf;
        private int pos;

        Writer(int size) {
            this.buf = new byte[size];
        }

        int position() {
            return pos;
        }

        byte[] buffer() {
            return buf;
        }

        void u8(int v) {
            buf[pos++] = (byte) v;
        }

        void i32(int v) {
            for (int i = 3; i >= 0; i--) {
                buf[pos++] = (byte) (v >>> (8 * i));
            }
        }

        void i64(long v) {
            for (int i = 7; i >= 0; i--) {
                buf[pos++] = (byte) (v >>> (8 * i));
            }
        }

        void bytes(byte[] b) {
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }

        /** count values of width bits (each &lt; 2^width), LSB first, then zero padding to a byte. */
        void pack(long[] v, int off, int count, int width) {
            BitPacking.pack(v, off, count, width, buf, pos);
            pos += BitPacking.packedBytes(count, width);
        }
    }

    /** Reader over a byte array section; every read checks the remaining length and names the field. */
    static final class Reader {
        private final byte[] buf;
        private int pos;
        private final int end;

        Reader(byte[] buf, int pos, int end) {
            this.buf = buf;
            this.pos = pos;
            this.end = end;
        }

        int position() {
            return pos;
        }

        private void need(int bytes, String field) {
            if (end - pos < bytes) {
                throw new HeFormatException("truncated input: field '" + field + "' needs " + bytes + " bytes at offset " + pos + ", "
                        + Math.max(0, end - pos) + " left");
            }
        }

        int u8(String field) {
            need(1, field);
            return buf[pos++] & 0xff;
        }

        int i32(String field) {
            need(4, field);
            int v = 0;
            for (int i = 0; i < 4; i++) {
                v = (v << 8) | (buf[pos++] & 0xff);
            }
            return v;
        }

        long i64(String field) {
            need(8, field);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (buf[pos++] & 0xff);
            }
            return v;
        }

        byte[] bytes(int len, String field) {
            need(len, field);
            byte[] b = new byte[len];
            System.arraycopy(buf, pos, b, 0, len);
            pos += len;
            return b;
        }

        /**
         * Reads count values of width bits (1 ≤ width ≤ 63) into out[off..], checking each is ≤ max and that the
         * padding bits are zero; the packer's errors become format errors naming the field.
         */
        void unpack(long[] out, int off, int count, int width, long max, String field) {
            int bytes = BitPacking.packedBytes(count, width);
            need(bytes, field);
            int bad;
            try {
                bad = BitPacking.unpack(buf, pos, out, off, count, width, max);
            } catch (PackingException e) {
                throw new HeFormatException("field '" + field + "' has non-zero padding bits");
            }
            if (bad >= 0) {
                throw new HeFormatException("field '" + field + "' value " + bad + " = " + out[off + bad] + " exceeds " + max);
            }
            pos += bytes;
        }
    }
}
