package dev.heq.ot.ferret;

import dev.heq.net.Channel;
import dev.heq.ot.OtSender;
import dev.heq.ot.OtArgs;
import dev.heq.primitives.BitPacking;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * 1-out-of-2 OT sender on Ferret Δ-COTs (K_i on this side, M_i = K_i ⊕ x_i·Δ on the receiver's), each COT used
 * once and hashed with its session index i as tweak: H_i(y) = crH(y ⊕ i) ({@link TweakHash}). Derivations (the
 * standard COT → OT conversions, as IKNP's on its q_j = t_j ⊕ r_j·s):
 * <ul>
 *   <li>random-choice OT: m0 = H_i(K_i), m1 = H_i(K_i ⊕ Δ), receiver gets H_i(M_i) for its x_i — no traffic;</li>
 *   <li>chosen-choice OTs: the receiver sends d_i = c_i ⊕ x_i (1 bit); then m0 = H_i(K_i ⊕ d_i·Δ),
 *       m1 = H_i(K_i ⊕ ¬d_i·Δ) and H_i(M_i) = m_{c_i}. Random OT stops there (1 bit per OT); correlated OT adds
 *       ell bits (m1 ⊕ (m0 + δ)); chosen-message OT adds 2·ell bits (m0 ⊕ msg0, m1 ⊕ msg1).</li>
 * </ul>
 * Streaming: a call (or a {@link #correlatedOts} with several jobs) is cut into batches of {@link #BATCH} OTs by a
 * {@link Schedule} both ends derive from the shapes; the receiver sends every batch's corrections d before the
 * sender sends any payload, so random OT is 1 flight and correlated/chosen OT 2 flights for any n (up to
 * {@link Schedule}'s per-segment limits, 2^22 COTs or 64 MiB of held-back payload). The call's COTs are reserved
 * up front ({@link CotPool#ensure}), so a Ferret main iteration, if one is due, runs before the call's first
 * message and never inside it.
 * Shares its COT session with the {@link FerretNOtSender} of the same provider and channel, if any.
 */
public final class FerretOtSender implements OtSender {
    /** OTs per batch: 2^16 (1 MiB of COT blocks), small enough that the two ends overlap their hashing. */
    static final int BATCH = 1 << 16;

    private final Channel ch;
    private final FerretCotSender cot;
    private final TweakHash hash = new TweakHash();
    private final long[] delta;
    private long[] blk = new long[0], d = new long[0], h0 = new long[0], h1 = new long[0];

    public FerretOtSender(Channel ch, FerretCotSender cot) {
        this.ch = Objects.requireNonNull(ch, "ch");
        this.cot = Objects.requireNonNull(cot, "cot");
        this.delta = cot.delta();
    }

    @Override
    public String name() {
        return "Ferret (" + cot.params().name() + ")";
    }

    /** The underlying COT session (setup, iteration counters). */
    public FerretCotSender cot() {
        return cot;
    }

    /** The schedule of jobs of n[t] OTs with payloadBits[t] bits of payload each (one COT per OT). */
    static List<Schedule.Segment> plan(FerretParams params, int[] n, long[] payloadBits) {
        int[] one = new int[n.length], batch = new int[n.length];
        Arrays.fill(one, 1);
        Arrays.fill(batch, BATCH);
        return Schedule.of(n, one, payloadBits, batch, params.usable());
    }

    private List<Schedule.Segment> plan(int n, long payloadBits) {
        return plan(cot.params(), new int[] {n}, new long[] {payloadBits});
    }

    private long take(int b) {
        if (blk.length < 2 * b) {
            blk = new long[2 * Math.max(b, 1024)];
        }
        return cot.cot(b, blk, 0);
    }

    private long[] recvD(int b) {
        int words = (b + 63) >>> 6;
        if (d.length < words) {
            d = new long[words];
        }
        ch.recvLongs(d, 0, words, 64);
        return d;
    }

    private void buffers(int b) {
        if (h0.length < b) {
            h0 = new long[Math.max(b, 1024)];
            h1 = new long[Math.max(b, 1024)];
        }
    }

    private static byte[] pack(long[] v, int len, int bits) {
        byte[] p = new byte[BitPacking.packedBytes(len, bits)];
        BitPacking.pack(v, 0, len, bits, p, 0);
        return p;
    }

    private void sendAll(List<byte[]> held) {
        for (byte[] p : held) {
            ch.send(p, 0, p.length);
        }
        ch.flush();
    }

    @Override
    public void randomOt(int n, long[] m0, long[] m1) {
        OtArgs.checkN(n);
        OtArgs.checkLen(m0, 2L * n, "m0");
        OtArgs.checkLen(m1, 2L * n, "m1");
        for (Schedule.Segment seg : plan(n, 0)) {
            cot.ensure(seg.cots());
            for (Schedule.Batch bt : seg.batches()) {
                int b = bt.count(), done = bt.from();
                long first = take(b);
                long[] dd = recvD(b);
                hash.hash(blk, 0, b, first, delta, dd, 0, false, m0, done);
                hash.hash(blk, 0, b, first, delta, dd, 0, true, m1, done);
            }
        }
    }

    @Override
    public void randomOt(int n, int ell, long[] m0, long[] m1) {
        OtArgs.checkN(n);
        long mask = OtArgs.ellMask(ell);
        OtArgs.checkLen(m0, n, "m0");
        OtArgs.checkLen(m1, n, "m1");
        for (Schedule.Segment seg : plan(n, 0)) {
            cot.ensure(seg.cots());
            for (Schedule.Batch bt : seg.batches()) {
                int b = bt.count(), done = bt.from();
                long first = take(b);
                long[] dd = recvD(b);
                hash.hashLow(blk, 0, b, first, delta, dd, 0, false, mask, m0, done);
                hash.hashLow(blk, 0, b, first, delta, dd, 0, true, mask, m1, done);
            }
        }
    }

    @Override
    public void randomChoiceOt(int n, int ell, long[] m0, long[] m1) {
        OtArgs.checkN(n);
        long mask = OtArgs.ellMask(ell);
        OtArgs.checkLen(m0, n, "m0");
        OtArgs.checkLen(m1, n, "m1");
        for (Schedule.Segment seg : plan(n, 0)) {
            cot.ensure(seg.cots());
            for (Schedule.Batch bt : seg.batches()) {
                int b = bt.count(), done = bt.from();
                long first = take(b);
                hash.hashLow(blk, 0, b, first, null, null, 0, false, mask, m0, done);
                hash.hashLow(blk, 0, b, first, delta, null, 0, true, mask, m1, done);
            }
        }
    }

    @Override
    public void correlatedOt(int n, int ell, long[] delta, long[] x0) {
        correlatedOts(new Cot(n, ell, delta, x0));
    }

    /**
     * All jobs in one streamed exchange: every batch's corrections are received and hashed first, the masked
     * correlations y = H(K ⊕ ¬d·Δ) ⊕ (x0 + delta) are held back (packed) and sent at the end of the segment — 2
     * flights for all jobs (see {@link Schedule}).
     */
    @Override
    public void correlatedOts(Cot... jobs) {
        int[] ns = new int[jobs.length];
        long[] bits = new long[jobs.length];
        for (int t = 0; t < jobs.length; t++) {
            ns[t] = jobs[t].n();
            bits[t] = jobs[t].ell();
        }
        for (Schedule.Segment seg : plan(cot.params(), ns, bits)) {
            cot.ensure(seg.cots());
            List<byte[]> held = new ArrayList<>(seg.batches().size());
            for (Schedule.Batch bt : seg.batches()) {
                Cot job = jobs[bt.job()];
                int b = bt.count(), done = bt.from(), ell = job.ell();
                long mask = OtArgs.ellMask(ell);
                long[] x0 = job.x0(), dl = job.delta();
                long first = take(b);
                long[] dd = recvD(b);
                buffers(b);
                hash.hashLow(blk, 0, b, first, this.delta, dd, 0, false, mask, x0, done);
                hash.hashLow(blk, 0, b, first, this.delta, dd, 0, true, mask, h1, 0);
                for (int j = 0; j < b; j++) {
                    h1[j] = (h1[j] ^ (x0[done + j] + dl[done + j])) & mask;
                }
                held.add(pack(h1, b, ell));
            }
            sendAll(held);
        }
        cot.topUp();
    }

    @Override
    public void chosenOt(int n, int ell, long[] m0, long[] m1) {
        OtArgs.checkN(n);
        long mask = OtArgs.ellMask(ell);
        OtArgs.checkLen(m0, n, "m0");
        OtArgs.checkLen(m1, n, "m1");
        for (Schedule.Segment seg : plan(n, 2L * ell)) {
            cot.ensure(seg.cots());
            List<byte[]> held = new ArrayList<>(seg.batches().size());
            for (Schedule.Batch bt : seg.batches()) {
                int b = bt.count(), done = bt.from();
                long first = take(b);
                long[] dd = recvD(b);
                buffers(2 * b);
                hash.hashLow(blk, 0, b, first, delta, dd, 0, false, mask, h0, 0);
                hash.hashLow(blk, 0, b, first, delta, dd, 0, true, mask, h1, 0);
                // interleave (m0 ⊕ h0_j, m1 ⊕ h1_j) from the top, in place in h1 (h1_j sits at j ≤ 2j)
                for (int j = b - 1; j >= 0; j--) {
                    long e1 = (m1[done + j] ^ h1[j]) & mask;
                    h1[2 * j] = (m0[done + j] ^ h0[j]) & mask;
                    h1[2 * j + 1] = e1;
                }
                held.add(pack(h1, 2 * b, ell));
            }
            sendAll(held);
        }
        cot.topUp();
    }
}
