package dev.heq.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heq.ot.IknpOtReceiver;
import dev.heq.ot.IknpOtSender;
import dev.heq.ot.Kk13OtReceiver;
import dev.heq.ot.Kk13OtSender;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loopback TCP and TLS 1.3: the same protocol as in memory, same counters; framing faults from a raw socket. */
class TcpChannelTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    static Path dir;
    private static TlsConfig tls;

    @BeforeAll
    static void keys() {
        tls = TlsConfig.selfSigned(dir);
    }

    /** A connected pair over 127.0.0.1 on an ephemeral port; [0] accepted side, [1] connecting side. */
    static Channel[] tcpPair(NetOptions o, TlsConfig serverTls, TlsConfig clientTls) throws Exception {
        try (ServerSocket ss = Tcp.listen(LOOPBACK, 0)) {
            CompletableFuture<Channel> server = CompletableFuture.supplyAsync(() -> Tcp.accept(ss, o, serverTls));
            Channel client;
            try {
                client = Tcp.connect("127.0.0.1", ss.getLocalPort(), o, clientTls);
            } catch (ChannelException e) {
                server.handle((c, t) -> null).get(30, TimeUnit.SECONDS);
                throw e;
            }
            return new Channel[] {server.get(30, TimeUnit.SECONDS), client};
        }
    }

    /** IKNP COT + KK13 1-of-16; returns the traffic of party 0 and checks correctness. */
    private static ChannelStats[] protocol(Channel[] pair) {
        int n = 20_000;
        SplittableRandom r = new SplittableRandom(42);
        long[] c = new long[(n + 63) / 64];
        for (int i = 0; i < c.length; i++) c[i] = r.nextLong();
        long[] delta = new long[n];
        for (int i = 0; i < n; i++) delta[i] = r.nextLong() & 0xFFFFFFFFL;
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = r.nextInt(16);
        long[] msgs = new long[16 * n];
        for (int i = 0; i < msgs.length; i++) msgs[i] = r.nextInt(4);
        var res = TwoParty.run(pair, a -> {
            long[] x0 = new long[n];
            new IknpOtSender(a).correlatedOt(n, 32, delta, x0);
            new Kk13OtSender(a).chosenOt(n, 4, 2, msgs);
            a.flush();
            return new Object[] {x0, a.stats()};
        }, b -> {
            long[] x = new long[n];
            new IknpOtReceiver(b).correlatedOt(n, 32, c, x);
            long[] m = new long[n];
            new Kk13OtReceiver(b).chosenOt(n, 4, 2, v, m);
            return new Object[] {x, m, b.stats()};
        }, LIMIT);
        long[] x0 = (long[]) res.p0()[0], x = (long[]) res.p1()[0], m = (long[]) res.p1()[1];
        for (int j = 0; j < n; j++) {
            long cj = (c[j >>> 6] >>> (j & 63)) & 1;
            if (((x0[j] + cj * delta[j]) & 0xFFFFFFFFL) != x[j]) throw new AssertionError("COT " + j);
            if (msgs[16 * j + v[j]] != m[j]) throw new AssertionError("1-of-16 " + j);
        }
        pair[0].close();
        pair[1].close();
        return new ChannelStats[] {(ChannelStats) res.p0()[1], (ChannelStats) res.p1()[2]};
    }

    @Test
    void inMemoryTcpAndTlsCarryTheSameProtocolWithTheSameCounts() throws Exception {
        NetOptions o = NetOptions.defaults().withTimeout(Duration.ofSeconds(30));
        long t0 = System.nanoTime();
        ChannelStats[] mem = protocol(Channels.inMemoryPair(o));
        long t1 = System.nanoTime();
        ChannelStats[] tcp = protocol(tcpPair(o, null, null));
        long t2 = System.nanoTime();
        ChannelStats[] tlsStats = protocol(tcpPair(o, tls, tls));
        long t3 = System.nanoTime();
        System.out.printf("same protocol: in-memory %d ms, tcp %d ms, tls %d ms%n", (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        for (int p = 0; p < 2; p++) {
            assertEquals(mem[p], tcp[p], "party " + p + " tcp");
            assertEquals(mem[p], tlsStats[p], "party " + p + " tls");
        }
    }

    @Test
    void tlsIsTls13AndRejectsAnUntrustedPeer() throws Exception {
        NetOptions o = NetOptions.defaults().withTimeout(Duration.ofSeconds(20));
        Channel[] p = tcpPair(o, tls, tls);
        assertTrue(p[0].describe().startsWith("tlsv1.3"), p[0].describe());
        p[0].send(new byte[] {1, 2, 3});
        p[0].flush();
        assertArrayEquals(new byte[] {1, 2, 3}, p[1].recv(3));
        p[0].close();
        p[1].close();
        // the JDK default context: trusts public CAs only (not our self-signed key) and has no client key
        TlsConfig stranger = new TlsConfig(javax.net.ssl.SSLContext.getDefault(), "jdk-default");
        ChannelException e = assertThrows(ChannelException.class, () -> tcpPair(o, tls, stranger));
        assertTrue(e.kind() == ChannelException.Kind.TLS || e.kind() == ChannelException.Kind.PEER_DISCONNECTED, e.toString());
    }

    /** A framed channel on the accepting side, fed by a raw socket that writes {@code bytes} and maybe closes. */
    private static void rawClientCase(byte[] bytes, boolean close, ChannelException.Kind expected, String needle)
            throws Exception {
        NetOptions o = NetOptions.defaults().withTimeout(Duration.ofMillis(1500)).withMaxFrameBytes(1 << 20);
        try (ServerSocket ss = Tcp.listen(LOOPBACK, 0); Socket raw = new Socket(LOOPBACK, ss.getLocalPort())) {
            Channel ch = Tcp.accept(ss, o, null);
            OutputStream os = raw.getOutputStream();
            os.write(bytes);
            os.flush();
            if (close) {
                raw.shutdownOutput();
            }
            long t0 = System.nanoTime();
            ChannelException e = assertThrows(ChannelException.class, () -> ch.recv(100));
            assertEquals(expected, e.kind(), e.toString());
            assertTrue(e.getMessage().contains(needle), e.getMessage());
            assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
            ch.close();
        }
    }

    @Test
    void truncatedFrame() throws Exception {
        rawClientCase(new byte[] {0, 0, 0, 100, 9, 9, 9, 9, 9}, true, ChannelException.Kind.TRUNCATED_FRAME, "5 of 100");
    }

    @Test
    void oversizeFrame() throws Exception {
        rawClientCase(new byte[] {0x10, 0, 0, 0}, false, ChannelException.Kind.OVERSIZE_FRAME, "268435456");
    }

    @Test
    void mismatchedFrame() throws Exception {
        rawClientCase(new byte[] {0, 0, 0, 99}, false, ChannelException.Kind.FRAME_MISMATCH, "peer sent 99");
    }

    @Test
    void disconnectAtAFrameBoundary() throws Exception {
        rawClientCase(new byte[0], true, ChannelException.Kind.PEER_DISCONNECTED, "peer closed");
    }

    @Test
    void silentPeerTimesOut() throws Exception {
        rawClientCase(new byte[] {0, 0}, false, ChannelException.Kind.TIMEOUT, "1500 ms");
    }

    @Test
    void connectToAClosedPortFailsCleanly() throws Exception {
        int port;
        try (ServerSocket ss = Tcp.listen(LOOPBACK, 0)) {
            port = ss.getLocalPort();
        }
        ChannelException e = assertThrows(ChannelException.class,
                () -> Tcp.connect("127.0.0.1", port, NetOptions.defaults().withTimeout(Duration.ofSeconds(2)), null));
        assertEquals(ChannelException.Kind.IO, e.kind());
    }

    @Test
    void acceptWithoutPeerTimesOut() {
        try (ServerSocket ss = Tcp.listen(LOOPBACK, 0)) {
            ChannelException e = assertThrows(ChannelException.class,
                    () -> Tcp.accept(ss, NetOptions.defaults().withTimeout(Duration.ofMillis(300)), null));
            assertEquals(ChannelException.Kind.TIMEOUT, e.kind());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void peerDisconnectMidOtOverTcpDoesNotHang() throws Exception {
        Channel[] p = tcpPair(NetOptions.defaults().withTimeout(Duration.ofSeconds(60)), null, null);
        long t0 = System.nanoTime();
        ChannelException e = assertThrows(ChannelException.class, () -> TwoParty.run(p, a -> {
            new IknpOtSender(a).randomOt(1 << 20, new long[2 << 20], new long[2 << 20]);
            return null;
        }, b -> {
            new IknpOtReceiver(b).randomOt(1000, new long[16], new long[2000]);  // only a small part, then leave
            b.close();
            return null;
        }, LIMIT));
        assertTrue(e.kind() == ChannelException.Kind.PEER_DISCONNECTED || e.kind() == ChannelException.Kind.FRAME_MISMATCH,
                e.toString());
        assertTrue(System.nanoTime() - t0 < 30_000_000_000L);
    }
}
