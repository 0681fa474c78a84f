package dev.heq.bench.ot;

import dev.heq.net.Channel;
import dev.heq.net.Channels;
import dev.heq.net.NetOptions;
import dev.heq.net.Tcp;
import dev.heq.ot.IknpOtReceiver;
import dev.heq.ot.IknpOtSender;
import dev.heq.ot.Kk13OtReceiver;
import dev.heq.ot.Kk13OtSender;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * One batch of n OTs per op, sender on the benchmark thread and receiver on a second thread, over the in-memory
 * pair or loopback TCP. OT/s = n / average time. Base OTs run once per trial in setup (not timed); setup also
 * verifies one batch of each flavour against the OT definition. Bytes per OT are fixed by the protocol
 * (random 16, COT 16 + ell/8, chosen 16 + 2·ell/8, KK13 1-of-16 l=2: 32 + 4) and asserted in the unit tests.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class IknpBench {
    @Param({"1000000", "10000000"})
    public int n;

    @Param({"mem", "tcp"})
    public String transport;

    Channel[] pair;
    ExecutorService peer;
    IknpOtSender sender;
    IknpOtReceiver receiver;
    Kk13OtSender nSender;
    Kk13OtReceiver nReceiver;
    long[] choices, m0, m1, m, delta, x0, x, msgs, out;
    int[] v;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        NetOptions o = NetOptions.defaults();
        if (transport.equals("tcp")) {
            try (ServerSocket ss = Tcp.listen(InetAddress.getLoopbackAddress(), 0)) {
                CompletableFuture<Channel> srv = CompletableFuture.supplyAsync(() -> Tcp.accept(ss, o, null));
                Channel cl = Tcp.connect("127.0.0.1", ss.getLocalPort(), o, null);
                pair = new Channel[] {srv.get(60, TimeUnit.SECONDS), cl};
            }
        } else {
            pair = Channels.inMemoryPair(o);
        }
        peer = Executors.newSingleThreadExecutor();
        sender = new IknpOtSender(pair[0]);
        receiver = new IknpOtReceiver(pair[1]);
        nSender = new Kk13OtSender(pair[0]);
        nReceiver = new Kk13OtReceiver(pair[1]);
        SplittableRandom r = new SplittableRandom(n);
        choices = new long[(n + 63) / 64];
        for (int i = 0; i < choices.length; i++) choices[i] = r.nextLong();
        m0 = new long[2 * n];
        m1 = new long[2 * n];
        m = new long[2 * n];
        delta = new long[n];
        for (int i = 0; i < n; i++) delta[i] = r.nextLong() & 0xFFFFFFFFL;
        x0 = new long[n];
        x = new long[n];
        int nk = Math.min(n, 1_000_000);   // KK13 payload array is 16·n longs
        msgs = new long[16 * nk];
        for (int i = 0; i < msgs.length; i++) msgs[i] = r.nextInt(4);
        v = new int[nk];
        for (int i = 0; i < nk; i++) v[i] = r.nextInt(16);
        out = new long[nk];
        randomOt();
        for (int j = 0; j < n; j++) {
            long[] want = ((choices[j >>> 6] >>> (j & 63)) & 1) == 0 ? m0 : m1;
            if (want[2 * j] != m[2 * j] || want[2 * j + 1] != m[2 * j + 1]) throw new IllegalStateException("ROT " + j);
        }
        correlatedOt32();
        for (int j = 0; j < n; j++) {
            long c = (choices[j >>> 6] >>> (j & 63)) & 1;
            if (((x0[j] + c * delta[j]) & 0xFFFFFFFFL) != x[j]) throw new IllegalStateException("COT " + j);
        }
        kk13OneOfSixteen();
        for (int j = 0; j < out.length; j++) {
            if (msgs[16 * j + v[j]] != out[j]) throw new IllegalStateException("KK13 " + j);
        }
        System.out.println("# IknpBench: " + sender.name() + " over " + pair[0].describe() + ", outputs verified");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        peer.shutdownNow();
        pair[0].close();
        pair[1].close();
    }

    @Benchmark
    public long[] randomOt() throws Exception {
        Future<?> f = peer.submit(() -> receiver.randomOt(n, choices, m));
        sender.randomOt(n, m0, m1);
        f.get();
        return m;
    }

    @Benchmark
    public long[] correlatedOt32() throws Exception {
        Future<?> f = peer.submit(() -> receiver.correlatedOt(n, 32, choices, x));
        sender.correlatedOt(n, 32, delta, x0);
        pair[0].flush();
        f.get();
        return x;
    }

    /** 1-of-16 with 2-bit messages (millionaire leaves); min(n, 10^6) OTs per op. */
    @Benchmark
    public long[] kk13OneOfSixteen() throws Exception {
        Future<?> f = peer.submit(() -> nReceiver.chosenOt(out.length, 4, 2, v, out));
        nSender.chosenOt(out.length, 4, 2, msgs);
        pair[0].flush();
        f.get();
        return out;
    }
}
