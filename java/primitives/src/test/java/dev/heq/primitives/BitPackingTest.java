package dev.heq.primitives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BitPackingTest {
    private static SplittableRandom random(String test) {
        long seed = Long.getLong("heq.tests.seed", System.nanoTime());
        System.out.println("[seed] " + test + " seed=" + seed + " (replay with -Dheq.tests.seed=" + seed + ")");
        return new SplittableRandom(seed);
    }

    /** Oracle, the definition: stream bit i·k + j is bit j of value i; stream bit b is bit b mod 8 of byte b/8. */
    private static byte[] naivePack(long[] v, int bits) {
        byte[] out = new byte[(int) (((long) v.length * bits + 7) / 8)];
        long pos = 0;
        for (long x : v) {
            for (int b = 0; b < bits; b++, pos++) {
                if (((x >>> b) & 1) != 0) {
                    out[(int) (pos >>> 3)] |= (byte) (1 << (pos & 7));
                }
            }
        }
        return out;
    }

    /**
     * Every width 1…64 and counts around the word boundaries, at offsets inside a larger array: the bytes match the
     * bit-by-bit definition, no byte outside the section is touched, and unpacking and random access (with the
     * section at the array's end or followed by non-zero bytes) give the values mod 2^k back.
     */
    @Test
    void packMatchesBitByBitDefinitionForAllWidths() {
        SplittableRandom r = random("packMatchesBitByBitDefinitionForAllWidths");
        for (int bits = 1; bits <= 64; bits++) {
            long mask = bits == 64 ? -1L : (1L << bits) - 1;
            for (int len : new int[] {0, 1, 2, 7, 8, 9, 63, 64, 65, 1000 + r.nextInt(64)}) {
                long[] v = new long[len + 3];
                for (int i = 0; i < v.length; i++) {
                    v[i] = r.nextLong();
                }
                v[2] = -1L; // all ones: must be masked to bits
                int off = 2;
                long[] vals = Arrays.copyOfRange(v, off, off + len);
                byte[] want = naivePack(vals, bits);
                assertEquals(want.length, BitPacking.packedBytes(len, bits));
                int lead = r.nextInt(5);
                int trail = r.nextInt(2) * (1 + r.nextInt(12)); // 0: the section ends the array
                byte[] buf = new byte[lead + want.length + trail];
                Arrays.fill(buf, (byte) 0xa5);
                BitPacking.pack(v, off, len, bits, buf, lead);
                assertArrayEquals(want, Arrays.copyOfRange(buf, lead, lead + want.length), "bits=" + bits + " len=" + len);
                for (int i = 0; i < lead; i++) {
                    assertEquals((byte) 0xa5, buf[i], "byte before the section");
                }
                for (int i = lead + want.length; i < buf.length; i++) {
                    assertEquals((byte) 0xa5, buf[i], "byte after the section");
                }
                long[] back = new long[len + 5];
                BitPacking.unpack(buf, lead, back, 1, len, bits);
                for (int i = 0; i < len; i++) {
                    assertEquals(vals[i] & mask, back[1 + i], "bits=" + bits + " i=" + i);
                    assertEquals(vals[i] & mask, BitPacking.valueAt(buf, lead, i, bits), "valueAt, bits=" + bits + " i=" + i);
                }
                BitPacking.checkPadding(buf, lead, len, bits);
                assertEquals(0, back[0]);
                assertEquals(0, back[len + 1]);
            }
        }
    }

    /** The range-checked unpack reports the first value above max (unsigned), and −1 when all are within range. */
    @Test
    void rangeCheckFindsTheFirstValueAboveMax() {
        SplittableRandom r = random("rangeCheckFindsTheFirstValueAboveMax");
        for (int bits = 1; bits <= 64; bits++) {
            long mask = bits == 64 ? -1L : (1L << bits) - 1;
            int len = 1 + r.nextInt(300);
            long max = bits == 1 ? 0 : r.nextLong() & (mask >>> 1);
            long[] v = new long[len];
            for (int i = 0; i < len; i++) {
                v[i] = max == 0 ? 0 : Math.floorMod(r.nextLong(), max + 1); // all ≤ max
            }
            byte[] b = new byte[BitPacking.packedBytes(len, bits)];
            BitPacking.pack(v, 0, len, bits, b, 0);
            long[] back = new long[len];
            assertEquals(-1, BitPacking.unpack(b, 0, back, 0, len, bits, max), "bits=" + bits);
            assertArrayEquals(v, back);
            assertEquals(-1, BitPacking.unpack(b, 0, back, 0, len, bits, -1L), "no limit");
            int at = r.nextInt(len);
            v[at] = max + 1 + (r.nextLong() & (mask - max - 1) & 0xff);
            if (at + 1 < len) {
                v[len - 1] = mask; // a later offender: the first one is reported
            }
            BitPacking.pack(v, 0, len, bits, b, 0);
            assertEquals(at, BitPacking.unpack(b, 0, back, 0, len, bits, max), "bits=" + bits + " max=" + max);
        }
    }

    @Test
    void nonZeroPaddingIsRejectedAfterTheRangeCheck() {
        byte[] b = new byte[1];
        BitPacking.pack(new long[] {5}, 0, 1, 3, b, 0);
        assertEquals(5, b[0]);
        b[0] |= (byte) 0x80;
        assertThrows(PackingException.class, () -> BitPacking.unpack(b, 0, new long[1], 0, 1, 3));
        assertThrows(PackingException.class, () -> BitPacking.unpack(b, 0, new long[1], 0, 1, 3, 7));
        assertEquals(0, BitPacking.unpack(b, 0, new long[1], 0, 1, 3, 4), "a value above max is reported before the padding");
        assertThrows(PackingException.class, () -> BitPacking.checkPadding(b, 0, 1, 3));
        assertEquals(5, BitPacking.valueAt(b, 0, 0, 3));
        byte[] words = new byte[1]; // the word path (k divides 64) checks its padding too
        words[0] = (byte) 0x40;
        assertThrows(PackingException.class, () -> BitPacking.unpack(words, 0, new long[3], 0, 3, 2));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BitPacking.packedBytes(1, 0));
        assertThrows(IllegalArgumentException.class, () -> BitPacking.packedBytes(1, 65));
        assertThrows(IllegalArgumentException.class, () -> BitPacking.packedBytes(-1, 8));
        assertThrows(IllegalArgumentException.class, () -> BitPacking.packedBytes(Integer.MAX_VALUE, 64));
        assertThrows(IndexOutOfBoundsException.class, () -> BitPacking.pack(new long[9], 0, 9, 7, new byte[7], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> BitPacking.unpack(new byte[8], 1, new long[9], 0, 9, 7));
        assertThrows(IndexOutOfBoundsException.class, () -> BitPacking.unpack(new byte[8], 0, new long[8], 1, 8, 7));
        assertThrows(IndexOutOfBoundsException.class, () -> BitPacking.valueAt(new byte[7], 0, 8, 7)); // bits 56..62
        assertThrows(IndexOutOfBoundsException.class, () -> BitPacking.valueAt(new byte[7], 0, -1, 7));
        assertEquals(0, BitPacking.valueAt(new byte[7], 0, 7, 7)); // bits 49..55: the last byte
    }
}
