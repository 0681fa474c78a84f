package dev.heq.net;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Factories for connected channel pairs used in tests and benchmarks. TCP/TLS: see {@link Tcp}. */
public final class Channels {
    private Channels() {}

    /**
     * Two connected in-memory channels (index 0 and 1 are the two parties; run each on its own thread).
     * The options' shaping, if any, is applied to both directions.
     */
    public static Channel[] inMemoryPair(NetOptions options) {
        InMemoryTransport[] t = InMemoryTransport.pair(options);
        return new Channel[] {new FramedChannel(ShapedTransport.wrap(t[0], options), options),
                new FramedChannel(ShapedTransport.wrap(t[1], options), options)};
    }

    public static Channel[] inMemoryPair() {
        return inMemoryPair(NetOptions.defaults());
    }

    /**
     * Two channels over a loopback TCP connection on an ephemeral port: [0] the accepting side, [1] the connecting
     * side; TLS on a side whose config is non-null (both or neither, or the handshake fails). Both ends are set up
     * within the options' timeout; a failure on either side closes the other and throws its {@link ChannelException}.
     */
    public static Channel[] loopbackTcpPair(NetOptions options, TlsConfig serverTls, TlsConfig clientTls) {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket ss = Tcp.listen(lo, 0)) {
            CompletableFuture<Channel> server = CompletableFuture.supplyAsync(() -> Tcp.accept(ss, options, serverTls));
            Channel client;
            try {
                client = Tcp.connect(lo.getHostAddress(), ss.getLocalPort(), options, clientTls);
            } catch (ChannelException e) {
                server.handle((c, t) -> {
                    if (c != null) c.close();
                    return null;
                }).join();
                throw e;
            }
            try {
                return new Channel[] {server.get(), client};
            } catch (ExecutionException e) {
                client.close();
                throw e.getCause() instanceof ChannelException ce ? ce
                        : new ChannelException(ChannelException.Kind.IO, "accept failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                client.close();
                throw new ChannelException(ChannelException.Kind.IO, "interrupted while accepting", e);
            }
        } catch (java.io.IOException e) {
            throw new ChannelException(ChannelException.Kind.IO, "closing the loopback listener: " + e, e);
        }
    }
}
