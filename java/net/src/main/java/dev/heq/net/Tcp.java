package dev.heq.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * TCP channels: one connection per session, {@code TCP_NODELAY}, 4 MiB socket buffers, bounded connect/accept/
 * handshake times, optional TLS 1.3 ({@link TlsConfig}). The listening side is the "server" only for connection
 * set-up; after that both ends are symmetric channels.
 *
 * <pre>{@code
 * try (ServerSocket ss = Tcp.listen(InetAddress.getLoopbackAddress(), 0)) {   // port 0 = ephemeral
 *     // other thread/process: Channel c = Tcp.connect("127.0.0.1", ss.getLocalPort(), opts, tls);
 *     Channel s = Tcp.accept(ss, opts, tls);
 * }
 * }</pre>
 */
public final class Tcp {
    static final int SOCKET_BUFFER = 4 << 20;

    private Tcp() {}

    /** A listening socket; pass port 0 for an ephemeral port. */
    public static ServerSocket listen(InetAddress bind, int port) {
        try {
            ServerSocket ss = new ServerSocket();
            ss.setReuseAddress(true);
            ss.setReceiveBufferSize(SOCKET_BUFFER);
            ss.bind(new InetSocketAddress(bind, port), 4);
            return ss;
        } catch (IOException e) {
            throw new ChannelException(ChannelException.Kind.IO, "cannot listen on " + bind + ":" + port + ": " + e, e);
        }
    }

    /** Waits (at most the options' timeout) for one peer; tls may be null for plain TCP. */
    public static Channel accept(ServerSocket ss, NetOptions options, TlsConfig tls) {
        Socket s = null;
        try {
            ss.setSoTimeout(timeoutMillis(options));
            s = ss.accept();
            return wrap(s, options, tls, false);
        } catch (SocketTimeoutException e) {
            throw new ChannelException(ChannelException.Kind.TIMEOUT, "no peer connected to " + ss.getLocalSocketAddress()
                    + " within " + options.timeout(), e);
        } catch (IOException e) {
            closeQuietly(s);
            throw new ChannelException(ChannelException.Kind.IO, "accept on " + ss.getLocalSocketAddress() + ": " + e, e);
        }
    }

    /** Connects (bounded by the options' timeout); tls may be null for plain TCP. */
    public static Channel connect(String host, int port, NetOptions options, TlsConfig tls) {
        Socket s = new Socket();
        try {
            s.setReceiveBufferSize(SOCKET_BUFFER);
            s.setSendBufferSize(SOCKET_BUFFER);
            s.connect(new InetSocketAddress(host, port), timeoutMillis(options));
            return wrap(s, options, tls, true);
        } catch (SocketTimeoutException e) {
            closeQuietly(s);
            throw new ChannelException(ChannelException.Kind.TIMEOUT, "connect to " + host + ":" + port + " timed out after "
                    + options.timeout(), e);
        } catch (IOException e) {
            closeQuietly(s);
            throw new ChannelException(ChannelException.Kind.IO, "connect to " + host + ":" + port + ": " + e, e);
        }
    }

    private static Channel wrap(Socket s, NetOptions options, TlsConfig tls, boolean client) throws IOException {
        s.setTcpNoDelay(true);
        s.setSendBufferSize(SOCKET_BUFFER);
        s.setReceiveBufferSize(SOCKET_BUFFER);
        s.setSoTimeout(timeoutMillis(options));
        Socket sock = s;
        if (tls != null) {
            try {
                SSLSocket ssl = (SSLSocket) tls.context().getSocketFactory()
                        .createSocket(s, s.getInetAddress().getHostAddress(), s.getPort(), true);
                ssl.setUseClientMode(client);
                ssl.setEnabledProtocols(new String[] {"TLSv1.3"});
                if (!client) {
                    ssl.setNeedClientAuth(true);   // both parties present the shared/pinned certificate
                }
                ssl.setSoTimeout(timeoutMillis(options));
                ssl.startHandshake();
                sock = ssl;
            } catch (SocketTimeoutException e) {
                closeQuietly(s);
                throw new ChannelException(ChannelException.Kind.TIMEOUT, "TLS handshake timed out after " + options.timeout(), e);
            } catch (SSLException e) {
                closeQuietly(s);
                throw new ChannelException(ChannelException.Kind.TLS, "TLS handshake failed: " + e.getMessage(), e);
            }
        }
        return new FramedChannel(ShapedTransport.wrap(new TcpTransport(sock, options), options), options);
    }

    private static int timeoutMillis(NetOptions o) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, o.timeout().toMillis()));
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
