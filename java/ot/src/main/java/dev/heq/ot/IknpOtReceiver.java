package dev.heq.ot;

import dev.heq.net.Channel;
import java.security.SecureRandom;
import java.util.Objects;

import static dev.heq.ot.BitMatrix.LE_LONG;
import static dev.heq.ot.IknpOtSender.BATCH;
import static dev.heq.ot.OtArgs.checkLen;
import static dev.heq.ot.OtArgs.checkN;
import static dev.heq.ot.OtArgs.ellMask;

/** IKNP OT extension, receiver side; the mirror of {@link IknpOtSender}. Outputs m_{c_j} = crH(t_j ⊕ j). */
public final class IknpOtReceiver implements OtReceiver {
    private final Channel ch;
    private final BaseOt base;
    private final SecureRandom rnd;
    private final CrHash hash = new CrHash();
    private ExtensionCore.Receiver core;
    private long index;
    private byte[] r = new byte[0];
    private long[] tmp = new long[0];

    public IknpOtReceiver(Channel ch) {
        this(ch, new ChouOrlandiOt(), new SecureRandom());
    }

    public IknpOtReceiver(Channel ch, BaseOt base, SecureRandom rnd) {
        this.ch = ExtensionCore.checkChannel(ch);
        this.base = Objects.requireNonNull(base, "base");
        this.rnd = Objects.requireNonNull(rnd, "rnd");
    }

    @Override
    public String name() {
        return "IKNP (" + base.name() + ")";
    }

    private ExtensionCore.Receiver core() {
        if (core == null) {
            core = new ExtensionCore.Receiver(ch, 128, base, rnd);
        }
        return core;
    }

    /** Choice bits [done, done+b) as a zero-padded byte row of bigB bits. done is a multiple of 64. */
    private byte[] choiceRow(long[] choices, int done, int b, int bigB) {
        int bytes = bigB >>> 3;
        if (r.length < bytes) {
            r = new byte[bytes];
        }
        int words = bigB >>> 6, w0 = done >>> 6;
        for (int w = 0; w < words; w++) {
            int first = w * 64;
            long v = choices[w0 + w];
            if (first + 64 > b) {
                int keep = b - first;
                v = keep <= 0 ? 0 : v & (keep == 64 ? -1L : (1L << keep) - 1);
            }
            LE_LONG.set(r, 8 * w, v);
        }
        return r;
    }

    private static boolean bit(long[] c, int j) {
        return ((c[j >>> 6] >>> (j & 63)) & 1) != 0;
    }

    private void checkChoices(long[] choices, int n) {
        checkLen(choices, (n + 63) >>> 6, "choices");
    }

    @Override
    public void randomOt(int n, long[] choices, long[] m) {
        checkN(n);
        checkChoices(choices, n);
        checkLen(m, 2L * n, "m");
        ExtensionCore.Receiver c = core();
        for (int done = 0; done < n; done += BATCH) {
            int b = Math.min(BATCH, n - done), bigB = ExtensionCore.roundUp64(b);
            byte[] rows = c.extend(ch, bigB, choiceRow(choices, done, b, bigB), false);
            hash.hash128(rows, b, index, null, m, 2 * done);
            index += bigB;
        }
    }

    @Override
    public void randomOt(int n, int ell, long[] choices, long[] m) {
        checkN(n);
        long mask = ellMask(ell);
        checkChoices(choices, n);
        checkLen(m, n, "m");
        ExtensionCore.Receiver c = core();
        for (int done = 0; done < n; done += BATCH) {
            int b = Math.min(BATCH, n - done), bigB = ExtensionCore.roundUp64(b);
            byte[] rows = c.extend(ch, bigB, choiceRow(choices, done, b, bigB), false);
            hash.hash128Low(rows, b, index, null, mask, m, done);
            index += bigB;
        }
    }

    @Override
    public void correlatedOt(int n, int ell, long[] choices, long[] x) {
        correlatedOts(new Cot(n, ell, choices, x));
    }

    /** Phase 1: every job's u-matrices (streamed) and hashes; phase 2: every job's corrections. */
    @Override
    public void correlatedOts(Cot... jobs) {
        ExtensionCore.Receiver c = core();
        for (Cot job : jobs) {
            extendAll(c, job.n(), job.choices(), ellMask(job.ell()), job.x());
        }
        for (Cot job : jobs) {
            int n = job.n(), ell = job.ell();
            long mask = ellMask(ell);
            long[] choices = job.choices(), x = job.x();
            long[] y = tmp(Math.min(n, BATCH));
            for (int done = 0; done < n; done += BATCH) {
                int b = Math.min(BATCH, n - done);
                ch.recvLongs(y, 0, b, ell);
                for (int j = 0; j < b; j++) {
                    if (bit(choices, done + j)) {
                        x[done + j] = (x[done + j] ^ y[j]) & mask;
                    }
                }
            }
        }
    }

    /** Streams every batch's u-matrix (each flushed) and hashes t_j into out: phase 1 of chosen/correlated OT. */
    private void extendAll(ExtensionCore.Receiver c, int n, long[] choices, long mask, long[] out) {
        for (int done = 0; done < n; done += BATCH) {
            int b = Math.min(BATCH, n - done), bigB = ExtensionCore.roundUp64(b);
            byte[] rows = c.extend(ch, bigB, choiceRow(choices, done, b, bigB), false);
            hash.hash128Low(rows, b, index, null, mask, out, done);
            index += bigB;
        }
    }

    @Override
    public void chosenOt(int n, int ell, long[] choices, long[] m) {
        checkN(n);
        long mask = ellMask(ell);
        checkChoices(choices, n);
        checkLen(m, n, "m");
        ExtensionCore.Receiver c = core();
        extendAll(c, n, choices, mask, m);
        long[] e = tmp(2 * Math.min(n, BATCH));
        for (int done = 0; done < n; done += BATCH) {
            int b = Math.min(BATCH, n - done);
            ch.recvLongs(e, 0, 2 * b, ell);
            for (int j = 0; j < b; j++) {
                int cj = bit(choices, done + j) ? 1 : 0;
                m[done + j] = (m[done + j] ^ e[2 * j + cj]) & mask;
            }
        }
    }

    private long[] tmp(int n) {
        if (tmp.length < n) {
            tmp = new long[n];
        }
        return tmp;
    }
}
