package dev.heq.ot;

import dev.heq.primitives.AesJit;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

import static dev.heq.ot.BitMatrix.LE_LONG;

/**
 * Correlation-robust hash from fixed-key AES, MMO style: crH(x) = π(x) ⊕ x with π = AES-128 under a fixed public
 * key (Guo, Katz, Wang, Yu, "Efficient and Secure Multiparty Computation from Fixed-Key Block Ciphers", S&P 2020:
 * crH is correlation robust when π is modelled as a random permutation; semi-honest IKNP needs exactly this).
 * Every OT hashes x ⊕ (its global index j in the low 64 bits), so distinct OTs never hash the same input by
 * construction. 256-bit inputs (KK13 rows) are chained: H(x0‖x1) = crH(crH(x0 ⊕ j) ⊕ x1). In KK13 the unknown
 * offset is (C(v) ⊕ C(v_j)) ∧ s, whose 128 secret bits of s fall either all in x1 (v ⊕ v_j = 128) or 64 in each
 * half (all other differences, Walsh–Hadamard code); the output depends on both halves, so a guess can only be
 * checked once both are right (2^128 work). This chaining is a design choice documented here, not a construction
 * with a published proof (a proven 256-bit CR hash would be the conservative alternative).
 * Not thread-safe (one Cipher per instance); all rows are 16- or 32-byte little-endian blocks.
 */
final class CrHash {
    /** Fixed public AES key: the first 16 bytes of the hexadecimal expansion of π (nothing up the sleeve). */
    private static final byte[] FIXED_KEY = {
        0x24, 0x3f, 0x6a, (byte) 0x88, (byte) 0x85, (byte) 0xa3, 0x08, (byte) 0xd3,
        0x13, 0x19, (byte) 0x8a, 0x2e, 0x03, 0x70, 0x73, 0x44};

    private final Cipher ecb;
    private byte[] x = new byte[0];
    private byte[] y = new byte[0];
    private long[] folded = new long[0];

    CrHash() {
        AesJit.ensureWarm();
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(FIXED_KEY, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB/NoPadding unavailable in this JDK", e);
        }
    }

