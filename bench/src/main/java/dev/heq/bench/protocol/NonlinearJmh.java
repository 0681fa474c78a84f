package dev.heq.bench.protocol;

import dev.heq.net.Channel;
import dev.heq.net.ChannelStats;
import dev.heq.net.Channels;
import dev.heq.net.NetOptions;
import dev.heq.net.Shaping;
import dev.heq.ot.OtProvider;
import dev.heq.ot.ferret.FerretOtProvider;
import dev.heq.ot.ferret.FerretParams;
import dev.heq.protocol.AShare;
import dev.heq.protocol.Party;
import dev.heq.protocol.Z2k;
import dev.heq.protocol.Role;
import dev.heq.protocol.nonlinear.Relu;
import dev.heq.protocol.nonlinear.Requant;
import dev.heq.quant.FixedPoint;
import dev.heq.quant.QType;
import dev.heq.quant.Requantizer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH view of the non-linear protocols: one op = one batch of {@code n} ReLUs (or requantizations) with both parties
 * in this JVM — the server on the JMH thread, the client on a persistent helper thread — over an in-memory channel
 * pair, optionally LAN/WAN shaped. The OT sessions are opened once per trial; the first batch is checked against
 * the ideal functionality. Bytes per element are printed at tear-down from the channel counters. For the full
 * table (time, CPU, bytes, flights per ℓ and network) use {@code heq bench nonlinear}
 * ({@link dev.heq.protocol.bench.NonlinearBench}). {@code -p ot=iknp,ferret-b13,ferret-b12} picks the OT back end
 * (Ferret: setup in the trial's first batch, outside the measured region).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class NonlinearJmh {
    @Param({"relu", "requant"})
    public String op;

    @Param({"8", "16", "21", "37"})
    public int ell;

    @Param({"mem"})
    public String net;

    @Param({"4096"})
    public int n;

    /** OT back end: iknp, ferret-b13 or ferret-b12 (one worker, not pipelined). */
    @Param({"iknp", "ferret-b13"})
    public String ot;

    private Channel[] pair;
    private Party server, client;
    private AShare[] shares;
    private BiFunction<Party, AShare, AShare> body;
    private ExecutorService clientThread;
    private ChannelStats start;
    private long ops;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Shaping s = switch (net) {
            case "lan" -> Shaping.LAN;
            case "wan" -> Shaping.WAN;
            default -> Shaping.NONE;
        };
        pair = Channels.inMemoryPair(NetOptions.defaults().withShaping(s));
        OtProvider provider = switch (ot) {
            case "iknp" -> OtProvider.iknp();
            case "ferret-b13" -> new FerretOtProvider(FerretParams.B13, 1, false);
            case "ferret-b12" -> new FerretOtProvider(FerretParams.B12, 1, false);
            default -> throw new IllegalArgumentException("ot must be iknp, ferret-b13 or ferret-b12, got " + ot);
        };
        server = new Party(Role.SERVER, pair[0], provider);
        client = new Party(Role.CLIENT, pair[1], provider);
        clientThread = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("jmh-client").unstarted(r));
        SplittableRandom r = new SplittableRandom(42);
        long[] x = new long[n];
        long[] ideal;
        if (op.equals("relu")) {
            for (int i = 0; i < n; i++) x[i] = r.nextLong() & Z2k.mask(ell);
            body = Relu::relu;
            ideal = Relu.idealRelu(x, ell);
        } else {
            int b = ell >= 21 ? 8 : 4, acc = Math.min(32, ell);
            FixedPoint f = FixedPoint.of(Math.scalb(1.37, -(acc - b)));
            Requant.Spec spec = Requant.Spec.of(new Requantizer(new FixedPoint[] {f}, QType.unsigned(b, 1), acc), null, b + 1);
            for (int i = 0; i < n; i++) x[i] = Z2k.of(acc).signed(r.nextLong() & Z2k.mask(acc));
            body = (p, a) -> Requant.run(p, a, spec);
            ideal = Requant.ideal(x, spec);
        }
        shares = AShare.split(Z2k.of(ell), x, r);
        AShare[] got = once();
        if (!Arrays.equals(ideal, AShare.reconstruct(got[0], got[1]))) {
            throw new IllegalStateException(op + " at ℓ=" + ell + " disagrees with its ideal functionality");
        }
        start = pair[0].stats();
        ops = 0;
    }

    private AShare[] once() throws Exception {
        Future<AShare> c = clientThread.submit(() -> body.apply(client, shares[1]));
        AShare s = body.apply(server, shares[0]);
        pair[0].flush();
        return new AShare[] {s, c.get()};
    }

    @Benchmark
    public AShare batch() throws Exception {
        ops++;
        return once()[0];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ChannelStats d = pair[0].stats().minus(start);
        if (ops > 0) {
            // raw counters: with Ferret, the COT iteration lumps average out over the batches
            System.out.printf("%n%s ℓ=%d %s %s: %.1f B/element over %d batches%n", op, ell, net, ot,
                    d.bytesTotal() / (double) (ops * n), ops);
        }
        clientThread.shutdownNow();
        server.close();
        client.close();
        pair[0].close();
        pair[1].close();
    }
}
