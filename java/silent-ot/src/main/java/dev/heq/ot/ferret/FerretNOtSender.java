package dev.heq.ot.ferret;

import dev.heq.net.Channel;
import dev.heq.ot.NOtSender;
import dev.heq.ot.OtArgs;
import dev.heq.primitives.BitPacking;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * 1-out-of-N OT (N = 2^L, L = logN in 1..8) from L Ferret random OTs per instance — like OpenCheetah's
 * {@code SilentOTN}, which builds 1-of-N OT from log N random OTs — not KK13: KK13 costs
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
 * Rounds: {@link #chosenOts} (any number of jobs) streams all corrections, then all masked tables — 2 flights, with
 * the call's L·n COTs reserved up front so no Ferret iteration falls inside ({@link Schedule}); random OT 1 flight.
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
        int words = (nl + 63) >>> 6;
        if (d.length < words) {
            d = new long[words];
        }
        ch.recvLongs(d, 0, words, 64);
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
    private long[] blk = new long[0], d = new long[0];

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

    /** The schedule of 1-of-N jobs: log N COTs and N·ell payload bits (0 for random OT) per OT. */
    static List<Schedule.Segment> plan(FerretParams params, int[] n, int[] logN, int[] ell, boolean payload) {
        int[] cots = new int[n.length], batch = new int[n.length];
        long[] bits = new long[n.length];
        for (int t = 0; t < n.length; t++) {
            cots[t] = logN[t];
            batch[t] = batch(logN[t]);
            bits[t] = payload ? (long) ell[t] << logN[t] : 0;
        }
        return Schedule.of(n, cots, bits, batch, params.usable());
    }

    @Override
    public void chosenOt(int n, int logN, int ell, long[] msgs) {
        chosenOts(Job.of(n, logN, ell, msgs));
    }

    /**
     * All jobs in one streamed exchange ({@link Schedule}): every batch's corrections are received and turned into
     * keys first, the masked tables are held back (packed) and sent at the end of the segment — 2 flights for any
     * number of jobs and OTs below the segment limits. The tables are read through {@link Job#tables()} one batch
     * at a time.
     */
    @Override
    public void chosenOts(Job... jobs) {
        int[] ns = new int[jobs.length], logNs = new int[jobs.length], ells = new int[jobs.length];
        int maxKeys = 0;
        for (int t = 0; t < jobs.length; t++) {
            ns[t] = jobs[t].n();
            logNs[t] = jobs[t].logN();
            ells[t] = jobs[t].ell();
            maxKeys = Math.max(maxKeys, Math.min(ns[t], batch(logNs[t])) << logNs[t]);
        }
        long[] e = new long[maxKeys], msgs = new long[maxKeys];
        for (Schedule.Segment seg : plan(cot.params(), ns, logNs, ells, true)) {
            cot.ensure(seg.cots());
            List<byte[]> held = new ArrayList<>(seg.batches().size());
            for (Schedule.Batch bt : seg.batches()) {
                Job job = jobs[bt.job()];
                int b = bt.count(), logN = job.logN(), ell = job.ell(), m = b << logN;
                long mask = OtArgs.ellMask(ell);
                keys(b, logN, mask, e, 0);
                job.tables().fill(bt.from(), b, msgs);
                for (int i = 0; i < m; i++) {
                    e[i] = (e[i] ^ msgs[i]) & mask;
                }
                byte[] p = new byte[BitPacking.packedBytes(m, ell)];
                BitPacking.pack(e, 0, m, ell, p, 0);
                held.add(p);
            }
            for (byte[] p : held) {
                ch.send(p, 0, p.length);
            }
            ch.flush();
        }
        cot.topUp();
    }

    @Override
    public void randomOt(int n, int logN, int ell, long[] out) {
        OtArgs.checkN(n);
        OtArgs.checkLogN(logN);
        long mask = OtArgs.ellMask(ell);
        int bigN = 1 << logN;
        OtArgs.checkLen(out, (long) n * bigN, "out");
        for (Schedule.Segment seg : plan(cot.params(), new int[] {n}, new int[] {logN}, new int[] {ell}, false)) {
            cot.ensure(seg.cots());
            for (Schedule.Batch bt : seg.batches()) {
                keys(bt.count(), logN, mask, out, bt.from() * bigN);
            }
        }
    }
}
