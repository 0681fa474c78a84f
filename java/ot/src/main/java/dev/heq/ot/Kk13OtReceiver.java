package dev.heq.ot;

import dev.heq.net.Channel;
import dev.heq.primitives.BitPacking;
import dev.heq.primitives.PackingException;
import java.security.SecureRandom;
import java.util.Objects;

import static dev.heq.ot.BitMatrix.LE_LONG;
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
        ensureCore();
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
        ensureCore();
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
        int len = BitPacking.packedBytes(b * bigN, ell);
        if (buf.length < len) {
            buf = new byte[len];
        }
        ch.recv(buf, 0, len);
        try {
            BitPacking.checkPadding(buf, 0, b * bigN, ell);
        } catch (PackingException e) {
            throw new OtException("KK13 payload of " + b + " OTs × " + bigN + " × " + ell + " bits has non-zero padding bits", e);
        }
        for (int j = 0; j < b; j++) { // entry (j, v_j) of the b × N table
            out[done + j] = (out[done + j] ^ BitPacking.valueAt(buf, 0, j * bigN + choices[done + j], ell)) & mask;
        }
        return buf;
    }

    /** The session's base OTs run on its first call, even an empty one, exactly as on the sender's side. */
    private void ensureCore() {
        if (core == null) {
            core = new ExtensionCore.Receiver(ch, K, base, rnd);
        }
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

    /**
     * R for KK13 without a transpose: row i of R (bit j = bit i of the codeword C(v_j)) is parity(v_j AND i) over j,
     * so with V_k the bit-sliced digit k of the choices, R_i = R_{i AND (i−1)} ⊕ V_{ctz(i)} (drop i's lowest set
     * bit), R_0 = 0: one XOR of a bigB-bit row per i. Padding OTs (j ≥ b) get v = 0, the codeword 0, as before.
     */
    private void codeColumns(int[] choices, int done, int b, int logN, int words) {
        int rb = words << 3;
        for (int k = 0; k < logN; k++) {
            if (digitBits[k].length < words) {
                digitBits[k] = new long[words];
            }
            java.util.Arrays.fill(digitBits[k], 0, words, 0L);
        }
        for (int j = 0; j < b; j++) {
            int v = choices[done + j];
            for (int k = 0; k < logN; k++) {
                digitBits[k][j >>> 6] |= (long) ((v >>> k) & 1) << (j & 63);
            }
        }
        java.util.Arrays.fill(codeCols, 0, rb, (byte) 0);
        for (int i = 1; i < K; i++) {
            int from = (i & (i - 1)) * rb, to = i * rb, k = Integer.numberOfTrailingZeros(i);
            if (k >= logN) {
                // choices < 2^logN: bit k of every v is 0, so R_i = R_{i without bit k}
                System.arraycopy(codeCols, from, codeCols, to, rb);
                continue;
            }
            long[] vk = digitBits[k];
            for (int w = 0; w < words; w++) {
                LE_LONG.set(codeCols, to + 8 * w, (long) LE_LONG.get(codeCols, from + 8 * w) ^ vk[w]);
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

    private byte[] codeCols = new byte[0];
    private long[][] digitBits = new long[8][0];

    /** One batch: codeword columns of the choices, u-matrix sent (flushed), out[done + j] = H(j, t_j). */
    private void extendBatch(Job job, int done, int b) {
        long mask = ellMask(job.ell());
        int[] choices = job.choices();
        int bigB = ExtensionCore.roundUp64(b), rb = bigB >>> 3, words = bigB >>> 6, logN = job.logN();
        if (codeCols.length < K * rb) {
            codeCols = new byte[K * rb];
        }
        codeColumns(choices, done, b, logN, words);
        byte[] rows = core.extend(ch, bigB, codeCols, true);
        hash.hash256Low(rows, b, index, null, mask, job.out(), done, 1);
        index += bigB;
    }
}
