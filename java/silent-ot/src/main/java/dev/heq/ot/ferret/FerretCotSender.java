package dev.heq.ot.ferret;

import dev.heq.net.Channel;
import dev.heq.ot.ChouOrlandiOt;
import dev.heq.ot.IknpOtSender;
import dev.heq.primitives.AesCtrPrg;
import java.security.SecureRandom;

/**
 * Ferret correlated-OT sender (the party holding the global Δ), semi-honest. Produces blocks K_i; the receiver gets
 * M_i = K_i ⊕ x_i·Δ for its pseudo-random choice bits x_i. See {@link CotPool} for the session lifecycle.
 *
 * <p>One iteration (Ferret's semi-honest COT protocol: primal LPN with regular noise): (1) MPCOT — t GGM trees with
 * random roots give v ∈ ({0,1}^128)^n; for tree j, level l the sender sends (K0 ⊕ H(q), K1 ⊕ H(q ⊕ Δ)) using reserved
 * COT q, then Δ ⊕ (XOR of the tree's leaves); (2) LPN — y = v ⊕ A·u with the k-block LPN secret u = the first k
 * reserved COTs. All of it is one message of t·(2h+1)·16 bytes. Not thread-safe (one session per channel).
 */
public final class FerretCotSender extends CotPool {
    private final long[] delta = new long[2];
    private final AesCtrPrg prg;

    public FerretCotSender(Channel ch, FerretParams params, int threads, SecureRandom rnd) {
        this(ch, params, threads, false, rnd);
    }

    /** pipelined: compute each next iteration in the background (see {@link CotPool}); needs 2·n more longs. */
    public FerretCotSender(Channel ch, FerretParams params, int threads, boolean pipelined, SecureRandom rnd) {
        super(ch, params, threads, pipelined, rnd);
        this.prg = AesCtrPrg.fromSecureRandom(rnd, AesCtrPrg.KEY_BYTES_128);
        delta[0] = prg.nextLong() | 1L;    // bit 0 = 1: receivers read their choice bit from bit 0
        delta[1] = prg.nextLong();
    }

    /** Δ as (lo, hi); bit 0 of lo is always 1. A copy. */
    public long[] delta() {
        return delta.clone();
    }

    /** The next n COT blocks K_i into out[2(outBlk+i)..]; returns the session index of the first. */
    public long cot(int n, long[] out, int outBlk) {
        return take(n, out, outBlk);
    }

    /** Runs the one-time setup now (both ends must call it at the same point). */
    public void setupNow() {
        setup();
    }

    @Override
    long[] bootstrapCots() {
        ch.sendLong(fingerprint());
        ch.flush();
        int m = params.reservePre();
        // IKNP random OT (m0_i, m1_i) → Δ-COT: K_i = m0_i with bit 0 cleared, and d_i = m0_i ⊕ m1_i ⊕ Δ sent, so
        // the receiver's m_c ⊕ c·d = m0 ⊕ c·Δ (cost: IKNP's 128 bits + 128 bits per bootstrap COT).
        long[] m0 = new long[2 * m], m1 = new long[2 * m];
        try (IknpOtSender iknp = new IknpOtSender(ch, new ChouOrlandiOt(), rnd)) {
            iknp.randomOt(m, m0, m1);
        }
        long[] d = m1;
        for (int i = 0; i < m; i++) {
            d[2 * i] ^= m0[2 * i] ^ delta[0];
            d[2 * i + 1] ^= m0[2 * i + 1] ^ delta[1];
            m0[2 * i] &= ~1L;
        }
        ch.sendLongs(d, 0, 2 * m, 64);
        byte[] seed = new byte[16];
        rnd.nextBytes(seed);                 // public: it only fixes the public LPN matrix
        ch.send(seed);
        ch.flush();
        lpn = new LpnEncoder(seed);
        return m0;
    }

    @Override
    Runnable exchange(Shape s, long[] in, long[] out, long iteration) {
        int t = s.t(), h = s.h(), k = s.k(), th = t * h;
        long[] roots = new long[2 * t];
        prg.nextLongs(roots, 0, 2 * t);
        long[] sums = new long[4 * th];
        long[] leafSum = new long[2 * t];
        int workers = Math.max(1, Math.min(threads, t));
        Parallel.run(workers, w -> {
            Ggm g = new Ggm(h);
            int to = Parallel.split(t, workers, w + 1);
            for (int j = Parallel.split(t, workers, w); j < to; j++) {
                g.send(roots[2 * j], roots[2 * j + 1], out, j << h, sums, 4 * j * h, leafSum, j);
            }
        });
        long tw = GGM_DOMAIN + (iteration << 32);
        long[] h0 = new long[2 * th], h1 = new long[2 * th];
        hash.hash(in, k, th, tw, null, null, 0, false, h0, 0);
        hash.hash(in, k, th, tw, delta, null, 0, true, h1, 0);
        int per = 2 * h + 1;
        long[] msg = new long[2 * t * per];
        for (int j = 0; j < t; j++) {
            int mo = 2 * j * per;
            for (int l = 0; l < h; l++) {
                int idx = j * h + l, so = 4 * idx;
                msg[mo + 4 * l] = sums[so] ^ h0[2 * idx];
                msg[mo + 4 * l + 1] = sums[so + 1] ^ h0[2 * idx + 1];
                msg[mo + 4 * l + 2] = sums[so + 2] ^ h1[2 * idx];
                msg[mo + 4 * l + 3] = sums[so + 3] ^ h1[2 * idx + 1];
            }
            msg[mo + 4 * h] = delta[0] ^ leafSum[2 * j];
            msg[mo + 4 * h + 1] = delta[1] ^ leafSum[2 * j + 1];
        }
        ch.sendLongs(msg, 0, msg.length, 64);
        ch.flush();
        // the GGM leaves are in out already (the level sums had to be sent); the LPN can run anywhere
        return () -> lpn.encode(out, s.n(), in, 0, k, threads);
    }
}
