package dev.heq.cli.bench;

import dev.heq.net.Channel;
import dev.heq.net.ChannelStats;
import dev.heq.net.Channels;
import dev.heq.net.TwoParty;
import dev.heq.ot.ferret.FerretCotReceiver;
import dev.heq.ot.ferret.FerretCotSender;
import dev.heq.ot.ferret.FerretParams;
import dev.heq.cli.base.HeqCommand;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;

/**
 * Ferret benchmark and full-size correctness check over the in-memory channel pair (both parties in this JVM, one
 * thread each plus their LPN/GGM workers): setup bytes and time, then the ≥ 10^7-COT check (every output of the
 * first {@code --check} COTs is verified against M = K ⊕ x·Δ), then COT throughput and bits per COT over
 * {@code --iters} further main iterations. Timings are wall-clock on a shared machine: indicative only.
 *
 * <p>Usage: {@code heq bench ferret [--params b13|b12|small] [--threads T] [--iters I] [--check N] [--pipelined]};
 * defaults b13, 1 thread per party (the "one core" figure), 3 iterations, not pipelined, check = one iteration's
 * usable COTs (10,017,120 for b13).
 */
@Command(name = "ferret", header = "Ferret silent OT: setup, COT check, COT/s, bits per COT", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ferret silent OT: setup bytes and time, a full check of the first COTs against M = K xor x*Delta, then COT/s "
                + "and bits per COT over further iterations.",
            "Default: b13, 1 thread per party, 3 timed iterations (about 20-40 s)."})
