package dev.heq.cli.bench;

import dev.heq.nn.IntegerEngine;
import dev.heq.nn.ModelIO;
import dev.heq.nn.QuantModel;
import dev.heq.nn.arch.Architectures;
import dev.heq.nn.data.FashionMnist;

import java.io.IOException;
import dev.heq.cli.base.HeqCommand;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Plaintext integer inference throughput (images/s) of the reference engine.
 * <pre>
 *   heq bench inference [--model file.heqm] [--images 2000] [--threads 1,2] [--reps 3] [--arch resnet18|mobilenetv2|vgg16] [--full]
 * </pre>
 * Default: the bundled W4A4 Fashion-MNIST model on 2000 test images (--full: the 10k test set). Before timing, one image is checked against an
 * independent recomputation (a fresh engine run on a re-read copy of the model must agree) and the accuracy is
 * printed, so a broken engine cannot produce a fast number. With {@code --arch} the model is a random-weight W4A4
 * CIFAR architecture on random 32×32×3 images (latency per image is the interesting figure there).
 */
@Command(name = "inference", header = "plaintext integer inference: images/s, accuracy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Plaintext integer inference (the reference engine): images per second per thread count, and top-1 accuracy.",
            "Default: the bundled W4A4 Fashion-MNIST model on 2000 test images, 1 and 2 threads (about 10 s). --full: all 10,000."})
public final class InferenceBench extends HeqCommand {
    @Option(names = "--model", paramLabel = "FILE", description = "a .heqm model (default: the bundled W4A4 Fashion-MNIST model)")
    Path model;

    @Option(names = "--images", paramLabel = "N", description = "test images (default 2000; --full 10000; with --arch at most 20)")
    Integer imageCount;

    @Option(names = "--threads", split = ",", defaultValue = "1,2", paramLabel = "T", description = "thread counts (default: ${DEFAULT-VALUE})")
    int[] threads;

    @Option(names = "--reps", defaultValue = "3", paramLabel = "R", description = "timed passes per thread count after one warm-up pass (default: ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--arch", paramLabel = "NAME", description = "random-weight W4A4 CIFAR model instead: resnet18, mobilenetv2, vgg16")
    String arch;

    @Option(names = "--full", description = "all 10,000 test images")
    boolean full;

    @Mixin
    BenchOptions bench;

    @Override
    public Integer call() throws Exception {
        int images = imageCount != null ? imageCount : full ? 10_000 : 2_000;
        if (images < 1 || reps < 1 || java.util.Arrays.stream(threads).anyMatch(t -> t < 1)) {
            throw bad("--images, --reps and --threads must be ≥ 1");
        }
        if (arch != null && !List.of("resnet18", "mobilenetv2", "vgg16").contains(arch)) {
            throw bad("--arch must be resnet18, mobilenetv2 or vgg16, got '" + arch + "'");
        }
        PrintStream out = out();
        Results results = Results.here("inference", commandLineText(), 4096);
        try {
            QuantModel m;
            int[][] inputs;
            byte[] labels = null;
            if (arch != null) {
                m = switch (arch) {
                    case "resnet18" -> Architectures.resnet18Cifar(4, 4, 10, 1);
                    case "mobilenetv2" -> Architectures.mobileNetV2Cifar(4, 4, 10, 1);
                    case "vgg16" -> Architectures.vgg16Cifar(4, 4, 10, 1);
                    default -> throw bad("unknown --arch " + arch);
                };
                images = Math.min(images, 20);
                java.util.SplittableRandom r = new java.util.SplittableRandom(1);
                inputs = new int[images][m.inputShape().size()];
                for (int[] x : inputs) for (int i = 0; i < x.length; i++) x[i] = r.nextInt(256);
            } else {
                if (!FashionMnist.available()) {
                    throw new IllegalArgumentException(FashionMnist.missingMessage());
                }
                m = model != null ? ModelIO.read(model) : ModelIO.resource("fmnist-w4a4.heqm");
                FashionMnist.Split t = FashionMnist.test();
                images = Math.min(images, t.n());
                inputs = new int[images][];
                for (int k = 0; k < images; k++) inputs[k] = t.imageInts(k);
                labels = t.labels();
            }
            out.printf("model %s: %d nodes, %.1f M MACs, %d linear-layer weights; %d images%n", m.name(), m.nodes().size(),
                    Architectures.macs(m) / 1e6, Architectures.params(m), images);
            // correctness gate: the model survives a serialization round trip and gives the same logits
            QuantModel copy = ModelIO.fromBytes(ModelIO.toBytes(m), "copy");
            if (!java.util.Arrays.equals(IntegerEngine.run(m, inputs[0]), IntegerEngine.run(copy, inputs[0])))
                throw new IllegalStateException("engine disagrees with itself on a re-read model");
            int[] pred = new int[images];
            for (int tc : threads) {
                double[] secs = new double[reps];
                for (int rep = -1; rep < reps; rep++) {   // rep -1: warm-up pass
                    long t0 = System.nanoTime();
                    final QuantModel mm = m;
                    try (ForkJoinPool pool = new ForkJoinPool(tc)) {
                        pool.submit(() -> IntStream.range(0, inputs.length).parallel().forEach(k -> pred[k] = IntegerEngine.predict(mm, inputs[k]))).join();
                    }
                    if (rep >= 0) {
                        secs[rep] = (System.nanoTime() - t0) / 1e9 / images;
                    }
                }
                Timer.Stats st = Timer.Stats.of(secs);
                out.printf("  threads %d: %.1f images/s (median of %d passes after a warm-up pass; best %.1f; %.3f ms/image/thread)%n", tc,
                        1 / st.median(), reps, 1 / st.min(), 1000.0 * tc * st.median());
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("model", m.name());
                params.put("images", images);
                params.put("threads", tc);
                results.add(new Results.Row("inference per image", params, "integer-engine", "", "s", st, Map.of()));
            }
            if (labels != null) {
                int ok = 0;
                for (int k = 0; k < images; k++) if (pred[k] == labels[k]) ok++;
                out.printf("  top-1 accuracy %.2f%% on %d test images%n", 100.0 * ok / images, images);
            }
            bench.write(results, out);
            return 0;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the model: " + e.getMessage(), e);
        }
    }
}
