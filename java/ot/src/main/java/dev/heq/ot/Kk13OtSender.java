package dev.heq.ot;

import dev.heq.net.Channel;
import dev.heq.primitives.BitPacking;
import java.security.SecureRandom;
import java.util.Objects;

import static dev.heq.ot.OtArgs.checkLen;
import static dev.heq.ot.OtArgs.checkN;
import static dev.heq.ot.OtArgs.ellMask;

/**
 * 1-out-of-N OT extension after Kolesnikov–Kumaresan (CRYPTO 2013), semi-honest, N = 2^logN ≤ 256: IKNP with
 * k = 256 columns where the receiver's selection row is the Walsh–Hadamard codeword C(v) (bit i of C(v) =
 * parity(v AND i), i, v in 0..255; any two codewords differ in exactly 128 positions = κ). With
 * q_j = t_j ⊕ (C(v_j) ∧ s), the sender's key for value v is H(j, q_j ⊕ (C(v) ∧ s)), which equals the receiver's
 * H(j, t_j) exactly for v = v_j; for v ≠ v_j it differs by C(v) ⊕ C(v_j) masked by s (≥ 128 unknown bits of s).
 *
 * <p>Cost per OT: 256 bits (receiver → sender) + N·ell bits for chosen messages (0 for random OT). For N = 16,
 * ell = 2 (millionaire leaves) that is 288 bits, vs 4·128 + 32 = 544 with log N 1-of-2 OTs. Batches are sized
 * so the payload frame stays ≤ 16 MiB. Rounds: a {@link #chosenOts} call (any number of jobs and OTs) is 2 flights,
 * receiver → sender (u-matrices, streamed batch by batch) then sender → receiver (payloads); random OT is 1.
 */
public final class Kk13OtSender implements NOtSender {
    static final int K = 256;
    /** WH codewords, 4 longs (256 bits) per value. */
    static final long[][] CODE = new long[256][4];

    static {
        for (int v = 0; v < 256; v++) {
            for (int i = 0; i < 256; i++) {
                if ((Integer.bitCount(v & i) & 1) != 0) {
                    CODE[v][i >>> 6] |= 1L << (i & 63);
                }
            }
        }
    }

    private final Channel ch;
    private final BaseOt base;
    private final SecureRandom rnd;
    private final CrHash hash = new CrHash();
    private ExtensionCore.Sender core;
    private long index;

    public Kk13OtSender(Channel ch) {
        this(ch, new ChouOrlandiOt(), new SecureRandom());
    }

    public Kk13OtSender(Channel ch, BaseOt base, SecureRandom rnd) {
        this.ch = ExtensionCore.checkChannel(ch);
        this.base = Objects.requireNonNull(base, "base");
        this.rnd = Objects.requireNonNull(rnd, "rnd");
    }

    @Override
    public String name() {
        return "KK13 (" + base.name() + ")";
    }

    static int checkLogN(int logN) {
        OtArgs.checkLogN(logN);
        return 1 << logN;
    }

    /**
     * OTs per extension batch: payload b·N·ell bits ≤ 2^27 bits (one frame ≤ 16 MiB), b a multiple of 64,
     * 64 ≤ b ≤ {@link #PIPE}.
     */
    static int batch(int bigN, int ell) {
        long b = (1L << 27) / ((long) bigN * ell);
        b = Math.max(64, Math.min(PIPE, b & ~63L));
        return (int) b;
    }

    /**
     * Extension batch for pipelining: the receiver streams its u-matrix batch by batch and the sender hashes each
     * batch as it arrives, so the two parties compute at the same time (lock-step batches left one of them idle:
     * measured ~35% of a ReLU's wall time). 2^13 OTs = 256 KiB of u per batch.
     */
    static final int PIPE = 1 << 13;

    @Override
    public void chosenOt(int n, int logN, int ell, long[] msgs) {
        chosenOts(Job.of(n, logN, ell, msgs));
    }

    /**
     * Payload the sender holds back at most, 64 MiB: a call whose payloads exceed it is split into segments of 2
     * flights each, so memory stays bounded for any n (2^16 ReLUs at ℓ = 37 hold ~6 MiB: one segment).
     */
    static final long MAX_PENDING = 1L << 26;

