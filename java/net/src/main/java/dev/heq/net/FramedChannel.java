package dev.heq.net;

import dev.heq.primitives.BitPacking;
import dev.heq.primitives.PackingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link Channel} implementation: frames ({@code [int32 big-endian length][payload]}) over any
 * {@link ByteTransport}, with buffered output, counters and scopes.
 *
 * <p>Frame checks on receive, in order: end of stream before a header → PEER_DISCONNECTED; length < 0 or above
 * {@link NetOptions#maxFrameBytes()} → OVERSIZE_FRAME (nothing is allocated); length ≠ the length the protocol asked
 * for → FRAME_MISMATCH (the payload is not consumed); end of stream inside header or payload → TRUNCATED_FRAME.
 */
public final class FramedChannel implements Channel {
    static final int HEADER = 4;
    /** Frames up to this size are copied into the output buffer; larger ones are written straight through. */
    private static final int OUT_BUF = 1 << 20;
    private static final int IN_BUF = 1 << 16;

    private static final int DIR_NONE = 0, DIR_SEND = 1, DIR_RECV = 2;

    private final ByteTransport transport;
    private final NetOptions options;

    private final byte[] out = new byte[OUT_BUF];
    private int outPos;
    private final byte[] in = new byte[IN_BUF];
    private int inPos, inLim;
    private byte[] scratch = new byte[0];
    private boolean closed;

    private final Counter total = new Counter();
    private final Map<String, Counter> scopeTotals = new LinkedHashMap<>();
    private final List<Counter> open = new ArrayList<>();

    public FramedChannel(ByteTransport transport, NetOptions options) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.options = Objects.requireNonNull(options, "options");
    }

    // ------------------------------------------------------------------ sending

    @Override
    public void send(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        checkOutgoingSize(len);
        writeHeader(len);
        if (len <= out.length - outPos) {
            System.arraycopy(b, off, out, outPos, len);
            outPos += len;
        } else {
            drainOut();
            transport.write(b, off, len);
        }
        countSend(len);
    }

    @Override
    public void sendLongs(long[] v, int off, int len, int bits) {
        Objects.checkFromIndexSize(off, len, v.length);
        ensureOpen();
        int n = BitPacking.packedBytes(len, bits);
        checkOutgoingSize(n);
        writeHeader(n);
        if (n <= out.length - outPos) {
            BitPacking.pack(v, off, len, bits, out, outPos);
            outPos += n;
        } else {
            byte[] s = scratch(n);
            BitPacking.pack(v, off, len, bits, s, 0);
            drainOut();
            transport.write(s, 0, n);
        }
        countSend(n);
    }

    private void checkOutgoingSize(int len) {
        if (len > options.maxFrameBytes()) {
            throw new IllegalArgumentException("frame of " + len + " bytes exceeds maxFrameBytes "
                    + options.maxFrameBytes() + "; split the message");
        }
    }

    private void writeHeader(int len) {
        if (out.length - outPos < HEADER) {
            drainOut();
        }
        out[outPos] = (byte) (len >>> 24);
        out[outPos + 1] = (byte) (len >>> 16);
        out[outPos + 2] = (byte) (len >>> 8);
        out[outPos + 3] = (byte) len;
        outPos += HEADER;
    }

    private void drainOut() {
        if (outPos > 0) {
            transport.write(out, 0, outPos);
            outPos = 0;
        }
    }

    @Override
    public void flush() {
        ensureOpen();
        drainOut();
        transport.flush();
    }

    // ------------------------------------------------------------------ receiving

    @Override
    public void recv(byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, len, dst.length);
        int n = readHeader(len);
        readFully(dst, off, n, n);
        countRecv(n);
    }

    @Override
    public byte[] recvFrame() {
        int n = readHeader(-1);
        byte[] b = new byte[n];
        readFully(b, 0, n, n);
        countRecv(n);
        return b;
    }

    @Override
    public void recvLongs(long[] dst, int off, int len, int bits) {
        Objects.checkFromIndexSize(off, len, dst.length);
        int n = BitPacking.packedBytes(len, bits);
        readHeader(n);
        byte[] s = scratch(n);
        readFully(s, 0, n, n);
        countRecv(n);
        try {
            BitPacking.unpack(s, 0, dst, off, len, bits);
        } catch (PackingException e) { // the right length but not a packed array of this shape
            throw new ChannelException(ChannelException.Kind.FRAME_MISMATCH,
                    "non-zero padding bits in a packed frame of " + len + " x " + bits + "-bit values", e);
        }
    }

    /** Reads and validates a header; expected < 0 accepts any legal length. Flushes pending output first. */
    private int readHeader(int expected) {
        ensureOpen();
        if (outPos > 0) {
            flush();
        }
        byte[] h = new byte[HEADER];
        int got = readSome(h, 0, HEADER);
        if (got < 0) {
            throw new ChannelException(ChannelException.Kind.PEER_DISCONNECTED,
                    "peer closed the connection (" + transport.describe() + ") while a frame"
                            + (expected >= 0 ? " of " + expected + " bytes" : "") + " was expected");
        }
        while (got < HEADER) {
            int r = readSome(h, got, HEADER - got);
            if (r < 0) {
                throw new ChannelException(ChannelException.Kind.TRUNCATED_FRAME,
                        "stream ended inside a frame header after " + got + " of 4 bytes");
            }
            got += r;
        }
        int n = ((h[0] & 0xFF) << 24) | ((h[1] & 0xFF) << 16) | ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
        if (n < 0 || n > options.maxFrameBytes()) {
            throw new ChannelException(ChannelException.Kind.OVERSIZE_FRAME,
                    "peer announced a frame of " + (n & 0xFFFFFFFFL) + " bytes; the limit is " + options.maxFrameBytes());
        }
        if (expected >= 0 && n != expected) {
            throw new ChannelException(ChannelException.Kind.FRAME_MISMATCH,
                    "expected a frame of " + expected + " bytes, peer sent " + n);
        }
        total.headerRecv += HEADER;
        for (Counter c : open) {
            c.headerRecv += HEADER;
        }
        return n;
    }

    private void readFully(byte[] dst, int off, int len, int frameLen) {
        int done = 0;
        while (done < len) {
            int r = readSome(dst, off + done, len - done);
            if (r < 0) {
                throw new ChannelException(ChannelException.Kind.TRUNCATED_FRAME,
                        "stream ended after " + done + " of " + frameLen + " payload bytes");
            }
            done += r;
        }
    }

    /** Reads 1..len bytes through the input buffer; large reads bypass it. -1 at end of stream. */
    private int readSome(byte[] dst, int off, int len) {
        if (inPos < inLim) {
            int k = Math.min(len, inLim - inPos);
            System.arraycopy(in, inPos, dst, off, k);
            inPos += k;
            return k;
        }
        if (len >= in.length) {
            return transport.read(dst, off, len);
        }
        int r = transport.read(in, 0, in.length);
        if (r < 0) {
            return -1;
        }
        inPos = 0;
        inLim = r;
        int k = Math.min(len, r);
        System.arraycopy(in, 0, dst, off, k);
        inPos = k;
        return k;
    }

    private byte[] scratch(int n) {
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, Math.min(2 * scratch.length, options.maxFrameBytes()))];
        }
        return scratch;
    }

    // ------------------------------------------------------------------ counters

    private static final class Counter {
        long sent, recv, framesSent, framesRecv, headerSent, headerRecv, rounds;
        int dir = DIR_NONE;

        void send(long n) {
            sent += n;
            framesSent++;
            headerSent += HEADER;
            if (dir != DIR_SEND) {
                dir = DIR_SEND;
                rounds++;
            }
        }

        void recv(long n) {
            recv += n;
            framesRecv++;
            if (dir != DIR_RECV) {
                dir = DIR_RECV;
                rounds++;
            }
        }

        ChannelStats snapshot() {
            return new ChannelStats(sent, recv, framesSent, framesRecv, headerSent, headerRecv, rounds);
        }
    }

    private void countSend(int n) {
        total.send(n);
        for (Counter c : open) {
            c.send(n);
        }
    }

    private void countRecv(int n) {
        total.recv(n);
        for (Counter c : open) {
            c.recv(n);
        }
    }

    @Override
    public ChannelStats stats() {
        return total.snapshot();
    }

    @Override
    public ChannelStats stats(String scope) {
        Counter c = scopeTotals.get(scope);
        return c == null ? ChannelStats.ZERO : c.snapshot();
    }

    @Override
    public Map<String, ChannelStats> scopes() {
        Map<String, ChannelStats> m = new LinkedHashMap<>();
        scopeTotals.forEach((k, v) -> m.put(k, v.snapshot()));
        return m;
    }

    @Override
    public Scope scope(String name) {
        Objects.requireNonNull(name, "name");
        Counter c = scopeTotals.computeIfAbsent(name, k -> new Counter());
        if (open.contains(c)) {
            throw new IllegalStateException("scope '" + name + "' is already open");
        }
        c.dir = DIR_NONE;   // a new opening starts a new run of rounds
        open.add(c);
        return new Scope() {
            private boolean done;

            @Override
            public String name() {
                return name;
            }

            @Override
            public ChannelStats stats() {
                return c.snapshot();
            }

            @Override
            public void close() {
                if (!done) {
                    done = true;
                    open.remove(c);
                }
            }
        };
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public NetOptions options() {
        return options;
    }

    @Override
    public String describe() {
        return transport.describe();
    }

    private void ensureOpen() {
        if (closed) {
            throw new ChannelException(ChannelException.Kind.CLOSED, "channel " + transport.describe() + " is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (outPos > 0) {
                drainOut();
                transport.flush();
            }
        } catch (ChannelException ignored) {
            // best effort: the peer may already be gone
        } finally {
            closed = true;
            transport.close();
        }
    }
}
