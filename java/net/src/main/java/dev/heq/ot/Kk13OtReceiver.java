package dev.heq.ot;

import dev.heq.net.Channel;
import java.security.SecureRandom;
import java.util.Objects;

import static dev.heq.ot.AesPrg.LE_LONG;
import static dev.heq.ot.OtArgs.ellMask;
import static dev.heq.ot.Kk13OtSender.CODE;
import static dev.heq.ot.Kk13OtSender.K;

/** Receiver side of {@link Kk13OtSender}: selection rows are the codewords C(v_j); output H(j, t_j) (⊕ payload). */
public final class Kk13OtReceiver implements NOtReceiver {
    private final Channel ch;
    private final BaseOt base;
    private final SecureRandom rnd;
    private final CrHash hash = new CrHash();
    private ExtensionCore.Receiver core;
    private long index;

    public Kk13OtReceiver(Channel ch) {
        this(ch, new ChouOrlandiOt(), new SecureRandom());
    }

    public Kk13OtReceiver(Channel ch, BaseOt base, SecureRandom rnd) {
        this.ch = ExtensionCore.checkChannel(ch);
        this.base = Objects.requireNonNull(base, "base");
        this.rnd = Objects.requireNonNull(rnd, "rnd");
    }

    @Override
    public String name() {
        return "KK13 (" + base.name() + ")";
    }

    @Override
    public void chosenOt(int n, int logN, int ell, int[] choices, long[] out) {
        chosenOts(new Job(n, logN, ell, choices, out));
    }

    @Override
    public void randomOt(int n, int logN, int ell, int[] choices, long[] out) {
        Job job = new Job(n, logN, ell, choices, out);
        checkChoices(job);
        extendAndHash(job);
    }

    /**
     * Per segment of {@link Kk13OtSender#schedule} (one for up to 64 MiB of payload): phase 1 streams the u-matrix
     * batches (each flushed, so the sender starts hashing the first while this side builds the next) and hashes
     * t_j into out; phase 2 receives each batch's packed table and XORs the chosen entry in. Two flights per
     * segment (see {@link Kk13OtSender#chosenOts}).
     */
    @Override
    public void chosenOts(Job... jobs) {
        int[] ns = new int[jobs.length], logNs = new int[jobs.length], ells = new int[jobs.length];
        for (int t = 0; t < jobs.length; t++) {
            checkChoices(jobs[t]);
            ns[t] = jobs[t].n();
            logNs[t] = jobs[t].logN();
            ells[t] = jobs[t].ell();
        }
        java.util.List<int[]> seg = new java.util.ArrayList<>();
        byte[] buf = new byte[0];
        for (int[] bt : Kk13OtSender.schedule(ns, logNs, ells)) {
            Job job = jobs[bt[0]];
            extendBatch(job, bt[1], bt[2]);
            seg.add(bt);
            if (bt[3] == 0) {
                continue;
            }
            for (int[] s : seg) {
                buf = receiveBatch(jobs[s[0]], s[1], s[2], buf);
            }
            seg.clear();
        }
    }

    /** Receives one batch's packed table and XORs the chosen entries into out (buf: reusable, returned). */
    private byte[] receiveBatch(Job job, int done, int b, byte[] buf) {
        int bigN = 1 << job.logN(), ell = job.ell();
        long mask = ellMask(ell);
        int[] choices = job.choices();
        long[] out = job.out();
        long bitsTotal = (long) b * bigN * ell;
        int len = Kk13OtSender.BitSink.bytes((long) b * bigN, ell);
        if (buf.length < len + 16) {
            buf = new byte[len + 16];
        }
        ch.recv(buf, 0, len);
        java.util.Arrays.fill(buf, len, len + 16, (byte) 0);
        int used = (int) (bitsTotal & 7);
        if (used != 0 && ((buf[len - 1] & 0xFF) >>> used) != 0) {
            throw new OtException("KK13 payload of " + b + " OTs × " + bigN + " × " + ell + " bits has non-zero padding bits");
        }
        for (int j = 0; j < b; j++) {
            long p = ((long) j * bigN + choices[done + j]) * ell;
            int at = (int) (p >>> 3), shift = (int) (p & 7);
            long v = (long) LE_LONG.get(buf, at) >>> shift;
            if (shift + ell > 64) {
                v |= (buf[at + 8] & 0xFFL) << (64 - shift);
            }
            out[done + j] = (out[done + j] ^ v) & mask;
        }
        return buf;
    }

    private static void checkChoices(Job job) {
        int bigN = 1 << job.logN();
        int[] choices = job.choices();
        for (int j = 0; j < job.n(); j++) {
            if (choices[j] < 0 || choices[j] >= bigN) {
                throw new IllegalArgumentException("choices[" + j + "] = " + choices[j] + " is outside [0, " + bigN + ")");
            }
        }
    }

    /** Sends the job's u-matrices batch by batch and writes out[j] = H(j, t_j) (the chosen key). */
    private void extendAndHash(Job job) {
        int batch = Kk13OtSender.batch(1 << job.logN(), job.ell());
        for (int done = 0; done < job.n(); done += batch) {
            extendBatch(job, done, Math.min(batch, job.n() - done));
        }
    }

    private byte[] codeRows = new byte[0], codeCols = new byte[0];

    /** One batch: codeword rows of the choices, transposed, u-matrix sent (flushed), out[done + j] = H(j, t_j). */
    private void extendBatch(Job job, int done, int b) {
        if (core == null) {
            core = new ExtensionCore.Receiver(ch, K, base, rnd);
        }
        long mask = ellMask(job.ell());
        int[] choices = job.choices();
        int bigB = ExtensionCore.roundUp64(b), bytes = bigB * (K / 8);
        if (codeRows.length < bytes) {
            codeRows = new byte[bytes];
            codeCols = new byte[bytes];
        }
        java.util.Arrays.fill(codeRows, 32 * b, bytes, (byte) 0);
        for (int j = 0; j < b; j++) {
            long[] cw = CODE[choices[done + j]];
            int q = 32 * j;
            LE_LONG.set(codeRows, q, cw[0]);
            LE_LONG.set(codeRows, q + 8, cw[1]);
            LE_LONG.set(codeRows, q + 16, cw[2]);
            LE_LONG.set(codeRows, q + 24, cw[3]);
        }
        // R has one row per column index i (K rows of bigB bits): the transpose of the codeword rows
        BitMatrix.transpose(codeRows, bigB, K, codeCols);
        byte[] rows = core.extend(ch, bigB, codeCols, true);
        hash.hash256Low(rows, b, index, null, mask, job.out(), done, 1);
        index += bigB;
    }
}
