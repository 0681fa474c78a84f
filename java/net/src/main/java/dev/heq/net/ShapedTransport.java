package dev.heq.net;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Emulates a link with a bandwidth cap and a one-way latency on the outgoing direction of any transport, inside
 * the process (no {@code tc} needed). Model: a store-and-forward link of rate R followed by a delay line of D.
 * A chunk of b bytes starts serialising when the link is free, occupies it for 8b/R seconds (the writer blocks
 * for that time, as a full socket buffer would), and is handed to the inner transport D later by a delay thread.
 * Chunks are cut into 64 KiB pieces so the receiver sees a large message arrive progressively, as over TCP.
 *
 * <p>Accuracy: sleeps use {@link LockSupport#parkNanos}, whose granularity (tens of µs) is small against the LAN
 * (150 µs) and WAN (20 ms) one-way delays; schedule times are computed from the model, not from wake-up times, so
 * timer error does not accumulate.
 */
public final class ShapedTransport implements ByteTransport {
    private static final int PIECE = 64 << 10;
    private static final byte[] EOF = new byte[0];

    private final ByteTransport inner;
    private final Shaping shaping;
    private final long timeoutNanos;
    private final LinkedBlockingQueue<Item> line = new LinkedBlockingQueue<>();
    private final Thread delayThread;
    private volatile RuntimeException failure;
    private long linkFreeAt;
    private boolean closed;

    private record Item(byte[] data, long deliverAt) {}

    public ShapedTransport(ByteTransport inner, Shaping shaping, java.time.Duration timeout) {
        this.inner = inner;
        this.shaping = shaping;
        this.timeoutNanos = timeout.toNanos();
        this.delayThread = Thread.ofPlatform().daemon().name("heq-shaper " + inner.describe()).unstarted(this::pump);
        this.delayThread.start();
    }

    /** Wraps {@code t} unless the shaping is NONE. */
    public static ByteTransport wrap(ByteTransport t, NetOptions o) {
        return o.shaping().isNone() ? t : new ShapedTransport(t, o.shaping(), o.timeout());
    }

    @Override
    public void write(byte[] b, int off, int len) {
        rethrow();
        if (closed) {
            throw new ChannelException(ChannelException.Kind.CLOSED, "shaped transport is closed");
        }
        for (int p = 0; p < len; p += PIECE) {
            int k = Math.min(PIECE, len - p);
            long now = System.nanoTime();
            linkFreeAt = Math.max(linkFreeAt, now) + shaping.serializationNanos(k);
            sleepUntil(linkFreeAt);
            byte[] c = new byte[k];
            System.arraycopy(b, off + p, c, 0, k);
            line.add(new Item(c, linkFreeAt + shaping.oneWayLatencyNanos()));
        }
    }

    private void pump() {
        try {
            while (true) {
                Item it = line.take();
                if (it.data == EOF) {
                    return;
                }
                sleepUntil(it.deliverAt);
                inner.write(it.data, 0, it.data.length);
                if (line.isEmpty()) {
                    inner.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private static void sleepUntil(long deadline) {
        long d;
        while ((d = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(d);
        }
    }

    private void rethrow() {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }

    @Override
    public void flush() {
        rethrow();
    }

    @Override
    public int read(byte[] b, int off, int len) {
        return inner.read(b, off, len);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        line.add(new Item(EOF, 0));
        try {
            // let data already "on the wire" arrive, as a real link would, but never wait past the timeout
            delayThread.join(TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delayThread.interrupt();
        inner.close();
    }

    @Override
    public String describe() {
        return inner.describe() + " shaped " + shaping;
    }
}
