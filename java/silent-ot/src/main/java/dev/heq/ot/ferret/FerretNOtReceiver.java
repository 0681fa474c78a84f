package dev.heq.ot.ferret;

import dev.heq.ot.OtArgs;

import dev.heq.net.Channel;
import dev.heq.ot.NOtReceiver;
import java.util.Objects;

/**
 * Receiver of {@link FerretNOtSender}: L COTs per OT, sends L bits, computes its one key with L + 1 hashes; per
 * segment all corrections first (each batch's key computed right after its corrections are sent), then the tables.
 */
public final class FerretNOtReceiver implements NOtReceiver {
    private final Channel ch;
    private final FerretCotReceiver cot;
    private final TweakHash hash = new TweakHash();

    public FerretNOtReceiver(Channel ch, FerretCotReceiver cot) {
        this.ch = Objects.requireNonNull(ch, "ch");
        this.cot = Objects.requireNonNull(cot, "cot");
    }

    @Override
    public String name() {
        return "Ferret 1-of-N from log N ROTs (" + cot.params().name() + ")";
    }

    private static void checkChoices(int[] choices, int n, int logN) {
        Objects.requireNonNull(choices, "choices");
        if (choices.length < n) {
            throw new IllegalArgumentException("choices has " + choices.length + " entries, needs " + n);
        }
        for (int j = 0; j < n; j++) {
            if (choices[j] < 0 || choices[j] >= (1 << logN)) {
                throw new IllegalArgumentException("choice " + j + " = " + choices[j] + " is outside [0, " + (1 << logN) + ")");
            }
        }
    }

    private long[] blk = new long[0], d = new long[0], z = new long[0];

    /** Key (low ell bits) of the chosen value for OTs [done, done + b) into out[outOff + j]. */
    private void keys(int done, int b, int logN, int[] choices, long mask, long[] out, int outOff) {
        int nl = b * logN, words = (nl + 63) >>> 6;
        if (blk.length < 2 * nl) {
            blk = new long[2 * nl];
        }
        if (d.length < words) {
            d = new long[words];
        }
        if (z.length < 2 * b) {
            z = new long[2 * b];
        }
        long first = cot.cot(nl, blk, 0);
        java.util.Arrays.fill(d, 0, words, 0L);
        for (int j = 0; j < b; j++) {
            int v = choices[done + j];
            for (int i = 0; i < logN; i++) {
                int c = j * logN + i;
                long bit = ((v >>> i) & 1) ^ (blk[2 * c] & 1);
                d[c >>> 6] |= bit << (c & 63);
            }
        }
        ch.sendLongs(d, 0, words, 64);
        ch.flush();
        long[] k = blk;                    // hashed in place: the blocks are not needed afterwards
        hash.hash(blk, 0, nl, first, null, null, 0, false, k, 0);
        for (int j = 0; j < b; j++) {
            long x0 = 0, x1 = 0;
            for (int i = 0; i < logN; i++) {
                x0 ^= k[2 * (j * logN + i)];
                x1 ^= k[2 * (j * logN + i) + 1];
            }
            z[2 * j] = x0 ^ (FerretNOtSender.tweak(first + (long) j * logN) | choices[done + j]);
            z[2 * j + 1] = x1;
        }
        hash.hashPlain(z, 0, b, z, 0);
        for (int j = 0; j < b; j++) {
            out[outOff + j] = z[2 * j] & mask;
        }
    }

    @Override
    public void chosenOt(int n, int logN, int ell, int[] choices, long[] out) {
        OtArgs.checkN(n);
        OtArgs.checkLogN(logN);
        OtArgs.ellMask(ell);
        checkChoices(choices, n, logN);
        OtArgs.checkLen(out, n, "out");
        chosenOts(new Job(n, logN, ell, choices, out));
    }

    /** Receiver side of {@link FerretNOtSender#chosenOts}: all corrections of a segment, then all tables. */
    @Override
    public void chosenOts(Job... jobs) {
        int[] ns = new int[jobs.length], logNs = new int[jobs.length], ells = new int[jobs.length];
        int maxKeys = 0;
        for (int t = 0; t < jobs.length; t++) {
            ns[t] = jobs[t].n();
            logNs[t] = jobs[t].logN();
            ells[t] = jobs[t].ell();
            checkChoices(jobs[t].choices(), ns[t], logNs[t]);
            maxKeys = Math.max(maxKeys, Math.min(ns[t], FerretNOtSender.batch(logNs[t])) << logNs[t]);
        }
        long[] e = new long[maxKeys];
        for (Schedule.Segment seg : FerretNOtSender.plan(cot.params(), ns, logNs, ells, true)) {
            cot.ensure(seg.cots());
            for (Schedule.Batch bt : seg.batches()) {
                Job job = jobs[bt.job()];
                keys(bt.from(), bt.count(), job.logN(), job.choices(), OtArgs.ellMask(job.ell()), job.out(),
                        bt.from());
            }
            for (Schedule.Batch bt : seg.batches()) {
                Job job = jobs[bt.job()];
                int b = bt.count(), done = bt.from(), logN = job.logN();
                long mask = OtArgs.ellMask(job.ell());
                int[] choices = job.choices();
                long[] out = job.out();
                ch.recvLongs(e, 0, b << logN, job.ell());
                for (int j = 0; j < b; j++) {
                    out[done + j] = (out[done + j] ^ e[(j << logN) + choices[done + j]]) & mask;
                }
            }
        }
        cot.topUp();
    }

    @Override
    public void randomOt(int n, int logN, int ell, int[] choices, long[] out) {
        OtArgs.checkN(n);
        OtArgs.checkLogN(logN);
        long mask = OtArgs.ellMask(ell);
        checkChoices(choices, n, logN);
        OtArgs.checkLen(out, n, "out");
        for (Schedule.Segment seg : FerretNOtSender.plan(cot.params(), new int[] {n}, new int[] {logN},
                new int[] {ell}, false)) {
            cot.ensure(seg.cots());
            for (Schedule.Batch bt : seg.batches()) {
                keys(bt.from(), bt.count(), logN, choices, mask, out, bt.from());
            }
        }
    }
}
