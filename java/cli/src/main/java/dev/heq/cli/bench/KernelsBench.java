package dev.heq.cli.bench;

import dev.heq.cli.base.HeqCommand;
import dev.heq.cli.base.Progress;
import dev.heq.kernel.KernelProvider;
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
import java.util.function.LongSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code heq bench kernels}: every available tier side by side. For each (operation, N, modulus) each tier's output
 * is first checked against the reference tier; then each tier is warmed up to its plateau ({@link Timer}) and the
 * tiers are timed in interleaved rounds, so a noisy neighbour hurts them alike; median / best µs per call. JMH
 * (bench/) gives the careful numbers; this gives a comparable table on any machine, and with --json a file for
 * {@code heq bench compare}.
 */
@Command(name = "kernels", header = "kernel tiers side by side: NTT, mulMod, Σ ct×pt; median / best µs", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Kernel tiers side by side: outputs checked against the reference, then interleaved timing rounds, "
                + "median / best µs per call.",
            "Default: fwd/inv NTT, mulMod and the fused Σ ct×pt at N=4096, 50- and 60-bit primes, every available tier "
                + "but reference (about 30-60 s). --quick: fwd NTT and mulMod, 50-bit (about 10 s). --full: every op, "
                + "N=4096,16384, 30/50/60-bit, long warm-up and rounds (minutes)."})
public final class KernelsBench extends HeqCommand {

    /** The timed operations; the names are the --ops values. */
    public enum Op {
        FWD("fwd NTT"), INV("inv NTT"), MULMOD("mulMod"), MULCONST("mulConst"), FMA("fmaMod"), ADD("addMod"),
        MAC("mulAcc x64"),
        /** Ciphertext-shaped: both components of 64 ct×pt products in one fused call (compare with 2 × mulAcc x64). */
        MACPAIR("macPair x64");

        final String label;

        Op(String label) {
            this.label = label;
        }
    }

    @Option(names = "--quick", description = "fwd NTT and mulMod at 50 bits, short warm-up and rounds")
    boolean quick;

    @Option(names = "--full", description = "every op at N=4096,16384 and 30/50/60 bits, long warm-up and rounds")
    boolean full;

    @Option(names = "--tiers", split = ",", paramLabel = "TIER", description = "tiers to run (default: every available one but reference)")
    List<String> tiers;

    @Option(names = "--ops", split = ",", paramLabel = "OP", description = "operations: ${COMPLETION-CANDIDATES}")
    List<Op> ops;

    @Option(names = "--n", split = ",", paramLabel = "N", description = "ring degrees (powers of two)")
    int[] ns;

    @Option(names = "--bits", split = ",", paramLabel = "B", description = "modulus sizes in bits, 20..62 (the largest NTT prime below 2^B)")
    int[] bits;

    @Option(names = "--warmup-ms", paramLabel = "MS", description = "minimum warm-up per tier and op")
    Long warmupMs;

    @Option(names = "--rounds", paramLabel = "R", description = "interleaved timing rounds")
    Integer rounds;

    @Option(names = "--round-ms", paramLabel = "MS", description = "time of one tier's batch in a round")
    Long roundMs;

    @Mixin
    BenchOptions bench;

