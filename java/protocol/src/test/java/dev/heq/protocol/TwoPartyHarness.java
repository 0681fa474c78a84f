package dev.heq.protocol;

import dev.heq.net.Channel;
import dev.heq.net.ChannelStats;
import dev.heq.net.Channels;
import dev.heq.net.TwoParty;
import dev.heq.ot.OtProvider;
import java.time.Duration;
import java.util.function.Function;

/** Runs both parties on two threads over an in-memory channel pair and reports the traffic of the body alone. */
public final class TwoPartyHarness {
    private TwoPartyHarness() {}

    /** Results of both parties and the traffic of the measured body (after a warm-up that runs the base OTs). */
    public record Run<T>(T server, T client, ChannelStats serverStats, ChannelStats clientStats) {
        public long totalBytes() {
            return serverStats.bytesSent() + clientStats.bytesSent();
        }
    }

    /**
     * Each party: warm up the OT sessions (tiny DReLU + mux so every session exists), snapshot the counters, run the
     * body, snapshot again.
     */
    public static <T> Run<T> run(Function<Party, T> body) {
        Channel[] pair = Channels.inMemoryPair();
        OtProvider ot = OtProvider.iknp();
        Object[] stats = new Object[2];
        TwoParty.Result<T, T> r = TwoParty.run(pair,
                ch -> party(ch, Role.SERVER, ot, body, stats, 0),
                ch -> party(ch, Role.CLIENT, ot, body, stats, 1),
                Duration.ofSeconds(120));
        return new Run<>(r.p0(), r.p1(), (ChannelStats) stats[0], (ChannelStats) stats[1]);
    }

    private static <T> T party(Channel ch, Role role, OtProvider ot, Function<Party, T> body, Object[] stats, int k) {
        try (Party p = new Party(role, ch, ot)) {
            long t0 = System.nanoTime();
            warmUp(p);
            if (role == Role.SERVER) System.out.printf("  (warm-up %.0f ms)%n", (System.nanoTime() - t0) / 1e6);
            ChannelStats before = ch.stats();
            T t = body.apply(p);
            ch.flush();
            stats[k] = ch.stats().minus(before);
            return t;
        }
    }

    /**
     * Payload bytes of {@code body} in both directions, read from this party's channel counters alone: every byte
     * the peer sent within a protocol is received before the protocol returns, so sent + received is the total.
     */
    public static long bytes(Party p, Runnable body) {
        ChannelStats before = p.channel().stats();
        body.run();
        return p.channel().stats().minus(before).bytesTotal();
    }

    /** Opens every OT session (base OTs) so that measured regions contain only per-element traffic. */
    public static void warmUp(Party p) {
        AShare x = AShare.zeros(Ring.of(8), 1);
        dev.heq.protocol.nonlinear.Relu.relu(p, x);
    }
}
