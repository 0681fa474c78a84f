package dev.heq.cli;

import dev.heq.cli.base.HeqCommand;
import dev.heq.cli.bench.KernelsBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code heq demo}: the main job until private inference lands — what this machine can run ({@code heq info}),
 * then a short side-by-side comparison of the kernel tiers ({@code heq bench kernels --quick}).
 */
@Command(name = "demo", header = "the main job for now: heq info, then bench kernels --quick", mixinStandardHelpOptions = true,
        description = "The main job for now: 'heq info', then a short side-by-side kernel comparison ('heq bench kernels --quick').")
public final class DemoCommand extends HeqCommand {

    @Override
    public Integer call() {
        int rc = InfoCommand.print(out());
        if (rc != 0) {
            return rc;
        }
        out().println();
        CommandLine kernels = spec.root().commandLine().getSubcommands().get("bench").getSubcommands().get("kernels");
        return kernels.execute("--quick");
    }
}