    /**
     * The batches of a {@link #chosenOts} call in order, each {job, first OT, count, segment end (0/1)}; both sides
     * derive the same schedule from the job shapes, so they switch from u-matrices to payloads at the same points.
     */
    static java.util.List<int[]> schedule(int[] n, int[] logN, int[] ell) {
        java.util.List<int[]> out = new java.util.ArrayList<>();
        long pending = 0;
        for (int t = 0; t < n.length; t++) {
            int bigN = 1 << logN[t], batch = batch(bigN, ell[t]);
            for (int done = 0; done < n[t]; done += batch) {
                int b = Math.min(batch, n[t] - done);
                long bytes = BitPacking.packedBytes(b * bigN, ell[t]);
                if (pending > 0 && pending + bytes > MAX_PENDING) {
                    out.get(out.size() - 1)[3] = 1;
                    pending = 0;
                }
                out.add(new int[] {t, done, b, 0});
                pending += bytes;
            }
        }
        if (!out.isEmpty()) {
            out.get(out.size() - 1)[3] = 1;
        }
        return out;
    }

    /**
     * All jobs in one round trip: first every batch's u-matrix is received and hashed (the tables are XORed in and
     * the result bit-packed per batch, in the layout of {@code Channel.sendLongs}), then all payloads are sent.
     * Holding the payloads back keeps the exchange at 2 flights whatever n is (up to {@link #MAX_PENDING} of
     * payload, then 2 per segment); the receiver computes its own hashes while the sender works (see
     * {@link Kk13OtReceiver#chosenOts}).
     */
    @Override
    public void chosenOts(Job... jobs) {
        if (core == null) {
            core = new ExtensionCore.Sender(ch, K, base, rnd);
        }
        int[] ns = new int[jobs.length], logNs = new int[jobs.length], ells = new int[jobs.length];
        for (int t = 0; t < jobs.length; t++) {
            ns[t] = jobs[t].n();
            logNs[t] = jobs[t].logN();
            ells[t] = jobs[t].ell();
        }
        java.util.List<byte[]> payloads = new java.util.ArrayList<>();
        java.util.List<Integer> lens = new java.util.ArrayList<>();
        int cur = -1;
        long[] masks = null, keys = null, msgs = null;
        for (int[] bt : schedule(ns, logNs, ells)) {
            Job job = jobs[bt[0]];
            int bigN = 1 << job.logN(), ell = job.ell(), per = CrHash.tileRows(bigN), done = bt[1], b = bt[2];
            long mask = ellMask(ell);
            if (bt[0] != cur) {
                cur = bt[0];
                masks = masks(bigN);
                keys = new long[per * bigN];
                msgs = new long[per * bigN];
            }
            int bigB = ExtensionCore.roundUp64(b);
            byte[] rows = core.extend(ch, bigB);
            int len = BitPacking.packedBytes(b * bigN, ell);
            byte[] out = new byte[len];
            for (int t = 0; t < b; t += per) {
                int k = Math.min(per, b - t), m = k * bigN;
                hash.hash256LowTile(rows, t, k, index + t, masks, mask, keys);
                job.tables().fill(done + t, k, msgs);
                for (int e = 0; e < m; e++) {
                    keys[e] ^= msgs[e]; // the packer keeps the low ell bits
                }
                // tiles start on a byte: a full tile is CrHash.tileRows(N)·N = 4096 values (N ≤ 256 divides 4096)
                long at = (long) t * bigN * ell;
                if ((at & 7) != 0) {
                    throw new IllegalStateException("KK13 tile of " + per + " rows × N=" + bigN + " does not end on a byte");
                }
                BitPacking.pack(keys, 0, m, ell, out, (int) (at >>> 3));
            }
            payloads.add(out);
            lens.add(len);
            index += bigB;
            if (bt[3] == 1) {
                for (int i = 0; i < payloads.size(); i++) {
                    ch.send(payloads.get(i), 0, lens.get(i));
                }
                ch.flush();
                payloads.clear();
                lens.clear();
            }
        }
    }

    /** mask_v = C(v) ∧ s, 4 longs per value v < N. */
    private long[] masks(int bigN) {
        long[] masks = new long[4 * bigN];
        for (int v = 0; v < bigN; v++) {
            for (int w = 0; w < 4; w++) {
                masks[4 * v + w] = CODE[v][w] & core.s[w];
            }
        }
        return masks;
    }

    @Override
    public void randomOt(int n, int logN, int ell, long[] out) {
        checkN(n);
        int bigN = checkLogN(logN);
        long mask = ellMask(ell);
        checkLen(out, (long) n * bigN, "out");
        if (core == null) {
            core = new ExtensionCore.Sender(ch, K, base, rnd);
        }
        long[] masks = masks(bigN);
        int batch = batch(bigN, ell);
        for (int done = 0; done < n; done += batch) {
            int b = Math.min(batch, n - done), bigB = ExtensionCore.roundUp64(b);
            byte[] rows = core.extend(ch, bigB);
            hash.hash256LowAll(rows, b, index, masks, mask, out, done * bigN);
            index += bigB;
        }
    }
}
