package dev.heq.cli;

import dev.heq.cli.base.HeqCommand;
import dev.heq.nn.IntegerEngine;
import dev.heq.nn.ModelIO;
import dev.heq.nn.QuantModel;
import dev.heq.nn.data.FashionMnist;
import dev.heq.nn.train.QatNet;
import dev.heq.nn.train.Trainer;

import java.io.IOException;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code heq train}: quantization-aware training of a small CNN on Fashion-MNIST (Debian's
 * {@code dataset-fashion-mnist}), then conversion to the integer model, its accuracy under the
 * {@link IntegerEngine}, and optionally the model file.
 * The progress bar goes to stderr, results to {@code out}. Exit codes: 0 ok, 2 usage error or missing data.
 */
@Command(name = "train", header = "quantization-aware training on Fashion-MNIST, integer model file", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Quantization-aware training of a small CNN on Fashion-MNIST, then the integer model, its accuracy under the "
                + "integer engine, and optionally the model file.",
            "Default: W4A4, 4 epochs on the 60,000 training images (minutes; --subset N for a quick run)."})
public final class TrainCommand extends HeqCommand {
    @Option(names = "--epochs", defaultValue = "4", paramLabel = "E", description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--bits", defaultValue = "4/4", paramLabel = "W/A", description = "weight/activation bits, each 2..8, or float (default: ${DEFAULT-VALUE})")
    String bitsText;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "write the integer model (.heqm)")
    Path file;

    @Option(names = "--subset", defaultValue = "0", paramLabel = "N", description = "train on the first N images only (0: all)")
    int subset;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "T", description = "training threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--lr", defaultValue = "0.002", paramLabel = "LR", description = "learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "B", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--width", split = ",", defaultValue = "32,64", paramLabel = "C", description = "channels of the two conv layers (default: ${DEFAULT-VALUE})")
    int[] width;

    @Option(names = "--hidden", defaultValue = "0", paramLabel = "H", description = "hidden FC width, 0 for none (default: ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintStream out = out();
        int wBits;
        int aBits;
        if (bitsText.equals("float") || bitsText.equals("32")) {
            wBits = 0;
            aBits = 0;
        } else {
            String[] p = bitsText.split("/");
            try {
                if (p.length != 2) {
                    throw new NumberFormatException();
                }
                wBits = Integer.parseInt(p[0]);
                aBits = Integer.parseInt(p[1]);
            } catch (NumberFormatException e) {
                throw bad("--bits takes W/A (e.g. 4/4) or float, got '" + bitsText + "'");
            }
            if (wBits < 2 || wBits > 8 || aBits < 2 || aBits > 8) {
                throw bad("--bits: W and A must be in [2, 8], got " + bitsText);
            }
        }
        if (width.length != 2) {
            throw bad("--width takes two channel counts C1,C2, got " + width.length);
        }
        int c1 = width[0];
        int c2 = width[1];
        if (epochs < 1 || threads < 1 || batch < 1 || subset < 0 || c1 < 1 || c2 < 1 || hidden < 0 || !(lr > 0)) {
            throw bad("--epochs, --threads, --batch, --width must be ≥ 1, --subset/--hidden ≥ 0, --lr > 0");
        }
        if (file != null && wBits == 0) {
            throw bad("--out needs a quantized run (--bits W/A); a float net has no integer model");
        }
        if (!FashionMnist.available()) {
            throw new IllegalArgumentException(FashionMnist.missingMessage());
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
            throw new IllegalArgumentException("cannot read the data or write the model: " + e.getMessage(), e);
        }
    }

    static long cpuNanos() {
        return dev.heq.cli.bench.Timer.processCpuNanos();
    }
}
