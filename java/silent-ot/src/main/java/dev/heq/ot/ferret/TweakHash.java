package dev.heq.ot.ferret;

import static dev.heq.ot.ferret.Aes.LE_LONG;

/**
 * Tweakable correlation-robust hash H(x, j) = π(x ⊕ j) ⊕ x ⊕ j on 128-bit blocks, with π fixed-key AES and the
 * 64-bit tweak j XORed into the low half (MMO construction; correlation robust when π is modelled as a random
 * permutation — Guo, Katz, Wang, Yu, S&amp;P 2020, the same assumption as heq-net's IKNP hash). Every COT is hashed
 * with its own session-unique index as tweak, so two COTs never hash the same input by construction.
 * The key differs from heq-net's CrHash key (domain separation between the two OT families).
 * Not thread-safe.
 */
final class TweakHash {
    private static final byte[] KEY = Aes.publicKey("HEQ ferret crH v1");
    /** Blocks per tile: 64 KiB of input and output stay in L2 across load, AES and store. */
    private static final int TILE = 4096;

    private final Aes aes = new Aes(KEY);
    private final byte[] x = new byte[16 * TILE];
    private final byte[] y = new byte[16 * TILE];

    /**
     * out[2(outBlk+i)], out[2(outBlk+i)+1] = H(in_i ⊕ sel_i·Δ, tweak0 + i) for i < n, where in_i is block inBlk+i of
     * in, and sel_i is bit (selBit0 + i) of sel (sel null: 0 for all; flip: XOR each sel_i with 1). delta may be
     * null when sel is null and flip is false. out may alias in.
     */
    void hash(long[] in, int inBlk, int n, long tweak0, long[] delta, long[] sel, long selBit0, boolean flip,
              long[] out, int outBlk) {
        long d0 = delta == null ? 0 : delta[0], d1 = delta == null ? 0 : delta[1];
        for (int t = 0; t < n; t += TILE) {
            int m = Math.min(TILE, n - t);
            load(in, inBlk + t, m, tweak0 + t, 1, d0, d1, sel, selBit0 + t, flip, x);
            aes.permute(x, 0, 16 * m, y, 0);
            store(x, y, m, out, outBlk + t);
        }
    }

    /** Like {@link #hash} but writes only the low 64 bits of each hash, masked, into out[outOff + i]. */
    void hashLow(long[] in, int inBlk, int n, long tweak0, long[] delta, long[] sel, long selBit0, boolean flip,
                 long mask, long[] out, int outOff) {
        long d0 = delta == null ? 0 : delta[0], d1 = delta == null ? 0 : delta[1];
        for (int t = 0; t < n; t += TILE) {
            int m = Math.min(TILE, n - t);
            load(in, inBlk + t, m, tweak0 + t, 1, d0, d1, sel, selBit0 + t, flip, x);
            aes.permute(x, 0, 16 * m, y, 0);
            storeLow(x, y, m, mask, out, outOff + t);
        }
    }

    /** Single block: returns (lo, hi) of H((lo, hi), tweak) into out[0..2). */
    void hash1(long lo, long hi, long tweak, long[] out, int outOff) {
        LE_LONG.set(x, 0, lo ^ tweak);
        LE_LONG.set(x, 8, hi);
        aes.permute(x, 0, 16, y, 0);
        out[outOff] = (long) LE_LONG.get(y, 0) ^ lo ^ tweak;
        out[outOff + 1] = (long) LE_LONG.get(y, 8) ^ hi;
    }

    /**
     * n blocks at once, no tweak, no Δ: out = π(in) ⊕ in (1-of-N key chains, whose inputs already contain
     * session-unique pseudo-random keys). out may alias in.
     */
    void hashPlain(long[] in, int inBlk, int n, long[] out, int outBlk) {
        for (int t = 0; t < n; t += TILE) {
            int m = Math.min(TILE, n - t);
            load(in, inBlk + t, m, 0, 0, 0, 0, null, 0, false, x);
            aes.permute(x, 0, 16 * m, y, 0);
            store(x, y, m, out, outBlk + t);
        }
    }

    // Small separate loops so that C2 inlines the VarHandle accesses (see heq-net CrHash for the measurement).

    /** x[i] = in[blk+i] ⊕ sel_i·Δ ⊕ (tw + i·step). */
    private static void load(long[] in, int blk, int m, long tw, long step, long d0, long d1, long[] sel, long bit0,
                             boolean flip, byte[] x) {
        if (sel == null) {
            long f = flip ? -1L : 0;
            for (int i = 0; i < m; i++) {
                int p = 2 * (blk + i);
                LE_LONG.set(x, 16 * i, in[p] ^ (d0 & f) ^ (tw + i * step));
                LE_LONG.set(x, 16 * i + 8, in[p + 1] ^ (d1 & f));
            }
            return;
        }
        long f = flip ? 1 : 0;
        for (int i = 0; i < m; i++) {
            long b = bit0 + i;
            long s = -(((sel[(int) (b >>> 6)] >>> (b & 63)) & 1) ^ f);
            int p = 2 * (blk + i);
            LE_LONG.set(x, 16 * i, in[p] ^ (d0 & s) ^ (tw + i * step));
            LE_LONG.set(x, 16 * i + 8, in[p + 1] ^ (d1 & s));
        }
    }

    private static void store(byte[] x, byte[] y, int m, long[] out, int blk) {
        for (int i = 0; i < m; i++) {
            int p = 2 * (blk + i);
            out[p] = (long) LE_LONG.get(y, 16 * i) ^ (long) LE_LONG.get(x, 16 * i);
            out[p + 1] = (long) LE_LONG.get(y, 16 * i + 8) ^ (long) LE_LONG.get(x, 16 * i + 8);
        }
    }

    private static void storeLow(byte[] x, byte[] y, int m, long mask, long[] out, int off) {
        for (int i = 0; i < m; i++) {
            out[off + i] = ((long) LE_LONG.get(y, 16 * i) ^ (long) LE_LONG.get(x, 16 * i)) & mask;
        }
    }
}
