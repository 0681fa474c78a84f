package dev.heq.primitives;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The one bit packer of HEQ: unsigned values of k bits (1 ≤ k ≤ 64) as a little-endian, LSB-first bit stream.
 * Value i occupies stream bits [i·k, (i+1)·k), its bit j at stream bit i·k + j; stream bit b is bit (b mod 8) of
 * byte ⌊b/8⌋. The last byte is zero-padded, and {@link #unpack} rejects non-zero padding (a cheap integrity check).
 * Users: the HE wire format ({@code HeCodec}'s coefficient arrays), framed {@code long[]} messages
 * ({@code Channel.sendLongs}) and the OT layers.
 *
 * <p>Why this bit order for the whole project: with LSB-first bits in little-endian bytes, the 8 bytes at byte
 * ⌊i·k/8⌋ read as one little-endian {@code long} (a plain load on x86-64 and AArch64, no byte swap) hold value i
 * at bit offset i·k mod 8, so unpacking is a load, a shift and a mask, and packing ORs {@code x << pending} into an
 * accumulator that is stored as one word per 64 bits. Stream bit b is also bit b mod 64 of the b/64-th
 * little-endian long, the layout of a {@code long[]} bitset and of the OT bit matrices, so a k-bit stream for k
 * dividing 64 is just 64/k values per long. MSB-first order would need a byte-swapped load per value and would
 * disagree with the bit matrices.
 *
 * <p>Bounds: a packed section is {@code packedBytes(count, k)} ≤ 2^31 − 1 bytes. Readers may load up to 8 bytes past
 * a value within the array (bits outside the value are masked off), never past the array; writers touch exactly
 * the section's bytes.
 */
public final class BitPacking {
    private BitPacking() {}

    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Bytes taken by {@code count} values of {@code bits} bits: ⌈count·bits/8⌉; throws if that exceeds 2^31 − 1. */
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

    private static void checkBits(int bits) {
        if (bits < 1 || bits > 64) {
            throw new IllegalArgumentException("bits must be in 1..64, got " + bits);
        }
    }

    // ------------------------------------------------------------------------------------------ pack

    /**
     * Writes {@code count} values v[off..] of {@code bits} bits each (taken mod 2^bits) to
     * out[outOff, outOff + packedBytes(count, bits)), padding the last byte with zero bits. No other byte of out is
     * touched.
     */
    public static void pack(long[] v, int off, int count, int bits, byte[] out, int outOff) {
        int n = packedBytes(count, bits);
        Objects.checkFromIndexSize(off, count, v.length);
        Objects.checkFromIndexSize(outOff, n, out.length);
        if (bits == 64) {
            for (int i = 0; i < count; i++) {
                LE_LONG.set(out, outOff + 8 * i, v[off + i]);
            }
            return;
        }
        long mask = -1L >>> (64 - bits);
        int i = off;
        int end = off + count;
        int p = outOff;
        // one loop for every k < 64 (a per-long inner loop for k dividing 64 measured no faster, and slower for k ≥ 8)
        long acc = 0; // pending stream bits, LSB first
        int pending = 0; // 0..63
        for (; i < end; i++) {
            long x = v[i] & mask;
            acc |= x << pending;
            pending += bits;
            if (pending >= 64) { // a whole word: store it, keep the bits of x that did not fit
                LE_LONG.set(out, p, acc);
                p += 8;
                pending -= 64;
                acc = x >>> (bits - pending); // shift in [1, bits]: 0 when x fitted exactly (x < 2^bits)
            }
        }
        for (; pending > 0; pending -= 8) {
            out[p++] = (byte) acc;
            acc >>>= 8;
        }
    }

    // ------------------------------------------------------------------------------------------ unpack

    /**
     * Reads {@code count} values of {@code bits} bits from in[inOff..] into out[off..] (each in [0, 2^bits)).
     *
     * @throws PackingException if the padding bits of the section's last byte are not zero
     */
    public static void unpack(byte[] in, int inOff, long[] out, int off, int count, int bits) {
        unpack(in, inOff, out, off, count, bits, -1L);
    }

    /**
     * {@link #unpack(byte[], int, long[], int, int, int)} with a range check: returns the index (0-based, relative
     * to off) of the first value that exceeds {@code max} as an unsigned number, or −1 if none does. When a value
     * exceeds max, all count values are still written and the padding is not checked (the range error is reported
     * first).
     *
     * @throws PackingException if every value is ≤ max but the padding bits are not zero
     */
    public static int unpack(byte[] in, int inOff, long[] out, int off, int count, int bits, long max) {
        int n = packedBytes(count, bits);
        Objects.checkFromIndexSize(inOff, n, in.length);
        Objects.checkFromIndexSize(off, count, out.length);
        if (bits == 64) {
            for (int i = 0; i < count; i++) {
                out[off + i] = (long) LE_LONG.get(in, inOff + 8 * i);
            }
            return max == -1L ? -1 : firstAbove(out, off, count, max);
        }
        long mask = -1L >>> (64 - bits);
        // below 2^63 (bits ≤ 63 here) "x > max" is the sign of max − x; a max beyond the mask cannot be exceeded
        long limit = Long.compareUnsigned(max, mask) >= 0 ? mask : max;
        // k ∈ {1, 2, 4}: 64/k ≥ 16 values out of each long load beat a load per value (measured ≈ 1.5×); from k = 8 on the
        // per-value loop is faster
        long bad = (bits == 1 || bits == 2 || bits == 4) ? unpackWords(in, inOff, out, off, count, bits, mask, limit)
                : unpackValues(in, inOff, n, out, off, count, bits, mask, limit);
        if (bad < 0) {
            return firstAbove(out, off, count, limit);
        }
        checkPadding(in, inOff, count, bits);
        return -1;
    }

    /**
     * Checks that the padding bits after {@code count} values of {@code bits} bits at in[inOff..] are zero, for
     * readers that pick values with {@link #valueAt} instead of unpacking the section.
     *
     * @throws PackingException if they are not
     */
    public static void checkPadding(byte[] in, int inOff, int count, int bits) {
        int n = packedBytes(count, bits);
        Objects.checkFromIndexSize(inOff, n, in.length);
        int used = (int) (((long) count * bits) & 7);
        if (used != 0 && ((in[inOff + n - 1] & 0xff) >>> used) != 0) {
            throw new PackingException("non-zero padding bits after " + count + " values of " + bits + " bits");
        }
    }

    /**
     * Value {@code index} of the packed section at in[inOff..], in [0, 2^bits): random access for readers that need
     * a few values of a large section (a KK13 receiver takes 1 of N table entries per OT). Reads only bytes of the
     * array; bytes after the value contribute nothing.
     */
    public static long valueAt(byte[] in, int inOff, int index, int bits) {
        checkBits(bits);
        if (index < 0 || inOff < 0) {
            throw new IndexOutOfBoundsException("index " + index + " at offset " + inOff);
        }
        long bit = (long) index * bits;
        long at = inOff + (bit >>> 3);
        int sh = (int) (bit & 7);
        long mask = -1L >>> (64 - bits);
        int last = (int) Math.min(Integer.MAX_VALUE, at + ((sh + bits - 1) >>> 3)); // the value's last byte
        Objects.checkIndex(last, in.length);
        int a = (int) at;
        long x;
        if (a <= in.length - 9) {
            x = (long) LE_LONG.get(in, a) >>> sh;
            if (sh + bits > 64) { // the value reaches into the ninth byte
                x |= (long) (in[a + 8] & 0xff) << (64 - sh);
            }
        } else {
            x = 0;
            for (int k = 0; a + k <= last; k++) {
                long b = in[a + k] & 0xffL;
                int s8 = 8 * k - sh;
                x |= s8 < 0 ? b >>> -s8 : s8 < 64 ? b << s8 : 0;
            }
        }
        return x & mask;
    }

    /** k ∈ {1, 2, 4}: whole little-endian longs of 64/k values, then the last partial long byte by byte. */
    private static long unpackWords(byte[] in, int inOff, long[] out, int off, int count, int bits, long mask, long limit) {
        int per = 64 / bits;
        long bad = 0;
        int i = 0;
        int p = inOff;
        for (; i + per <= count; i += per, p += 8) {
            long w = (long) LE_LONG.get(in, p);
            for (int j = 0; j < per; j++) {
                long x = (w >>> (j * bits)) & mask;
                out[off + i + j] = x;
                bad |= limit - x;
            }
        }
        if (i < count) {
            int bytes = (int) (((long) (count - i) * bits + 7) >>> 3);
            long w = 0;
            for (int k = 0; k < bytes; k++) {
                w |= (in[p + k] & 0xffL) << (8 * k);
            }
            for (int j = 0; i < count; i++, j++) {
                long x = (w >>> (j * bits)) & mask;
                out[off + i] = x;
                bad |= limit - x;
            }
        }
        return bad;
    }

    /**
     * Any k ≤ 63 not in {1, 2, 4}: value i is the little-endian long at byte inOff + ⌊i·k/8⌋ shifted right by i·k mod 8
     * (≤ 7), plus for k ≥ 58 the ninth byte when the value straddles it. The two cases are separate loops (the
     * ninth-byte branch stays out of the narrow loop, and each is compiled for the widths it sees); values whose load
     * would leave the array go bytewise.
     */
    private static long unpackValues(byte[] in, int inOff, int n, long[] out, int off, int count, int bits, long mask, long limit) {
        // values i with inOff + ⌊i·k/8⌋ + 9 ≤ in.length can load 9 bytes without a bounds branch
        long room = (long) in.length - 9 - inOff;
        int fast = room < 0 ? 0 : (int) Math.min(count, (room * 8 + 7) / bits + 1);
        long bad = bits <= 57 ? unpackNarrow(in, inOff, out, off, fast, bits, mask, limit)
                : unpackWide(in, inOff, out, off, fast, bits, mask, limit);
        return bad | unpackTail(in, inOff, n, out, off, fast, count, bits, mask, limit);
    }

    /** k ≤ 57: with a shift ≤ 7 the value lies in one 8-byte load. Values [0, fast). */
    private static long unpackNarrow(byte[] in, int inOff, long[] out, int off, int fast, int bits, long mask, long limit) {
        long bad = 0;
        long bit = 0;
        for (int i = 0; i < fast; i++, bit += bits) {
            long x = ((long) LE_LONG.get(in, inOff + (int) (bit >>> 3)) >>> (bit & 7)) & mask;
            out[off + i] = x;
            bad |= limit - x;
        }
        return bad;
    }

    /** 58 ≤ k ≤ 63: one 8-byte load, and the ninth byte when the value reaches into it. Values [0, fast). */
    private static long unpackWide(byte[] in, int inOff, long[] out, int off, int fast, int bits, long mask, long limit) {
        long bad = 0;
        long bit = 0;
        for (int i = 0; i < fast; i++, bit += bits) {
            int at = inOff + (int) (bit >>> 3);
            int sh = (int) (bit & 7);
            long x = (long) LE_LONG.get(in, at) >>> sh;
            if (sh + bits > 64) { // a branch: measured faster than loading the ninth byte unconditionally
                x |= (long) (in[at + 8] & 0xff) << (64 - sh);
            }
            x &= mask;
            out[off + i] = x;
            bad |= limit - x;
        }
        return bad;
    }

    /** Values [from, count), near the array's end: assembled from the section's bytes. */
    private static long unpackTail(byte[] in, int inOff, int n, long[] out, int off, int from, int count, int bits, long mask,
            long limit) {
        long bad = 0;
        int end = inOff + n;
        long bit = (long) from * bits;
        for (int i = from; i < count; i++, bit += bits) {
            int at = inOff + (int) (bit >>> 3);
            int sh = (int) (bit & 7);
            long x = 0;
            for (int k = 0; k < 9 && at + k < end; k++) {
                long b = in[at + k] & 0xffL;
                int s = 8 * k - sh;
                x |= s < 0 ? b >>> -s : s < 64 ? b << s : 0;
            }
            x &= mask;
            out[off + i] = x;
            bad |= limit - x;
        }
        return bad;
    }

    private static int firstAbove(long[] v, int off, int count, long max) {
        for (int i = 0; i < count; i++) {
            if (Long.compareUnsigned(v[off + i], max) > 0) {
                return i;
            }
        }
        return -1;
    }
}
