package dev.heq.protocol.bench;

import dev.heq.net.Channel;
import dev.heq.net.ChannelStats;
import dev.heq.net.Channels;
import dev.heq.net.NetOptions;
import dev.heq.net.Shaping;
import dev.heq.net.TwoParty;
import dev.heq.ot.OtProvider;
import dev.heq.protocol.AShare;
import dev.heq.protocol.Party;
import dev.heq.protocol.Ring;
import dev.heq.protocol.Role;
import dev.heq.protocol.nonlinear.Millionaire;
import dev.heq.protocol.nonlinear.Relu;
import dev.heq.protocol.nonlinear.Requant;
import dev.heq.protocol.nonlinear.Truncate;
import dev.heq.quant.FixedPoint;
import dev.heq.quant.QType;
import dev.heq.quant.Requantizer;
import java.io.PrintStream;
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
 * (400 Mbit/s, 40 ms RTT) — the OpenCheetah throttle settings (spec §4.7).
 *
 * <p>For every (network, op, ℓ): one untimed run that is reconstructed and checked against the ideal
 * functionality (a wrong result aborts the benchmark), then {@code --reps} timed runs. Printed per row: median
 * wall time, elements per second, payload bytes per element and flights, all from the channel counters; the
 * one-off OT setup (base OTs) is excluded and printed once. Also printed: the CPU time of both party threads
 * (ThreadMXBean), which stays meaningful when other processes load the machine. Both parties share the machine's cores, so times are
 * pessimistic against two machines; numbers are indicative on a shared box.
 *
 * <p>Options: {@code --ops relu,requant,trunc} {@code --ell 8,16,21,37} {@code --n 65536} {@code --net mem,lan,wan}
 * {@code --reps 3} {@code --seed S}. Requantization: ℓ is the accumulator width; output u4 (u8 for ℓ ≥ 21),
 * factor ≈ 1.37·2^-(ℓ−b), shares in Z_{2^ℓ} in, Z_{2^(b+1)} out.
 */
