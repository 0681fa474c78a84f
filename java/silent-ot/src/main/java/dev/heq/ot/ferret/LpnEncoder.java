package dev.heq.ot.ferret;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import static dev.heq.ot.ferret.Aes.LE_INT;

/**
 * The primal-LPN encoding of Ferret (its "local linear code"): y_i ⊕= ⊕_{j<d} s[idx_j(i)] for every output row
 * i ∈ [0, n), with d = {@link FerretParams#D} = 10 indices per row into the k-block secret s. The matrix is public
 * and fixed per session: idx_j(i) comes from the AES-128-CTR stream under a 16-byte public seed, 40 bytes (ten
 * 32-bit words) per row, and each word r is reduced to [0, k) by ⌊r·k / 2^32⌋ (bias ≤ k/2^32 < 2^-13 per index,
 * irrelevant for a public sparse matrix: the code only needs each row's d columns to be spread over [0, k)).
 *
 * <p>This is the hot loop: 10 random 16-byte reads per output. Rows are processed in chunks of {@link #CHUNK}: the
 * chunk's indices are generated in one AES-CTR call (the counter of row i starts at block 40·i/16, so chunks and
 * threads are independent), then the secret is gathered with plain long[] loads (one cache line per index; s is
 * k·16 bytes, 7.2 MB for the default set, L3-resident). Output rows are written sequentially. Workers split the
 * rows into contiguous ranges, each with its own Cipher.
 */
final class LpnEncoder {
    static final int CHUNK = 2048;          // rows per AES call: 80 KiB of indices, multiple of 2 (40·2 = 80 = 5 blocks)
    private static final int ROW_BYTES = 4 * FerretParams.D;

    private final byte[] seed;

    LpnEncoder(byte[] seed) {
        if (seed.length != 16) {
            throw new IllegalArgumentException("LPN seed must be 16 bytes, got " + seed.length);
        }
        this.seed = seed.clone();
    }

    /**
     * y[2i], y[2i+1] ^= XOR of the d secret blocks s[idx_j(i)] for i in [0, n); s holds k blocks from block sOff.
     */
    void encode(long[] y, int n, long[] s, int sOff, int k, int threads) {
        int workers = Math.max(1, Math.min(threads, n / CHUNK));
        Parallel.run(workers, w -> encodeRange(y, Parallel.split(n, workers, w) & ~1, w + 1 == workers ? n
                : Parallel.split(n, workers, w + 1) & ~1, s, sOff, k));
    }

    private void encodeRange(long[] y, int from, int to, long[] s, int sOff, int k) {
        new Worker().encode(y, from, to, s, sOff, k);
    }

    /** Per-thread state (own Cipher and buffers) for encoding row ranges; for callers that fuse LPN with GGM. */
    final class Worker {
        private final Cipher ctr;
        private final SecretKeySpec key = new SecretKeySpec(seed, "AES");
        private final byte[] idx = new byte[CHUNK * ROW_BYTES];
        private final byte[] zeros = new byte[CHUNK * ROW_BYTES];
        private final int[] cols = new int[CHUNK * FerretParams.D];
        private final byte[] iv = new byte[16];

        Worker() {
            try {
                ctr = Cipher.getInstance("AES/CTR/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/CTR/NoPadding unavailable", e);
            }
        }

        /** Rows [from, to) of y, from even: same result as {@link LpnEncoder#encode} on those rows. */
        void encode(long[] y, int from, int to, long[] s, int sOff, int k) {
            if ((from & 1) != 0) {
                throw new IllegalArgumentException("row range must start at an even row, got " + from);
            }
            for (int r = from; r < to; r += CHUNK) {
                int rows = Math.min(CHUNK, to - r);
                int len = (rows * ROW_BYTES + 15) & ~15;
                long block = (long) r * ROW_BYTES / 16;     // r is even, so 40·r is a multiple of 16
                for (int b = 0; b < 8; b++) {
                    iv[15 - b] = (byte) (block >>> (8 * b));
                }
                try {
                    ctr.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
                    int w = ctr.update(zeros, 0, len, idx, 0);
                    if (w != len) {
                        throw new IllegalStateException("CTR produced " + w + " of " + len + " bytes");
                    }
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
                gather(y, r, rows, idx, cols, s, sOff, k);
            }
        }
    }

    /**
     * Two passes per chunk: decode all indices to block offsets first (sequential, compute-bound), then gather with
     * a minimal loop body (two loads and two XORs per index) so that more rows fit in the out-of-order window and
     * more of the cache misses on s overlap.
     */
    private static void gather(long[] y, int r0, int rows, byte[] idx, int[] cols, long[] s, int sOff, int k) {
        long kk = k;
        int base = 2 * sOff, m = rows * FerretParams.D;
        for (int q = 0; q < m; q++) {
            cols[q] = base + 2 * (int) (((((int) LE_INT.get(idx, 4 * q)) & 0xffffffffL) * kk) >>> 32);
        }
        for (int i = 0; i < rows; i++) {
            int q = FerretParams.D * i;
            int c0 = cols[q], c1 = cols[q + 1], c2 = cols[q + 2], c3 = cols[q + 3], c4 = cols[q + 4];
            int c5 = cols[q + 5], c6 = cols[q + 6], c7 = cols[q + 7], c8 = cols[q + 8], c9 = cols[q + 9];
            long lo = s[c0] ^ s[c1] ^ s[c2] ^ s[c3] ^ s[c4] ^ s[c5] ^ s[c6] ^ s[c7] ^ s[c8] ^ s[c9];
            long hi = s[c0 + 1] ^ s[c1 + 1] ^ s[c2 + 1] ^ s[c3 + 1] ^ s[c4 + 1] ^ s[c5 + 1] ^ s[c6 + 1]
                    ^ s[c7 + 1] ^ s[c8 + 1] ^ s[c9 + 1];
            int p = 2 * (r0 + i);
            y[p] ^= lo;
            y[p + 1] ^= hi;
        }
    }

    /** Column indices of row i (the oracle for tests): same stream, same reduction. */
    int[] row(long i, int k) {
        try {
            Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
            long byteOff = i * ROW_BYTES;
            long block = byteOff / 16;
            byte[] iv = new byte[16];
            for (int b = 0; b < 8; b++) {
                iv[15 - b] = (byte) (block >>> (8 * b));
            }
            ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, "AES"), new IvParameterSpec(iv));
            byte[] buf = ctr.update(new byte[64]);
            int skip = (int) (byteOff - 16 * block);
            int[] out = new int[FerretParams.D];
            for (int j = 0; j < out.length; j++) {
                long r = ((int) LE_INT.get(buf, skip + 4 * j)) & 0xffffffffL;
                out[j] = (int) ((r * k) >>> 32);
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
