package dev.heq.net;

/**
 * A reliable, ordered byte stream between the two parties: the layer below {@link FramedChannel}. It knows
 * nothing about frames or counters. Implementations: {@link InMemoryTransport} (two threads), {@link TcpTransport}
 * (plain or TLS socket), and the {@link ShapedTransport} decorator (bandwidth/latency emulation).
 *
 * <p>Contract: {@link #read} blocks until at least one byte is available, returns -1 at a clean end of stream, and
 * throws {@link ChannelException} with kind {@code TIMEOUT} when nothing arrived within the transport's timeout.
 * Not thread-safe: one writer thread and one reader thread at most (they may differ).
 */
public interface ByteTransport extends AutoCloseable {

    /** Writes (or enqueues) all {@code len} bytes; may block for flow control, bounded by the timeout. */
    void write(byte[] b, int off, int len);

    /** Pushes buffered bytes to the peer. */
    void flush();

    /** Reads 1..len bytes into b, or returns -1 at end of stream. */
    int read(byte[] b, int off, int len);

    /** Closes both directions; a blocked reader on the other side then sees end of stream. Idempotent. */
    @Override
    void close();

    /** A short human-readable description ("in-memory", "tcp 127.0.0.1:5000", "tls1.3 ..."). */
    String describe();
}
