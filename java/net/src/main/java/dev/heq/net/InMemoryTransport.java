package dev.heq.net;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One end of an in-process duplex pipe for two threads (tests, benchmarks). Each direction is a bounded queue of
 * byte chunks (capacity {@link #CAPACITY} bytes, like a socket buffer) so a sender that runs ahead blocks instead of
 * exhausting the heap. All waits are bounded by the timeout.
 */
public final class InMemoryTransport implements ByteTransport {
    /** Bytes that may be queued in one direction before the writer blocks (a large TCP socket buffer). */
    static final long CAPACITY = 32L << 20;

    private final Pipe outgoing;
    private final Pipe incoming;
    private final long timeoutNanos;
    private final String name;
    private Chunk cur;
    private int curPos;

    private InMemoryTransport(Pipe outgoing, Pipe incoming, long timeoutNanos, String name) {
        this.outgoing = outgoing;
        this.incoming = incoming;
        this.timeoutNanos = timeoutNanos;
        this.name = name;
    }

    /** Two connected ends; index 0 and 1 are the two parties. */
    public static InMemoryTransport[] pair(NetOptions options) {
        Pipe ab = new Pipe(), ba = new Pipe();
        long t = options.timeout().toNanos();
        return new InMemoryTransport[] {new InMemoryTransport(ab, ba, t, "in-memory[0]"),
                new InMemoryTransport(ba, ab, t, "in-memory[1]")};
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (len == 0) {
            return;
        }
        byte[] c = outgoing.recycled(len);
        System.arraycopy(b, off, c, 0, len);
        outgoing.put(new Chunk(c, len), timeoutNanos);
    }

    @Override
    public void flush() {
        // chunks are visible to the reader as soon as they are written
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (cur == null || curPos == cur.len) {
            if (cur != null) {
                incoming.recycle(cur.buf);
            }
            cur = incoming.take(timeoutNanos);
            curPos = 0;
            if (cur == null) {
                return -1;
            }
        }
        int k = Math.min(len, cur.len - curPos);
        System.arraycopy(cur.buf, curPos, b, off, k);
        curPos += k;
        return k;
    }

    @Override
    public void close() {
        outgoing.closeWriter();
        incoming.closeReader();
    }

    @Override
    public String describe() {
        return name;
    }

    private record Chunk(byte[] buf, int len) {}

    /** One direction. */
    static final class Pipe {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
        /**
         * Consumed chunk buffers handed back by the reader. Multi-MiB chunks are "humongous" objects for G1, so
         * re-allocating one per batch costs far more than the copy; a few recycled buffers avoid that.
         */
        private final ArrayDeque<byte[]> free = new ArrayDeque<>();
        private long queued;
        private boolean writerClosed, readerClosed;

        byte[] recycled(int len) {
            lock.lock();
            try {
                byte[] b;
                while ((b = free.pollFirst()) != null) {
                    if (b.length >= len && b.length <= 2L * len + 4096) {
                        return b;
                    }
                }
            } finally {
                lock.unlock();
            }
            return new byte[len];
        }

        void recycle(byte[] b) {
            if (b.length < 4096) {
                return;   // small chunks are cheap to allocate
            }
            lock.lock();
            try {
                if (free.size() < 4) {
                    free.addLast(b);
                }
            } finally {
                lock.unlock();
            }
        }

        void put(Chunk c, long timeoutNanos) {
            lock.lock();
            try {
                long wait = timeoutNanos;
                while (!readerClosed && !writerClosed && queued > 0 && queued + c.len > CAPACITY) {
                    if (wait <= 0) {
                        throw new ChannelException(ChannelException.Kind.TIMEOUT, "in-memory write blocked for "
                                + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms: the peer is not reading");
                    }
                    wait = awaitNanos(wait);
                }
                if (writerClosed) {
                    throw new ChannelException(ChannelException.Kind.CLOSED, "in-memory transport is closed");
                }
                if (readerClosed) {
                    throw new ChannelException(ChannelException.Kind.PEER_DISCONNECTED,
                            "peer closed the in-memory channel; " + c.len + " bytes cannot be delivered");
                }
                chunks.addLast(c);
                queued += c.len;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** Next chunk, or null at end of stream. */
        Chunk take(long timeoutNanos) {
            lock.lock();
            try {
                long wait = timeoutNanos;
                while (chunks.isEmpty() && !writerClosed && !readerClosed) {
                    if (wait <= 0) {
                        throw new ChannelException(ChannelException.Kind.TIMEOUT, "no data from the peer within "
                                + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
                    }
                    wait = awaitNanos(wait);
                }
                if (readerClosed) {
                    throw new ChannelException(ChannelException.Kind.CLOSED, "in-memory transport is closed");
                }
                Chunk c = chunks.pollFirst();
                if (c != null) {
                    queued -= c.len;
                    changed.signalAll();
                }
                return c;
            } finally {
                lock.unlock();
            }
        }

        private long awaitNanos(long n) {
            try {
                return changed.awaitNanos(n);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChannelException(ChannelException.Kind.IO, "interrupted while waiting on the in-memory channel", e);
            }
        }

        void closeWriter() {
            lock.lock();
            try {
                writerClosed = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void closeReader() {
            lock.lock();
            try {
                readerClosed = true;
                chunks.clear();
                queued = 0;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
