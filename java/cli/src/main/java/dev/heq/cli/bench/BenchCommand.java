package dev.heq.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code heq bench}: the benchmarks; each default run ends within about a minute and says what it ran. */
@Command(name = "bench", header = "benchmarks: results checked, tables, --json for compare", mixinStandardHelpOptions = true,
        description = "Benchmarks. Each prints a table, checks its results first, and writes --json FILE for 'heq bench compare'.",
        subcommands = {KernelsBench.class, HeBench.class, NoiseReport.class, OtBench.class, FerretBench.class, NonlinearBench.class,
                InferenceBench.class, CompareCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
