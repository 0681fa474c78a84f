package dev.heq.cli;

import dev.heq.kernel.KernelProvider;
import dev.heq.kernel.KernelProvider.TierStatus;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.Modulus;
import dev.heq.kernel.NttTables;
import dev.heq.kernel.Primes;
import dev.heq.kernel.TierUnavailableException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code heq bench kernels}: a short side-by-side run of every available tier. For each (operation, N, modulus
 * size) it first checks every tier's output against the reference tier, warms each tier up, then runs rounds in
 * which the tiers take turns (interleaved, so a noisy neighbour hurts them alike) and reports the median and the
 * best per-call time. JMH (bench/) gives the careful numbers; this gives a quick table on any machine.
 */
public final class BenchKernelsCommand {
    private BenchKernelsCommand() {}

    enum Op {
        NTT_FWD("fwd NTT"), NTT_INV("inv NTT"), MULMOD("mulMod"), MULCONST("mulConst"), FMA("fmaMod"), ADD("addMod"), MAC64("mulAcc x64"),
        /** Ciphertext-shaped: both components of 64 ct×pt products in one fused call (compare with 2 × mulAcc x64). */
        MACPAIR64("macPair x64");

        final String label;

        Op(String label) {
            this.label = label;
        }
    }

    record Options(int[] ns, int[] bits, List<String> tiers, List<Op> ops, long warmupMs, int rounds, long roundMs) {}

    public static int run(String[] args, PrintStream out) {
        Options o = parse(args);
        if (o == null) {
            usage(out);
            return 0;
        }
        Map<String, Kernels> tiers = new LinkedHashMap<>();
        for (String name : o.tiers()) {
            try {
                tiers.put(name, KernelProvider.load(name));
            } catch (TierUnavailableException e) {
                out.println("(skipping tier " + name + ": " + e.getMessage() + ")");
            }
        }
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("no tier to benchmark");
        }
        out.printf(Locale.ROOT, "kernels side by side — median / best µs per call, %d interleaved rounds of ~%d ms, warm-up %d ms per tier and op%n",
                o.rounds(), o.roundMs(), o.warmupMs());
        out.println("machine: " + InfoCommand.cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores; JVM " + Runtime.version());
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-11s %6s %4s", "op", "N", "bits"));
        for (String t : tiers.keySet()) {
            header.append(String.format(Locale.ROOT, " | %-22s", t));
        }
        out.println(header);
        out.println("-".repeat(header.length()));
        for (Op op : o.ops()) {
            for (int n : o.ns()) {
                for (int bits : o.bits()) {
                    long q = Primes.nttPrime(bits, n);
                    Case c = new Case(op, n, q, new SplittableRandom(n * 31L + bits));
                    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-11s %6d %4d", op.label, n, bits));
                    Map<String, double[]> res = measure(c, tiers, o);
                    for (Map.Entry<String, Kernels> e : tiers.entrySet()) {
                        double[] r = res.get(e.getKey());
                        String cell = r == null ? "WRONG RESULT" : String.format(Locale.ROOT, "%8s / %-8s", fmt(r[0]), fmt(r[1]));
                        row.append(String.format(Locale.ROOT, " | %-22s", cell));
                    }
                    out.println(row);
                }
            }
        }
        out.println();
        out.println("code paths (N=" + o.ns()[0] + "): ");
        for (Map.Entry<String, Kernels> e : tiers.entrySet()) {
            StringBuilder sb = new StringBuilder("  " + e.getKey() + ": ");
            for (int bits : o.bits()) {
                sb.append(bits).append("-bit ").append(e.getValue().path(o.ns()[0], Primes.nttPrime(bits, o.ns()[0]))).append("  ");
            }
            out.println(sb.toString().trim());
        }
        return 0;
    }

    private static String fmt(double us) {
        return us >= 100 ? String.format(Locale.ROOT, "%.0f", us) : us >= 10 ? String.format(Locale.ROOT, "%.1f", us) : String.format(Locale.ROOT, "%.2f", us);
    }

    /** Inputs and the reference answer for one (op, N, q). */
    static final class Case {
        final Op op;
        final int n;
        final Modulus m;
        final NttTables t;
        final long[] a;
        final long[] b;
        final long[] c;
        final long w;
        final long wShoup;
        final long[][] as;
        final long[][] bs;
        /** c1 parts and the c1 output of MACPAIR64 (the table checks and reports c0, the c1 sum is computed alike). */
        final long[][] a1s;
        final long[] out1;
        final long[] expected;