    @Override
    public Integer call() throws Exception {
        if (quick && full) {
            throw bad("--quick and --full exclude each other");
        }
        List<Op> opList = ops != null ? ops : quick ? List.of(Op.FWD, Op.MULMOD) : full ? List.of(Op.values())
                : List.of(Op.FWD, Op.INV, Op.MULMOD, Op.MACPAIR);
        int[] nList = ns != null ? ns : full ? new int[] {4096, 16384} : new int[] {4096};
        int[] bitList = bits != null ? bits : quick ? new int[] {50} : full ? new int[] {30, 50, 60} : new int[] {50, 60};
        long warm = warmupMs != null ? warmupMs : quick ? 200 : full ? 1500 : 300;
        int rnd = rounds != null ? rounds : quick ? 5 : full ? 12 : 7;
        long rms = roundMs != null ? roundMs : quick ? 10 : full ? 100 : 20;
        for (int n : nList) {
            try {
                NttTables.checkDegree(n);
            } catch (IllegalArgumentException e) {
                throw bad("--n: " + e.getMessage());
            }
        }
        for (int b : bitList) {
            if (b < 20 || b > 62) {
                throw bad("--bits: " + b + " is outside 20..62");
            }
        }
        if (warm < 0 || rnd < 1 || rms < 1) {
            throw bad("--warmup-ms must be ≥ 0, --rounds and --round-ms ≥ 1");
        }
        String unknown = tiers == null ? null : BenchOptions.unknownTier(tiers);
        if (unknown != null) {
            throw bad("--tiers: unknown tier '" + unknown + "' (valid: " + BenchOptions.validTiers() + ")");
        }
        List<String> names = tiers != null ? tiers : BenchOptions.availableTiersButReference();
        PrintStream out = out();
        Map<String, Kernels> loaded = new LinkedHashMap<>();
        for (String name : names) {
            try {
                loaded.put(name, KernelProvider.load(name));
            } catch (TierUnavailableException e) {
                out.println("(skipping tier " + name + ": " + e.getMessage() + ")");
            }
        }
        if (loaded.isEmpty()) {
            throw new IllegalArgumentException("none of the tiers " + names + " is available here ('heq info' says why)");
        }
        Timer.Budget budget = Timer.Budget.ofMillis(warm, rnd, rms);
        Results results = Results.here("kernels", commandLineText(), nList[0]);
        out.printf(Locale.ROOT, "heq bench kernels: median / best µs per call; %d interleaved rounds of ~%d ms per tier, warm-up ≥ %d ms "
                + "per tier and op (to a plateau with the JIT quiet)%n", rnd, rms, warm);
        out.println("machine: " + results.machine().get("cpu_model") + ", " + results.machine().get("cores") + " cores; JVM " + Runtime.version()
                + "; HEQ " + results.machine().get("heq_commit"));
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-11s %6s %4s", "op", "N", "bits"));
        for (String t : loaded.keySet()) {
            header.append(String.format(Locale.ROOT, " | %-17s", t));
        }
        out.println(header);
        out.println("-".repeat(header.length()));
        int wrong = 0;
        try (Progress progress = Progress.start("bench kernels", opList.size() * nList.length * bitList.length)) {
            for (Op op : opList) {
                for (int n : nList) {
                    for (int b : bitList) {
                        progress.step(op.label + " N=" + n + " " + b + "-bit");
                        long q = Primes.nttPrime(b, n);
                        Case c = new Case(op, n, q, new SplittableRandom(n * 31L + b));
                        Map<String, Timer.Stats> res = measure(c, loaded, budget);
                        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-11s %6d %4d", op.label, n, b));
                        for (Map.Entry<String, Kernels> e : loaded.entrySet()) {
                            Timer.Stats s = res.get(e.getKey());
                            row.append(String.format(Locale.ROOT, " | %-17s", s == null ? "WRONG RESULT" : s.medianMin()));
                            if (s == null) {
                                wrong++;
                                continue;
                            }
                            Map<String, Object> params = new LinkedHashMap<>();
                            params.put("n", n);
                            params.put("modulus", q);
                            params.put("bits", b);
                            results.add(new Results.Row(op.label, params, e.getKey(), e.getValue().path(n, q), "us", s, Map.of()));
                        }
                        out.println(row);
                    }
                }
            }
        }
        out.println();
        out.println("code paths (N=" + nList[0] + "):");
        for (Map.Entry<String, Kernels> e : loaded.entrySet()) {
            StringBuilder sb = new StringBuilder("  " + e.getKey() + ": ");
            for (int b : bitList) {
                sb.append(b).append("-bit ").append(e.getValue().path(nList[0], Primes.nttPrime(b, nList[0]))).append("  ");
            }
            out.println(sb.toString().trim());
        }
        bench.write(results, out);
        if (wrong > 0) {
            out.println(wrong + " tier/op results differ from the reference tier: see WRONG RESULT above");
            return 1;
        }
        return 0;
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
        /** c1 parts and the c1 output of MACPAIR (the c0 sum is checked and reported, the c1 sum is computed alike). */
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
            int count = op == Op.MAC || op == Op.MACPAIR ? 64 : 0;
            this.as = new long[count][];
            this.bs = new long[count][];
            for (int j = 0; j < count; j++) {
                as[j] = r.longs(n, 0, q).toArray();
                bs[j] = r.longs(n, 0, q).toArray();
            }
            int count1 = op == Op.MACPAIR ? 64 : 0;
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
                case FWD -> k.forwardNtt(out, 0, a, 0, t, 1, 1);
                case INV -> k.inverseNtt(out, 0, a, 0, t, 1, 1);
                case MULMOD -> k.mulMod(out, 0, a, 0, b, 0, n, m, 1);
                case MULCONST -> k.mulConstMod(out, 0, a, 0, w, wShoup, n, m, 1);
                case FMA -> k.fmaMod(out, 0, a, 0, w, c, 0, n, m, 1);
                case ADD -> k.addMod(out, 0, a, 0, b, 0, n, m);
                case MAC -> k.mulAccumulate(out, 0, as, bs, as.length, 0, n, m);
                case MACPAIR -> k.mulAccumulatePair(out, 0, out1, 0, as, a1s, bs, as.length, 0, n, m);
            }
        }
    }

    /** Tier → per-call µs statistics; a tier whose output differs from the reference (before or after timing) maps to null. */
    static Map<String, Timer.Stats> measure(Case c, Map<String, Kernels> tiers, Timer.Budget budget) {
        Map<String, Timer.Stats> result = new LinkedHashMap<>();
        List<String> ok = new ArrayList<>();
        List<LongSupplier> ops = new ArrayList<>();
        Map<String, long[]> outs = new LinkedHashMap<>();
        for (Map.Entry<String, Kernels> e : tiers.entrySet()) {
            long[] out = new long[c.n];
            c.call(e.getValue(), out);
            if (!Arrays.equals(out, c.expected)) {
                result.put(e.getKey(), null);
                continue;
            }
            Kernels k = e.getValue();
            ok.add(e.getKey());
            outs.put(e.getKey(), out);
            ops.add(() -> {
                c.call(k, out);
                return out[0];
            });
        }
        if (!ops.isEmpty()) {
            int[] perCall = new int[ops.size()];
            Arrays.fill(perCall, 1);
            List<Timer.Stats> stats = Timer.interleaved(ops, perCall, budget);
            for (int i = 0; i < ok.size(); i++) {
                boolean stillRight = Arrays.equals(outs.get(ok.get(i)), c.expected);
                result.put(ok.get(i), stillRight ? stats.get(i) : null);
            }
        }
        return result;
    }
}
