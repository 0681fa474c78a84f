package dev.heq.ot;

import static dev.heq.ot.OtArgs.checkLen;
import static dev.heq.ot.OtArgs.checkN;
import static dev.heq.ot.OtArgs.ellMask;

import dev.heq.net.Channel;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * IKNP OT extension, semi-honest, sender side (κ = 128). Per OT: 128 bits from the receiver, plus the payload:
 * none (random OT), ell bits (correlated OT), 2·ell bits (chosen OT). A call with n OTs runs in batches of
 * {@link #BATCH}; each batch's matrix is rounded up to a multiple of 64 OTs (≤ 63 extra OTs per batch).
 * Random OT streams (1 flight, receiver → sender); correlated/chosen OT stream every batch's matrix, then the
 * sender sends all payloads: 2 flights for any n (the sender holds n payload values meanwhile; neither side ever
 * writes while the other is blocked writing, so no transport buffer can deadlock). See {@link ExtensionCore} for the math;
 * messages: m0_j = crH(q_j ⊕ j), m1_j = crH(q_j ⊕ s ⊕ j) ({@link CrHash}).
 */
public final class IknpOtSender implements OtSender {
    /**
     * OTs per extension batch: 2^14 → a 256 KiB u-matrix. Chosen and correlated OTs stream all batches' matrices
     * before any payload (2 flights for any n), so small batches let the sender hash batch k while the receiver
     * builds batch k + 1.
     */
    static final int BATCH = 1 << 14;

    private final Channel ch;
    private final BaseOt base;
    private final SecureRandom rnd;
    private final CrHash hash = new CrHash();
    private ExtensionCore.Sender core;
    private long index;     // global OT counter, the hash tweak; identical on both sides
    private long[] tmp = new long[0], tmp2 = new long[0];

    public IknpOtSender(Channel ch) {
        this(ch, new ChouOrlandiOt(), new SecureRandom());
    }

    public IknpOtSender(Channel ch, BaseOt base, SecureRandom rnd) {
        this.ch = ExtensionCore.checkChannel(ch);
        this.base = Objects.requireNonNull(base, "base");
        this.rnd = Objects.requireNonNull(rnd, "rnd");
    }

    @Override
    public String name() {
        return "IKNP (" + base.name() + ")";
    }

    private ExtensionCore.Sender core() {
        if (core == null) {
            core = new ExtensionCore.Sender(ch, 128, base, rnd);
        }
        return core;
    }

    private long[] tmp(int n) {
        if (tmp.length < n) {
            tmp = new long[n];
            tmp2 = new long[n];
        }
        return tmp;
    }

    @Override
    public void randomOt(int n, long[] m0, long[] m1) {
        checkN(n);
        checkLen(m0, 2L * n, "m0");
        checkLen(m1, 2L * n, "m1");
        ExtensionCore.Sender c = core();
        for (int done = 0; done < n; done += BATCH) {
            int b = Math.min(BATCH, n - done), bigB = ExtensionCore.roundUp64(b);
            byte[] rows = c.extend(ch, bigB);
            hash.hash128(rows, b, index, null, m0, 2 * done);
            hash.hash128(rows, b, index, c.s, m1, 2 * done);
            index += bigB;
        }
    }

    @Override
    public void randomOt(int n, int ell, long[] m0, long[] m1) {
        checkN(n);
        long mask = ellMask(ell);
        checkLen(m0, n, "m0");
        checkLen(m1, n, "m1");
        ExtensionCore.Sender c = core();
        for (int done = 0; done < n; done += BATCH) {
            int b = Math.min(BATCH, n - done), bigB = ExtensionCore.roundUp64(b);
            byte[] rows = c.extend(ch, bigB);
            hash.hash128Low(rows, b, index, null, mask, m0, done);
            hash.hash128Low(rows, b, index, c.s, mask, m1, done);
            index += bigB;
        }
    }

    @Override
    public void correlatedOt(int n, int ell, long[] delta, long[] x0) {
        correlatedOts(new Cot(n, ell, delta, x0));
    }

    /**
     * All batches of all jobs: every u-matrix is received and hashed first (the receiver streams them), the
     * corrections are held back and sent at the end, so the call is 2 flights whatever n and the number of jobs,
     * and both parties compute at the same time.
     */
    @Override
    public void correlatedOts(Cot... jobs) {
        ExtensionCore.Sender c = core();
        long[][] ys = new long[jobs.length][];
        for (int t = 0; t < jobs.length; t++) {
            Cot job = jobs[t];
            int n = job.n();
            long mask = ellMask(job.ell());
            long[] x0 = job.x0(), delta = job.delta(), y = new long[n];
            for (int done = 0; done < n; done += BATCH) {
                int b = Math.min(BATCH, n - done), bigB = ExtensionCore.roundUp64(b);
                byte[] rows = c.extend(ch, bigB);
                hash.hash128Low(rows, b, index, null, mask, x0, done);
                hash.hash128Low(rows, b, index, c.s, mask, y, done);
                for (int j = done; j < done + b; j++) {
                    // receiver with c_j = 1 holds crH(q_j ⊕ s ⊕ j) = y_j before masking, recovers x0 + delta
                    y[j] ^= (x0[j] + delta[j]) & mask;
                }
                index += bigB;
            }
            ys[t] = y;
        }
        for (int t = 0; t < jobs.length; t++) {
            int n = jobs[t].n();
            for (int done = 0; done < n; done += BATCH) {
                ch.sendLongs(ys[t], done, Math.min(BATCH, n - done), jobs[t].ell());
            }
        }
        ch.flush();
    }

    @Override
    public void chosenOt(int n, int ell, long[] m0, long[] m1) {
        checkN(n);
        long mask = ellMask(ell);
        checkLen(m0, n, "m0");
        checkLen(m1, n, "m1");
        ExtensionCore.Sender c = core();
        long[] e = new long[Math.multiplyExact(2, n)];
        long[] h0 = tmp(Math.min(n, BATCH)), h1 = tmp2;
        for (int done = 0; done < n; done += BATCH) {
            int b = Math.min(BATCH, n - done), bigB = ExtensionCore.roundUp64(b);
            byte[] rows = c.extend(ch, bigB);
            hash.hash128Low(rows, b, index, null, mask, h0, 0);
            hash.hash128Low(rows, b, index, c.s, mask, h1, 0);
            for (int j = 0; j < b; j++) {
                e[2 * (done + j)] = (m0[done + j] ^ h0[j]) & mask;
                e[2 * (done + j) + 1] = (m1[done + j] ^ h1[j]) & mask;
            }
            index += bigB;
        }
        for (int done = 0; done < n; done += BATCH) {
            ch.sendLongs(e, 2 * done, 2 * Math.min(BATCH, n - done), ell);
        }
        ch.flush();
    }
}
