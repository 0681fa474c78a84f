package dev.heq.net;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Packs k-bit values (k = 1..64) into a little-endian bit stream: value i occupies bits [i*k, (i+1)*k) where bit b
 * of the stream is bit (b mod 8) of byte b/8. The last byte is zero-padded; {@link #unpack} rejects non-zero
 * padding (a cheap integrity check on the frame).
 */
public final class BitPacking {
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private BitPacking() {}

    /** Bytes needed for {@code count} values of {@code bits} bits; throws if it exceeds 2^31-1. */
    public static int packedBytes(int count, int bits) {
        checkBits(bits);
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        long n = ((long) count * bits + 7) >>> 3;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(count + " values of " + bits + " bits exceed 2^31-1 bytes");
        }
        return (int) n;
    }

    static void checkBits(int bits) {
        if (bits < 1 || bits > 64) {
            throw new IllegalArgumentException("bits must be in 1..64, got " + bits);
        }
    }

    /** Writes packedBytes(len, bits) bytes to out[outOff..]. Values are taken mod 2^bits. */
    public static void pack(long[] v, int off, int len, int bits, byte[] out, int outOff) {
        checkBits(bits);
        if (bits == 64) {
            for (int i = 0; i < len; i++) {
                LE_LONG.set(out, outOff + 8 * i, v[off + i]);
            }
            return;
        }
        if (bits == 8) {
            for (int i = 0; i < len; i++) {
                out[outOff + i] = (byte) v[off + i];
            }
            return;
        }
        final long mask = (1L << bits) - 1;
        long acc = 0;       // pending bits, LSB first
        int accBits = 0;    // 0..63
        int p = outOff;
        for (int i = 0; i < len; i++) {
            long x = v[off + i] & mask;
            acc |= x << accBits;
            int total = accBits + bits;
            if (total >= 64) {
                LE_LONG.set(out, p, acc);
                p += 8;
                total -= 64;
                // bits of x that did not fit; when accBits == 0 and bits == 64 we never get here
                acc = accBits == 0 ? 0 : x >>> (bits - total);
                if (total == 0) {
                    acc = 0;
                }
            }
            accBits = total;
        }
        while (accBits > 0) {
            out[p++] = (byte) acc;
            acc >>>= 8;
            accBits -= 8;
        }
    }

    /**
     * Inverse of {@link #pack}. Throws {@link ChannelException} (FRAME_MISMATCH) if the padding bits of the last
     * byte are not zero.
     */
    public static void unpack(byte[] in, int inOff, long[] v, int off, int len, int bits) {
        checkBits(bits);
        int nbytes = packedBytes(len, bits);
        if (bits == 64) {
            for (int i = 0; i < len; i++) {
                v[off + i] = (long) LE_LONG.get(in, inOff + 8 * i);
            }
            return;
        }
        final long mask = (1L << bits) - 1;
        long bitPos = 0;
        int end = inOff + nbytes;
        for (int i = 0; i < len; i++, bitPos += bits) {
            int byteIdx = inOff + (int) (bitPos >>> 3);
            int shift = (int) (bitPos & 7);
            long w = readUpTo8(in, byteIdx, end);
            long x = w >>> shift;
            if (shift + bits > 64) {
                x |= (in[byteIdx + 8] & 0xFFL) << (64 - shift);
            }
            v[off + i] = x & mask;
        }
        int usedBits = (int) (((long) len * bits) & 7);
        if (usedBits != 0 && ((in[end - 1] & 0xFF) >>> usedBits) != 0) {
            throw new ChannelException(ChannelException.Kind.FRAME_MISMATCH,
                    "non-zero padding bits in a packed frame of " + len + " x " + bits + "-bit values");
        }
    }

    private static long readUpTo8(byte[] in, int p, int end) {
        if (p + 8 <= end) {
            return (long) LE_LONG.get(in, p);
        }
        long w = 0;
        for (int k = 0; p + k < end; k++) {
            w |= (in[p + k] & 0xFFL) << (8 * k);
        }
        return w;
    }
}
