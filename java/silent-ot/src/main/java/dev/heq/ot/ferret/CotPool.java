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
 * <p>Pipelined mode (one more buffer of n blocks): right after an iteration's outputs are installed, the next
 * iteration's message is exchanged and its GGM/LPN work runs on a background thread while the caller consumes the
 * current buffer; a refill then only waits for that work. The message exchange still happens inside a
 * {@link #take} call at the same consumption point on both ends, so the channel is only ever used by the caller's
 * thread. This hides the iteration behind the protocol when a core is idle; on a saturated machine it only adds
 * the second buffer.
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

    private final boolean pipelined;
    private long[] buf;        // current main iteration's n outputs
    private long[] next;       // pipelined: the following iteration's outputs, being computed in the background
    private java.util.concurrent.Future<?> pending;
    private long[] reserve;    // reserve() blocks for the next iteration
    private int pos;           // next unused block of buf
    private long iterations;   // iterations run (bootstrap instance included)
    private long handedOut;    // COTs handed out so far (the derived-OT tweak counter)
    private long[] carry = new long[0]; // blocks set aside by ensure() before an early refill, handed out first
    private int carryPos, carryLen;
    private boolean broken;

    CotPool(Channel ch, FerretParams params, int threads, boolean pipelined, SecureRandom rnd) {
        this.pipelined = pipelined;
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

    /**
     * First half of a Ferret iteration, the part that uses the channel (the single message of the iteration) and
     * must run on the caller's thread at the same point on both ends. Returns the remaining work, which only
     * reads {@code in} and writes {@code out} and may run on another thread.
     */
    abstract Runnable exchange(Shape s, long[] in, long[] out, long iteration);

    /** One Ferret iteration: consumes s.reserve() COTs of in (from block 0), writes s.n() COTs into out. */
    final void iterate(Shape s, long[] in, long[] out, long iteration) {
        exchange(s, in, out, iteration).run();
    }

    /**
     * What both ends must agree on, as one long: the parameter set and the pipelining flag. The sender sends it
     * first thing in the setup and the receiver compares, so a mismatch fails at once with a message naming it.
     */
    final long fingerprint() {
        long f = pipelined ? 1 : 0;
        for (int v : new int[] {params.n(), params.k(), params.t(), params.h(), params.nPre(), params.kPre(),
                params.tPre(), params.hPre()}) {
            f = f * 0x9E3779B97F4A7C15L + v;
        }
        return f;
    }

    final String describe() {
        return params.name() + " (n=" + params.n() + ", k=" + params.k() + ", t=" + params.t() + ", h=" + params.h()
                + "), pipelined=" + pipelined;
    }

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
            if (pipelined) {
                // first main iteration now, and the second one started in the background
                iterate(main, reserve, buf, iterations++);
                System.arraycopy(buf, 0, reserve, 0, 2 * main.reserve());
                pos = main.reserve();
                next = new long[2 * main.n()];
                startNext();
            }
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
            if (pipelined) {
                awaitNext();
                long[] t = buf;
                buf = next;
                next = t;
            } else {
                iterate(main, reserve, buf, iterations++);
            }
            System.arraycopy(buf, 0, reserve, 0, 2 * main.reserve());
            pos = main.reserve();
            if (pipelined) {
                startNext();
            }
        } catch (RuntimeException e) {
            broken = true;
            throw e;
        }
    }

    /** Exchanges the next iteration's message now and computes its outputs into {@link #next} in the background. */
    private void startNext() {
        Runnable work = exchange(main, reserve, next, iterations++);
        pending = Parallel.submit(work);
    }

    private void awaitNext() {
        java.util.concurrent.Future<?> f = pending;
        pending = null;
        try {
            f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re
                    : new IllegalStateException("background Ferret iteration failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a Ferret iteration", e);
        }
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
        int done = Math.min(n, carryLen - carryPos);
        if (done > 0) {
            System.arraycopy(carry, 2 * carryPos, out, 2 * outBlk, 2 * done);
            carryPos += done;
            if (carryPos == carryLen) {
                carry = new long[0];     // up to 2·usable() longs: not kept once used
                carryPos = carryLen = 0;
            }
        }
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

    /** COTs that {@link #take} can hand out before the next main iteration (0 before the setup). */
    final long available() {
        return buf == null ? 0 : (long) (main.n() - pos) + (carryLen - carryPos);
    }

    /**
     * Makes sure the next {@code count} COTs can be taken without any channel traffic: if fewer are left, the
     * leftover blocks are set aside (handed out first, so both ends still agree on every index) and the next main
     * iteration runs now. A call that takes all its COTs after one {@code ensure} therefore never has an iteration
     * message in the middle of its own messages (which would cost up to 2 extra flights); the iteration message
     * comes before the call's first message instead. Both ends call it at the same points with the same count
     * (derived from the call's shapes). Runs the setup if needed.
     *
     * @param count COTs about to be taken, 0 ≤ count ≤ {@link FerretParams#usable()} (callers split larger calls)
     */
    final void ensure(long count) {
        if (count < 0 || count > main.n() - main.reserve()) {
            throw new IllegalArgumentException("ensure: count must be in 0.." + (main.n() - main.reserve())
                    + " (COTs per iteration), got " + count);
        }
        guard();
        setup();
        if (available() >= count) {
            return;
        }
        refillKeepingLeftover();
    }

    /**
     * Tops the buffer up ahead of time when fewer than a quarter of an iteration's COTs are left: called by both
     * ends at the end of a call whose last message went from the COT sender to the COT receiver (a payload), so the
     * iteration message joins that flight instead of adding up to two flights to the next call. No COT is wasted
     * (the leftover is handed out first). Does nothing before the setup.
     */
    final void topUp() {
        guard();
        if (buf != null && available() < (main.n() - main.reserve()) / 4) {
            refillKeepingLeftover();
        }
    }

    /** Sets the unused blocks aside (handed out first) and runs the next main iteration now. */
    private void refillKeepingLeftover() {
        int left = main.n() - pos, old = carryLen - carryPos;
        long[] c = carry.length >= 2 * (old + left) ? carry : new long[2 * (old + left)];
        System.arraycopy(carry, 2 * carryPos, c, 0, 2 * old);
        System.arraycopy(buf, 2 * pos, c, 2 * old, 2 * left);
        carry = c;
        carryPos = 0;
        carryLen = old + left;
        pos = main.n();
        refill();
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
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        buf = null;
        next = null;
        reserve = null;
        carry = new long[0];
        carryPos = carryLen = 0;
        broken = true;
    }
}
