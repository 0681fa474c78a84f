package dev.heq.cli;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The {@code heq} command. Each sub-command is a class with {@code static int run(String[] args, PrintStream out)};
 * commands that live in other modules (training, OT benchmarks) are reached the same way.
 */
public final class Main {
    private Main() {}

    record Command(String name, String className, String help) {}

    static final Command[] COMMANDS = {
        new Command("info", "dev.heq.cli.InfoCommand", "kernel tiers (chosen, available, why not), CPU features, HEXL, JVM"),
        new Command("demo", "dev.heq.cli.DemoCommand", "the main job for now: info + a short side-by-side kernel comparison"),
        new Command("bench kernels", "dev.heq.cli.BenchKernelsCommand", "side-by-side timing of every kernel tier (table; --help for options)"),
        new Command("bench ot", "dev.heq.cli.bench.OtBench", "OT throughput and bytes per OT (IKNP, in-memory and loopback TCP)"),
        new Command("bench he", "dev.heq.cli.bench.HeBench", "BFV operation timings and bytes per query/response"),
        new Command("bench noise", "dev.heq.cli.bench.NoiseReport", "decryption-failure rates per response precision"),
        new Command("bench nonlinear", "dev.heq.cli.bench.NonlinearBench", "ReLU / requantization on secret shares: elements/s, bytes per element"),
        new Command("bench ferret", "dev.heq.cli.bench.FerretBench", "Ferret silent OT: COT/s, bits per COT, setup cost"),
        new Command("bench inference", "dev.heq.cli.bench.InferenceBench", "plaintext integer inference on Fashion-MNIST (images/s)"),
        new Command("train", "dev.heq.cli.TrainCommand", "quantization-aware training on Fashion-MNIST"),
    };

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            usage(out);
            return args.length == 0 ? 2 : 0;
        }
        for (Command c : COMMANDS) {
            String[] words = c.name().split(" ");
            if (args.length >= words.length && Arrays.equals(Arrays.copyOf(args, words.length), words)) {
                return invoke(c, Arrays.copyOfRange(args, words.length, args.length), out);
            }
        }
        System.err.println("heq: unknown command '" + String.join(" ", args) + "'");
        usage(System.err);
        return 2;
    }

    private static int invoke(Command c, String[] rest, PrintStream out) {
        Method m;
        try {
            m = Class.forName(c.className()).getMethod("run", String[].class, PrintStream.class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            System.err.println("heq: command '" + c.name() + "' is not available in this build (" + c.className() + " missing)");
            return 3;
        }
        try {
            return (Integer) m.invoke(null, rest, out);
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            if (t instanceof IllegalArgumentException) {
                System.err.println("heq " + c.name() + ": " + t.getMessage());
                return 2;
            }
            System.err.println("heq " + c.name() + " failed: " + t);
            t.printStackTrace(System.err);
            return 1;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: heq <command> [options]");
        out.println();
        for (Command c : COMMANDS) {
            out.printf("  %-16s %s%n", c.name(), c.help());
        }
        out.println();
        out.println("Kernel tier: -Dheq.kernels=auto|reference|scalar|simd|ffm|jna|hexl (via HEQ_JAVA_OPTS for ./heq).");
    }
}
