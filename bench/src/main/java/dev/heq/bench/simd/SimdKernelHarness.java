package dev.heq.bench.simd;

import dev.heq.kernel.KernelProvider;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.Modulus;
import dev.heq.kernel.NttTables;
import dev.heq.kernel.Primes;
import dev.heq.kernel.TierUnavailableException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * JMH-free timing of the simd tier next to the reference and (if present) scalar tiers: forward/inverse NTT
 * (N = 4096, 16384; 30-, 50-, 60-bit primes) and mulMod / mulConstMod of 4096 elements.
 *
 * <p>Each case first checks the tier's output against the reference, then warms up for {@code warmupSec}
 * seconds (Vector API code is ~1000× slower before C2), then times {@code reps} batches of calls and prints the
 * best and median wall-clock ns per call and the median thread-CPU ns per call. Numbers are indicative: the
 * machine is a shared 2-vCPU VM.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp ... dev.heq.bench.simd.SimdKernelHarness [warmupSec] [reps] [filter]</pre>
 */
public final class SimdKernelHarness {
    private SimdKernelHarness() {}

    interface Op {
        void run();
    }

    /** Thread CPU time excludes time the shared VM spends running other processes' threads on our core. */
    static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        double warm = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String filter = args.length > 2 ? args[2] : "";
        List<Kernels> tiers = new ArrayList<>();
        tiers.add(KernelProvider.load("simd"));
        try {
            tiers.add(KernelProvider.load("scalar"));
        } catch (TierUnavailableException e) {
            System.out.println("# scalar tier unavailable: " + e.getMessage());
        }
        tiers.add(KernelProvider.reference());
        System.out.println("# " + tiers.get(0).describe() + "; warm-up " + warm + " s per case, best/median of " + reps + " batches");
        System.out.printf("%-10s %-26s %-6s %-14s %12s %12s %12s%n", "tier", "op", "N", "path", "best ns", "median ns", "median cpu");
        SplittableRandom r = new SplittableRandom(42);
        for (int n : new int[] {4096, 16384}) {
            for (int bits : new int[] {30, 50, 60}) {
                long q = Primes.nttPrime(bits, n);
                NttTables t = NttTables.of(n, q);
                long[] x = r.longs(n, 0, q).toArray();
                long[] y = new long[n];
                long[] expF = new long[n];
                long[] expI = new long[n];
                KernelProvider.reference().forwardNtt(expF, 0, x, 0, t, 1, 1);
                KernelProvider.reference().inverseNtt(expI, 0, x, 0, t, 1, 1);
                for (Kernels k : tiers) {
                    boolean ref = k.tier().equals("reference");
                    String fwd = "forwardNtt " + bits + "-bit";
                    if (fwd.contains(filter)) {
                        k.forwardNtt(y, 0, x, 0, t, 1, 1);
                        check(k, fwd, expF, y);
                        time(k, fwd, n, k.path(n, q), () -> k.forwardNtt(y, 0, x, 0, t, 1, 1), ref ? 0.5 : warm, ref ? 5 : reps);
                    }
                    String inv = "inverseNtt " + bits + "-bit";
                    if (inv.contains(filter)) {
                        k.inverseNtt(y, 0, x, 0, t, 1, 1);
                        check(k, inv, expI, y);
                        time(k, inv, n, k.path(n, q), () -> k.inverseNtt(y, 0, x, 0, t, 1, 1), ref ? 0.5 : warm, ref ? 5 : reps);
                    }
                }
            }
        }
        int n = 4096;
        for (int bits : new int[] {30, 50, 60}) {
            long qv = Primes.nttPrime(bits, n);
            Modulus q = Modulus.of(qv);
            long[] a = r.longs(n, 0, qv).toArray();
            long[] b = r.longs(n, 0, qv).toArray();
            long w = r.nextLong(qv);
            long ws = q.shoup(w);
            long[] o = new long[n];
            long[] e1 = new long[n];
            long[] e2 = new long[n];
            KernelProvider.reference().mulMod(e1, 0, a, 0, b, 0, n, q, 1);
            KernelProvider.reference().mulConstMod(e2, 0, a, 0, w, ws, n, q, 1);
            for (Kernels k : tiers) {
                boolean ref = k.tier().equals("reference");
                String mm = "mulMod " + bits + "-bit";
                if (mm.contains(filter)) {
                    k.mulMod(o, 0, a, 0, b, 0, n, q, 1);
                    check(k, mm, e1, o);
                    time(k, mm, n, "", () -> k.mulMod(o, 0, a, 0, b, 0, n, q, 1), ref ? 0.5 : warm, ref ? 5 : reps);
                }
                String mc = "mulConstMod " + bits + "-bit";
                if (mc.contains(filter)) {
                    k.mulConstMod(o, 0, a, 0, w, ws, n, q, 1);
                    check(k, mc, e2, o);
                    time(k, mc, n, "", () -> k.mulConstMod(o, 0, a, 0, w, ws, n, q, 1), ref ? 0.5 : warm, ref ? 5 : reps);
                }
            }
        }
    }

    static void check(Kernels k, String what, long[] expect, long[] got) {
        if (!Arrays.equals(expect, got)) {
            throw new AssertionError(k.tier() + " " + what + " differs from the reference");
        }
    }

    static void time(Kernels k, String what, int n, String path, Op op, double warmSec, int reps) {
        // Warm up for warmSec, then continue in 1 s chunks until the call rate settles (within 10 % of the
        // previous chunk; at most 30 s more): on a loaded machine C2 may still be compiling the large stage
        // methods after warmSec, and timing the interpreter would be meaningless.
        long start = System.nanoTime();
        long calls = 0;
        double prevRate = -1;
        double rate = 0;
        while (true) {
            long c0 = System.nanoTime();
            long n0 = calls;
            while (System.nanoTime() - c0 < 1_000_000_000L) {
                op.run();
                calls++;
            }
            rate = (calls - n0) / ((System.nanoTime() - c0) / 1e9);
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (elapsed >= warmSec && (prevRate > 0 && Math.abs(rate - prevRate) < 0.1 * prevRate || elapsed > warmSec + 30)) {
                break;
            }
            prevRate = rate;
        }
        // batch so that one batch takes roughly 50 µs or more
        long perCall = Math.max(1, (long) (1e9 / rate));
        int batch = (int) Math.max(1, Math.min(10_000, 50_000 / perCall));
        double[] t = new double[reps];
        double[] cpu = new double[reps];
        for (int i = 0; i < reps; i++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int j = 0; j < batch; j++) {
                op.run();
            }
            t[i] = (System.nanoTime() - t0) / (double) batch;
            cpu[i] = (THREADS.getCurrentThreadCpuTime() - c0) / (double) batch;
        }
        Arrays.sort(t);
        Arrays.sort(cpu);
        System.out.printf("%-10s %-26s %-6d %-14s %12.0f %12.0f %12.0f%n", k.tier(), what, n, path, t[0], t[reps / 2], cpu[reps / 2]);
    }
}
