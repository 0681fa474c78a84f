package dev.heq.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heq.net.*;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OT extension over loopback TCP and TLS 1.3: the same protocol as in memory, same counters; a peer that leaves mid-OT. */
class OtOverTcpTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

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
