package dev.heq.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BitMatrixTest {
    @Test
    void matchesNaiveTransposeOnManyShapes() {
        long seed = System.nanoTime();
        System.out.println("BitMatrixTest seed=" + seed);
        SplittableRandom r = new SplittableRandom(seed);
        int[][] shapes = {{64, 64}, {128, 64}, {64, 128}, {128, 1024}, {256, 192}, {1024, 256}, {128, 4096}};
        for (int[] s : shapes) {
            byte[] in = new byte[s[0] * s[1] / 8];
            for (int i = 0; i < in.length; i++) in[i] = (byte) r.nextInt();
            byte[] fast = new byte[in.length], slow = new byte[in.length], back = new byte[in.length];
            BitMatrix.transpose(in, s[0], s[1], fast);
            BitMatrix.transposeNaive(in, s[0], s[1], slow);
            assertArrayEquals(slow, fast, s[0] + "x" + s[1]);
            BitMatrix.transpose(fast, s[1], s[0], back);
            assertArrayEquals(in, back, "involution " + s[0] + "x" + s[1]);
        }
    }

    @Test
    void singleBitsLandWhereExpected() {
        for (int r = 0; r < 128; r += 13) {
            for (int c = 0; c < 192; c += 7) {
                byte[] in = new byte[128 * 192 / 8];
                int p = r * 192 + c;
                in[p >>> 3] = (byte) (1 << (p & 7));
                byte[] out = new byte[in.length];
                BitMatrix.transpose(in, 128, 192, out);
                byte[] expect = new byte[in.length];
                int q = c * 128 + r;
                expect[q >>> 3] = (byte) (1 << (q & 7));
                assertArrayEquals(expect, out, "bit (" + r + "," + c + ")");
            }
        }
    }

    @Test
    void rejectsShapesThatAreNotMultiplesOf64() {
        assertThrows(IllegalArgumentException.class, () -> BitMatrix.transpose(new byte[1000], 100, 64, new byte[1000]));
        assertThrows(IllegalArgumentException.class, () -> BitMatrix.transpose(new byte[8], 64, 64, new byte[512]));
    }
}