        Case(Op op, int n, long q, SplittableRandom r) {
            this.op = op;
            this.n = n;
            this.m = Modulus.of(q);
            this.t = NttTables.of(n, q);
            this.a = r.longs(n, 0, q).toArray();
            this.b = r.longs(n, 0, q).toArray();
            this.c = r.longs(n, 0, q).toArray();
            this.w = r.nextLong(q);
            this.wShoup = m.shoup(w);
            int count = op == Op.MAC64 || op == Op.MACPAIR64 ? 64 : 0;
            this.as = new long[count][];
            this.bs = new long[count][];
            for (int j = 0; j < count; j++) {
                as[j] = r.longs(n, 0, q).toArray();
                bs[j] = r.longs(n, 0, q).toArray();
            }
            int count1 = op == Op.MACPAIR64 ? 64 : 0;
            this.a1s = new long[count1][];
            for (int j = 0; j < count1; j++) {
                a1s[j] = r.longs(n, 0, q).toArray();
            }
            this.out1 = new long[n];
            this.expected = new long[n];
            call(KernelProvider.reference(), expected);
        }

        void call(Kernels k, long[] out) {
            switch (op) {
                case NTT_FWD -> k.forwardNtt(out, 0, a, 0, t, 1, 1);
                case NTT_INV -> k.inverseNtt(out, 0, a, 0, t, 1, 1);
                case MULMOD -> k.mulMod(out, 0, a, 0, b, 0, n, m, 1);
                case MULCONST -> k.mulConstMod(out, 0, a, 0, w, wShoup, n, m, 1);
                case FMA -> k.fmaMod(out, 0, a, 0, w, c, 0, n, m, 1);
                case ADD -> k.addMod(out, 0, a, 0, b, 0, n, m);
                case MAC64 -> k.mulAccumulate(out, 0, as, bs, as.length, 0, n, m);
                case MACPAIR64 -> k.mulAccumulatePair(out, 0, out1, 0, as, a1s, bs, as.length, 0, n, m);
            }
        }
    }