    /** y[0..len) = AES_fixed(x[0..len)), len a multiple of 16. */
    void permute(byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            // 64 KiB per call: the ECB stub runs ~4x faster on L2-resident data than on multi-MiB buffers here
            for (int p = 0; p < len; p += 1 << 16) {
                int k = Math.min(1 << 16, len - p);
                int w = ecb.update(in, inOff + p, k, out, outOff + p);
                if (w != k) {
                    throw new IllegalStateException("ECB produced " + w + " of " + k + " bytes");
                }
            }
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private void ensure(int len) {
        if (x.length < len) {
            x = new byte[len];
            y = new byte[len];
        }
    }

    // The loops below are kept in small separate methods on purpose: C2 then inlines the VarHandle accesses; in
    // one large method it gave up inlining them and every 8-byte access became a call (≈10x slower, profiled).

    /** x[j] = rows[j*stride + off .. +16) ⊕ (m0, m1) ⊕ (first + j) for j < n. */
    private static void load(byte[] rows, int stride, int off, int n, long m0, long m1, long first, byte[] x) {
        for (int j = 0; j < n; j++) {
            int p = j * stride + off, q = 16 * j;
            LE_LONG.set(x, q, (long) LE_LONG.get(rows, p) ^ m0 ^ (first + j));
            LE_LONG.set(x, q + 8, (long) LE_LONG.get(rows, p + 8) ^ m1);
        }
    }

    /** x[j] = y[j] ⊕ x[j] ⊕ rows[j*stride + off .. +16) ⊕ (m0, m1): crH output chained into the next half. */
    private static void chain(byte[] x, byte[] y, byte[] rows, int stride, int off, int n, long m0, long m1) {
        for (int j = 0; j < n; j++) {
            int p = j * stride + off, q = 16 * j;
            LE_LONG.set(x, q, (long) LE_LONG.get(y, q) ^ (long) LE_LONG.get(x, q) ^ (long) LE_LONG.get(rows, p) ^ m0);
            LE_LONG.set(x, q + 8, (long) LE_LONG.get(y, q + 8) ^ (long) LE_LONG.get(x, q + 8)
                    ^ (long) LE_LONG.get(rows, p + 8) ^ m1);
        }
    }

    /** out[outOff + 2j], out[outOff + 2j + 1] = y[j] ⊕ x[j] (full 128 bits). */
    private static void finish128(byte[] x, byte[] y, int n, long[] out, int outOff) {
        for (int j = 0; j < n; j++) {
            int q = 16 * j;
            out[outOff + 2 * j] = (long) LE_LONG.get(y, q) ^ (long) LE_LONG.get(x, q);
            out[outOff + 2 * j + 1] = (long) LE_LONG.get(y, q + 8) ^ (long) LE_LONG.get(x, q + 8);
        }
    }

    /** out[outOff + j*stride] = low 64 bits of y[j] ⊕ x[j], masked. */
    private static void finishLow(byte[] x, byte[] y, int n, long ellMask, long[] out, int outOff, int stride) {
        for (int j = 0; j < n; j++) {
            int q = 16 * j;
            out[outOff + j * stride] = ((long) LE_LONG.get(y, q) ^ (long) LE_LONG.get(x, q)) & ellMask;
        }
    }

    /** Rows per tile: 4096 × 16 B = 64 KiB of x and of y, so a tile stays in L2 across its three passes. */
    private static final int TILE = 4096;

    /**
     * out[j] = crH(rows[j] ⊕ mask ⊕ (first + j)) for n 16-byte rows, written as two longs (lo, hi) per row into
     * out[outOff + 2j], out[outOff + 2j + 1]. mask may be null (zero).
     */
    void hash128(byte[] rows, int n, long first, long[] mask, long[] out, int outOff) {
        ensure(16 * TILE);
        long m0 = mask == null ? 0 : mask[0], m1 = mask == null ? 0 : mask[1];
        for (int t = 0; t < n; t += TILE) {
            int k = Math.min(TILE, n - t);
            load(rows, 16, 16 * t, k, m0, m1, first + t, x);
            permute(x, 0, 16 * k, y, 0);
            finish128(x, y, k, out, outOff + 2 * t);
        }
    }

    /** Like {@link #hash128} but only the low 64 bits of each hash, masked to ell bits, into out[outOff + j]. */
    void hash128Low(byte[] rows, int n, long first, long[] mask, long ellMask, long[] out, int outOff) {
        ensure(16 * TILE);
        long m0 = mask == null ? 0 : mask[0], m1 = mask == null ? 0 : mask[1];
        for (int t = 0; t < n; t += TILE) {
            int k = Math.min(TILE, n - t);
            load(rows, 16, 16 * t, k, m0, m1, first + t, x);
            permute(x, 0, 16 * k, y, 0);
            finishLow(x, y, k, ellMask, out, outOff + t, 1);
        }
    }

    /** Rows per {@link #hash256LowTile} call for N values: one tile of 4096 blocks (64 KiB) stays in L2. */
    static int tileRows(int bigN) {
        return Math.max(1, TILE / bigN);
    }

    /**
     * All N = masks.length/4 sender keys (KK13) of k ≤ {@link #tileRows}(N) 32-byte rows starting at row r0:
     * out[t·N + v] = low ell bits of crH(crH(r0' ⊕ j') ⊕ r1'), (r0', r1') the halves of rows[r0 + t] ⊕ mask_v,
     * mask_v = masks[4v .. 4v+4), j' = first + t. The same values as N calls of {@link #hash256Low}, but every
     * pass is sequential over one L2-resident tile (per-value strided writes into a table of up to 2^22 longs
     * missed the cache on every store and took about as long as the AES itself, profiled).
     */
    void hash256LowTile(byte[] rows, int r0, int k, long first, long[] masks, long ellMask, long[] out) {
        int bigN = masks.length / 4;
        if (bigN < 1 || masks.length != 4 * bigN || k > tileRows(bigN)) {
            throw new IllegalArgumentException("need 4 mask longs per value and k ≤ " + tileRows(Math.max(1, bigN))
                    + ", got " + masks.length + " longs, k = " + k);
        }
        ensure(16 * TILE);
        if (folded.length < 2 * bigN) folded = new long[2 * bigN];
        for (int v = 0; v < bigN; v++) {
            folded[2 * v] = masks[4 * v] ^ masks[4 * v + 2];
            folded[2 * v + 1] = masks[4 * v + 1] ^ masks[4 * v + 3];
        }
        loadAll(rows, 32 * r0, k, masks, bigN, first, x);
        permute(x, 0, 16 * k * bigN, y, 0);
        chainAll(x, y, rows, 32 * r0, k, folded, bigN, first);
        permute(x, 0, 16 * k * bigN, y, 0);
        finishLow(x, y, k * bigN, ellMask, out, 0, 1);
    }

    /** {@link #hash256LowTile} over n rows, out[outOff + j·N + v]. */
    void hash256LowAll(byte[] rows, int n, long first, long[] masks, long ellMask, long[] out, int outOff) {
        int bigN = masks.length / 4, per = tileRows(Math.max(1, bigN));
        long[] tile = new long[per * bigN];
        for (int t = 0; t < n; t += per) {
            int k = Math.min(per, n - t);
            hash256LowTile(rows, t, k, first + t, masks, ellMask, tile);
            System.arraycopy(tile, 0, out, outOff + t * bigN, k * bigN);
        }
    }

    /** x[j·N + v] = rows[j][0..16) ⊕ masks_v[0..2) ⊕ (first + j) for j < n. */
    private static void loadAll(byte[] rows, int off, int n, long[] masks, int bigN, long first, byte[] x) {
        int q = 0;
        for (int j = 0; j < n; j++) {
            int p = off + 32 * j;
            long r0 = (long) LE_LONG.get(rows, p) ^ (first + j), r1 = (long) LE_LONG.get(rows, p + 8);
            for (int v = 0; v < bigN; v++, q += 16) {
                LE_LONG.set(x, q, r0 ^ masks[4 * v]);
                LE_LONG.set(x, q + 8, r1 ^ masks[4 * v + 1]);
            }
        }
    }

    /**
     * x[j·N + v] = y ⊕ x ⊕ rows[j][16..32) ⊕ masks_v[2..4): the first crH output chained into the second half. The
     * old x is r0 ⊕ j' ⊕ masks_v[0..2), so the sum is y ⊕ (r0 ⊕ j' ⊕ r1-half) ⊕ folded_v with
     * folded_v = masks_v[0..2) ⊕ masks_v[2..4): one load stream fewer than re-reading x.
     */
    private static void chainAll(byte[] x, byte[] y, byte[] rows, int off, int n, long[] folded, int bigN, long first) {
        int q = 0;
        for (int j = 0; j < n; j++) {
            int p = off + 32 * j;
            long a0 = (long) LE_LONG.get(rows, p) ^ (first + j) ^ (long) LE_LONG.get(rows, p + 16);
            long a1 = (long) LE_LONG.get(rows, p + 8) ^ (long) LE_LONG.get(rows, p + 24);
            for (int v = 0; v < bigN; v++, q += 16) {
                LE_LONG.set(x, q, (long) LE_LONG.get(y, q) ^ a0 ^ folded[2 * v]);
                LE_LONG.set(x, q + 8, (long) LE_LONG.get(y, q + 8) ^ a1 ^ folded[2 * v + 1]);
            }
        }
    }

    /**
     * For n 32-byte rows: out[outOff + j*stride] = low ell bits of crH(crH(r0 ⊕ j') ⊕ r1) where (r0, r1) are the
     * halves of rows[j] ⊕ mask (mask: 4 longs or null) and j' = first + j.
     */
    void hash256Low(byte[] rows, int n, long first, long[] mask, long ellMask, long[] out, int outOff, int stride) {
        ensure(16 * TILE);
        long a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        if (mask != null) {
            a0 = mask[0]; a1 = mask[1]; a2 = mask[2]; a3 = mask[3];
        }
        for (int t = 0; t < n; t += TILE) {
            int k = Math.min(TILE, n - t);
            load(rows, 32, 32 * t, k, a0, a1, first + t, x);
            permute(x, 0, 16 * k, y, 0);
            chain(x, y, rows, 32, 32 * t + 16, k, a2, a3);
            permute(x, 0, 16 * k, y, 0);
            finishLow(x, y, k, ellMask, out, outOff + t * stride, stride);
        }
    }
}
