package dev.heq.nn.train;

import dev.heq.nn.data.FashionMnist;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Mini-batch Adam training of a {@link QatNet} on Fashion-MNIST with a fixed pool of worker threads.
 *
 * <p><b>Determinism.</b> For a given seed and thread count the result is bit-identical run to run: the shuffle
 * comes from a {@link SplittableRandom} seeded with the seed, each worker processes a fixed contiguous slice of
 * every batch into its own gradient buffers, and the buffers are summed in worker order.
 */
public final class Trainer implements AutoCloseable {
    public record Config(int epochs, int batch, double lr, int threads, long seed) {}

    public record EpochStats(int epoch, double loss, double trainAcc, double seconds) {}

    private final QatNet net;
    private final Config cfg;
    private final ExecutorService pool;
    private final List<QatNet.Ctx> ctx = new ArrayList<>();
    private final float[][] m, v;
    private long step;

    public Trainer(QatNet net, Config cfg) {
        this.net = net;
        this.cfg = cfg;
        if (cfg.threads() < 1) throw new IllegalArgumentException("threads must be ≥ 1");
        this.pool = Executors.newFixedThreadPool(cfg.threads(), r -> { Thread t = new Thread(r, "heq-train"); t.setDaemon(true); return t; });
        for (int i = 0; i < cfg.threads(); i++) ctx.add(net.newCtx());
        m = new float[net.params.size()][];
        v = new float[net.params.size()][];
        for (int p = 0; p < m.length; p++) { m[p] = new float[net.params.get(p).length]; v[p] = new float[m[p].length]; }
    }

    /** Trains all epochs; progress (epoch, bar, loss, accuracy) goes to {@code progress} (stderr), null for none. */
    public List<EpochStats> fit(FashionMnist.Split train, PrintStream progress) { return fit(train, progress, null); }

