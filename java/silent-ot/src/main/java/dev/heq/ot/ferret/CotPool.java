package dev.heq.ot.ferret;

import dev.heq.net.Channel;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The buffer and bootstrapping logic shared by both ends of a Ferret COT session.
 *
 * <p>Lifecycle: nothing happens at construction. The first {@link #take} runs {@link #setup}: IKNP random OTs turned
 * into {@link FerretParams#reservePre()} Δ-COTs, then one iteration of the small bootstrap LPN instance whose first
 * {@link FerretParams#reserve()} outputs become the main reserve. Every main iteration consumes the reserve and
 * outputs n COTs; its first reserve() outputs are set aside as the next reserve (Ferret's bootstrapping), the
 * other {@link FerretParams#usable()} are handed out in order. Both ends take the same counts in the same order, so
 * their iterations happen at the same points and message sizes always match.
 *
 * <p>Block layout: COT i is (lo, hi) at 2i, 2i+1 of a long[]. Invariant: sender blocks have bit 0 = 0 and Δ has bit
 * 0 = 1, so a receiver block's bit 0 is its choice bit.
 */
abstract class CotPool implements AutoCloseable {
    /** One LPN instance: n outputs from k secret blocks and t GGM trees of depth h. */
    record Shape(int n, int k, int t, int h) {
        int reserve() {
            return k + t * h;
        }
    }

    /**
     * COTs per session: their index is the tweak of derived OTs and, shifted by 8, part of the 1-of-N tweaks
     * (bit 61 domain), so it must stay below 2^52.
     */
    static final long MAX_COTS = 1L << 52;

    /** Tweak domain of GGM-level OTs: bit 62 set; 1-of-N tweaks have bit 61; derived 1-of-2 OTs are below 2^52. */
    static final long GGM_DOMAIN = 1L << 62;

    final Channel ch;
    final FerretParams params;
    final Shape main, pre;
    final int threads;
    final SecureRandom rnd;
    final TweakHash hash = new TweakHash();
    LpnEncoder lpn;

    private long[] buf;        // current main iteration's n outputs
    private long[] reserve;    // reserve() blocks for the next iteration
    private int pos;           // next unused block of buf
    private long iterations;   // iterations run (bootstrap instance included)
    private long handedOut;    // COTs handed out so far (the derived-OT tweak counter)
    private boolean broken;

    CotPool(Channel ch, FerretParams params, int threads, SecureRandom rnd) {
        this.ch = Objects.requireNonNull(ch, "ch");
        this.params = Objects.requireNonNull(params, "params");
        this.rnd = Objects.requireNonNull(rnd, "rnd");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.main = new Shape(params.n(), params.k(), params.t(), params.h());
        this.pre = new Shape(params.nPre(), params.kPre(), params.tPre(), params.hPre());
    }

    /** Establishes the session: returns reservePre() bootstrap COTs (IKNP-made) and sets {@link #lpn}. */
    abstract long[] bootstrapCots();

    /** One Ferret iteration: consumes s.reserve() COTs of in (from block 0), writes s.n() COTs into out. */
    abstract void iterate(Shape s, long[] in, long[] out, long iteration);

    final boolean isSetUp() {
        return buf != null;
    }

    /** Runs the one-time setup now (otherwise it runs on first use). Both ends must call it at the same point. */
    final void setup() {
        if (buf != null) {
            return;
        }
        guard();
        try {
            long[] base = bootstrapCots();
            long[] preOut = new long[2 * pre.n()];
            iterate(pre, base, preOut, iterations++);
            reserve = java.util.Arrays.copyOf(preOut, 2 * main.reserve());
            buf = new long[2 * main.n()];
            pos = main.n();
        } catch (RuntimeException e) {
            broken = true;
            throw e;
        }
    }

    private void guard() {
        if (broken) {
            throw new IllegalStateException("Ferret session is closed or broken by an earlier failure; open a new one");
        }
    }

    private void refill() {
        try {
            iterate(main, reserve, buf, iterations++);
        } catch (RuntimeException e) {
            broken = true;
            throw e;
        }
        System.arraycopy(buf, 0, reserve, 0, 2 * main.reserve());
        pos = main.reserve();
    }

    /** Copies the next n COT blocks into out from block outBlk; returns the session index of the first one. */
    final long take(int n, long[] out, int outBlk) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        if (out.length < 2L * (outBlk + (long) n)) {
            throw new IllegalArgumentException("out has " + out.length + " longs, needs " + 2L * (outBlk + (long) n));
        }
        guard();
        setup();
        long first = handedOut;
        int done = 0;
        while (done < n) {
            if (pos == main.n()) {
                refill();
            }
            int m = Math.min(n - done, main.n() - pos);
            System.arraycopy(buf, 2 * pos, out, 2 * (outBlk + done), 2 * m);
            pos += m;
            done += m;
        }
        handedOut += n;
        if (handedOut >= MAX_COTS) {
            throw new IllegalStateException("session handed out " + handedOut + " COTs, more than its tweak space of "
                    + MAX_COTS + "; open a new session");
        }
        return first;
    }

    /** Iterations run so far, the bootstrap one included. */
    public final long iterations() {
        return iterations;
    }

    /** COTs handed out so far. */
    public final long handedOut() {
        return handedOut;
    }

    public final FerretParams params() {
        return params;
    }

    /** Releases the buffers (the channel belongs to the caller). */
    @Override
    public void close() {
        buf = null;
        reserve = null;
        broken = true;
    }
}