public final class NonlinearBench {
    private NonlinearBench() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) {
        List<String> ops = List.of("relu", "requant");
        int[] ells = {8, 16, 21, 37};
        int n = 1 << 16, reps = 3;
        List<String> nets = List.of("mem", "lan", "wan");
        long seed = new SecureRandom().nextLong();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (a) {
                    case "--ops" -> { ops = List.of(need(a, v).split(",")); i++; }
                    case "--ell" -> { ells = Arrays.stream(need(a, v).split(",")).mapToInt(Integer::parseInt).toArray(); i++; }
                    case "--n" -> { n = Integer.parseInt(need(a, v)); i++; }
                    case "--reps" -> { reps = Integer.parseInt(need(a, v)); i++; }
                    case "--net" -> { nets = List.of(need(a, v).split(",")); i++; }
                    case "--seed" -> { seed = Long.parseLong(need(a, v)); i++; }
                    case "-h", "--help" -> { usage(out); return 0; }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            for (String o : ops) if (!List.of("relu", "requant", "trunc").contains(o)) throw new IllegalArgumentException("unknown op " + o);
            for (int e : ells) if (e < 2 || e > 64) throw new IllegalArgumentException("ℓ must be in 2..64, got " + e);
            if (n < 1 || reps < 1) throw new IllegalArgumentException("--n and --reps must be ≥ 1");
        } catch (IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            usage(out);
            return 2;
        }
        out.printf("heq bench nonlinear: n = %d, reps = %d, seed = %d, OT = %s, %d cores%n", n, reps, seed,
                OtProvider.iknp().name(), Runtime.getRuntime().availableProcessors());
        out.print("millionaire plans (DReLU on ℓ−1 bits):\n" + plans(ells));
        out.printf("%-5s %-8s %4s %10s %8s %14s %10s %8s %8s  %s%n", "net", "op", "ℓ", "time[s]", "cpu[s]", "elem/s",
                "B/elem", "theory", "flights", "check");
        out.println("(time: median wall time of the server's run; cpu: CPU time of both party threads, the figure to"
                + " read on a loaded machine; B/elem and flights from the channel counters)");
        for (String net : nets) {
            Shaping sh = switch (net) {
                case "mem" -> Shaping.NONE;
                case "lan" -> Shaping.LAN;
                case "wan" -> Shaping.WAN;
                default -> throw new IllegalArgumentException("unknown network " + net + " (mem, lan, wan)");
            };
            int rc = runNet(net, sh, ops, ells, n, reps, seed, out);
            if (rc != 0) return rc;
        }
        return 0;
    }

    private static String need(String opt, String v) {
        if (v == null) throw new IllegalArgumentException(opt + " needs a value");
        return v;
    }

    private static void usage(PrintStream out) {
        out.println("usage: heq bench nonlinear [--ops relu,requant,trunc] [--ell 8,16,21,37] [--n 65536] [--net mem,lan,wan] [--reps 3] [--seed S]");
    }

    /** One benchmark case: what each party runs on its share, the ideal result, and the theoretical bits. */
    private record Case(String op, int ell, AShare[] in, BiFunction<Party, AShare, AShare> body, long[] ideal, long theoryBits) {}

    private static List<Case> cases(List<String> ops, int[] ells, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Case> cs = new ArrayList<>();
        for (String op : ops) {
            for (int ell : ells) {
                long[] x = new long[n];
                for (int i = 0; i < n; i++) x[i] = r.nextLong() & Ring.mask(ell);
                switch (op) {
                    case "relu" -> cs.add(new Case(op, ell, AShare.split(Ring.of(ell), x, r), Relu::relu,
                            Relu.idealRelu(x, ell), Relu.reluCostBits(ell)));
                    case "trunc" -> {
                        int s = Math.max(1, Math.min(12, ell - 1));
                        cs.add(new Case("trunc" + s, ell, AShare.split(Ring.of(ell), x, r),
                                (p, a) -> Truncate.run(p, a, s, Truncate.Mode.EXACT), Truncate.ideal(x, ell, s),
                                Truncate.costBits(ell, s, Truncate.Mode.EXACT)));
                    }
                    case "requant" -> {
                        int b = ell >= 21 ? 8 : 4;
                        if (ell <= b) continue;
                        FixedPoint f = FixedPoint.of(Math.scalb(1.37, -(ell - b)));
                        if (ell + f.multiplierBits() > 62) f = FixedPoint.of(Math.scalb(1.37, -(ell - b)), Math.max(2, 62 - ell));
                        Requantizer rq = new Requantizer(new FixedPoint[] {f}, QType.unsigned(b, 1), Math.min(32, ell));
                        int accBits = Math.min(32, ell);
                        long[] acc = new long[n];
                        for (int i = 0; i < n; i++) acc[i] = Ring.of(accBits).signed(x[i] & Ring.mask(accBits));
                        Requant.Spec spec = Requant.Spec.of(rq, null, b + 1);
                        cs.add(new Case("requant", ell, AShare.split(Ring.of(ell), acc, r), (p, a) -> Requant.run(p, a, spec),
                                Requant.ideal(acc, spec), Requant.costBits(spec)));
                    }
                    default -> throw new IllegalArgumentException(op);
                }
            }
        }
        return cs;
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private record Timing(long nanos, long cpuNanos, ChannelStats stats) {}

    private static int runNet(String net, Shaping shaping, List<String> ops, int[] ells, int n, int reps, long seed, PrintStream out) {
        List<Case> cs = cases(ops, ells, n, seed);
        NetOptions opts = NetOptions.defaults().withShaping(shaping).withTimeout(Duration.ofMinutes(5));
        Channel[] pair = Channels.inMemoryPair(opts);
        OtProvider ot = OtProvider.iknp();
        long[] setup = new long[2];
        var res = TwoParty.run(pair, ch -> party(Role.SERVER, ch, ot, cs, reps, setup),
                ch -> party(Role.CLIENT, ch, ot, cs, reps, null), Duration.ofHours(1));
        out.printf("%-5s OT setup (base OTs of 4 sessions): %d B, %.2f s%n", net, setup[0], setup[1] / 1e9);
        int rc = 0;
        for (int c = 0; c < cs.size(); c++) {
            Case k = cs.get(c);
            AShare s0 = (AShare) res.p0().get(c)[0], s1 = (AShare) res.p1().get(c)[0];
            boolean ok = Arrays.equals(k.ideal, AShare.reconstruct(s0, s1));
            long[] times = new long[reps], cpus = new long[reps];
            ChannelStats st = null;
            for (int t = 0; t < reps; t++) {
                Timing tm = (Timing) res.p0().get(c)[1 + t], tc = (Timing) res.p1().get(c)[1 + t];
                times[t] = tm.nanos;
                cpus[t] = tm.cpuNanos + tc.cpuNanos;
                st = tm.stats;
            }
            Arrays.sort(times);
            Arrays.sort(cpus);
            double sec = times[reps / 2] / 1e9;
            out.printf("%-5s %-8s %4d %10.3f %8.3f %14.0f %10.1f %8.1f %8d  %s%n", net, k.op, k.ell, sec, cpus[reps / 2] / 1e9,
                    n / sec, st.bytesTotal() / (double) n, k.theoryBits / 8.0, st.rounds(), ok ? "ok" : "MISMATCH");
            if (!ok) rc = 1;
        }
        pair[0].close();
        pair[1].close();
        return rc;
    }

    /** Per case: [the verified output share, then one Timing per rep]. */
    private static List<Object[]> party(Role role, Channel ch, OtProvider ot, List<Case> cs, int reps, long[] setup) {
        try (Party p = new Party(role, ch, ot)) {
            long t0 = System.nanoTime();
            Relu.relu(p, AShare.zeros(Ring.of(8), 1));   // opens all OT sessions
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
                    long s = System.nanoTime(), cpu = THREADS.getCurrentThreadCpuTime();
                    k.body.apply(p, mine);
                    ch.flush();
                    row[1 + t] = new Timing(System.nanoTime() - s, THREADS.getCurrentThreadCpuTime() - cpu, ch.stats().minus(before));
                }
                res.add(row);
            }
            return res;
        }
    }

    /** Print the millionaire plans (digit widths) chosen per ℓ, for the report. */
    public static String plans(int[] ells) {
        StringBuilder sb = new StringBuilder();
        for (int e : ells) sb.append("ℓ=").append(e).append(": ").append(Millionaire.Plan.choose(e - 1)).append('\n');
        return sb.toString();
    }
}
