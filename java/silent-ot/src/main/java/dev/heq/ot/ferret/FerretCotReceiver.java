package dev.heq.ot.ferret;

import dev.heq.net.Channel;
import dev.heq.ot.ChouOrlandiOt;
import dev.heq.ot.IknpOtReceiver;
import dev.heq.primitives.AesCtrPrg;
import java.security.SecureRandom;

/**
 * Ferret correlated-OT receiver: gets blocks M_i = K_i ⊕ x_i·Δ, where the choice bit x_i (pseudo-random, = bit 0 of
 * M_i) comes out of the protocol (x = u·A ⊕ e, e the regular noise). The mirror of {@link FerretCotSender}; the
 * GGM puncture points are fixed by the receiver's own reserved choice bits (α_l = 1 − b_l), so no choice is sent.
 */
public final class FerretCotReceiver extends CotPool {

    public FerretCotReceiver(Channel ch, FerretParams params, int threads, SecureRandom rnd) {
        this(ch, params, threads, false, rnd);
    }

    /** pipelined: must match the sender's setting (it decides when iterations happen; see {@link CotPool}). */
    public FerretCotReceiver(Channel ch, FerretParams params, int threads, boolean pipelined, SecureRandom rnd) {
        super(ch, params, threads, pipelined, rnd);
    }

    /** The next n COT blocks M_i into out[2(outBlk+i)..] (choice bit = bit 0 of the low word). */
    public long cot(int n, long[] out, int outBlk) {
        return take(n, out, outBlk);
    }

    public void setupNow() {
        setup();
    }

    @Override
    long[] bootstrapCots() {
        long peer = ch.recvLong();
        if (peer != fingerprint()) {
            throw new IllegalStateException("Ferret peer uses a different parameter set or pipelining setting than "
                    + "this receiver: " + describe());
        }
        int m = params.reservePre();
        long[] c = new long[(m + 63) >>> 6];
        AesCtrPrg.fromSecureRandom(rnd, AesCtrPrg.KEY_BYTES_128).nextLongs(c, 0, c.length);
        long[] mc = new long[2 * m];
        try (IknpOtReceiver iknp = new IknpOtReceiver(ch, new ChouOrlandiOt(), rnd)) {
            iknp.randomOt(m, c, mc);
        }
        long[] d = new long[2 * m];
        ch.recvLongs(d, 0, 2 * m, 64);
        for (int i = 0; i < m; i++) {
            long ci = (c[i >>> 6] >>> (i & 63)) & 1, sel = -ci;
            mc[2 * i] = ((mc[2 * i] ^ (d[2 * i] & sel)) & ~1L) | ci;
            mc[2 * i + 1] ^= d[2 * i + 1] & sel;
        }
        byte[] seed = ch.recv(16);
        lpn = new LpnEncoder(seed);
        return mc;
    }

    @Override
    Runnable exchange(Shape s, long[] in, long[] out, long iteration) {
        int t = s.t(), h = s.h(), k = s.k(), th = t * h, per = 2 * h + 1;
        long[] msg = new long[2 * t * per];
        ch.recvLongs(msg, 0, msg.length, 64);
        long tw = GGM_DOMAIN + (iteration << 32);
        long[] hb = new long[2 * th];
        hash.hash(in, k, th, tw, null, null, 0, false, hb, 0);
        long[] kb = new long[2 * th];
        int[] bits = new int[t];
        for (int j = 0; j < t; j++) {
            int mo = 2 * j * per, b = 0;
            for (int l = 0; l < h; l++) {
                int idx = j * h + l;
                int bl = (int) (in[2 * (k + idx)] & 1);
                b |= bl << l;
                kb[2 * idx] = msg[mo + 4 * l + 2 * bl] ^ hb[2 * idx];
                kb[2 * idx + 1] = msg[mo + 4 * l + 2 * bl + 1] ^ hb[2 * idx + 1];
            }
            bits[j] = b;
        }
        int workers = Math.max(1, Math.min(threads, t));
        // GGM and LPN fused per tree: the tree's 2^h rows are still in L2 when the LPN gathers into them
        return () -> Parallel.run(workers, w -> {
            Ggm g = new Ggm(h);
            LpnEncoder.Worker lw = lpn.new Worker();
            int to = Parallel.split(t, workers, w + 1);
            for (int j = Parallel.split(t, workers, w); j < to; j++) {
                int mo = 2 * j * per + 4 * h;
                g.receive(bits[j], kb, 2 * j * h, msg[mo], msg[mo + 1], out, j << h);
                lw.encode(out, j << h, (j + 1) << h, in, 0, k);
            }
        });
    }
}
