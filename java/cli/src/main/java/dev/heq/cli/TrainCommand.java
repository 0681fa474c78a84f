package dev.heq.cli;

import dev.heq.nn.IntegerEngine;
import dev.heq.nn.ModelIO;
import dev.heq.nn.QuantModel;
import dev.heq.nn.data.FashionMnist;
import dev.heq.nn.train.QatNet;
import dev.heq.nn.train.Trainer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * {@code heq train}: quantization-aware training of a small CNN on Fashion-MNIST (Debian's
 * {@code dataset-fashion-mnist}), then conversion to the integer model, its accuracy under the
 * {@link IntegerEngine}, and optionally the model file.
 * <pre>
 *   heq train [--epochs 4] [--bits 4/4 | float] [--seed 1] [--out model.heqm] [--subset n] [--threads 2]
 *             [--lr 0.002] [--batch 64] [--width 32,64] [--hidden 0] [--quiet]
 * </pre>
 * The progress bar goes to stderr, results to {@code out}. Exit codes: 0 ok, 2 usage error, 3 data missing.
 */
public final class TrainCommand {
    private TrainCommand() {}

    public static void main(String[] args) { System.exit(run(args, System.out)); }

    public static int run(String[] args, PrintStream out) {
        int epochs = 4, subset = 0, threads = 2, batch = 64, c1 = 32, c2 = 64, hidden = 0, wBits = 4, aBits = 4;
        long seed = 1;
        double lr = 0.002;
        Path file = null;
        boolean quiet = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--epochs" -> epochs = Integer.parseInt(val(args, ++i, a));
                    case "--bits" -> {
                        String v = val(args, ++i, a);
                        if (v.equals("float") || v.equals("32")) { wBits = 0; aBits = 0; }
                        else {
                            String[] p = v.split("/");
                            if (p.length != 2) throw new IllegalArgumentException("--bits takes W/A (e.g. 4/4) or float, got " + v);
                            wBits = Integer.parseInt(p[0]); aBits = Integer.parseInt(p[1]);
                            if (wBits < 2 || wBits > 8 || aBits < 2 || aBits > 8) throw new IllegalArgumentException("--bits: W and A must be in [2, 8], got " + v);
                        }
                    }
                    case "--seed" -> seed = Long.parseLong(val(args, ++i, a));
                    case "--out" -> file = Path.of(val(args, ++i, a));
                    case "--subset" -> subset = Integer.parseInt(val(args, ++i, a));
                    case "--threads" -> threads = Integer.parseInt(val(args, ++i, a));
                    case "--lr" -> lr = Double.parseDouble(val(args, ++i, a));
                    case "--batch" -> batch = Integer.parseInt(val(args, ++i, a));
                    case "--hidden" -> hidden = Integer.parseInt(val(args, ++i, a));
                    case "--width" -> { String[] p = val(args, ++i, a).split(","); c1 = Integer.parseInt(p[0]); c2 = Integer.parseInt(p[1]); }
                    case "--quiet" -> quiet = true;
                    case "-h", "--help" -> { out.println(usage()); return 0; }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (epochs < 1 || threads < 1 || batch < 1 || subset < 0 || c1 < 1 || c2 < 1 || hidden < 0 || !(lr > 0))
                throw new IllegalArgumentException("--epochs, --threads, --batch, --width must be ≥ 1, --subset/--hidden ≥ 0, --lr > 0");
            if (file != null && wBits == 0) throw new IllegalArgumentException("--out needs a quantized run (--bits W/A); a float net has no integer model");
        } catch (IllegalArgumentException e) {
            System.err.println("heq train: " + e.getMessage());
            System.err.println(usage());
            return 2;
        }
        if (!FashionMnist.available()) {
            System.err.println("heq train: " + FashionMnist.missingMessage());
            return 3;
        }
        try {
            FashionMnist.Split train = FashionMnist.train(), test = FashionMnist.test();
            if (subset > 0) train = train.head(subset);
            String mode = wBits == 0 ? "float" : "W" + wBits + "A" + aBits;
            out.printf("heq train: %s, %d train images, %d epochs, batch %d, lr %s, seed %d, %d threads, net conv%d-conv%d%s-fc10%n",
                    mode, train.n(), epochs, batch, lr, seed, threads, c1, c2, hidden > 0 ? "-fc" + hidden : "");
            QatNet net = QatNet.smallCnn(wBits, aBits, c1, c2, hidden, seed);
            long t0 = System.nanoTime(), cpu0 = cpuNanos();
            double simAcc;
            List<Trainer.EpochStats> stats;
            try (Trainer tr = new Trainer(net, new Trainer.Config(epochs, batch, lr, threads, seed))) {
                stats = tr.fit(train, quiet ? null : System.err, s -> {
                    out.printf("  epoch %d: loss %.4f, train accuracy %.2f%%, %.1f s wall, %.1f s process CPU so far%n",
                            s.epoch(), s.loss(), 100 * s.trainAcc(), s.seconds(), (cpuNanos() - cpu0) / 1e9);
                    out.flush();
                });
                double trainSec = (System.nanoTime() - t0) / 1e9, cpuSec = (cpuNanos() - cpu0) / 1e9;
                // On a shared machine wall time includes waiting for the CPU; process CPU time / threads is what
                // the run would take with the cores to itself.
                out.printf("  training time %.1f s wall, %.1f s process CPU (%.1f s per thread)%n", trainSec, cpuSec, cpuSec / threads);
                simAcc = tr.evaluate(test);
            }
            out.printf("  test accuracy (%s, float simulation): %.2f%%%n", mode, 100 * simAcc);
            if (wBits != 0) {
                QuantModel m = net.toQuantModel("fmnist-cnn-" + mode.toLowerCase());
                double intAcc = Trainer.integerAccuracy(m, test, threads);
                out.printf("  test accuracy (%s, integer engine):  %.2f%%%n", mode, 100 * intAcc);
                for (QuantModel.LayerInfo li : m.layerInfo()) out.println("   " + li);
                if (file != null) {
                    ModelIO.write(m, file);
                    out.printf("  wrote %s (%d bytes)%n", file, java.nio.file.Files.size(file));
                }
            }
            return 0;
        } catch (IOException e) {
            System.err.println("heq train: " + e.getMessage());
            return 3;
        }
    }

    static long cpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0L;
    }

    private static String val(String[] a, int i, String opt) {
        if (i >= a.length) throw new IllegalArgumentException(opt + " needs a value");
        return a[i];
    }

    static String usage() {
        return "usage: heq train [--epochs N] [--bits W/A|float] [--seed S] [--out FILE] [--subset N] [--threads T]\n"
                + "                 [--lr LR] [--batch B] [--width C1,C2] [--hidden H] [--quiet]";
    }
}
