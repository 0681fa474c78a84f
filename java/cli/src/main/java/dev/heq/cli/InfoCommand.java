package dev.heq.cli;

import dev.heq.cli.base.HeqVersion;
import dev.heq.cli.base.HeqCommand;
import dev.heq.kernel.KernelProvider;
import dev.heq.kernel.KernelProvider.TierStatus;
import dev.heq.cli.bench.Results;
import dev.heq.kernel.Kernels;
import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code heq info}: what this machine and this build can run, and why the rest cannot. */
@Command(name = "info", header = "kernel tiers (chosen, available, why not), CPU features, HEXL, JVM", mixinStandardHelpOptions = true,
        description = "Kernel tiers (chosen, available, and for each missing one the reason and the fix), CPU features, HEXL, JVM.")
public final class InfoCommand extends HeqCommand {

    @Override
    public Integer call() {
        return print(out());
    }

    static int print(PrintStream out) {
        out.println("HEQ " + HeqVersion.version() + " (commit " + HeqVersion.commit() + ")");
        out.println("JVM        " + System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.home") + ")");
        Map<String, String> cpu = Results.Fingerprint.cpuInfo();
        out.println("OS/CPU     " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores"
                + (cpu.containsKey("model name") ? ", " + cpu.get("model name") : ""));
        out.println("CPU flags  " + String.join(" ", Results.Fingerprint.cpuFlags(cpu.getOrDefault("flags", "")))
                + "  (from /proc/cpuinfo; OS support is checked by the native library with XGETBV)");
        out.println();
        String choice = System.getProperty(KernelProvider.PROPERTY, "auto");
        Kernels chosen;
        try {
            chosen = KernelProvider.get();
        } catch (IllegalStateException e) {
            out.println("chosen tier: NONE — " + e.getMessage());
            chosen = null;
        }
        out.printf("%-10s %-9s %-5s %s%n", "tier", "status", "auto", "details");
        for (TierStatus s : KernelProvider.survey()) {
            String auto = s.autoPriority() < 0 ? "-" : String.valueOf(s.autoPriority());
            if (s.available()) {
                boolean isChosen = chosen != null && chosen.tier().equals(s.name());
                out.printf("%-10s %-9s %-5s %s%n", s.name(), isChosen ? "CHOSEN" : "available", auto, s.description());
            } else {
                out.printf("%-10s %-9s %-5s %s%n", s.name(), "missing", auto, s.reason());
                out.printf("%-10s %-9s %-5s   fix: %s%n", "", "", "", s.fix());
            }
        }
        out.println();
        out.println("selection: -D" + KernelProvider.PROPERTY + "=" + choice + (choice.equals("auto") ? " (order: ffm → jna → simd → scalar)" : " (forced)"));
        if (chosen != null) {
            out.println("paths of the chosen tier (N=4096): 30-bit " + chosen.path(4096, 1073692673L) + ", 50-bit "
                    + chosen.path(4096, 1125899906826241L) + ", 60-bit " + chosen.path(4096, 1152921504606830593L));
        }
        boolean hexl = KernelProvider.survey().stream().anyMatch(s -> s.name().equals("hexl") && s.available());
        out.println("Intel HEXL: " + (hexl ? "present (tier hexl)" : "not built with HEXL (install HEXL and rebuild; CMake uses find_package(HEXL))"));
        return 0;
    }
}
