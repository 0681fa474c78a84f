package dev.heq.cli;

import java.io.PrintStream;

/**
 * {@code heq demo}: the main job until private inference lands — what this machine can run ({@code heq info}),
 * then a short side-by-side comparison of the kernel tiers ({@code heq bench kernels --quick}).
 */
public final class DemoCommand {
    private DemoCommand() {}

    public static int run(String[] args, PrintStream out) {
        int rc = InfoCommand.run(new String[0], out);
        if (rc != 0) {
            return rc;
        }
        out.println();
        String[] benchArgs = args.length > 0 ? args : new String[] {"--quick"};
        return BenchKernelsCommand.run(benchArgs, out);
    }
}
