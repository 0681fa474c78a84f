package dev.heq.ot.ferret;

import dev.heq.ot.OtArgs;

import dev.heq.net.Channel;
import dev.heq.ot.NOtSender;
import java.util.Objects;

/**
 * 1-out-of-N OT (N = 2^L, L = logN in 1..8) from L Ferret random OTs per instance — like OpenCheetah's
 * {@code SilentOTN}, which spec protocols.md §4.6.1 describes as built from log N random OTs — not KK13: KK13 costs
 * 256 bits per OT, this costs L bits (derandomising the L choice bits) plus the N·ell-bit payload, e.g. 4 + 32 bits
 * for the millionaire leaves (N = 16, ell = 2).
 *
 * <p>For instance j the L COTs give key pairs (k_i^0, k_i^1), i = 1..L, exactly as the 1-of-2 random OT of
 * {@link FerretOtSender} (the receiver sends d_i = v_i ⊕ x_i and learns k_i^{v_i} only). The key of value v
 * (bit i−1 of v selects at level i) is key_v = crH(X_v ⊕ τ_{j,v}) with X_v = ⊕_i k_i^{v_i} and a unique tweak τ.
 * For v ≠ v_j, X_v = X_{v_j} ⊕ ⊕_{i∈S} (k_i^0 ⊕ k_i^1) for a non-empty S of levels, and every such combination of
 * the receiver's unknown, independent k_i^{¬v_i} is uniform: crH's inputs for the N − 1 other keys are known offsets
 * of unguessable values, the same correlation-robustness argument as KK13's H(q ⊕ C(v)∧s). Without the final hash
 * the keys would be linear (the XOR of four messages would leak). Cost: 2L + N hashes (sender), L + 1 (receiver).
 * Shares its COT session with the {@link FerretOtSender} of the same provider and channel.
 */
public final class FerretNOtSender implements NOtSender {
    private final Channel ch;
    private final FerretCotSender cot;
    private final TweakHash hash = new TweakHash();
    private final long[] delta;

    public FerretNOtSender(Channel ch, FerretCotSender cot) {
        this.ch = Objects.requireNonNull(ch, "ch");
        this.cot = Objects.requireNonNull(cot, "cot");
        this.delta = cot.delta();
    }

    @Override
    public String name() {
        return "Ferret 1-of-N from log N ROTs (" + cot.params().name() + ")";
    }

    /**
     * Tweak of OT instance whose first COT has session index c: domain bit 61 (below the GGM domain, above every
     * COT index), c in bits 8..60, the value v in bits 0..7.
     */
    static long tweak(long c) {
        return (1L << 61) | (c << 8);
    }

    /** OTs per batch: ≤ 2^18 keys (4 MiB of blocks) per batch. */
    static int batch(int logN) {
        return Math.max(64, (1 << 18) >>> logN);
    }

    /** Computes the N keys (low ell bits) of OTs [0, b) into out[outOff + j·N + v]. */
    private void keys(int b, int logN, long mask, long[] out, int outOff) {
        int nl = b * logN, bigN = 1 << logN;
        if (blk.length < 2 * nl) {
            blk = new long[2 * nl];
        }
        long first = cot.cot(nl, blk, 0);
        long[] d = new long[(nl + 63) >>> 6];
        ch.recvLongs(d, 0, d.length, 64);
        // compute in tiles of ≤ TILE_KEYS keys so that k0, k1 and z stay in L2 (the network batch stays large)
        int tile = Math.max(1, TILE_KEYS >>> logN);
        for (int j0 = 0; j0 < b; j0 += tile) {
            int m = Math.min(tile, b - j0), c0 = j0 * logN;
            hash.hash(blk, c0, m * logN, first + c0, delta, d, c0, false, k0, 0);
            hash.hash(blk, c0, m * logN, first + c0, delta, d, c0, true, k1, 0);
            buildInputs(m, logN, first + c0, z);
            hash.hashPlain(z, 0, m * bigN, z, 0);
            int o = outOff + j0 * bigN;
            for (int i = 0; i < m * bigN; i++) {
                out[o + i] = z[2 * i] & mask;
            }
        }
    }

    /** Keys per tile: 4096 blocks = 64 KiB per array. */
    private static final int TILE_KEYS = 4096;
    private final long[] k0 = new long[2 * TILE_KEYS * 8], k1 = new long[2 * TILE_KEYS * 8];
    private final long[] z = new long[2 * TILE_KEYS];
    private long[] blk = new long[0];

    /**
     * z[j·N + v] = X_v ⊕ τ_{j,v} for the tile's m OTs: X_v = XOR over levels i of k_i^{v_i}, built by doubling
     * (2N XORs per OT); c is the session index of the tile's first COT.
     */
    private void buildInputs(int m, int logN, long c, long[] z) {
        int bigN = 1 << logN;
        for (int j = 0; j < m; j++) {
            int base = 2 * j * bigN, kc = 2 * j * logN;
            z[base] = k0[kc];
            z[base + 1] = k0[kc + 1];
            z[base + 2] = k1[kc];
            z[base + 3] = k1[kc + 1];
            for (int lev = 1; lev < logN; lev++) {
                int q = kc + 2 * lev, half = 1 << lev;
                long a0 = k0[q], a1 = k0[q + 1], b0 = k1[q], b1 = k1[q + 1];
                for (int v = 0; v < half; v++) {
                    int lo = base + 2 * v, hi = lo + 2 * half;
                    long x0 = z[lo], x1 = z[lo + 1];
                    z[hi] = x0 ^ b0;
                    z[hi + 1] = x1 ^ b1;
                    z[lo] = x0 ^ a0;
                    z[lo + 1] = x1 ^ a1;
                }
            }
            long tw = tweak(c + (long) j * logN);
            for (int v = 0; v < bigN; v++) {
                z[base + 2 * v] ^= tw | v;
            }
        }
    }

    @Override
    public void chosenOt(int n, int logN, int ell, long[] msgs) {
        OtArgs.checkN(n);
        OtArgs.checkLogN(logN);
        long mask = OtArgs.ellMask(ell);
        int bigN = 1 << logN;
        OtArgs.checkLen(msgs, (long) n * bigN, "msgs");
        int bs = batch(logN);
        long[] e = new long[Math.min(n, bs) * bigN];
        for (int done = 0; done < n; done += bs) {
            int b = Math.min(bs, n - done);
            keys(b, logN, mask, e, 0);
            int base = done * bigN;
            for (int i = 0; i < b * bigN; i++) {
                e[i] = (e[i] ^ msgs[base + i]) & mask;
            }
            ch.sendLongs(e, 0, b * bigN, ell);
            ch.flush();
        }
    }

    @Override
    public void randomOt(int n, int logN, int ell, long[] out) {
        OtArgs.checkN(n);
        OtArgs.checkLogN(logN);
        long mask = OtArgs.ellMask(ell);
        int bigN = 1 << logN;
        OtArgs.checkLen(out, (long) n * bigN, "out");
        int bs = batch(logN);
        for (int done = 0; done < n; done += bs) {
            int b = Math.min(bs, n - done);
            keys(b, logN, mask, out, done * bigN);
        }
    }
}
