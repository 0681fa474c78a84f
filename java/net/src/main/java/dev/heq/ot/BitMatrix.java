package dev.heq.ot;

import static dev.heq.ot.AesPrg.LE_LONG;

/**
 * Bit-matrix transpose for OT extension. A matrix of {@code rows} × {@code cols} bits is stored row-major in a
 * byte[]: row r occupies bytes [r*cols/8, (r+1)*cols/8), bit c of the row is bit (c mod 8) of byte c/8
 * (little-endian bit order, matching {@link dev.heq.net.BitPacking} and little-endian longs).
 *
 * <p>Method: cut into 64×64 tiles; each tile is loaded as 64 longs, transposed in registers/L1 by the classic
 * recursive block swap (Hacker's Delight §7-3, six stages of masked swaps, here in the LSB-first convention), and
 * stored to the mirrored tile. Cost per tile ≈ 6·32 masked swaps; for 128 × 2^20 bits that is 2^15 tiles.
 */
public final class BitMatrix {
    private BitMatrix() {}

    /**
     * out (cols × rows bits) = transpose of in (rows × cols bits). rows and cols must be positive multiples of 64;
     * in and out must not alias.
     */
    public static void transpose(byte[] in, int rows, int cols, byte[] out) {
        if (rows <= 0 || cols <= 0 || (rows & 63) != 0 || (cols & 63) != 0) {
            throw new IllegalArgumentException("rows and cols must be positive multiples of 64, got " + rows + " x " + cols);
        }
        long bytes = (long) rows * cols / 8;
        if (in.length < bytes || out.length < bytes) {
            throw new IllegalArgumentException("arrays hold " + in.length + "/" + out.length + " bytes, need " + bytes);
        }
        final int inRowBytes = cols >>> 3;
        final int outRowBytes = rows >>> 3;
        final long[] a = new long[64];
        for (int rb = 0; rb < rows; rb += 64) {
            for (int cb = 0; cb < cols; cb += 64) {
                int base = rb * inRowBytes + (cb >>> 3);
                for (int r = 0; r < 64; r++) {
                    a[r] = (long) LE_LONG.get(in, base + r * inRowBytes);
                }
                transpose64(a);
                int obase = cb * outRowBytes + (rb >>> 3);
                for (int c = 0; c < 64; c++) {
                    LE_LONG.set(out, obase + c * outRowBytes, a[c]);
                }
            }
        }
    }

    /**
     * In-place transpose of a 64×64 bit tile: afterwards bit r of a[c] is the former bit c of a[r].
     * Stage with block size j swaps the upper-right and lower-left j×j sub-blocks of every 2j×2j block.
     */
    static void transpose64(long[] a) {
        swapStage(a, 32, 0x00000000FFFFFFFFL);
        swapStage(a, 16, 0x0000FFFF0000FFFFL);
        swapStage(a, 8, 0x00FF00FF00FF00FFL);
        swapStage(a, 4, 0x0F0F0F0F0F0F0F0FL);
        swapStage(a, 2, 0x3333333333333333L);
        swapStage(a, 1, 0x5555555555555555L);
    }

    private static void swapStage(long[] a, int j, long m) {
        for (int b = 0; b < 64; b += 2 * j) {
            for (int k = b; k < b + j; k++) {
                long t = ((a[k] >>> j) ^ a[k + j]) & m;
                a[k] ^= t << j;
                a[k + j] ^= t;
            }
        }
    }

    /** Reference transpose, bit by bit (the oracle in tests). */
    static void transposeNaive(byte[] in, int rows, int cols, byte[] out) {
        java.util.Arrays.fill(out, 0, rows * cols / 8, (byte) 0);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int bit = (in[(r * cols + c) >>> 3] >>> ((r * cols + c) & 7)) & 1;
                int o = c * rows + r;
                out[o >>> 3] |= (byte) (bit << (o & 7));
            }
        }
    }
}
