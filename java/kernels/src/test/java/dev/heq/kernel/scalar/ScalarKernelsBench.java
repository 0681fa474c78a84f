package dev.heq.kernel.scalar;

import dev.heq.kernel.Kernels;
import dev.heq.kernel.Modulus;
import dev.heq.kernel.NttTables;
import dev.heq.kernel.Primes;
import dev.heq.kernel.reference.ReferenceKernels;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * JMH-free side-by-side timing of the scalar tier against the reference (not a test: run it by hand).
 *
 * <pre>
 * (from the repository root) source toolchains/jdk25.sh &amp;&amp; mvn -B -q -o -pl java/kernels test-compile
 * $JAVA_HOME/bin/java -cp java/kernels/target/classes:java/kernels/target/test-classes \
 *     dev.heq.kernel.scalar.ScalarKernelsBench [warmupSeconds=4] [rounds=40]
 * </pre>
 *
 * Every case is first checked against the reference (factor-1 outputs must be equal). Then all cases are run
 * round-robin for the warm-up time, then {@code rounds} interleaved rounds; each round times one batch of calls
 * per case. Printed: best and median wall time per call over the rounds, and the same for the thread's CPU time. The machine is
 * shared, so only numbers from one run are comparable.
 */
public final class ScalarKernelsBench {
    private record Case(String name, Runnable op, int batch) {}