public final class FerretBench extends HeqCommand {
    @Option(names = "--params", defaultValue = "b13", paramLabel = "P",
            description = "b13 or b12 (production sets), small (INSECURE test-only set, quick checks) (default: ${DEFAULT-VALUE})")
    String params;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "T", description = "LPN/GGM worker threads per party (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--iters", defaultValue = "3", paramLabel = "I", description = "timed main iterations (default: ${DEFAULT-VALUE})")
    int iters;

    @Option(names = "--check", paramLabel = "N", description = "COTs checked against the definition (default: one iteration's usable COTs)")
    Long checkCount;

    @Option(names = "--pipelined", description = "extend the COT pool in the background")
    boolean pipelined;

    @Mixin
    BenchOptions bench;

    @Override
    public Integer call() throws Exception {
        FerretParams p;
        try {
            p = FerretParams.named(params);
        } catch (IllegalArgumentException e) {
            throw bad("--params: " + e.getMessage());
        }
        if (threads < 1 || iters < 1 || (checkCount != null && checkCount < 0)) {
            throw bad("--threads and --iters must be ≥ 1, --check ≥ 0");
        }
        long check = checkCount == null ? -1 : checkCount;
        boolean pipelined = this.pipelined;
        PrintStream out = out();
        Results results = Results.here("ferret", commandLineText(), 4096);
        if (check < 0) {
            check = p.usable();
        }
        FerretParams fp = p;
        int th = threads, it = iters;
        boolean pl = pipelined;
        long chk = check;
        out.printf(Locale.ROOT, "Ferret %s: n=%d k=%d t=%d bins=2^%d (bootstrap n=%d k=%d t=%d bins=2^%d), d=%d, "
                        + "threads/party=%d, pipelined=%b, cores=%d%n", p.name(), p.n(), p.k(), p.t(), p.h(), p.nPre(), p.kPre(),
                p.tPre(), p.hPre(), FerretParams.D, th, pl, Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "formula: %d B per iteration for %d usable COTs = %.4f bits/COT%n",
                p.iterationBytes(), p.usable(), 8.0 * p.iterationBytes() / p.usable());
        Channel[] pair = Channels.inMemoryPair();
        var res = TwoParty.run(pair, ch -> sender(ch, fp, th, pl, chk, it), ch -> receiver(ch, fp, th, pl, chk, it),
                Duration.ofMinutes(30));
        Result s = res.p0(), r = res.p1();
        out.printf(Locale.ROOT, "setup: wall %.3f s (sender) / %.3f s (receiver), party-thread CPU %.3f s / %.3f s; bytes sender->receiver %,d, "
                        + "receiver->sender %,d (formula for the bootstrap iteration: %,d B)%n",
                s.setupNs / 1e9, r.setupNs / 1e9, s.setupCpuNs / 1e9, r.setupCpuNs / 1e9, s.setup.bytesSent(), r.setup.bytesSent(), p.preIterationBytes());
        // correctness: the receiver's blocks came back to the sender's thread through the result
        long bad = 0, ones = 0;
        if (s.checkBlocks != null) {
            long[] d = s.delta;
            for (int i = 0; i < s.checkN; i++) {
                long k0 = s.checkBlocks[2 * i], k1 = s.checkBlocks[2 * i + 1];
                long m0 = r.checkBlocks[2 * i], m1 = r.checkBlocks[2 * i + 1];
                long x = m0 & 1;
                if ((k0 & 1) != 0 || (m0 ^ k0) != (d[0] & -x) || (m1 ^ k1) != (d[1] & -x)) {
                    bad++;
                }
                ones += x;
            }
        }
        out.printf(Locale.ROOT, "check: %,d COTs, %,d violate M = K xor x*Delta, choice bits %.5f ones%n",
                s.checkN, bad, s.checkN == 0 ? 0 : (double) ones / s.checkN);
        double secs = Math.max(s.runNs, r.runNs) / 1e9;
        long bytes = s.run.bytesSent() + r.run.bytesSent();
        out.printf(Locale.ROOT, "throughput: %,d COTs in %.3f s = %.2f M COT/s (threads/party=%d); "
                        + "%,d B on the wire = %.4f bits/COT (sender %,d B, receiver %,d B)%n",
                s.runN, secs, s.runN / secs / 1e6, th, bytes, 8.0 * bytes / s.runN, s.run.bytesSent(),
                r.run.bytesSent());
        double cpuS = s.runCpuNs / 1e9, cpuR = r.runCpuNs / 1e9;
        out.printf(Locale.ROOT, "party-thread CPU: sender %.3f s = %.2f M COT/s per core, receiver %.3f s = %.2f M COT/s"
                + " per core%s%n", cpuS, s.runN / cpuS / 1e6, cpuR, s.runN / cpuR / 1e6,
                th > 1 || pl ? " (workers' CPU not included: use --threads 1 without --pipelined for the per-core figure)"
                        : "");
        out.println("(timings indicative: shared 2-core machine, both parties in one JVM)");
        Map<String, Object> rowParams = new LinkedHashMap<>();
        rowParams.put("params", p.name());
        rowParams.put("threads", th);
        rowParams.put("pipelined", pl);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("cots", s.runN);
        extra.put("bits_per_cot", 8.0 * bytes / s.runN);
        extra.put("setup_bytes", s.setup.bytesSent() + r.setup.bytesSent());
        extra.put("setup_s", s.setupNs / 1e9);
        extra.put("mcot_per_s_per_core_sender", s.runN / cpuS / 1e6);
        results.add(new Results.Row("COT iterations", rowParams, "ferret", "", "s", Timer.Stats.of(secs), extra));
        bench.write(results, out);
        if (bad != 0) {
            out.println(bad + " COTs violate the definition");
            return 1;
        }
        return 0;
    }

    private static final class Result {
        long setupNs, runNs, runN, setupCpuNs, runCpuNs;
        int checkN;
        ChannelStats setup, run;
        long[] checkBlocks, delta;
    }

    private static final int CHUNK = 1 << 20;

    /** CPU time of the calling thread: with 1 thread per party that is the party's whole single-core cost. */
    private static long cpu() {
        return Timer.threadCpuNanos();
    }

    private static Result sender(Channel ch, FerretParams p, int threads, boolean pl, long check, int iters) {
        FerretCotSender s = new FerretCotSender(ch, p, threads, pl, new SecureRandom());
        Result r = new Result();
        long t0 = System.nanoTime(), c0 = cpu();
        s.setupNow();
        r.setupNs = System.nanoTime() - t0;
        r.setupCpuNs = cpu() - c0;
        r.setup = ch.stats();
        r.delta = s.delta();
        r.checkN = (int) check;
        r.checkBlocks = new long[2 * r.checkN];
        s.cot(r.checkN, r.checkBlocks, 0);
        timed(r, ch, (int) Math.min(Integer.MAX_VALUE, (long) iters * p.usable()), (n, buf) -> s.cot(n, buf, 0));
        return r;
    }

    private static Result receiver(Channel ch, FerretParams p, int threads, boolean pl, long check, int iters) {
        FerretCotReceiver s = new FerretCotReceiver(ch, p, threads, pl, new SecureRandom());
        Result r = new Result();
        long t0 = System.nanoTime(), c0 = cpu();
        s.setupNow();
        r.setupNs = System.nanoTime() - t0;
        r.setupCpuNs = cpu() - c0;
        r.setup = ch.stats();
        r.checkN = (int) check;
        r.checkBlocks = new long[2 * r.checkN];
        s.cot(r.checkN, r.checkBlocks, 0);
        timed(r, ch, (int) Math.min(Integer.MAX_VALUE, (long) iters * p.usable()), (n, buf) -> s.cot(n, buf, 0));
        return r;
    }

    private interface Take {
        void take(int n, long[] buf);
    }

    private static void timed(Result r, Channel ch, int total, Take take) {
        ChannelStats before = ch.stats();
        long[] buf = new long[2 * CHUNK];
        long t0 = System.nanoTime(), c0 = cpu();
        for (int done = 0; done < total; done += CHUNK) {
            take.take(Math.min(CHUNK, total - done), buf);
        }
        r.runNs = System.nanoTime() - t0;
        r.runCpuNs = cpu() - c0;
        r.runN = total;
        r.run = ch.stats().minus(before);
    }
}
