package dev.heq.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * A {@link ByteTransport} over one connected TCP socket (plain or TLS). Reads time out through
 * {@code SO_TIMEOUT}; a write that blocks longer than the timeout (peer alive but not reading) is aborted by a
 * watchdog that closes the socket, so no call can hang forever. Socket setup (TCP_NODELAY, 4 MiB buffers) is done
 * by {@link Tcp}.
 */
public final class TcpTransport implements ByteTransport {
    private static final ScheduledExecutorService WATCHDOG = watchdog();

    private static ScheduledExecutorService watchdog() {
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r ->
                Thread.ofPlatform().daemon().name("heq-tcp-watchdog").unstarted(r));
        ex.setRemoveOnCancelPolicy(true);   // one task per write: do not keep cancelled ones queued for a minute
        return ex;
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final long timeoutNanos;
    private final String name;
    private volatile boolean watchdogFired;
    private boolean closed;

    TcpTransport(Socket socket, NetOptions options) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.timeoutNanos = options.timeout().toNanos();
        String proto = socket instanceof SSLSocket s ? s.getSession().getProtocol().toLowerCase(java.util.Locale.ROOT) : "tcp";
        this.name = proto + " " + socket.getLocalSocketAddress() + "->" + socket.getRemoteSocketAddress();
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ScheduledFuture<?> wd = WATCHDOG.schedule(() -> {
            watchdogFired = true;
            closeQuietly();
        }, timeoutNanos, TimeUnit.NANOSECONDS);
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw map(e, "write of " + len + " bytes");
        } finally {
            wd.cancel(false);
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw map(e, "flush");
        }
    }

    @Override
    public int read(byte[] b, int off, int len) {
        try {
            return in.read(b, off, len);
        } catch (IOException e) {
            throw map(e, "read");
        }
    }

    private ChannelException map(IOException e, String what) {
        if (e instanceof SocketTimeoutException || watchdogFired) {
            return new ChannelException(ChannelException.Kind.TIMEOUT, what + " on " + name + " did not complete within "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms", e);
        }
        if (closed) {
            return new ChannelException(ChannelException.Kind.CLOSED, what + " on closed " + name, e);
        }
        if (e instanceof SSLException) {
            return new ChannelException(ChannelException.Kind.TLS, what + " on " + name + ": " + e.getMessage(), e);
        }
        if (e instanceof SocketException) {
            // "Connection reset" / "Broken pipe": the peer went away
            return new ChannelException(ChannelException.Kind.PEER_DISCONNECTED, what + " on " + name + ": " + e.getMessage(), e);
        }
        return new ChannelException(ChannelException.Kind.IO, what + " on " + name + ": " + e, e);
    }

    private void closeQuietly() {
        try {
            if (socket instanceof SSLSocket) {
                // SSLSocket.close() sends close_notify and then waits (up to SO_TIMEOUT) for the peer's; cap that
                // wait, the peer may be gone or busy
                socket.setSoTimeout(200);
            }
        } catch (IOException ignored) {
            // already closed
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly();
    }

    @Override
    public String describe() {
        return name;
    }
}
