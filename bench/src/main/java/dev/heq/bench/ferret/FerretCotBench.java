package dev.heq.bench.ferret;

import dev.heq.net.Channel;
import dev.heq.net.Channels;
import dev.heq.ot.ferret.FerretCotReceiver;
import dev.heq.ot.ferret.FerretCotSender;
import dev.heq.ot.ferret.FerretOtReceiver;
import dev.heq.ot.ferret.FerretOtSender;
import dev.heq.ot.ferret.FerretParams;
import java.security.SecureRandom;
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
 * Ferret (b13) throughput: one op = exactly one main iteration's usable COTs (10,017,120), so every op runs one
 * GGM/MPCOT + LPN iteration on each side. Sender on the benchmark thread, receiver on a second thread, in-memory
 * pair. COT/s = 10,017,120 / average op time. "cot" hands out raw Δ-COT blocks; "rot" derives random-choice
 * 1-bit OTs from them (one tweaked AES hash per OT and side, no traffic). Setup (IKNP bootstrap) runs untimed in
 * the trial setup. Bytes per op are fixed: 552,960 (see FerretParams#iterationBytes), asserted in the unit tests.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class FerretCotBench {
    @Param({"1", "2"})
    public int threads;

    @Param({"cot", "rot"})
    public String kind;

    Channel[] pair;
    ExecutorService peer;
    FerretCotSender sender;
    FerretCotReceiver receiver;
    FerretOtSender otSender;
    FerretOtReceiver otReceiver;
    long[] bufS, bufR, m0, m1, c, m;
    int n;

    @Setup
    public void setup() throws Exception {
        FerretParams p = FerretParams.B13;
        n = p.usable();
        pair = Channels.inMemoryPair();
        peer = Executors.newSingleThreadExecutor();
        sender = new FerretCotSender(pair[0], p, threads, new SecureRandom());
        receiver = new FerretCotReceiver(pair[1], p, threads, new SecureRandom());
        Future<?> f = peer.submit(receiver::setupNow);
        sender.setupNow();
        f.get();
        otSender = new FerretOtSender(pair[0], sender);
        otReceiver = new FerretOtReceiver(pair[1], receiver);
        if (kind.equals("cot")) {
            bufS = new long[2 * n];
            bufR = new long[2 * n];
        } else {
            m0 = new long[n];
            m1 = new long[n];
            c = new long[(n + 63) / 64];
            m = new long[n];
        }
    }

    @Benchmark
    public long oneIteration() throws Exception {
        if (kind.equals("cot")) {
            Future<?> f = peer.submit(() -> receiver.cot(n, bufR, 0));
            sender.cot(n, bufS, 0);
            f.get();
            return bufS[0] ^ bufR[0];
        }
        Future<?> f = peer.submit(() -> otReceiver.randomChoiceOt(n, 1, c, m));
        otSender.randomChoiceOt(n, 1, m0, m1);
        f.get();
        return m0[0] ^ m[0];
    }

    @TearDown
    public void tearDown() {
        peer.shutdownNow();
        pair[0].close();
        pair[1].close();
    }
}
