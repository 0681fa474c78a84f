package dev.heq.ot.ferret;

import dev.heq.ot.OtArgs;

import dev.heq.net.Channel;
import dev.heq.ot.OtSender;
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
 * Calls run in batches of {@link #BATCH}; each batch is one flight (random OT) or two (correlated, chosen).
 * Shares its COT session with the {@link FerretNOtSender} of the same provider and channel, if any.
 */
public final class FerretOtSender implements OtSender {
    static final int BATCH = 1 << 20;

    private final Channel ch;
    private final FerretCotSender cot;
    private final TweakHash hash = new TweakHash();
    private final long[] delta;
    private long[] blk = new long[0], d = new long[0], y = new long[0];

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

    private long take(int b) {
        if (blk.length < 2 * b) {
            blk = new long[2 * Math.min(BATCH, Math.max(b, 1024))];
        }
        return cot.cot(b, blk, 0);
    }

    private long[] recvD(int b) {
        int words = (b + 63) >>> 6;
        if (d.length < words) {
            d = new long[(BATCH + 63) >>> 6];
        }
        ch.recvLongs(d, 0, words, 64);
        return d;
    }

    private long[] y(int b) {
        if (y.length < 2 * b) {
            y = new long[2 * Math.min(BATCH, Math.max(b, 1024))];
        }
        return y;
    }

    @Override
    public void randomOt(int n, long[] m0, long[] m1) {
        OtArgs.checkN(n);
        OtArgs.checkLen(m0, 2L * n, "m0");
        OtArgs.checkLen(m1, 2L * n, "m1");
        for (int done = 0; done < n; done += BATCH) {
            int b = Math.min(BATCH, n - done);
            long first = take(b);
            long[] dd = recvD(b);
            hash.hash(blk, 0, b, first, delta, dd, 0, false, m0, done);
            hash.hash(blk, 0, b, first, delta, dd, 0, true, m1, done);
        }
    }

    @Override
    public void randomOt(int n, int ell, long[] m0, long[] m1) {
        OtArgs.checkN(n);
        long mask = OtArgs.ellMask(ell);
        OtArgs.checkLen(m0, n, "m0");
        OtArgs.checkLen(m1, n, "m1");
        for (int done = 0; done < n; done += BATCH) {
            int b = Math.min(BATCH, n - done);
            long first = take(b);
            long[] dd = recvD(b);
            hash.hashLow(blk, 0, b, first, delta, dd, 0, false, mask, m0, done);
            hash.hashLow(blk, 0, b, first, delta, dd, 0, true, mask, m1, done);
        }
    }

    @Override
    public void randomChoiceOt(int n, int ell, long[] m0, long[] m1) {
        OtArgs.checkN(n);
        long mask = OtArgs.ellMask(ell);
        OtArgs.checkLen(m0, n, "m0");
        OtArgs.checkLen(m1, n, "m1");
        for (int done = 0; done < n; done += BATCH) {
            int b = Math.min(BATCH, n - done);
            long first = take(b);
            hash.hashLow(blk, 0, b, first, null, null, 0, false, mask, m0, done);
            hash.hashLow(blk, 0, b, first, delta, null, 0, true, mask, m1, done);
        }
    }

    @Override
    public void correlatedOt(int n, int ell, long[] delta, long[] x0) {
        OtArgs.checkN(n);
        long mask = OtArgs.ellMask(ell);
        OtArgs.checkLen(delta, n, "delta");
        OtArgs.checkLen(x0, n, "x0");
        for (int done = 0; done < n; done += BATCH) {
            int b = Math.min(BATCH, n - done);
            long first = take(b);
            long[] dd = recvD(b);
            long[] yy = y(b);
            hash.hashLow(blk, 0, b, first, this.delta, dd, 0, false, mask, x0, done);
            hash.hashLow(blk, 0, b, first, this.delta, dd, 0, true, mask, yy, 0);
            for (int j = 0; j < b; j++) {
                yy[j] = (yy[j] ^ (x0[done + j] + delta[done + j])) & mask;
            }
            ch.sendLongs(yy, 0, b, ell);
            ch.flush();
        }
    }

    @Override
    public void chosenOt(int n, int ell, long[] m0, long[] m1) {
        OtArgs.checkN(n);
        long mask = OtArgs.ellMask(ell);
        OtArgs.checkLen(m0, n, "m0");
        OtArgs.checkLen(m1, n, "m1");
        for (int done = 0; done < n; done += BATCH) {
            int b = Math.min(BATCH, n - done);
            long first = take(b);
            long[] dd = recvD(b);
            long[] e = y(b);                      // 2b entries: (h0, h1) then masked messages, interleaved
            hash.hashLow(blk, 0, b, first, delta, dd, 0, false, mask, e, 0);
            hash.hashLow(blk, 0, b, first, delta, dd, 0, true, mask, e, b);
            // interleave in place from the top: e[2j] = m0 ⊕ h0_j, e[2j+1] = m1 ⊕ h1_j (h1_j sits at b + j ≥ j)
            long[] h1 = java.util.Arrays.copyOfRange(e, b, 2 * b);
            for (int j = b - 1; j >= 0; j--) {
                long h0 = e[j];
                e[2 * j] = (m0[done + j] ^ h0) & mask;
                e[2 * j + 1] = (m1[done + j] ^ h1[j]) & mask;
            }
            ch.sendLongs(e, 0, 2 * b, ell);
            ch.flush();
        }
    }
}