    /** Returns tier → {median µs, best µs}; a tier whose output differs from the reference maps to null. */
    static Map<String, double[]> measure(Case c, Map<String, Kernels> tiers, Options o) {
        Map<String, double[]> result = new LinkedHashMap<>();
        Map<String, Integer> batch = new LinkedHashMap<>();
        long[] out = new long[c.n];
        for (Map.Entry<String, Kernels> e : tiers.entrySet()) {
            Kernels k = e.getValue();
            Arrays.fill(out, 0);
            c.call(k, out);
            if (!Arrays.equals(out, c.expected)) {
                result.put(e.getKey(), null);
                continue;
            }
            // Warm up until the call rate settles: the simd tier runs ~1000x slower until C2 has compiled it, and
            // on a loaded machine that compile can take seconds. Chunks of ~50 ms; stop once the minimum warm-up
            // time has passed and the best per-call time has not improved by more than 10% over the last five
            // chunks (capped at max(warmup, 20 s)). Then size a batch to ~roundMs / 5.
            long start = System.nanoTime();
            // Vector API code runs interpreted at a steady, ~1000x slower rate until C2 finishes compiling it, which
            // a plateau test cannot tell from the final rate: give the simd tier at least 6 s per op and path.
            long minMs = e.getKey().equals("simd") ? Math.max(o.warmupMs(), 6000) : o.warmupMs();
            long minEnd = start + minMs * 1_000_000;
            long capEnd = start + Math.max(o.warmupMs(), 20_000) * 1_000_000;
            double best = Double.MAX_VALUE;
            int sinceImproved = 0;
            double perCall;
            while (true) {
                long c0 = System.nanoTime();
                int calls = 0;
                do {
                    c.call(k, out);
                    calls++;
                } while (System.nanoTime() - c0 < 50_000_000L);
                double chunk = (System.nanoTime() - c0) / (double) calls;
                if (chunk < best * 0.9) {
                    sinceImproved = 0;
                } else {
                    sinceImproved++;
                }
                best = Math.min(best, chunk);
                long now = System.nanoTime();
                if ((now >= minEnd && sinceImproved >= 5) || now >= capEnd) {
                    perCall = best;
                    break;
                }
            }
            batch.put(e.getKey(), (int) Math.max(1, Math.min(1_000_000, (o.roundMs() * 1_000_000 / 5) / Math.max(perCall, 1))));
            if (!Arrays.equals(out, c.expected)) {
                result.put(e.getKey(), null);
            }
        }
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        for (int round = 0; round < o.rounds(); round++) {
            for (Map.Entry<String, Kernels> e : tiers.entrySet()) {
                Integer calls = batch.get(e.getKey());
                if (calls == null || (result.containsKey(e.getKey()) && result.get(e.getKey()) == null)) {
                    continue;
                }
                Kernels k = e.getValue();
                for (int rep = 0; rep < 5; rep++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < calls; i++) {
                        c.call(k, out);
                    }
                    double us = (System.nanoTime() - t0) / 1000.0 / calls;
                    samples.computeIfAbsent(e.getKey(), x -> new ArrayList<>()).add(us);
                }
            }
        }
        for (Map.Entry<String, List<Double>> e : samples.entrySet()) {
            double[] s = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            result.put(e.getKey(), new double[] {s[s.length / 2], s[0]});
        }
        return result;
    }

    private static void usage(PrintStream out) {
        out.println("usage: heq bench kernels [--n 4096,16384] [--bits 30,50,60] [--tiers scalar,simd,ffm,jna,hexl]");
        out.println("                         [--ops fwd,inv,mulmod,mulconst,fma,add,mac,macpair] [--warmup-ms 1500] [--rounds 10] [--round-ms 100] [--quick]");
        out.println("Checks each tier against the reference first, then times them interleaved. Defaults: every available");
        out.println("tier except reference, N=4096, 30/50/60-bit primes, all ops.");
    }

    static Options parse(String[] args) {
        int[] ns = {4096};
        int[] bits = {30, 50, 60};
        List<String> tiers = null;
        List<Op> ops = new ArrayList<>(List.of(Op.values()));
        long warmup = 1500;
        int rounds = 10;
        long roundMs = 100;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--quick" -> {
                    warmup = 500;
                    rounds = 5;
                    roundMs = 60;
                    ops = new ArrayList<>(List.of(Op.NTT_FWD, Op.MULMOD));
                }
                case "--n" -> ns = ints(a, value(args, ++i, a));
                case "--bits" -> bits = ints(a, value(args, ++i, a));
                case "--tiers" -> tiers = List.of(value(args, ++i, a).split(","));
                case "--ops" -> {
                    ops = new ArrayList<>();
                    for (String s : value(args, ++i, a).split(",")) {
                        ops.add(switch (s) {
                            case "fwd" -> Op.NTT_FWD;
                            case "inv" -> Op.NTT_INV;
                            case "mulmod" -> Op.MULMOD;
                            case "mulconst" -> Op.MULCONST;
                            case "fma" -> Op.FMA;
                            case "add" -> Op.ADD;
                            case "mac" -> Op.MAC64;
                            case "macpair" -> Op.MACPAIR64;
                            default -> throw new IllegalArgumentException("--ops: unknown op '" + s + "' (fwd,inv,mulmod,mulconst,fma,add,mac,macpair)");
                        });
                    }
                }
                case "--warmup-ms" -> warmup = ints(a, value(args, ++i, a))[0];
                case "--rounds" -> rounds = ints(a, value(args, ++i, a))[0];
                case "--round-ms" -> roundMs = ints(a, value(args, ++i, a))[0];
                default -> throw new IllegalArgumentException("unknown option '" + a + "' (see heq bench kernels --help)");
            }
        }
        for (int n : ns) {
            NttTables.checkDegree(n);
        }
        for (int b : bits) {
            if (b < 20 || b > 62) {
                throw new IllegalArgumentException("--bits: " + b + " is outside [20, 62]");
            }
        }
        if (rounds < 1 || roundMs < 1 || warmup < 0) {
            throw new IllegalArgumentException("--rounds, --round-ms must be ≥ 1 and --warmup-ms ≥ 0");
        }
        if (tiers == null) {
            tiers = new ArrayList<>();
            for (TierStatus s : KernelProvider.survey()) {
                if (s.available() && !s.name().equals("reference")) {
                    tiers.add(s.name());
                }
            }
        }
        return new Options(ns, bits, tiers, ops, warmup, rounds, roundMs);
    }

    private static String value(String[] args, int i, String opt) {
        if (i >= args.length) {
            throw new IllegalArgumentException(opt + " needs a value");
        }
        return args[i];
    }

    private static int[] ints(String opt, String csv) {
        try {
            return Arrays.stream(csv.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + ": '" + csv + "' is not a comma-separated list of integers");
        }
    }
}
