package dev.heq.cli;

import dev.heq.cli.base.HeqCommand;
import dev.heq.cli.base.HeqVersion;
import dev.heq.cli.bench.BenchCommand;
import dev.heq.kernel.KernelProvider;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code heq} command: one picocli tree, every command a thin class calling library APIs. Error policy, the
 * same for every command:
 * <ul>
 *   <li>a bad option or value (picocli's parse errors, and {@link ParameterException}s thrown by a command's own
 *       checks): one line naming the option and what is allowed, exit status 2;</li>
 *   <li>an {@link IllegalArgumentException} while running (input found bad only when used, e.g. a model file):
 *       one line, exit status 2;</li>
 *   <li>anything else: one line, exit status 1; {@code --verbose} adds the stack trace;</li>
 *   <li>a start-up failure (an unknown or unloadable {@code -Dheq.kernels} tier): one line saying what is wrong,
 *       what is valid and how to fix it, exit status 2, before any command runs.</li>
 * </ul>
 */
@Command(name = "heq", mixinStandardHelpOptions = true, versionProvider = HeqVersion.class, sortOptions = false,
        description = "Private quantized neural-network inference (HEQuant on Cheetah): kernels, HE, OT and protocol tools.",
        subcommands = {InfoCommand.class, DemoCommand.class, BenchCommand.class, TrainCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Kernel tier: -Dheq.kernels=auto|reference|scalar|simd|ffm|jna|hexl (through HEQ_JAVA_OPTS for ./heq).",
                "Every command answers --help."})
public final class Main implements Callable<Integer> {

    /** Global: show stack traces of failures. */
    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "show the stack trace of a failure")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // `heq` alone: the command list, and a usage error (no command given)
        CommandLine cl = spec.commandLine();
        cl.usage(cl.getErr());
        return 2;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line; output to {@code out}, diagnostics to {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String startup = startupProblem(args);
        if (startup != null) {
            err.println("heq: " + startup);
            return 2;
        }
        CommandLine cl = commandLine(out, err);
        return cl.execute(args);
    }

    /** For tests: the command tree writing to the given streams. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main(), new Factory(out));
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        giveVersion(cl);
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Main::allCommands);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            String name = c.getCommandSpec().qualifiedName();
            c.getErr().println(name + ": " + HeqVersion.oneLine(ex.getMessage()) + " (see '" + name + " --help')");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            String name = c.getCommandSpec().qualifiedName();
            boolean verbose = isVerbose(parsed);
            if (ex instanceof ParameterException pe) {
                c.getErr().println(name + ": " + HeqVersion.oneLine(pe.getMessage()) + " (see '" + name + " --help')");
                return 2;
            }
            boolean bad = ex instanceof IllegalArgumentException;
            c.getErr().println(name + (bad ? ": " : " failed: ") + HeqVersion.oneLine(String.valueOf(ex.getMessage() == null ? ex : ex.getMessage()))
                    + (verbose ? "" : " (--verbose shows the stack trace)"));
            if (verbose) {
                ex.printStackTrace(c.getErr());
            }
            return bad ? 2 : 1;
        });
        return cl;
    }

    /** The root's command list: every command of the tree, nested ones by their full name, with its summary. */
    private static String allCommands(CommandLine.Help help) {
        List<String[]> rows = new java.util.ArrayList<>();
        collect(help.commandSpec().commandLine(), "", rows);
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(10);
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n", r[0], r[1]));
        }
        return sb.toString();
    }

    private static void collect(CommandLine c, String prefix, List<String[]> rows) {
        for (var e : c.getSubcommands().entrySet()) {
            String name = (prefix + " " + e.getKey()).trim();
            String[] h = e.getValue().getCommandSpec().usageMessage().header();
            rows.add(new String[] {name, e.getKey().equals("help") ? "help on a command, e.g. heq help bench kernels" : h.length == 0 ? "" : h[0]});
            collect(e.getValue(), name, rows);
        }
    }

    /** Every command's --version prints the same lines as {@code heq --version}. */
    private static void giveVersion(CommandLine cl) {
        cl.getCommandSpec().versionProvider(new HeqVersion());
        cl.getSubcommands().values().forEach(Main::giveVersion);
    }

    private static boolean isVerbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A forced kernel tier that is unknown or cannot load here stops every command at start-up with one line, except
     * the ones that explain it ({@code info}, help and version).
     */
    static String startupProblem(String[] args) {
        String tier = System.getProperty(KernelProvider.PROPERTY);
        if (tier == null || tier.isBlank() || tier.trim().equals("auto")) {
            return null;
        }
        List<String> words = List.of(args);
        if (words.isEmpty() || words.contains("--help") || words.contains("-h") || words.contains("--version") || words.contains("-V")
                || words.get(0).equals("info") || words.get(0).equals("help")) {
            return null;
        }
        String t = tier.trim().toLowerCase(Locale.ROOT);
        if (!KernelProvider.KNOWN_TIERS.contains(t)) {
            return "-D" + KernelProvider.PROPERTY + "=" + tier + " is not a kernel tier; valid: auto, " + String.join(", ", KernelProvider.KNOWN_TIERS)
                    + " (set it through HEQ_JAVA_OPTS, e.g. HEQ_JAVA_OPTS=-D" + KernelProvider.PROPERTY + "=scalar ./heq ...)";
        }
        try {
            KernelProvider.get();
            return null;
        } catch (RuntimeException e) {
            return "the forced kernel tier '" + t + "' cannot run here: " + HeqVersion.oneLine(e.getMessage())
                    + " ('heq info' lists the tiers that can; drop -D" + KernelProvider.PROPERTY + " to choose automatically)";
        }
    }

    /** Creates command objects and hands {@link HeqCommand}s the stream they print to. */
    private record Factory(PrintStream out) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            K k = CommandLine.defaultFactory().create(cls);
            if (k instanceof HeqCommand h) {
                h.printTo(out);
            }
            return k;
        }
    }
}
