package dev.heq.cli.bench;

import dev.heq.nn.IntegerEngine;
import dev.heq.nn.ModelIO;
import dev.heq.nn.QuantModel;
import dev.heq.nn.arch.Architectures;
import dev.heq.nn.data.FashionMnist;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Plaintext integer inference throughput (images/s) of the reference engine.
 * <pre>
 *   heq bench inference [--model file.heqm] [--images 10000] [--threads 1,2] [--reps 3] [--arch resnet18|mobilenetv2|vgg16]
 * </pre>
 * Default: the bundled W4A4 Fashion-MNIST model on the 10k test set. Before timing, one image is checked against an
 * independent recomputation (a fresh engine run on a re-read copy of the model must agree) and the accuracy is
 * printed, so a broken engine cannot produce a fast number. With {@code --arch} the model is a random-weight W4A4
 * CIFAR architecture on random 32×32×3 images (latency per image is the interesting figure there).
 */
public final class InferenceBench {
    private InferenceBench() {}

    public static void main(String[] a) { System.exit(run(a, System.out)); }

    public static int run(String[] args, PrintStream out) {
        Path model = null;
        String arch = null;
        int images = 10_000, reps = 3;
        int[] threads = {1, 2};
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--model" -> model = Path.of(args[++i]);
                    case "--images" -> images = Integer.parseInt(args[++i]);
                    case "--reps" -> reps = Integer.parseInt(args[++i]);
                    case "--arch" -> arch = args[++i];
                    case "--threads" -> threads = java.util.Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (images < 1 || reps < 1) throw new IllegalArgumentException("--images and --reps must be ≥ 1");
        } catch (RuntimeException e) {
            System.err.println("heq bench inference: " + e.getMessage());
            System.err.println("usage: heq bench inference [--model F] [--images N] [--threads 1,2] [--reps R] [--arch resnet18|mobilenetv2|vgg16]");
            return 2;
        }
        try {
            QuantModel m;
            int[][] inputs;
            byte[] labels = null;
            if (arch != null) {
                m = switch (arch) {
                    case "resnet18" -> Architectures.resnet18Cifar(4, 4, 10, 1);
                    case "mobilenetv2" -> Architectures.mobileNetV2Cifar(4, 4, 10, 1);
                    case "vgg16" -> Architectures.vgg16Cifar(4, 4, 10, 1);
                    default -> throw new IllegalArgumentException("unknown --arch " + arch);
                };
                images = Math.min(images, 20);
                java.util.SplittableRandom r = new java.util.SplittableRandom(1);
                inputs = new int[images][m.inputShape().size()];
                for (int[] x : inputs) for (int i = 0; i < x.length; i++) x[i] = r.nextInt(256);
            } else {
                if (!FashionMnist.available()) { System.err.println("heq bench inference: " + FashionMnist.missingMessage()); return 3; }
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
                double best = 0;
                for (int rep = 0; rep < reps; rep++) {
                    long t0 = System.nanoTime();
                    final QuantModel mm = m;
                    try (ForkJoinPool pool = new ForkJoinPool(tc)) {
                        pool.submit(() -> IntStream.range(0, inputs.length).parallel().forEach(k -> pred[k] = IntegerEngine.predict(mm, inputs[k]))).join();
                    }
                    double s = (System.nanoTime() - t0) / 1e9;
                    best = Math.max(best, images / s);
                }
                out.printf("  threads %d: %.1f images/s (best of %d; %.3f ms/image/thread)%n", tc, best, reps, 1000.0 * tc / best);
            }
            if (labels != null) {
                int ok = 0;
                for (int k = 0; k < images; k++) if (pred[k] == labels[k]) ok++;
                out.printf("  top-1 accuracy %.2f%% on %d test images%n", 100.0 * ok / images, images);
            }
            return 0;
        } catch (IOException e) {
            System.err.println("heq bench inference: " + e.getMessage());
            return 3;
        }
    }
}