    /** As {@link #fit(FashionMnist.Split, PrintStream)}, calling {@code onEpoch} after each epoch (may be null). */
    public List<EpochStats> fit(FashionMnist.Split train, PrintStream progress, java.util.function.Consumer<EpochStats> onEpoch) {
        List<EpochStats> stats = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(cfg.seed() ^ 0x5DEECE66DL);
        int n = train.n();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        int batches = (n + cfg.batch() - 1) / cfg.batch();
        long totalSteps = (long) batches * cfg.epochs();
        for (int e = 1; e <= cfg.epochs(); e++) {
            for (int i = n - 1; i > 0; i--) { int j = rnd.nextInt(i + 1); int t = order[i]; order[i] = order[j]; order[j] = t; }
            long t0 = System.nanoTime();
            double lossSum = 0;
            long correct = 0, seen = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * cfg.batch(), to = Math.min(n, from + cfg.batch());
                double[] lc = batch(train, order, from, to);
                lossSum += lc[0];
                correct += (long) lc[1];
                seen += to - from;
                // cosine learning-rate decay over the whole run, floor at 2 % of the peak
                double frac = (double) step / totalSteps;
                double lr = cfg.lr() * (0.02 + 0.98 * 0.5 * (1 + Math.cos(Math.PI * frac)));
                adam(lr, to - from);
                if (progress != null && (b % 20 == 0 || b == batches - 1))
                    progress.print(bar(e, cfg.epochs(), (b + 1) / (double) batches, lossSum / seen, correct / (double) seen, (System.nanoTime() - t0) / 1e9));
            }
            EpochStats s = new EpochStats(e, lossSum / seen, correct / (double) seen, (System.nanoTime() - t0) / 1e9);
            if (progress != null) progress.println();
            stats.add(s);
            if (onEpoch != null) onEpoch.accept(s);
        }
        return stats;
    }

    static String bar(int e, int epochs, double frac, double loss, double acc, double sec) {
        int w = 30, done = (int) Math.round(frac * w);
        return String.format("\repoch %d/%d [%s%s] %3.0f%% loss %.4f acc %5.2f%% %5.1fs", e, epochs, "=".repeat(done), " ".repeat(w - done),
                frac * 100, loss, acc * 100, sec);
    }

    /** Forward/backward of one batch on all workers; returns {sum of losses, correct}. */
    private double[] batch(FashionMnist.Split d, int[] order, int from, int to) {
        net.prepare();
        int T = ctx.size(), len = to - from;
        List<Future<double[]>> fs = new ArrayList<>();
        for (int t = 0; t < T; t++) {
            int a = from + len * t / T, b = from + len * (t + 1) / T;
            QatNet.Ctx c = ctx.get(t);
            fs.add(pool.submit(() -> {
                c.zeroGrad();
                double loss = 0;
                int[] correct = {0};
                for (int i = a; i < b; i++) {
                    int k = order[i];
                    for (int p = 0; p < FashionMnist.PIXELS; p++) c.act[0][p] = d.pixel(k, p) / 255f;
                    loss += c.trainStep(d.label(k), correct);
                }
                c.flushGrad();
                return new double[]{loss, correct[0]};
            }));
        }
        double[] r = new double[2];
        for (Future<double[]> f : fs) {
            try { double[] x = f.get(); r[0] += x[0]; r[1] += x[1]; } catch (Exception e) { throw new IllegalStateException("training worker failed", e); }
        }
        return r;
    }

    private void adam(double lr, int batchSize) {
        step++;
        final float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
        double c1 = 1 - Math.pow(b1, step), c2 = 1 - Math.pow(b2, step);
        float inv = 1f / batchSize;
        for (int p = 0; p < net.params.size(); p++) {
            float[] w = net.params.get(p), mm = m[p], vv = v[p];
            float[] g0 = ctx.get(0).grad[p];
            for (int i = 0; i < w.length; i++) {
                float g = g0[i];
                for (int t = 1; t < ctx.size(); t++) g += ctx.get(t).grad[p][i];
                g *= inv;
                mm[i] = b1 * mm[i] + (1 - b1) * g;
                vv[i] = b2 * vv[i] + (1 - b2) * g * g;
                w[i] -= (float) (lr * (mm[i] / c1) / (Math.sqrt(vv[i] / c2) + eps));
            }
            if (w.length == 1 && isAlpha(p)) w[0] = Math.max(w[0], 1e-2f); // keep the learned clip α positive
        }
    }

    private boolean isAlpha(int p) {
        for (QatNet.TLayer l : net.layers) {
            if (l instanceof QatNet.Conv c && net.params.get(p) == c.act.alpha) return true;
            if (l instanceof QatNet.Dense d && d.act != null && net.params.get(p) == d.act.alpha) return true;
        }
        return false;
    }

    /** Top-1 accuracy of the float (fake-quantized) forward pass on {@code d}. */
    public double evaluate(FashionMnist.Split d) {
        net.prepare();
        int T = ctx.size();
        List<Future<Integer>> fs = new ArrayList<>();
        for (int t = 0; t < T; t++) {
            int a = d.n() * t / T, b = d.n() * (t + 1) / T;
            QatNet.Ctx c = ctx.get(t);
            fs.add(pool.submit(() -> {
                int ok = 0;
                for (int k = a; k < b; k++) {
                    for (int p = 0; p < FashionMnist.PIXELS; p++) c.act[0][p] = d.pixel(k, p) / 255f;
                    float[] z = c.forward();
                    int am = 0;
                    for (int i = 1; i < z.length; i++) if (z[i] > z[am]) am = i;
                    if (am == d.label(k)) ok++;
                }
                return ok;
            }));
        }
        int ok = 0;
        for (Future<Integer> f : fs) {
            try { ok += f.get(); } catch (Exception e) { throw new IllegalStateException("evaluation worker failed", e); }
        }
        return ok / (double) d.n();
    }

    @Override
    public void close() { pool.shutdownNow(); }

    /** Top-1 accuracy of the integer model on a split, images spread over {@code threads} threads. */
    public static double integerAccuracy(dev.heq.nn.QuantModel m, dev.heq.nn.data.FashionMnist.Split d, int threads) {
        java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
        try (var pool = new java.util.concurrent.ForkJoinPool(threads)) {
            pool.submit(() -> java.util.stream.IntStream.range(0, d.n()).parallel().forEach(k -> {
                if (dev.heq.nn.IntegerEngine.predict(m, d.imageInts(k)) == d.label(k)) ok.incrementAndGet();
            })).join();
        }
        return ok.get() / (double) d.n();
    }

}
