package dev.heq.cli.bench;

import dev.heq.net.Channel;
import dev.heq.net.ChannelStats;
import dev.heq.net.Channels;
import dev.heq.net.NetOptions;
import dev.heq.net.Shaping;
import dev.heq.net.TwoParty;
import dev.heq.ot.OtProvider;
import dev.heq.ot.ferret.FerretOtProvider;
import dev.heq.ot.ferret.FerretParams;
import dev.heq.ot.OtCost;
import dev.heq.protocol.AShare;
import dev.heq.protocol.Party;
import dev.heq.protocol.Z2k;
import dev.heq.protocol.Role;
import dev.heq.protocol.nonlinear.Flights;
import dev.heq.protocol.nonlinear.Millionaire;
import dev.heq.protocol.nonlinear.Relu;
import dev.heq.protocol.nonlinear.Requant;
import dev.heq.protocol.nonlinear.Truncate;
import dev.heq.quant.FixedPoint;
import dev.heq.quant.QType;
import dev.heq.quant.Requantizer;
import dev.heq.cli.base.HeqCommand;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * {@code heq bench nonlinear}: throughput and communication of the non-linear protocols, both parties in this JVM
 * on two threads over an in-memory channel pair, optionally shaped like a LAN (3 Gbit/s, 0.3 ms RTT) or a WAN
 * (400 Mbit/s, 40 ms RTT) — the throttle settings of OpenCheetah's published benchmarks.
 *
 * <p>For every (network, op, ℓ): one untimed run that is reconstructed and checked against the ideal
 * functionality (a wrong result aborts the benchmark), then {@code --reps} timed runs. Printed per row: median
 * wall time, elements per second, payload bytes per element and flights (the server's direction runs inside the
 * call, from a fresh counting scope, with the {@link Flights} model next to them), all from the channel counters; the
 * one-off OT setup (base OTs) is excluded and printed once. Also printed: the CPU time of both party threads
 * (ThreadMXBean), which stays meaningful when other processes load the machine. Both parties share the machine's cores, so times are
 * pessimistic against two machines; numbers are indicative on a shared box.
 *
 * <p>OT back ends ({@code --ot iknp,ferret}, each in its own session, side by side): IKNP/KK13, or Ferret silent OT
 * with {@code --ferret-params b13|b12|small} (small = TEST_SMALL, insecure, for quick checks only), one worker,
 * not pipelined. Ferret's COT traffic comes in one lump per iteration (≈ 10^7 COTs, 553 kB for b13), so the
 * B/elem column replaces the lumps inside the measured region by the amortised bits per COT consumed
 * ({@link OtCost#cotBits()}), which is what the theory column uses; the raw column is the mean over the reps of
 * the plain channel counters (lumps included), which converges to the same figure over many elements.
 *
 * <p>drelu is the millionaire on ℓ−1 bits. Requantization: ℓ is the accumulator width; output u4 (u8 for ℓ ≥ 21),
 * factor ≈ 1.37·2^-(ℓ−b), shares in Z_{2^ℓ} in, Z_{2^(b+1)} out.
 */
@Command(name = "nonlinear", header = "ReLU / requantization on shares: time, bytes per element, flights", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Non-linear protocols on secret shares (ReLU, DReLU, requantization, truncation), both parties in this JVM: "
                + "time, elements/s, bytes per element against theory, flights against the model; every output checked.",
            "Default: ReLU and requantization at ℓ = 16 and 37, 2^16 elements, in memory, IKNP (about 20 s). --full: ℓ = 8,16,21,37 "
                + "on mem, LAN and WAN shapes."})
public final class NonlinearBench extends HeqCommand {
    @Option(names = "--ops", split = ",", defaultValue = "relu,requant", paramLabel = "OP", description = "relu, drelu, requant, trunc (default: ${DEFAULT-VALUE})")
    List<String> ops;

    @Option(names = "--ell", split = ",", paramLabel = "L", description = "share widths ℓ, 2..64 (default 16,37; --full 8,16,21,37)")
    int[] ells;

    @Option(names = "--n", defaultValue = "65536", paramLabel = "N", description = "elements per call (default: ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--reps", defaultValue = "3", paramLabel = "R", description = "timed runs after the checked one (default: ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--net", split = ",", paramLabel = "NET", description = "mem, lan, wan (default mem; --full all three)")
    List<String> nets;

    @Option(names = "--ot", split = ",", defaultValue = "iknp", paramLabel = "OT", description = "iknp, ferret (default: ${DEFAULT-VALUE})")
    List<String> ots;

    @Option(names = "--ferret-params", defaultValue = "b13", paramLabel = "P", description = "b13, b12, or small (INSECURE test-only set) (default: ${DEFAULT-VALUE})")
    String ferretParams;

    @Option(names = "--seed", paramLabel = "S", description = "input seed (default: random, printed)")
    Long seedOption;

    @Option(names = "--full", description = "ℓ = 8,16,21,37 on mem, lan and wan")
    boolean full;

    @Mixin
    BenchOptions bench;

    private Results results;

    @Override
    public Integer call() throws Exception {
        int[] ellList = ells != null ? ells : full ? new int[] {8, 16, 21, 37} : new int[] {16, 37};
        List<String> netList = nets != null ? nets : full ? List.of("mem", "lan", "wan") : List.of("mem");
        FerretParams fp;
        try {
            fp = FerretParams.named(ferretParams);
        } catch (IllegalArgumentException e) {
            throw bad("--ferret-params: " + e.getMessage());
        }
        long seed = seedOption != null ? seedOption : new SecureRandom().nextLong();
        for (String o : ops) if (!List.of("relu", "drelu", "requant", "trunc").contains(o)) throw bad("--ops: unknown op '" + o + "' (valid: relu, drelu, requant, trunc)");
        for (int e : ellList) if (e < 2 || e > 64) throw bad("--ell: ℓ must be in 2..64, got " + e);
        if (n < 1 || reps < 1) throw bad("--n and --reps must be ≥ 1");
        for (String o : ots) if (!List.of("iknp", "ferret").contains(o)) throw bad("--ot: unknown OT back end '" + o + "' (valid: iknp, ferret)");
        for (String net : netList) if (!List.of("mem", "lan", "wan").contains(net)) throw bad("--net: unknown network '" + net + "' (valid: mem, lan, wan)");
        PrintStream out = out();
        int[] ells = ellList;
        List<String> nets = netList;
        results = Results.here("nonlinear", commandLineText(), 4096);
        out.printf("heq bench nonlinear: n = %d, reps = %d, seed = %d, OT = %s, %d cores%n", n, reps, seed,
                ots, Runtime.getRuntime().availableProcessors());
        for (String o : ots) {
            OtCost c = provider(o, fp).cost();
            out.print("millionaire plans on " + c + " (DReLU on ℓ−1 bits):\n" + plans(ells, c));
        }
        out.printf("%-5s %-11s %-8s %4s %10s %8s %14s %10s %8s %10s %8s %6s  %s%n", "net", "ot", "op", "ℓ", "time[s]", "cpu[s]",
                "elem/s", "B/elem", "theory", "raw B/el", "flights", "model", "check");
        out.println("(time: median wall time of the server's run; cpu: CPU time of both party threads, the figure to"
                + " read on a loaded machine; B/elem and flights from the channel counters, silent OT amortised as above;"
                + " flights = the server's direction runs within the call (max over reps), model = nonlinear.Flights:"
                + " exact on both back ends for any n, except that a Ferret COT refill falling just before a call adds up to 2)");
        out.println("peers (measured on a 2-core AVX-512 machine, 2^16 elements): OpenCheetah exact ReLU ℓ=37 on Ferret 56.8 B, 0.76 s;"
                + " ℓ=32 49.8 B; SEC-PPDL ReLU ℓ=32 on IKNP 519.5 B, 0.5 s");
        for (String net : nets) for (String o : ots) {
            Shaping sh = switch (net) {
                case "mem" -> Shaping.NONE;
                case "lan" -> Shaping.LAN;
                case "wan" -> Shaping.WAN;
                default -> throw new IllegalArgumentException("unknown network " + net + " (mem, lan, wan)");
            };
            int rc = runNet(net, sh, provider(o, fp), ops, ells, n, reps, seed, out);
            if (rc != 0) return rc;
        }
        bench.write(results, out);
        return 0;
    }

    /** A fresh provider per run (Ferret: one worker, not pipelined, so iterations happen in the measured thread). */
    static OtProvider provider(String name, FerretParams fp) {
        return name.equals("ferret") ? new FerretOtProvider(fp, 1, false) : OtProvider.iknp();
    }

    /** One benchmark case: what each party runs on its share, the ideal result, and the theoretical bits. */
    private record Case(String op, int ell, AShare[] in, BiFunction<Party, AShare, AShare> body, long[] ideal,
                        java.util.function.ToDoubleFunction<OtCost> theoryBits,
                        java.util.function.Function<Flights, String> flights) {}

    private static List<Case> cases(List<String> ops, int[] ells, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Case> cs = new ArrayList<>();
        for (String op : ops) {
            for (int ell : ells) {
                long[] x = new long[n];
                for (int i = 0; i < n; i++) x[i] = r.nextLong() & Z2k.mask(ell);
                switch (op) {
                    case "relu" -> cs.add(new Case(op, ell, AShare.split(Z2k.of(ell), x, r), Relu::relu,
                            Relu.idealRelu(x, ell), c -> Relu.reluCostBits(c, ell), f -> f.relu(ell)));
                    case "drelu" -> {
                        // DReLU = the millionaire on ℓ−1 bits plus local XORs: the millionaire's bytes. XOR shares of
                        // a bit are additive shares mod 2, so the output is checked as an AShare in Z_2.
                        long[] ideal = Relu.idealDrelu(x, ell);
                        long[] bits = new long[n];
                        for (int i = 0; i < n; i++) bits[i] = (ideal[i >>> 6] >>> (i & 63)) & 1;
                        cs.add(new Case(op, ell, AShare.split(Z2k.of(ell), x, r), (p, a) -> {
                            dev.heq.protocol.BShare b = Relu.drelu(p, a);
                            long[] v = new long[b.size()];
                            for (int i = 0; i < v.length; i++) v[i] = dev.heq.protocol.BShare.bit(b.words(), i);
                            return new AShare(Z2k.of(1), v);
                        }, bits, c -> Relu.dreluCostBits(c, ell), f -> f.drelu(ell)));
                    }
                    case "trunc" -> {
                        int s = Math.max(1, Math.min(12, ell - 1));
                        cs.add(new Case("trunc" + s, ell, AShare.split(Z2k.of(ell), x, r),
                                (p, a) -> Truncate.run(p, a, s, Truncate.Mode.EXACT), Truncate.ideal(x, ell, s),
                                c -> Truncate.costBits(c, ell, s, Truncate.Mode.EXACT), f -> f.truncate(ell, s, Truncate.Mode.EXACT)));
                    }
                    case "requant" -> {
                        int b = ell >= 21 ? 8 : 4;
                        if (ell <= b) continue;
                        FixedPoint f = FixedPoint.of(Math.scalb(1.37, -(ell - b)));
                        if (ell + f.multiplierBits() > 62) f = FixedPoint.of(Math.scalb(1.37, -(ell - b)), Math.max(2, 62 - ell));
                        Requantizer rq = new Requantizer(new FixedPoint[] {f}, QType.unsigned(b, 1), Math.min(32, ell));
                        int accBits = Math.min(32, ell);
                        long[] acc = new long[n];
                        for (int i = 0; i < n; i++) acc[i] = Z2k.of(accBits).signed(x[i] & Z2k.mask(accBits));
                        Requant.Spec spec = Requant.Spec.of(rq, null, b + 1);
                        cs.add(new Case("requant", ell, AShare.split(Z2k.of(ell), acc, r), (p, a) -> Requant.run(p, a, spec),
                                Requant.ideal(acc, spec), c -> Requant.costBits(c, spec), fl -> fl.requant(spec)));
                    }
                    default -> throw new IllegalArgumentException(op);
                }
            }
        }
        return cs;
    }

    /** amortised: bytes with silent-OT iteration lumps replaced by cotBits per consumed COT (= raw for IKNP). */
    private record Timing(long nanos, long cpuNanos, ChannelStats stats, double amortisedBytes, long flights) {}

    private int runNet(String net, Shaping shaping, OtProvider ot, List<String> ops, int[] ells, int n, int reps,
                              long seed, PrintStream out) {
        List<Case> cs = cases(ops, ells, n, seed);
        NetOptions opts = NetOptions.defaults().withShaping(shaping).withTimeout(Duration.ofMinutes(5));
        Channel[] pair = Channels.inMemoryPair(opts);
        OtCost cost = ot.cost();
        long[] setup = new long[2];
        var res = TwoParty.run(pair, ch -> party(Role.SERVER, ch, ot, cs, reps, setup),
                ch -> party(Role.CLIENT, ch, ot, cs, reps, null), Duration.ofHours(1));
        out.printf("%-5s %-11s OT setup (%s): %d B, %.2f s%n", net, cost.name(),
                cost.silent() ? "base OTs, IKNP bootstrap, first iterations of both COT sessions" : "base OTs of 4 sessions",
                setup[0], setup[1] / 1e9);
        int rc = 0;
        for (int c = 0; c < cs.size(); c++) {
            Case k = cs.get(c);
            AShare s0 = (AShare) res.p0().get(c)[0], s1 = (AShare) res.p1().get(c)[0];
            boolean ok = Arrays.equals(k.ideal, AShare.reconstruct(s0, s1));
            long[] times = new long[reps], cpus = new long[reps];
            ChannelStats st = null;
            double rawSum = 0, amortised = 0;
            long flights = 0;
            for (int t = 0; t < reps; t++) {
                Timing tm = (Timing) res.p0().get(c)[1 + t], tc = (Timing) res.p1().get(c)[1 + t];
                times[t] = tm.nanos;
                cpus[t] = tm.cpuNanos + tc.cpuNanos;
                st = tm.stats;
                flights = Math.max(flights, tm.flights);
                rawSum += tm.stats.bytesTotal();
                amortised = tm.amortisedBytes;
            }
            double[] secs = new double[reps];
            for (int t = 0; t < reps; t++) secs[t] = times[t] / 1e9;
            Timer.Stats wall = Timer.Stats.of(secs);
            Arrays.sort(cpus);
            double sec = wall.median();
            out.printf("%-5s %-11s %-8s %4d %10.3f %8.3f %14.0f %10.1f %8.1f %10.1f %8d %6d  %s%n", net, cost.name(), k.op, k.ell, sec,
                    cpus[reps / 2] / 1e9, n / sec, amortised / n, k.theoryBits.applyAsDouble(cost) / 8.0,
                    rawSum / reps / n, flights, Flights.runs(k.flights.apply(new Flights(cost))), ok ? "ok" : "MISMATCH");
            if (!ok) rc = 1;
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("ell", k.ell);
            params.put("n", n);
            params.put("net", net);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("bytes_per_elem", amortised / n);
            extra.put("theory_bytes_per_elem", k.theoryBits.applyAsDouble(cost) / 8.0);
            extra.put("flights", flights);
            extra.put("cpu_s_median", cpus[reps / 2] / 1e9);
            extra.put("check", ok ? "ok" : "MISMATCH");
            results.add(new Results.Row(k.op, params, cost.name(), "", "s", wall, extra));
        }
        pair[0].close();
        pair[1].close();
        return rc;
    }

    /** Per case: [the verified output share, then one Timing per rep]. */
    private static List<Object[]> party(Role role, Channel ch, OtProvider ot, List<Case> cs, int reps, long[] setup) {
        try (Party p = new Party(role, ch, ot)) {
            long t0 = System.nanoTime();
            Relu.relu(p, AShare.zeros(Z2k.of(8), 1));   // opens all OT sessions
            if (setup != null) {
                setup[0] = ch.stats().bytesTotal();
                setup[1] = System.nanoTime() - t0;
            }
            List<Object[]> res = new ArrayList<>();
            for (Case k : cs) {
                Object[] row = new Object[1 + reps];
                AShare mine = k.in[role.index()];
                row[0] = k.body.apply(p, mine);       // checked run (also the JIT warm-up)
                for (int t = 0; t < reps; t++) {
                    ChannelStats before = ch.stats();
                    long[] c0 = cotCounters(p);
                    String scope = "bench#" + k.op + "#" + k.ell + "#" + t;
                    long s = System.nanoTime(), cpu = Timer.threadCpuNanos();
                    try (var sc = ch.scope(scope)) {
                        k.body.apply(p, mine);
                        ch.flush();
                    }
                    long wall = System.nanoTime() - s, cpuT = Timer.threadCpuNanos() - cpu;
                    ChannelStats d = ch.stats().minus(before);
                    double am = d.bytesTotal();
                    if (p.otProvider() instanceof FerretOtProvider f) {
                        long[] c1 = cotCounters(p);
                        am += -(double) (c1[0] - c0[0]) * f.params().iterationBytes() + (c1[1] - c0[1]) * p.otCost().cotBits() / 8;
                    }
                    row[1 + t] = new Timing(wall, cpuT, d, am, ch.stats(scope).rounds());
                }
                res.add(row);
            }
            return res;
        }
    }

    /** {main iterations, COTs handed out} of this channel's two Ferret sessions (zeros for other back ends). */
    static long[] cotCounters(Party p) {
        if (!(p.otProvider() instanceof FerretOtProvider f)) return new long[2];
        var s = f.cotSender(p.channel());
        var r = f.cotReceiver(p.channel());
        return new long[] {s.iterations() + r.iterations(), s.handedOut() + r.handedOut()};
    }

    /** Print the millionaire plans (digit widths) chosen per ℓ on a back end, for the report. */
    public static String plans(int[] ells, OtCost c) {
        StringBuilder sb = new StringBuilder();
        for (int e : ells) {
            Millionaire.Plan pl = Millionaire.Plan.choose(e - 1, c);
            sb.append(String.format("ℓ=%d: digits %s, %d ANDs, millionaire %.1f B, ReLU %.1f B%n", e,
                    Arrays.toString(pl.digits()), pl.andGates(), pl.costBits(c) / 8, Relu.reluCostBits(c, e) / 8));
        }
        return sb.toString();
    }

    /** IKNP plans (kept for callers of the old signature). */
    public static String plans(int[] ells) {
        return plans(ells, OtCost.IKNP);
    }
}
