package dev.heq.he;

/** MSB-first bit packing of unsigned values of 1–63 bits into byte arrays (the wire format's coefficient arrays). */
final class BitPacking {
    private BitPacking() {}

    /** Bytes taken by count values of width bits. */
    static int packedBytes(int count, int width) {
        return (int) (((long) count * width + 7) / 8);
    }

    /** Writes into a byte array of the exact message size. */
    static final class Writer {
        private final byte[] buf;
        private int pos;
        private long acc;
        private int bits; // pending bits in acc, < 8 between values

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

        private void push(long x, int w) { // w ≤ 56, so acc holds < 8 + 56 bits
            acc = (acc << w) | x;
            bits += w;
            while (bits >= 8) {
                bits -= 8;
                buf[pos++] = (byte) (acc >>> bits);
            }
        }

        /** count values of width bits (each &lt; 2^width), MSB first, then zero padding to a byte. */
        void pack(long[] v, int off, int count, int width) {
            for (int i = off, end = off + count; i < end; i++) {
                long x = v[i];
                if (width > 56) {
                    push(x >>> 32, width - 32);
                    push(x & 0xffffffffL, 32);
                } else {
                    push(x, width);
                }
            }
            if (bits > 0) {
                buf[pos++] = (byte) (acc << (8 - bits));
                bits = 0;
            }
            acc = 0;
        }
    }

    /** Reader over a byte array section; every read checks the remaining length and names the field. */
    static final class Reader {
        private final byte[] buf;
        private int pos;
        private final int end;
        private long acc;
        private int bits;

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

        private long pull(int w) { // w ≤ 56; the caller checked the length of the whole section
            while (bits < w) {
                acc = (acc << 8) | (buf[pos++] & 0xff);
                bits += 8;
            }
            bits -= w;
            return (acc >>> bits) & ((1L << w) - 1);
        }

        /**
         * Reads count values of width bits into out[off..], checking each is ≤ max and that the padding bits are
         * zero.
         */
        void unpack(long[] out, int off, int count, int width, long max, String field) {
            need(packedBytes(count, width), field);
            acc = 0;
            bits = 0;
            for (int i = 0; i < count; i++) {
                long x = width > 56 ? (pull(width - 32) << 32) | pull(32) : pull(width);
                if (x > max) {
                    throw new HeFormatException("field '" + field + "' value " + i + " = " + x + " exceeds " + max);
                }
                out[off + i] = x;
            }
            if (bits > 0 && (acc & ((1L << bits) - 1)) != 0) {
                throw new HeFormatException("field '" + field + "' has non-zero padding bits");
            }
            bits = 0;
        }
    }
}
