package dev.heq.cli.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The one timing harness of every {@code heq bench} command.
 *
 * <p><b>Warm-up.</b> An operation is run in chunks of {@link Budget#chunkNanos} until (a) at least the minimum
 * warm-up time has passed, (b) its best per-call time has not improved by more than 10 % over the last five chunks
 * and (c) the JIT is idle: no compilation finished during the last three chunks, and HotSpot's compile queues and
 * compiler threads are empty (the {@code Compiler.queue} diagnostic command) — or until the warm-up cap. Condition
 * (c) is what makes the order of operations irrelevant: Vector API code runs interpreted or C1-compiled at a steady
 * rate 100–1000× slower until C2 has compiled it, which a plateau test alone takes for the final rate, and on a
 * loaded machine that C2 compile can take seconds; while a compilation is queued or running the harness keeps
 * warming.
 *
 * <p><b>Timing.</b> After warm-up a batch size is chosen so one batch takes about {@link Budget#batchNanos}; then
 * batches are timed ({@link #time}) or, for operations to be compared, timed in rounds that alternate between them
 * ({@link #interleaved}), so a noisy neighbour hurts each alike. The result of each is a {@link Stats} over the
 * per-call times of its batches. Whole protocol runs, which are timed once per repetition by their own code, are
 * summarised with {@link Stats#of}.
 *
 * <p>Every timed supplier returns a value that is folded into a sink, so the JIT cannot drop the work.
 */
public final class Timer {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();
    private static volatile long sink;

    private Timer() {}

    /**
     * How long to warm and to measure.
     *
     * @param minWarmupNanos warm at least this long per operation
     * @param maxWarmupNanos and at most this long (a machine too loaded to settle still finishes)
     * @param chunkNanos     warm-up chunk, the unit of the plateau test
     * @param batchNanos     target time of one timed batch
     * @param rounds         timed batches per operation (at least 3 are taken)
     */
    public record Budget(long minWarmupNanos, long maxWarmupNanos, long chunkNanos, long batchNanos, int rounds) {
        public Budget {
            if (minWarmupNanos < 0 || maxWarmupNanos < minWarmupNanos || chunkNanos <= 0 || batchNanos <= 0 || rounds < 1) {
                throw new IllegalArgumentException("bad timing budget " + minWarmupNanos + "/" + maxWarmupNanos + "/" + chunkNanos + "/"
                        + batchNanos + "/" + rounds);
            }
        }

        /** A budget from milliseconds: warm-up minimum, rounds, and per-batch time; warm-up cap max(20 s, minimum). */
        public static Budget ofMillis(long warmupMs, int rounds, long batchMs) {
            return new Budget(warmupMs * 1_000_000L, Math.max(warmupMs, 20_000) * 1_000_000L, 50_000_000L,
                    Math.max(1, batchMs) * 1_000_000L, rounds);
        }
    }

    /**
     * Summary of samples (per-call times or whole-run times, in one unit).
     *
     * @param count  number of samples
     * @param median the middle sample (upper median)
     * @param min    the fastest sample
     * @param p95    the 95th percentile (nearest rank)
     * @param max    the slowest sample
     */
    public record Stats(int count, double median, double min, double p95, double max) {
        /** The statistics of the given samples (at least one). */
        public static Stats of(double... samples) {
            if (samples.length == 0) {
                throw new IllegalArgumentException("no samples");
            }
            double[] s = samples.clone();
            Arrays.sort(s);
            int p95 = Math.min(s.length - 1, (int) Math.ceil(0.95 * s.length) - 1);
            return new Stats(s.length, s[s.length / 2], s[0], s[p95], s[s.length - 1]);
        }

        public static Stats of(List<Double> samples) {
            return of(samples.stream().mapToDouble(Double::doubleValue).toArray());
        }

        /** Scaled (e.g. ns → µs, per batch → per element). */
        public Stats times(double factor) {
            return new Stats(count, median * factor, min * factor, p95 * factor, max * factor);
        }

        /** "median / min" with 3 significant digits. */
        public String medianMin() {
            return fmt(median) + " / " + fmt(min);
        }
    }

    /** A number with about 3 significant digits ("1.82", "16.9", "312"). */
    public static String fmt(double v) {
        double a = Math.abs(v);
        return a >= 100 ? String.format(Locale.ROOT, "%.0f", v) : a >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : a >= 0.01 || a == 0 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    /**
     * Warms {@code op} up as described in the class comment and returns the number of calls that take about one
     * batch time.
     */
    public static int warmUp(LongSupplier op, Budget b) {
        long start = System.nanoTime();
        double best = Double.MAX_VALUE;
        int sinceImproved = 0;
        int quietChunks = 0;
        long jit = jitMillis();
        while (true) {
            long c0 = System.nanoTime();
            int calls = 0;
            long acc = 0;
            do {
                acc += op.getAsLong();
                calls++;
            } while (System.nanoTime() - c0 < b.chunkNanos());
            sink += acc;
            double perCall = (System.nanoTime() - c0) / (double) calls;
            sinceImproved = perCall < best * 0.9 ? 0 : sinceImproved + 1;
            best = Math.min(best, perCall);
            long j = jitMillis();
            quietChunks = j == jit ? quietChunks + 1 : 0;
            jit = j;
            long elapsed = System.nanoTime() - start;
            boolean settled = elapsed >= b.minWarmupNanos() && sinceImproved >= 5 && quietChunks >= 3;
            if (settled && jitBusy()) {
                sinceImproved = 0;   // a compilation is under way: the plateau may be the interpreter's
                settled = false;
            }
            if (settled || elapsed >= b.maxWarmupNanos()) {
                return (int) Math.max(1, Math.min(100_000_000L, (long) (b.batchNanos() / Math.max(best, 1))));
            }
        }
    }

    /** Warms {@code op} up, then times {@code rounds} batches; per-call statistics in µs, divided by {@code perCall}. */
    public static Stats time(LongSupplier op, int perCall, Budget b) {
        return interleaved(List.of(op), new int[] {perCall}, b).get(0);
    }

    /**
     * Warms each operation up (each to its own plateau), then times them in rounds that alternate between them: per
     * round one batch of each, in list order. Returns per-call statistics in µs, divided by each one's perCall.
     */
    public static List<Stats> interleaved(List<LongSupplier> ops, int[] perCall, Budget b) {
        int[] batch = new int[ops.size()];
        for (int i = 0; i < ops.size(); i++) {
            batch[i] = warmUp(ops.get(i), b);
        }
        double[][] us = new double[ops.size()][Math.max(3, b.rounds())];
        for (int r = 0; r < us[0].length; r++) {
            for (int i = 0; i < ops.size(); i++) {
                LongSupplier op = ops.get(i);
                long acc = 0;
                long t0 = System.nanoTime();
                for (int c = 0; c < batch[i]; c++) {
                    acc += op.getAsLong();
                }
                us[i][r] = (System.nanoTime() - t0) / 1e3 / batch[i] / perCall[i];
                sink += acc;
            }
        }
        List<Stats> out = new ArrayList<>();
        for (double[] u : us) {
            out.add(Stats.of(u));
        }
        return out;
    }

    /** CPU time of the calling thread in ns (0 where the JVM cannot measure it). */
    public static long threadCpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /** CPU time of the whole process in ns (0 where unavailable). */
    public static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0L;
    }

    private static final javax.management.ObjectName DIAGNOSTICS = diagnostics();

    private static javax.management.ObjectName diagnostics() {
        try {
            return new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand");
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether HotSpot is compiling or has compilations queued, from the {@code Compiler.queue} diagnostic command
     * ("Current compiles:" followed by one line per active compile, then each queue or "Empty"). False where the
     * command is unavailable (another JVM), which leaves the plateau and compile-time tests.
     */
    static boolean jitBusy() {
        String text;
        try {
            text = String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(DIAGNOSTICS, "compilerQueue",
                    new Object[] {null}, new String[] {String[].class.getName()}));
        } catch (javax.management.JMException | RuntimeException e) {
            return false;
        }
        boolean inCurrent = false;
        boolean inQueue = false;
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (t.startsWith("Current compiles:")) {
                inCurrent = true;
                inQueue = false;
            } else if (t.endsWith("compile queue:")) {
                inCurrent = false;
                inQueue = true;
            } else if (!t.isEmpty() && (inCurrent || (inQueue && !t.equals("Empty")))) {
                return true;
            }
        }
        return false;
    }

    private static long jitMillis() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : 0;
    }
}
