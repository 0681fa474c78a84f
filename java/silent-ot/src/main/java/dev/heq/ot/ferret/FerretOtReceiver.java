package dev.heq.ot.ferret;

import dev.heq.ot.OtArgs;

import dev.heq.net.Channel;
import dev.heq.ot.OtReceiver;
import java.util.List;
import java.util.Objects;

/**
 * 1-out-of-2 OT receiver on Ferret COTs; the mirror of {@link FerretOtSender} (same {@link Schedule}, same
 * messages): per segment it reserves the COTs, sends every batch's corrections d (flushing each, then hashing
 * its own keys while the sender works), and only then reads the payloads.
 */
public final class FerretOtReceiver implements OtReceiver {
    private final Channel ch;
    private final FerretCotReceiver cot;
    private final TweakHash hash = new TweakHash();
    private long[] blk = new long[0], d = new long[0], y = new long[0];

    public FerretOtReceiver(Channel ch, FerretCotReceiver cot) {
        this.ch = Objects.requireNonNull(ch, "ch");
        this.cot = Objects.requireNonNull(cot, "cot");
    }

    @Override
    public String name() {
        return "Ferret (" + cot.params().name() + ")";
    }

    public FerretCotReceiver cot() {
        return cot;
    }

    private List<Schedule.Segment> plan(int n, long payloadBits) {
        return FerretOtSender.plan(cot.params(), new int[] {n}, new long[] {payloadBits});
    }

    private long take(int b) {
        if (blk.length < 2 * b) {
            blk = new long[2 * Math.max(b, 1024)];
        }
        return cot.cot(b, blk, 0);
    }

    /** Sends d_j = c_j ⊕ x_j for the batch's choices (bits done .. done+b of choices) and flushes. */
    private void sendD(long[] choices, int done, int b) {
        int words = (b + 63) >>> 6;
        if (d.length < words) {
            d = new long[words];
        }
        java.util.Arrays.fill(d, 0, words, 0L);
        for (int j = 0; j < b; j++) {
            long x = blk[2 * j] & 1;
            long c = (choices[(done + j) >>> 6] >>> ((done + j) & 63)) & 1;
            d[j >>> 6] |= (x ^ c) << (j & 63);
        }
        ch.sendLongs(d, 0, words, 64);
        ch.flush();
    }

    private long[] y(int b) {
        if (y.length < b) {
            y = new long[Math.max(b, 1024)];
        }
        return y;
    }

    private static void checkChoices(long[] choices, int n) {
        OtArgs.checkLen(choices, (n + 63) >>> 6, "choices");
    }

    @Override
    public void randomOt(int n, long[] choices, long[] m) {
        OtArgs.checkN(n);
        checkChoices(choices, n);
        OtArgs.checkLen(m, 2L * n, "m");
        for (Schedule.Segment seg : plan(n, 0)) {
            cot.ensure(seg.cots());
            for (Schedule.Batch bt : seg.batches()) {
                int b = bt.count(), done = bt.from();
                long first = take(b);
                sendD(choices, done, b);
                hash.hash(blk, 0, b, first, null, null, 0, false, m, done);
            }
        }
    }

    @Override
    public void randomOt(int n, int ell, long[] choices, long[] m) {
        OtArgs.checkN(n);
        long mask = OtArgs.ellMask(ell);
        checkChoices(choices, n);
        OtArgs.checkLen(m, n, "m");
        for (Schedule.Segment seg : plan(n, 0)) {
            cot.ensure(seg.cots());
            for (Schedule.Batch bt : seg.batches()) {
                int b = bt.count(), done = bt.from();
                long first = take(b);
                sendD(choices, done, b);
                hash.hashLow(blk, 0, b, first, null, null, 0, false, mask, m, done);
            }
        }
    }

    /** Native silent random OT: the choice bits are the COTs' own x_i, nothing is sent. */
    @Override
    public void randomChoiceOt(int n, int ell, long[] choicesOut, long[] m) {
        OtArgs.checkN(n);
        long mask = OtArgs.ellMask(ell);
        checkChoices(choicesOut, n);
        OtArgs.checkLen(m, n, "m");
        java.util.Arrays.fill(choicesOut, 0, (n + 63) >>> 6, 0L);
        for (Schedule.Segment seg : plan(n, 0)) {
            cot.ensure(seg.cots());
            for (Schedule.Batch bt : seg.batches()) {
                int b = bt.count(), done = bt.from();
                long first = take(b);
                for (int j = 0; j < b; j++) {
                    choicesOut[(done + j) >>> 6] |= (blk[2 * j] & 1) << ((done + j) & 63);
                }
                hash.hashLow(blk, 0, b, first, null, null, 0, false, mask, m, done);
            }
        }
    }

    @Override
    public void correlatedOt(int n, int ell, long[] choices, long[] x) {
        correlatedOts(new Cot(n, ell, choices, x));
    }

    /** Receiver side of {@link FerretOtSender#correlatedOts}: all corrections of a segment, then all payloads. */
    @Override
    public void correlatedOts(Cot... jobs) {
        int[] ns = new int[jobs.length];
        long[] bits = new long[jobs.length];
        for (int t = 0; t < jobs.length; t++) {
            ns[t] = jobs[t].n();
            bits[t] = jobs[t].ell();
        }
        for (Schedule.Segment seg : FerretOtSender.plan(cot.params(), ns, bits)) {
            cot.ensure(seg.cots());
            for (Schedule.Batch bt : seg.batches()) {
                Cot job = jobs[bt.job()];
                int b = bt.count(), done = bt.from();
                long first = take(b);
                sendD(job.choices(), done, b);
                hash.hashLow(blk, 0, b, first, null, null, 0, false, OtArgs.ellMask(job.ell()), job.x(), done);
            }
            for (Schedule.Batch bt : seg.batches()) {
                Cot job = jobs[bt.job()];
                int b = bt.count(), done = bt.from();
                long mask = OtArgs.ellMask(job.ell());
                long[] yy = y(b), choices = job.choices(), x = job.x();
                ch.recvLongs(yy, 0, b, job.ell());
                for (int j = 0; j < b; j++) {
                    long c = -((choices[(done + j) >>> 6] >>> ((done + j) & 63)) & 1);
                    x[done + j] = (x[done + j] ^ (yy[j] & c)) & mask;
                }
            }
        }
        cot.topUp();
    }

    @Override
    public void chosenOt(int n, int ell, long[] choices, long[] m) {
        OtArgs.checkN(n);
        long mask = OtArgs.ellMask(ell);
        checkChoices(choices, n);
        OtArgs.checkLen(m, n, "m");
        for (Schedule.Segment seg : plan(n, 2L * ell)) {
            cot.ensure(seg.cots());
            for (Schedule.Batch bt : seg.batches()) {
                int b = bt.count(), done = bt.from();
                long first = take(b);
                sendD(choices, done, b);
                hash.hashLow(blk, 0, b, first, null, null, 0, false, mask, m, done);
            }
            for (Schedule.Batch bt : seg.batches()) {
                int b = bt.count(), done = bt.from();
                long[] e = y(2 * b);
                ch.recvLongs(e, 0, 2 * b, ell);
                for (int j = 0; j < b; j++) {
                    int c = (int) ((choices[(done + j) >>> 6] >>> ((done + j) & 63)) & 1);
                    m[done + j] = (m[done + j] ^ e[2 * j + c]) & mask;
                }
            }
        }
        cot.topUp();
    }
}
