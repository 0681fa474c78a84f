package dev.heq.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FramedChannelTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @Test
    void bytesAndPackedLongsRoundTripWithExactCounters() {
        long seed = System.nanoTime();
        System.out.println("FramedChannelTest seed=" + seed);
        SplittableRandom r = new SplittableRandom(seed);
        byte[] small = new byte[100];
        byte[] big = new byte[3 << 20];   // larger than the output buffer: written straight through
        long[] vals = new long[12345];
        for (int i = 0; i < small.length; i++) small[i] = (byte) r.nextInt();
        for (int i = 0; i < big.length; i++) big[i] = (byte) r.nextInt();
        for (int i = 0; i < vals.length; i++) vals[i] = r.nextLong();

        var res = TwoParty.run(Channels.inMemoryPair(), a -> {
            a.send(small);
            a.send(big);
            a.sendLongs(vals, 0, vals.length, 37);
            a.flush();
            long echo = a.recvLong();
            return new Object[] {echo, a.stats()};
        }, b -> {
            byte[] s = b.recv(small.length);
            byte[] g = b.recv(big.length);
            long[] v = new long[vals.length];
            b.recvLongs(v, 0, v.length, 37);
            b.sendLong(v[7]);
            return new Object[] {s, g, v, b.stats()};
        }, LIMIT);
        byte[] s = (byte[]) res.p1()[0];
        assertArrayEquals(small, s);
        assertArrayEquals(big, (byte[]) res.p1()[1]);
        long[] v = (long[]) res.p1()[2];
        for (int i = 0; i < vals.length; i++) {
            assertEquals(vals[i] & ((1L << 37) - 1), v[i]);
        }
        assertEquals(vals[7] & ((1L << 37) - 1), (long) (Long) res.p0()[0]);
        ChannelStats sa = (ChannelStats) res.p0()[1];
        ChannelStats sb = (ChannelStats) res.p1()[3];
        long packed = (12345L * 37 + 7) / 8;
        assertEquals(100 + (3 << 20) + packed, sa.bytesSent());
        assertEquals(8, sa.bytesReceived());
        assertEquals(sa.bytesSent(), sb.bytesReceived());
        assertEquals(3, sa.framesSent());
        assertEquals(12, sa.headerBytesSent());
        assertEquals(2, sa.rounds());   // send run, then receive run
        assertEquals(2, sb.rounds());
    }

    @Test
    void scopesNestAndAccumulate() {
        var res = TwoParty.run(Channels.inMemoryPair(), a -> {
            try (var outer = a.scope("layer")) {
                a.send(new byte[10]);
                try (var inner = a.scope("relu")) {
                    a.send(new byte[5]);
                    a.recv(3);
                }
                a.send(new byte[1]);
            }
            try (var again = a.scope("relu")) {
                a.send(new byte[7]);
            }
            a.send(new byte[100]);   // outside every scope
            return a;
        }, b -> {
            b.recv(10);
            b.recv(5);
            b.send(new byte[3]);
            b.recv(1);
            b.recv(7);
            b.recv(100);
            return b;
        }, LIMIT);
        Channel a = res.p0();
        assertEquals(16, a.stats("layer").bytesSent());
        assertEquals(3, a.stats("layer").bytesReceived());
        assertEquals(12, a.stats("relu").bytesSent());
        assertEquals(3, a.stats("relu").bytesReceived());
        assertEquals(123, a.stats().bytesSent());
        assertEquals(ChannelStats.ZERO, a.stats("never"));
        assertEquals(java.util.List.of("layer", "relu"), java.util.List.copyOf(a.scopes().keySet()));
        assertEquals(3, a.stats("layer").rounds());   // send, recv, send
    }

    @Test
    void wrongFrameLengthIsAMismatchNotAMisparse() {
        ChannelException e = assertThrows(ChannelException.class, () -> TwoParty.run(Channels.inMemoryPair(),
                a -> { a.send(new byte[16]); a.recv(1); return null; },
                b -> { b.recv(17); return null; }, LIMIT));
        assertEquals(ChannelException.Kind.FRAME_MISMATCH, e.kind());
        assertTrue(e.getMessage().contains("expected a frame of 17 bytes, peer sent 16"), e.getMessage());
    }

    @Test
    void peerDisconnectIsReportedNotHung() {
        Channel[] p = Channels.inMemoryPair(NetOptions.defaults().withTimeout(Duration.ofSeconds(20)));
        p[0].send(new byte[3]);
        p[0].close();
        assertArrayEquals(new byte[3], p[1].recv(3));   // data sent before close still arrives
        ChannelException e = assertThrows(ChannelException.class, () -> p[1].recv(4));
        assertEquals(ChannelException.Kind.PEER_DISCONNECTED, e.kind());
        ChannelException w = assertThrows(ChannelException.class, () -> { p[1].send(new byte[1]); p[1].flush(); });
        assertEquals(ChannelException.Kind.PEER_DISCONNECTED, w.kind());
        ChannelException c = assertThrows(ChannelException.class, () -> p[0].send(new byte[1]));
        assertEquals(ChannelException.Kind.CLOSED, c.kind());
    }

    @Test
    void silentPeerTimesOut() {
        Channel[] p = Channels.inMemoryPair(NetOptions.defaults().withTimeout(Duration.ofMillis(200)));
        long t0 = System.nanoTime();
        ChannelException e = assertThrows(ChannelException.class, () -> p[1].recv(4));
        assertEquals(ChannelException.Kind.TIMEOUT, e.kind());
        assertTrue(System.nanoTime() - t0 >= 150_000_000L);
        p[0].close();
        p[1].close();
    }

    /** Raw bytes written straight into the transport, bypassing the framing, to forge headers. */
    private static Channel rawPeer(InMemoryTransport[] t, byte[] bytes, boolean close) {
        t[0].write(bytes, 0, bytes.length);
        if (close) {
            t[0].close();
        }
        return new FramedChannel(t[1], NetOptions.defaults().withMaxFrameBytes(1 << 20).withTimeout(Duration.ofSeconds(5)));
    }

    @Test
    void oversizeHeaderIsRejectedBeforeAllocating() {
        Channel c = rawPeer(InMemoryTransport.pair(NetOptions.defaults()), new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}, false);
        ChannelException e = assertThrows(ChannelException.class, c::recvFrame);
        assertEquals(ChannelException.Kind.OVERSIZE_FRAME, e.kind());
        Channel neg = rawPeer(InMemoryTransport.pair(NetOptions.defaults()), new byte[] {(byte) 0x80, 0, 0, 0}, false);
        assertEquals(ChannelException.Kind.OVERSIZE_FRAME, assertThrows(ChannelException.class, neg::recvFrame).kind());
    }

    @Test
    void truncatedPayloadAndHeaderAreReported() {
        Channel c = rawPeer(InMemoryTransport.pair(NetOptions.defaults()), new byte[] {0, 0, 0, 10, 1, 2, 3}, true);
        ChannelException e = assertThrows(ChannelException.class, () -> c.recv(10));
        assertEquals(ChannelException.Kind.TRUNCATED_FRAME, e.kind());
        assertTrue(e.getMessage().contains("3 of 10"), e.getMessage());
        Channel h = rawPeer(InMemoryTransport.pair(NetOptions.defaults()), new byte[] {0, 0}, true);
        assertEquals(ChannelException.Kind.TRUNCATED_FRAME, assertThrows(ChannelException.class, h::recvFrame).kind());
    }

    /** A packed frame of the right length with non-zero padding bits (3 values of 3 bits use 9 of 16 bits). */
    @Test
    void nonZeroPaddingInAPackedFrameIsAMismatch() {
        Channel c = rawPeer(InMemoryTransport.pair(NetOptions.defaults()), new byte[] {0, 0, 0, 2, 0x05, (byte) 0x80}, false);
        ChannelException e = assertThrows(ChannelException.class, () -> c.recvLongs(new long[3], 0, 3, 3));
        assertEquals(ChannelException.Kind.FRAME_MISMATCH, e.kind());
        assertTrue(e.getMessage().contains("non-zero padding bits in a packed frame of 3 x 3-bit values"), e.getMessage());
        Channel ok = rawPeer(InMemoryTransport.pair(NetOptions.defaults()), new byte[] {0, 0, 0, 2, (byte) 0xd1, 0x01}, false);
        long[] v = new long[3];
        ok.recvLongs(v, 0, 3, 3); // LSB first: 0b1_11_010_001 → 1, 2, 7
        assertArrayEquals(new long[] {1, 2, 7}, v);
    }

    @Test
    void sendingAboveTheFrameLimitIsAnArgumentError() {
        Channel[] p = Channels.inMemoryPair(NetOptions.defaults().withMaxFrameBytes(1000));
        assertThrows(IllegalArgumentException.class, () -> p[0].send(new byte[1001]));
        assertThrows(IllegalArgumentException.class, () -> p[0].sendLongs(new long[200], 0, 200, 64));
        p[0].close();
        p[1].close();
    }
}
