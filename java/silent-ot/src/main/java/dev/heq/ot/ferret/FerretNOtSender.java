package dev.heq.ot.ferret;

import dev.heq.net.Channel;
import dev.heq.ot.NOtSender;
import java.util.Objects;

/**
 * 1-out-of-N OT (N = 2^L, L = logN in 1..8) from L Ferret random OTs per instance — the construction of
 * OpenCheetah's {@code SilentOTN} (§4.6.1), not KK13: KK13 costs 256 bits per OT, this costs L bits (derandomising
 * the L choice bits) plus the N·ell-bit payload, e.g. 4 + 32 bits for the millionaire leaves (N = 16, ell = 2).
 *
 * <p>For instance j the L COTs give key pairs (k_i^0, k_i^1), i = 1..L, exactly as the 1-of-2 random OT of
 * {@link FerretOtSender} (the receiver sends d_i = v_i ⊕ x_i and learns k_i^{v_i} only). The key of value v
 * (bit i−1 of v selects at level i) is the chain z_1 = k_1^{v_1}, z_i = crH(z_{i−1} ⊕ k_i^{v_i}), key_v = z_L.
 * For v' ≠ v the first differing level feeds an unknown pseudo-random k into crH, and every later level hashes
 * again, so all N − 1 other keys are pseudo-random and unrelated (a plain XOR of per-level keys would not be: it
 * leaks XORs of four messages). Cost on the sender: 2L tweaked hashes + 2N − 4 chain hashes per OT.
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

    /** OTs per batch: ≤ 2^18 keys (4 MiB of blocks) per batch. */
    static int batch(int logN) {
        return Math.max(64, (1 << 18) >>> logN);
    }

    /** Computes the N keys (low ell bits) of OTs [0, b) into out[outOff + j·N + v]. */
    private void keys(int b, int logN, long mask, long[] out, int outOff) {
        int nl = b * logN, bigN = 1 << logN;
        long[] blk = new long[2 * nl];
        long first = cot.cot(nl, blk, 0);
        long[] d = new long[(nl + 63) >>> 6];
        ch.recvLongs(d, 0, d.length, 64);
        long[] k0 = new long[2 * nl], k1 = new long[2 * nl];
        hash.hash(blk, 0, nl, first, delta, d, 0, false, k0, 0);
        hash.hash(blk, 0, nl, first, delta, d, 0, true, k1, 0);
        // level 1: z[j·2 + v1]
        long[] z = new long[2 * b * bigN], in = new long[2 * b * bigN];
        for (int j = 0; j < b; j++) {
            int c = j * logN;
            z[4 * j] = k0[2 * c];
            z[4 * j + 1] = k0[2 * c + 1];
            z[4 * j + 2] = k1[2 * c];
            z[4 * j + 3] = k1[2 * c + 1];
        }
        for (int lev = 2; lev <= logN; lev++) {
            int width = 1 << lev, half = width >>> 1;
            for (int j = 0; j < b; j++) {
                int c = j * logN + lev - 1;
                for (int p = 0; p < width; p++) {
                    int parent = j * half + (p & (half - 1));
                    long[] k = (p & half) == 0 ? k0 : k1;
                    int q = 2 * (j * width + p);
                    in[q] = z[2 * parent] ^ k[2 * c];
                    in[q + 1] = z[2 * parent + 1] ^ k[2 * c + 1];
                }
            }
            hash.hashPlain(in, 0, b * width, z, 0);
        }
        for (int i = 0; i < b * bigN; i++) {
            out[outOff + i] = z[2 * i] & mask;
        }
    }

    @Override
    public void chosenOt(int n, int logN, int ell, long[] msgs) {
        Checks.n(n);
        Checks.logN(logN);
        long mask = Checks.ellMask(ell);
        int bigN = 1 << logN;
        Checks.len(msgs, (long) n * bigN, "msgs");
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
        Checks.n(n);
        Checks.logN(logN);
        long mask = Checks.ellMask(ell);
        int bigN = 1 << logN;
        Checks.len(out, (long) n * bigN, "out");
        int bs = batch(logN);
        for (int done = 0; done < n; done += bs) {
            int b = Math.min(bs, n - done);
            keys(b, logN, mask, out, done * bigN);
        }
    }
}