    public static void main(String[] args) {
        double warmup = args.length > 0 ? Double.parseDouble(args[0]) : 4;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        Kernels s = ScalarKernels.INSTANCE;
        Kernels ref = ReferenceKernels.INSTANCE;
        SplittableRandom r = new SplittableRandom(1);
        List<Case> cases = new ArrayList<>();
        for (int n : new int[] {4096, 16384}) {
            for (int bits : new int[] {30, 50, 60}) {
                NttTables t = NttTables.of(n, Primes.nttPrime(bits, n));
                long q = t.q();
                long[] a = r.longs(n, 0, q).toArray();
                long[] o = new long[n];
                long[] e = a.clone();
                ref.forwardNtt(e, 0, t);
                s.forwardNtt(o, 0, a, 0, t, 1, 1);
                check(e, o, "forward " + n + "/" + bits);
                e = a.clone();
                ref.inverseNtt(e, 0, t);
                s.inverseNtt(o, 0, a, 0, t, 1, 1);
                check(e, o, "inverse " + n + "/" + bits);
                String tag = String.format("N=%-5d %2d-bit", n, bits);
                int sb = n == 4096 ? 4 : 1;
                // in place (the common call, Kernels.forwardNtt(a, off, t)); the data is re-reduced by the inverse
                long[] ip = a.clone();
                cases.add(new Case("scalar    fwd+inv in place " + tag + "  ", () -> {
                    s.forwardNtt(ip, 0, ip, 0, t, 1, 1);
                    s.inverseNtt(ip, 0, ip, 0, t, 1, 1);
                }, sb));
                cases.add(new Case("scalar    forwardNtt " + tag + " out=4", () -> s.forwardNtt(o, 0, a, 0, t, 1, 4), sb));
                cases.add(new Case("scalar    forwardNtt " + tag + " out=1", () -> s.forwardNtt(o, 0, a, 0, t, 1, 1), sb));
                cases.add(new Case("scalar    inverseNtt " + tag + " out=2", () -> s.inverseNtt(o, 0, a, 0, t, 1, 2), sb));
                cases.add(new Case("scalar    inverseNtt " + tag + " out=1", () -> s.inverseNtt(o, 0, a, 0, t, 1, 1), sb));
                if (n == 4096) {
                    cases.add(new Case("reference forwardNtt " + tag + " out=1", () -> ref.forwardNtt(o, 0, a, 0, t, 1, 1), 1));
                    cases.add(new Case("reference inverseNtt " + tag + " out=1", () -> ref.inverseNtt(o, 0, a, 0, t, 1, 1), 1));
                }
            }
        }
        for (int bits : new int[] {30, 50, 60}) {
            int n = 4096;
            Modulus m = Modulus.of(Primes.nttPrime(bits, n));
            long q = m.value();
            long[] a = r.longs(n, 0, q).toArray();
            long[] b = r.longs(n, 0, q).toArray();
            long[] o = new long[n];
            long[] e = new long[n];
            long w = r.nextLong(q);
            long ws = m.shoup(w);
            ref.mulMod(e, 0, a, 0, b, 0, n, m, 1);
            s.mulMod(o, 0, a, 0, b, 0, n, m, 1);
            check(e, o, "mulMod " + bits);
            String tag = String.format("n=%-5d %2d-bit", n, bits);
            cases.add(new Case("scalar    mulMod      " + tag, () -> s.mulMod(o, 0, a, 0, b, 0, n, m, 1), 16));
            cases.add(new Case("scalar    mulMod k=4  " + tag, () -> s.mulMod(o, 0, a, 0, b, 0, n, m, 4), 16));
            cases.add(new Case("scalar    mulConstMod " + tag, () -> s.mulConstMod(o, 0, a, 0, w, ws, n, m, 1), 16));
            cases.add(new Case("scalar    addMod      " + tag, () -> s.addMod(o, 0, a, 0, b, 0, n, m), 64));
            cases.add(new Case("scalar    subMod      " + tag, () -> s.subMod(o, 0, a, 0, b, 0, n, m), 64));
            cases.add(new Case("reference mulMod      " + tag, () -> ref.mulMod(o, 0, a, 0, b, 0, n, m, 1), 1));
            cases.add(new Case("reference mulConstMod " + tag, () -> ref.mulConstMod(o, 0, a, 0, w, ws, n, m, 1), 1));
            cases.add(new Case("reference addMod      " + tag, () -> ref.addMod(o, 0, a, 0, b, 0, n, m), 4));
            if (bits == 60) {
                int count = 16;
                long[][] xs = new long[count][];
                long[][] ys = new long[count][];
                for (int j = 0; j < count; j++) {
                    xs[j] = r.longs(n, 0, q).toArray();
                    ys[j] = r.longs(n, 0, q).toArray();
                }
                ref.mulAccumulate(e, 0, xs, ys, count, 0, n, m);
                s.mulAccumulate(o, 0, xs, ys, count, 0, n, m);
                check(e, o, "mulAccumulate");
                cases.add(new Case("scalar    mulAccumulate x16 " + tag, () -> s.mulAccumulate(o, 0, xs, ys, count, 0, n, m), 1));
                cases.add(new Case("reference mulAccumulate x16 " + tag, () -> ref.mulAccumulate(o, 0, xs, ys, count, 0, n, m), 1));
            }
        }

        System.out.printf(Locale.ROOT, "# %s, %d cases, warm-up %.1f s round-robin, %d interleaved rounds%n",
                Runtime.version(), cases.size(), warmup, rounds);
        long end = System.nanoTime() + (long) (warmup * 1e9);
        while (System.nanoTime() < end) {
            for (Case c : cases) {
                if (!c.name.startsWith("reference") || r.nextInt(8) == 0) {
                    for (int i = 0; i < c.batch; i++) {
                        c.op.run();
                    }
                }
            }
        }
        // Wall time and this thread's CPU time (the latter leaves out time descheduled on the shared machine).
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[][] t = new double[cases.size()][rounds];
        double[][] cpu = new double[cases.size()][rounds];
        for (int k = 0; k < rounds; k++) {
            for (int ci = 0; ci < cases.size(); ci++) {
                Case c = cases.get(ci);
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                for (int i = 0; i < c.batch; i++) {
                    c.op.run();
                }
                long t1 = System.nanoTime();
                long c1 = mx.getCurrentThreadCpuTime();
                t[ci][k] = (t1 - t0) / (double) c.batch;
                cpu[ci][k] = (c1 - c0) / (double) c.batch;
            }
        }
        System.out.printf(Locale.ROOT, "%-48s %10s %10s %10s %10s%n", "case", "best µs", "median µs", "cpu best", "cpu med");
        for (int ci = 0; ci < cases.size(); ci++) {
            double[] v = t[ci].clone();
            Arrays.sort(v);
            double[] u = cpu[ci].clone();
            Arrays.sort(u);
            System.out.printf(Locale.ROOT, "%-48s %10.2f %10.2f %10.2f %10.2f%n", cases.get(ci).name, v[0] / 1e3, v[v.length / 2] / 1e3,
                    u[0] / 1e3, u[u.length / 2] / 1e3);
        }
    }

    private static void check(long[] expected, long[] got, String what) {
        if (!Arrays.equals(expected, got)) {
            throw new AssertionError(what + ": scalar result differs from the reference");
        }
    }
}
