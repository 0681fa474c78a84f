package dev.heq.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loopback TCP and TLS 1.3: handshake, trust, and framing faults from a raw socket. */
class TcpChannelTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    static Path dir;
    private static TlsConfig tls;

    @BeforeAll
    static void keys() {
        tls = TlsConfig.selfSigned(dir);
    }

    static Channel[] tcpPair(NetOptions o, TlsConfig serverTls, TlsConfig clientTls) {
        return Channels.loopbackTcpPair(o, serverTls, clientTls);
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
}
