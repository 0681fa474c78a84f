package dev.heq.net;

import java.util.Map;

/**
 * A two-party message channel: framed byte arrays and bit-packed {@code long[]}, with per-scope traffic counters.
 *
 * <p>Every {@code send*} call produces one frame; the matching {@code recv*} on the other side must ask for exactly
 * that frame (same length, same bit width), otherwise it fails with {@link ChannelException.Kind#FRAME_MISMATCH}
 * instead of silently mis-parsing. Sends are buffered until {@link #flush()}; every blocking receive flushes first,
 * so a forgotten flush costs latency, never a deadlock.
 *
 * <p>Counters: totals via {@link #stats()}; {@link #scope(String)} opens a named scope (nestable, e.g. "layer3" then
 * "relu") and traffic is added to every scope open at the time. Scope totals accumulate over repeated openings of
 * the same name.
 *
 * <p>Not thread-safe: one thread drives a channel. Failures are {@link ChannelException}s naming what happened;
 * after one, the stream position is undefined and the channel must be closed (protocol state cannot be resumed).
 */
public interface Channel extends AutoCloseable {

    /** Sends {@code len} bytes of {@code b} as one frame. */
    void send(byte[] b, int off, int len);

    default void send(byte[] b) {
        send(b, 0, b.length);
    }

    /**
     * Sends {@code len} values as one frame of ceil(len*bits/8) bytes: the low {@code bits} bits of each value,
     * little-endian bit order (value i occupies stream bits [i*bits, (i+1)*bits)). Higher bits are ignored, i.e. the
     * values are sent mod 2^bits. bits in 1..64.
     */
    void sendLongs(long[] v, int off, int len, int bits);

    default void sendLong(long v) {
        sendLongs(new long[] {v}, 0, 1, 64);
    }

    /** Receives one frame that must be exactly {@code len} bytes long into {@code dst[off..off+len)}. */
    void recv(byte[] dst, int off, int len);

    default byte[] recv(int len) {
        if (len < 0) {
            throw new IllegalArgumentException("len must be >= 0, got " + len);
        }
        byte[] b = new byte[len];
        recv(b, 0, len);
        return b;
    }

    /** Receives one frame of any length up to the configured maximum. */
    byte[] recvFrame();

    /** Receives a frame sent by {@link #sendLongs} with the same {@code len} and {@code bits}. */
    void recvLongs(long[] dst, int off, int len, int bits);

    default long recvLong() {
        long[] v = new long[1];
        recvLongs(v, 0, 1, 64);
        return v[0];
    }

    /** Pushes buffered frames to the peer. */
    void flush();

    /** Totals since the channel was created. */
    ChannelStats stats();

    /** Totals of the named scope (ZERO if it was never opened). */
    ChannelStats stats(String scope);

    /** All scopes seen so far, in first-opened order. */
    Map<String, ChannelStats> scopes();

    /** Opens a named counting scope; close it (try-with-resources) to stop attributing traffic to it. */
    Scope scope(String name);

    /** Options this channel was built with. */
    NetOptions options();

    /** Human-readable transport description. */
    String describe();

    /** Flushes (best effort) and closes the transport; the peer then sees PEER_DISCONNECTED. Idempotent. */
    @Override
    void close();

    /** An open counting scope. */
    interface Scope extends AutoCloseable {
        String name();

        /** Traffic of this scope so far (all openings). */
        ChannelStats stats();

        @Override
        void close();
    }
}
