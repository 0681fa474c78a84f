package dev.heq.protocol;

import dev.heq.ot.OtCost;
import dev.heq.net.Channel;
import dev.heq.net.ChannelStats;
import dev.heq.net.Channels;
import dev.heq.net.TwoParty;
import dev.heq.ot.OtProvider;
import dev.heq.ot.ferret.FerretOtProvider;
import dev.heq.ot.ferret.FerretParams;
import java.time.Duration;
import java.util.function.Function;

/**
 * Runs both parties on two threads over an in-memory channel pair and reports the traffic of the body alone.
 *
 * <p>OT back end: system property {@code heq.ot} = {@code iknp} (default) or {@code ferret}. Ferret runs with
 * {@link FerretParams#TEST_SMALL}, which is NOT secure (LPN dimension and noise far too small): it only keeps a
 * session's setup and iterations cheap for tests (same code paths as b13). The second Surefire execution of this
 * module's pom runs the whole suite with {@code -Dheq.ot=ferret}.
 */
public final class TwoPartyHarness {
    private TwoPartyHarness() {}

    /** The back end the tests run on ({@code -Dheq.ot=iknp|ferret}). */
    public static final String OT = System.getProperty("heq.ot", "iknp").trim().toLowerCase(java.util.Locale.ROOT);

    /** A fresh provider of the selected back end (Ferret: TEST_SMALL, one worker, not pipelined). */
    public static OtProvider provider() {
        return switch (OT) {
            case "iknp" -> OtProvider.iknp();
            case "ferret" -> new FerretOtProvider(FerretParams.TEST_SMALL, 1, false);
            default -> throw new IllegalArgumentException("heq.ot must be iknp or ferret, got '" + OT + "'");
        };
    }

    /** The cost profile of the selected back end, for the theoretical formulas the tests compare with. */
    public static final OtCost COST = provider().cost();

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
        OtProvider ot = provider();
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
     *
     * <p>Silent OT: the COT iterations' messages (one lump per {@code usable()} COTs, in either direction) are
     * replaced by the amortised {@link OtCost#cotBits()} per COT consumed in the body, so the figure is comparable
     * with the per-element formulas; the lumps themselves are counted exactly from the sessions' iteration
     * counters (both directions of this channel).
     */
    public static long bytes(Party p, Runnable body) {
        ChannelStats before = p.channel().stats();
        long[] c0 = cotCounters(p);
        body.run();
        long raw = p.channel().stats().minus(before).bytesTotal();
        if (!(p.otProvider() instanceof FerretOtProvider f)) return raw;
        long[] c1 = cotCounters(p);
        long iterations = c1[0] - c0[0], cots = c1[1] - c0[1];
        double bits = 8.0 * raw - 8.0 * iterations * f.params().iterationBytes() + cots * f.params().cost().cotBits();
        return Math.round(bits / 8);
    }

    private static final java.util.concurrent.atomic.AtomicLong SCOPES = new java.util.concurrent.atomic.AtomicLong();

    /**
     * {flights, silent-OT main iterations} of {@code body} as this party sees them: the rounds of a fresh counting
     * scope (maximal runs of same-direction traffic, the first one counted too), and how many COT iterations (each
     * one extra message lump at an unpredictable point) ran inside it (0 on IKNP).
     */
    public static long[] flights(Party p, Runnable body) {
        String name = "flights#" + SCOPES.incrementAndGet();
        long it0 = cotCounters(p)[0];
        try (var scope = p.channel().scope(name)) {
            body.run();
            p.channel().flush();
        }
        return new long[] {p.channel().stats(name).rounds(), cotCounters(p)[0] - it0};
    }

    /** {main iterations, COTs handed out} summed over this channel's two Ferret sessions (zeros for IKNP). */
    static long[] cotCounters(Party p) {
        if (!(p.otProvider() instanceof FerretOtProvider f)) return new long[2];
        var s = f.cotSender(p.channel());
        var r = f.cotReceiver(p.channel());
        return new long[] {s.iterations() + r.iterations(), s.handedOut() + r.handedOut()};
    }

    /** Opens every OT session (base OTs) so that measured regions contain only per-element traffic. */
    public static void warmUp(Party p) {
        AShare x = AShare.zeros(Z2k.of(8), 1);
        dev.heq.protocol.nonlinear.Relu.relu(p, x);
    }
}
