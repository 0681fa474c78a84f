package dev.heq.he;

import java.io.ByteArrayOutputStream;

/** MSB-first bit packing of unsigned values of 1–63 bits (the wire format's coefficient arrays). */
final class BitPacking {
    private BitPacking() {}

    /** Appends values with {@code width} bits each, MSB first, zero-padded to a whole byte. */
    static void pack(ByteArrayOutputStream out, long[] v, int off, int count, int width) {
        long acc = 0;
        int bits = 0;
        for (int i = off; i < off + count; i++) {
            long x = v[i];
            int w = width;
            // emit the value in chunks so acc never holds more than 64 bits
            while (w > 0) {
                int take = Math.min(w, 56 - bits);
                long chunk = (x >>> (w - take)) & ((1L << take) - 1);
                acc = (acc << take) | chunk;
                bits += take;
                w -= take;
                while (bits >= 8) {
                    out.write((int) (acc >>> (bits - 8)));
                    bits -= 8;
                    acc &= (1L << bits) - 1;
                }
            }
        }
        if (bits > 0) {
            out.write((int) (acc << (8 - bits)));
        }
    }

    /** Bytes taken by count values of width bits. */
    static int packedBytes(int count, int width) {
        return (int) (((long) count * width + 7) / 8);
    }

    /** Reader over a byte array section. */
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
         * Reads count values of width bits into out[off..], checking each is ≤ max and that the padding bits
         * are zero.
         */
        void unpack(long[] out, int off, int count, int width, long max, String field) {
            int bytes = packedBytes(count, width);
            need(bytes, field);
            long acc = 0;
            int bits = 0;
            int p = pos;
            for (int i = 0; i < count; i++) {
                long x = 0;
                int w = width;
                while (w > 0) {
                    if (bits == 0) {
                        acc = buf[p++] & 0xff;
                        bits = 8;
                    }
                    int take = Math.min(w, bits);
                    long chunk = (acc >>> (bits - take)) & ((1L << take) - 1);
                    x = (x << take) | chunk;
                    bits -= take;
                    w -= take;
                }
                if (Long.compareUnsigned(x, max) > 0) {
                    throw new HeFormatException("field '" + field + "' value " + i + " = " + Long.toUnsignedString(x) + " exceeds " + max);
                }
                out[off + i] = x;
            }
            if (bits > 0 && (acc & ((1L << bits) - 1)) != 0) {
                throw new HeFormatException("field '" + field + "' has non-zero padding bits");
            }
            pos += bytes;
        }
    }

    static void i32(ByteArrayOutputStream out, int v) {
        for (int i = 3; i >= 0; i--) {
            out.write(v >>> (8 * i));
        }
    }

    static void i64(ByteArrayOutputStream out, long v) {
        for (int i = 7; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
    }
}
