package dev.heq.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BitPackingTest {

    /** Oracle: write the stream bit by bit. */
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

    @Test
    void packMatchesBitByBitOracleForAllWidths() {
        long seed = System.nanoTime();
        System.out.println("BitPackingTest seed=" + seed);
        SplittableRandom r = new SplittableRandom(seed);
        for (int bits = 1; bits <= 64; bits++) {
            for (int len : new int[] {0, 1, 2, 7, 8, 63, 64, 65, 1000}) {
                long[] v = new long[len];
                for (int i = 0; i < len; i++) {
                    v[i] = r.nextLong();
                }
                if (len > 0) {
                    v[0] = -1L;   // all ones: must be masked to bits
                }
                byte[] got = new byte[BitPacking.packedBytes(len, bits)];
                BitPacking.pack(v, 0, len, bits, got, 0);
                assertArrayEquals(naivePack(v, bits), got, "bits=" + bits + " len=" + len);
                long[] back = new long[len];
                BitPacking.unpack(got, 0, back, 0, len, bits);
                long mask = bits == 64 ? -1L : (1L << bits) - 1;
                for (int i = 0; i < len; i++) {
                    assertEquals(v[i] & mask, back[i], "bits=" + bits + " i=" + i);
                }
            }
        }
    }

    @Test
    void nonZeroPaddingIsRejected() {
        byte[] b = new byte[1];
        BitPacking.pack(new long[] {5}, 0, 1, 3, b, 0);
        b[0] |= (byte) 0x80;
        ChannelException e = assertThrows(ChannelException.class, () -> BitPacking.unpack(b, 0, new long[1], 0, 1, 3));
        assertEquals(ChannelException.Kind.FRAME_MISMATCH, e.kind());
    }

    @Test
    void badWidthsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BitPacking.packedBytes(1, 0));
        assertThrows(IllegalArgumentException.class, () -> BitPacking.packedBytes(1, 65));
        assertThrows(IllegalArgumentException.class, () -> BitPacking.packedBytes(Integer.MAX_VALUE, 64));
    }
}
