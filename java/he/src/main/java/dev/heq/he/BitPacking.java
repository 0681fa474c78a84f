package dev.heq.he;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * MSB-first bit packing of unsigned values of 1–63 bits into byte arrays (the wire format's coefficient arrays).
 * Away from the array's end, values move through one unaligned 8-byte big-endian load or store each (a value of
 * ≤ 56 bits plus the ≤ 7 bits pending before it fit in 64); the last few bytes go byte by byte.
 */
final class BitPacking {
    private BitPacking() {}

    private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

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
            if (pos <= buf.length - 8) {
                // the pending bits, MSB-aligned, in one store: whole bytes are final, the partial byte and the zero
                // bytes after it are rewritten by the next store (the message is written front to back, to its end)
                BE_LONG.set(buf, pos, acc << (64 - bits));
                pos += bits >>> 3;
                bits &= 7;
                return;
            }
            while (bits >= 8) {
                bits -= 8;
                buf[pos++] = (byte) (acc >>> bits);
            }
        }

        /** count values of width bits (each &lt; 2^width), MSB first, then zero padding to a byte. */
        void pack(long[] v, int off, int count, int width) {
            if (width > 56) {
                for (int i = off, end = off + count; i < end; i++) {
                    long x = v[i];
                    push(x >>> 32, width - 32);
                    push(x & 0xffffffffL, 32);
                }
            } else {
                for (int i = off, end = off + count; i < end; i++) {
                    push(v[i], width);
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

        /** The w ≤ 56 bits at absolute bit position bit (within the checked section). */
        private long bitsAt(long bit, int w) {
            int at = (int) (bit >>> 3);
            long word;
            if (at <= buf.length - 8) {
                word = (long) BE_LONG.get(buf, at);
            } else { // the last bytes of the array: assemble, zero-filled past the end
                word = 0;
                for (int i = 0; i < 8; i++) {
                    word = (word << 8) | (at + i < buf.length ? buf[at + i] & 0xff : 0);
                }
            }
            return (word << (bit & 7)) >>> (64 - w);
        }

        /**
         * Reads count values of width bits into out[off..], checking each is ≤ max and that the padding bits are
         * zero.
         */
        void unpack(long[] out, int off, int count, int width, long max, String field) {
            int bytes = packedBytes(count, width);
            need(bytes, field);
            long bit = (long) pos << 3;
            if (width > 56) {
                for (int i = 0; i < count; i++, bit += width) {
                    long x = (bitsAt(bit, width - 32) << 32) | bitsAt(bit + width - 32, 32);
                    if (Long.compareUnsigned(x, max) > 0) {
                        throw new HeFormatException("field '" + field + "' value " + i + " = " + x + " exceeds " + max);
                    }
                    out[off + i] = x;
                }
            } else {
                for (int i = 0; i < count; i++, bit += width) {
                    long x = bitsAt(bit, width);
                    if (x > max) {
                        throw new HeFormatException("field '" + field + "' value " + i + " = " + x + " exceeds " + max);
                    }
                    out[off + i] = x;
                }
            }
            pos += bytes;
            int pad = (int) (((long) pos << 3) - bit);
            if (pad > 0 && (buf[pos - 1] & ((1 << pad) - 1)) != 0) {
                throw new HeFormatException("field '" + field + "' has non-zero padding bits");
            }
        }
    }
}
