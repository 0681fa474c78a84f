package dev.heq.cli.bench;

import dev.heq.net.Channel;
import dev.heq.net.ChannelStats;
import dev.heq.net.Channels;
import dev.heq.net.NetOptions;
import dev.heq.net.Shaping;
import dev.heq.net.TlsConfig;
import dev.heq.net.TwoParty;
import dev.heq.ot.BitMatrix;
import dev.heq.ot.IknpOtReceiver;
import dev.heq.ot.IknpOtSender;
import dev.heq.ot.Kk13OtReceiver;
import dev.heq.ot.Kk13OtSender;
import dev.heq.ot.OtReceiver;
import dev.heq.ot.OtSender;
import dev.heq.cli.base.HeqCommand;
import dev.heq.cli.base.Progress;
import dev.heq.primitives.AesCtrPrg;
import dev.heq.primitives.AesJit;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code heq bench ot}: OTs per second, bytes per OT and rounds for each OT flavour over the in-memory pair and
 * loopback TCP/TLS, plus AES PRG throughput and the 128 × 2^20 transpose. Every run checks its outputs against
 * the OT definition before it is reported (a wrong result aborts the benchmark). Both parties run in this JVM on
 * two threads: "OT/s wall" is the pair's wall-clock throughput, "OT/s/core cpu" is n divided by the CPU time both
 * party threads spent (i.e. the rate one core would sustain running both parties), which is robust to a loaded
 * machine. Base-OT set-up is done before timing. One warm-up run, then the median of --reps runs.
 *
 * <p>KK13 rows are capped at 2·10^6 OTs (its sender holds 16 messages per OT).
 */
@Command(name = "ot", header = "IKNP/KK13 OT/s, bytes per OT, flights; PRG and transposes", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"OT extension throughput, bytes per OT and flights (IKNP random/correlated/chosen, KK13 1-of-16), both parties "
                + "in this JVM, plus AES PRG throughput and the bit-matrix transposes.",
            "Default: 10^6 OTs over the in-memory pair and loopback TCP (about 30 s). --full: 10^6 and 10^7 OTs, mem/tcp/tls."})
public final class OtBench extends HeqCommand {
    static final int KK13_MAX = 2_000_000;

    @Option(names = "--counts", split = ",", paramLabel = "N", description = "OTs per run (default 1000000; --full 1000000,10000000); 1e6 is accepted")
    List<String> counts;

    @Option(names = "--transports", split = ",", paramLabel = "T", description = "mem, tcp, tls (default mem,tcp; --full all three)")
    List<String> transports;

    @Option(names = "--flavours", split = ",", paramLabel = "F", defaultValue = "rot,cot,chosen,kk13",
            description = "rot, cot, chosen, kk13 (default: ${DEFAULT-VALUE})")
    List<String> flavours;

    @Option(names = "--shaping", defaultValue = "none", paramLabel = "NET", description = "none, lan, wan or MBPS/RTT_MS (default: ${DEFAULT-VALUE})")
    String shapingName;

    @Option(names = "--reps", defaultValue = "3", paramLabel = "R", description = "timed runs per row after one warm-up run (default: ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--no-micro", description = "skip the PRG and transpose rows")
    boolean noMicro;

    @Option(names = "--full", description = "10^6 and 10^7 OTs on mem, tcp and tls")
    boolean full;

    @Mixin
    BenchOptions bench;

