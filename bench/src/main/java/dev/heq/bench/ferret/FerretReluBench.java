package dev.heq.bench.ferret;

import dev.heq.net.Channel;
import dev.heq.net.Channels;
import dev.heq.ot.OtProvider;
import dev.heq.ot.ferret.FerretOtProvider;
import dev.heq.ot.ferret.FerretParams;
import dev.heq.protocol.AShare;
import dev.heq.protocol.Party;
import dev.heq.protocol.Z2k;
import dev.heq.protocol.Role;
import dev.heq.protocol.nonlinear.Relu;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Exact ReLU on 2^16 37-bit elements (the peers-measured.md workload: OpenCheetah 56.8 B per ReLU, 0.76 s) with
 * heq-protocol's {@link Relu} over IKNP/KK13 or Ferret. Server on the benchmark thread, client on a second thread,
 * in-memory pair. Trial setup opens the OT sessions (for Ferret: base OTs, bootstrap and the first iteration),
 * checks one ReLU against the definition and prints the bytes per element of that ReLU (from the channel counters).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-XX:+UseTransparentHugePages"})
public class FerretReluBench {
    @Param({"iknp", "ferret"})
    public String ot;

    @Param({"37"})
    public int ell;

    @Param({"65536"})
    public int n;

    Channel[] pair;
    ExecutorService peer;
    Party server, client;
    AShare[] shares;

    @Setup
    public void setup() throws Exception {
        OtProvider provider = ot.equals("iknp") ? OtProvider.iknp() : new FerretOtProvider(FerretParams.B13, 1);
        pair = Channels.inMemoryPair();
        peer = Executors.newSingleThreadExecutor();
        server = new Party(Role.SERVER, pair[0], provider);
        client = new Party(Role.CLIENT, pair[1], provider);
        SplittableRandom r = new SplittableRandom(1);
        long[] x = new long[n];
        for (int i = 0; i < n; i++) x[i] = r.nextLong() & Z2k.mask(ell);
        shares = AShare.split(Z2k.of(ell), x, new SplittableRandom(2));
        Future<AShare> warm = peer.submit(() -> Relu.relu(client, AShare.zeros(Z2k.of(ell), 1)));
        Relu.relu(server, AShare.zeros(Z2k.of(ell), 1));
        warm.get();
        long before = pair[0].stats().bytesTotal() + pair[1].stats().bytesTotal();
        Future<AShare> fc = peer.submit(() -> Relu.relu(client, shares[1]));
        AShare s = Relu.relu(server, shares[0]);
        AShare c = fc.get();
        long bytes = pair[0].stats().bytesTotal() + pair[1].stats().bytesTotal() - before;
        if (!Arrays.equals(Relu.idealRelu(x, ell), AShare.reconstruct(s, c))) {
            throw new IllegalStateException("ReLU over " + ot + " does not match its definition");
        }
        // bytesTotal counts sent + received on each end: halve the sum of both ends
        System.out.printf("%n%s ReLU ell=%d n=%d: %.1f B per element%n", ot, ell, n, bytes / 2.0 / n);
    }

    @Benchmark
    public AShare relu() throws Exception {
        Future<AShare> fc = peer.submit(() -> Relu.relu(client, shares[1]));
        AShare s = Relu.relu(server, shares[0]);
        fc.get();
        return s;
    }

    @TearDown
    public void tearDown() {
        peer.shutdownNow();
        pair[0].close();
        pair[1].close();
    }
}
