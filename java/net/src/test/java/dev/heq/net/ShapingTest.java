package dev.heq.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Shaping adds at least the modelled delay. Only lower bounds are asserted (a loaded machine can only be slower),
 * so these checks cannot flake on noise; upper bounds are for the benchmark to report.
 */
class ShapingTest {

    @Test
    void latencyIsPaidPerFlight() {
        Shaping s = new Shaping(0, 5_000_000L);   // 5 ms one way
        NetOptions o = NetOptions.defaults().withShaping(s);
        long t0 = System.nanoTime();
        var res = TwoParty.run(Channels.inMemoryPair(o), a -> {
            for (int i = 0; i < 10; i++) {
                a.sendLong(i);
                assertEquals(i + 1, a.recvLong());
            }
            return a.stats();
        }, b -> {
            for (int i = 0; i < 10; i++) {
                b.sendLong(b.recvLong() + 1);
            }
            return b.stats();
        }, Duration.ofSeconds(30));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 100, "20 one-way flights of 5 ms took only " + ms + " ms");
        assertEquals(20, res.p0().rounds());
        assertEquals(20, res.p1().rounds());
    }

    @Test
    void bandwidthCapsThroughput() {
        Shaping s = new Shaping(80_000_000L, 0);   // 10 MB/s
        NetOptions o = NetOptions.defaults().withShaping(s);
        byte[] payload = new byte[2_000_000];
        payload[1_999_999] = 7;
        long t0 = System.nanoTime();
        var res = TwoParty.run(Channels.inMemoryPair(o), a -> {
            a.send(payload);
            return null;
        }, b -> b.recv(payload.length), Duration.ofSeconds(30));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertArrayEquals(payload, res.p1());
        assertTrue(ms >= 190, "2 MB at 80 Mbps needs >= 200 ms, took " + ms);
    }

    @Test
    void shapingAppliesToTcpToo() throws Exception {
        NetOptions o = NetOptions.defaults().withShaping(new Shaping(0, 10_000_000L)).withTimeout(Duration.ofSeconds(20));
        Channel[] p = Channels.loopbackTcpPair(o, null, null);
        long t0 = System.nanoTime();
        TwoParty.run(p, a -> {
            a.sendLong(1);
            return a.recvLong();
        }, b -> {
            b.sendLong(b.recvLong());
            return null;
        }, Duration.ofSeconds(30));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 20, "one round trip at 10 ms one-way took " + ms + " ms");
        assertTrue(p[0].describe().contains("shaped"), p[0].describe());
        p[0].close();
        p[1].close();
    }

    @Test
    void presetsAndParsing() {
        assertEquals(Shaping.LAN, Shaping.parse("lan"));
        assertEquals(Shaping.WAN, Shaping.parse("WAN"));
        assertEquals(Shaping.NONE, Shaping.parse("none"));
        assertEquals(new Shaping(1_000_000_000L, 1_000_000L), Shaping.parse("1000/2"));
        assertEquals(3_000_000_000L, Shaping.LAN.bitsPerSecond());
        assertEquals(300_000L, 2 * Shaping.LAN.oneWayLatencyNanos());
        assertEquals(40_000_000L, 2 * Shaping.WAN.oneWayLatencyNanos());
        assertThrows(IllegalArgumentException.class, () -> Shaping.parse("fast"));
        assertThrows(IllegalArgumentException.class, () -> new Shaping(-1, 0));
    }
}