    @Override
    public Integer call() throws Exception {
        List<Integer> ns = new ArrayList<>();
        for (String c : counts != null ? counts : full ? List.of("1000000", "10000000") : List.of("1000000")) {
            try {
                double d = Double.parseDouble(c);
                if (!(d >= 1 && d <= Integer.MAX_VALUE) || d != Math.rint(d)) {
                    throw new NumberFormatException();
                }
                ns.add((int) d);
            } catch (NumberFormatException e) {
                throw bad("--counts: '" + c + "' is not a positive whole number of OTs");
            }
        }
        List<String> ts = transports != null ? transports : full ? List.of("mem", "tcp", "tls") : List.of("mem", "tcp");
        for (String t : ts) {
            if (!List.of("mem", "tcp", "tls").contains(t)) {
                throw bad("--transports: unknown transport '" + t + "' (valid: mem, tcp, tls)");
            }
        }
        for (String f : flavours) {
            if (!List.of("rot", "cot", "chosen", "kk13").contains(f)) {
                throw bad("--flavours: unknown flavour '" + f + "' (valid: rot, cot, chosen, kk13)");
            }
        }
        if (reps < 1) {
            throw bad("--reps must be ≥ 1");
        }
        Shaping shaping;
        try {
            shaping = Shaping.parse(shapingName);
        } catch (IllegalArgumentException e) {
            throw bad("--shaping: " + e.getMessage());
        }
        PrintStream out = out();
        Results results = Results.here("ot", commandLineText(), 4096);
        out.printf(Locale.ROOT, "# heq bench ot  (JDK %s, %d cores, shaping %s; both parties in this JVM; median of %d runs after one warm-up run)%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), shaping, reps);
        if (!noMicro) {
            micro(out, results);
        }
        out.printf(Locale.ROOT, "%-22s %10s %-10s %12s %14s %10s %8s %9s %9s%n", "flavour", "count", "transport", "OT/s wall",
                "OT/s/core cpu", "bytes/OT", "flights", "wall ms", "cpu ms");
        Path tmp = null;
        try (Progress progress = Progress.start("bench ot", ts.size() * flavours.size() * ns.size())) {
            TlsConfig tls = null;
            if (ts.contains("tls")) {
                tmp = Files.createTempDirectory("heq-bench-tls");
                tls = TlsConfig.selfSigned(tmp);
            }
            NetOptions opts = NetOptions.defaults().withShaping(shaping).withTimeout(Duration.ofMinutes(5));
            for (String t : ts) {
                for (String f : flavours) {
                    for (int requested : ns) {
                        // KK13 holds 16 messages per OT on the sender (128 B/OT): cap it so 10^7 rows stay < 1 GB
                        int n = f.equals("kk13") ? Math.min(requested, KK13_MAX) : requested;
                        progress.step(f + " " + n + " " + t);
                        once(f, n, t, opts, tls);   // warm-up run (checked like the others)
                        double[] wall = new double[reps];
                        double[] cpu = new double[reps];
                        Row last = null;
                        for (int r = 0; r < reps; r++) {
                            last = once(f, n, t, opts, tls);
                            wall[r] = last.nanos / 1e9;
                            cpu[r] = last.cpuNanos / 1e9;
                        }
                        Timer.Stats w = Timer.Stats.of(wall);
                        double cpuMedian = Timer.Stats.of(cpu).median();
                        out.printf(Locale.ROOT, "%-22s %10d %-10s %12.0f %14.0f %10.2f %8d %9.1f %9.1f%n", last.flavour, n, t,
                                n / w.median(), n / cpuMedian, (double) last.bytes / n, last.rounds, w.median() * 1e3, cpuMedian * 1e3);
                        out.flush();
                        Map<String, Object> params = new LinkedHashMap<>();
                        params.put("count", n);
                        params.put("transport", t);
                        params.put("shaping", shaping.toString());
                        Map<String, Object> extra = new LinkedHashMap<>();
                        extra.put("bytes_per_ot", (double) last.bytes / n);
                        extra.put("flights", last.rounds);
                        extra.put("cpu_s_median", cpuMedian);
                        results.add(new Results.Row(last.flavour, params, "iknp", "", "s", w, extra));
                    }
                }
            }
        } finally {
            if (tmp != null) {
                try (var s = Files.list(tmp)) {
                    for (Path p : s.toList()) {
                        Files.deleteIfExists(p);
                    }
                    Files.deleteIfExists(tmp);
                } catch (Exception ignored) {
                    // temp clean-up is best effort
                }
            }
        }
        bench.write(results, out);
        return 0;
    }

    private record Row(String flavour, long nanos, long cpuNanos, long bytes, long rounds) {}

    static Channel[] pair(String transport, NetOptions o, TlsConfig tls) throws Exception {
        return switch (transport) {
            case "mem" -> Channels.inMemoryPair(o);
            case "tcp" -> Channels.loopbackTcpPair(o, null, null);
            case "tls" -> Channels.loopbackTcpPair(o, tls, tls);
            default -> throw new IllegalArgumentException("transport must be mem|tcp|tls, got " + transport);
        };
    }

    /** One timed run after base-OT set-up; verifies the outputs. */
    private static Row once(String flavour, int n, String transport, NetOptions o, TlsConfig tls) throws Exception {
        Channel[] p = pair(transport, o, tls);
        SplittableRandom rng = new SplittableRandom(n);
        long[] c = new long[(n + 63) >>> 6];
        for (int i = 0; i < c.length; i++) c[i] = rng.nextLong();
        final int ell = 32, logN = 4, ellN = 2;
        try {
            var res = TwoParty.run(p, a -> {
                OtSender s = new IknpOtSender(a);
                Kk13OtSender ks = new Kk13OtSender(a);
                if (flavour.equals("kk13")) {
                    ks.randomOt(1, logN, ellN, new long[16]);
                } else {
                    s.randomOt(1, new long[2], new long[2]);
                }
                a.flush();
                a.recvLong();   // barrier: both set up
                ChannelStats before = a.stats();
                long t0 = System.nanoTime();
                long cpu0 = Timer.threadCpuNanos();
                long[][] r;
                switch (flavour) {
                    case "rot" -> { long[] m0 = new long[2 * n], m1 = new long[2 * n]; s.randomOt(n, m0, m1); r = new long[][] {m0, m1}; }
                    case "cot" -> { long[] d = new long[n], x0 = new long[n]; java.util.Arrays.fill(d, 12345); s.correlatedOt(n, ell, d, x0); r = new long[][] {x0}; }
                    case "chosen" -> { long[] m0 = new long[n], m1 = new long[n]; for (int j = 0; j < n; j++) { m0[j] = j; m1[j] = ~j & 0xFFFFFFFFL; } s.chosenOt(n, ell, m0, m1); r = new long[][] {m0, m1}; }
                    case "kk13" -> { long[] msgs = new long[16 * n]; for (int j = 0; j < msgs.length; j++) msgs[j] = j & 3; ks.chosenOt(n, logN, ellN, msgs); r = new long[][] {msgs}; }
                    default -> throw new IllegalArgumentException("flavour must be rot|cot|chosen|kk13, got " + flavour);
                }
                a.flush();
                ChannelStats d = a.stats().minus(before);   // all OT traffic has passed the sender by now
                long cpu = Timer.threadCpuNanos() - cpu0;
                a.recvLong();   // barrier: receiver done
                long t = System.nanoTime() - t0;
                return new Object[] {r, t, d, cpu};
            }, b -> {
                OtReceiver rc = new IknpOtReceiver(b);
                Kk13OtReceiver kr = new Kk13OtReceiver(b);
                if (flavour.equals("kk13")) {
                    kr.randomOt(1, logN, ellN, new int[1], new long[1]);
                } else {
                    rc.randomOt(1, new long[1], new long[2]);
                }
                b.sendLong(0);
                b.flush();
                long cpu0 = Timer.threadCpuNanos();
                long[] m;
                int[] v = null;
                switch (flavour) {
                    case "rot" -> { m = new long[2 * n]; rc.randomOt(n, c, m); }
                    case "cot" -> { m = new long[n]; rc.correlatedOt(n, ell, c, m); }
                    case "chosen" -> { m = new long[n]; rc.chosenOt(n, ell, c, m); }
                    default -> { m = new long[n]; v = new int[n]; for (int j = 0; j < n; j++) v[j] = (j * 7) & 15; kr.chosenOt(n, logN, ellN, v, m); }
                }
                long cpu = Timer.threadCpuNanos() - cpu0;
                b.sendLong(0);
                b.flush();
                return new Object[] {m, v, cpu};
            }, Duration.ofMinutes(10));
            long[][] s = (long[][]) res.p0()[0];
            long[] m = (long[]) res.p1()[0];
            int[] v = (int[]) res.p1()[1];
            verify(flavour, n, c, s, m, v);
            ChannelStats d = (ChannelStats) res.p0()[2];
            String name = switch (flavour) {
                case "rot" -> "IKNP random 128b";
                case "cot" -> "IKNP COT l=" + ell;
                case "chosen" -> "IKNP chosen l=" + ell;
                default -> "KK13 1-of-16 l=" + ellN;
            };
            // flights = direction changes seen by the sender + the first flight (the receiver's u-matrix), which
            // continues the sender's receiving state from the set-up barrier
            return new Row(name, (long) res.p0()[1], (long) res.p0()[3] + (long) res.p1()[2], d.bytesTotal(), d.rounds() + 1);
        } finally {
            p[0].close();
            p[1].close();
        }
    }

    private static void verify(String f, int n, long[] c, long[][] s, long[] m, int[] v) {
        for (int j = 0; j < n; j++) {
            int cj = (int) ((c[j >>> 6] >>> (j & 63)) & 1);
            boolean ok = switch (f) {
                case "rot" -> s[cj][2 * j] == m[2 * j] && s[cj][2 * j + 1] == m[2 * j + 1];
                case "cot" -> ((s[0][j] + cj * 12345L) & 0xFFFFFFFFL) == m[j];
                case "chosen" -> s[cj][j] == m[j];
                default -> s[0][16 * j + v[j]] == m[j];
            };
            if (!ok) {
                throw new IllegalStateException(f + ": OT " + j + " is wrong; refusing to report a time");
            }
        }
    }

    /** AES PRG GB/s and the transposes: warmed to a plateau and timed by {@link Timer} (median / best). */
    private static void micro(PrintStream out, Results results) {
        Timer.Budget b = Timer.Budget.ofMillis(300, 7, 50);
        byte[] buf = new byte[16 << 20];
        AesJit.ensureWarm();
        AesCtrPrg prg = AesCtrPrg.fromSecureRandom(AesCtrPrg.KEY_BYTES_128);
        Timer.Stats prgUs = Timer.time(() -> {
            prg.nextBytes(buf);
            return buf[0];
        }, 1, b);
        out.printf(Locale.ROOT, "AES-128-CTR PRG: %.2f GB/s per core (16 MiB per call; best %.2f)%n", buf.length / prgUs.median() / 1e3,
                buf.length / prgUs.min() / 1e3);
        results.add(new Results.Row("AES-CTR PRG 16 MiB", Map.of(), "java", "", "us", prgUs, Map.of()));
        byte[] m = new byte[16 << 20];   // 128 x 2^20 bits
        byte[] t = new byte[m.length];
        prg.nextBytes(m);
        Timer.Stats tr = Timer.time(() -> {
            BitMatrix.transpose(m, 128, 1 << 20, t);
            return t[0];
        }, 1, b);
        out.printf(Locale.ROOT, "transpose 128 x 2^20 bits: %s ms%n", Timer.fmt(tr.median() / 1e3));
        results.add(new Results.Row("transpose 128 x 2^20", Map.of(), "java", "", "us", tr, Map.of()));
        byte[] n2 = new byte[256 * (1 << 16) / 8];
        byte[] t2 = new byte[n2.length];
        Timer.Stats tr2 = Timer.time(() -> {
            BitMatrix.transpose(n2, 256, 1 << 16, t2);
            return t2[0];
        }, 1, b);
        out.printf(Locale.ROOT, "transpose 256 x 2^16 bits: %s ms%n", Timer.fmt(tr2.median() / 1e3));
        results.add(new Results.Row("transpose 256 x 2^16", Map.of(), "java", "", "us", tr2, Map.of()));
    }
}
