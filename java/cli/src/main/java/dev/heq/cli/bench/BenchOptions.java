package dev.heq.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import dev.heq.kernel.KernelProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every {@code heq bench} command shares. */
public final class BenchOptions {
    @Option(names = "--json", paramLabel = "FILE",
            description = "also write the rows with a machine fingerprint (CPU, ISA, tiers, JVM, HEXL, commit, date) to FILE, "
                    + "for 'heq bench compare'")
    Path json;

    /** Writes the results if --json was given, and says where. */
    public void write(Results r, PrintStream out) throws IOException {
        if (json != null) {
            r.write(json);
            out.println("results: " + json + " (" + r.rows().size() + " rows; compare with 'heq bench compare')");
        }
    }

    /** Every tier that loads here except the reference (the oracle, not a contender): the default tier set. */
    static List<String> availableTiersButReference() {
        List<String> names = new ArrayList<>();
        for (KernelProvider.TierStatus s : KernelProvider.survey()) {
            if (s.available() && !s.name().equals("reference")) {
                names.add(s.name());
            }
        }
        return names;
    }

    /** The first name in {@code tiers} that is not a kernel tier, or null when all are. */
    static String unknownTier(List<String> tiers) {
        return tiers.stream().filter(t -> !KernelProvider.KNOWN_TIERS.contains(t)).findFirst().orElse(null);
    }

    static String validTiers() {
        return String.join(", ", KernelProvider.KNOWN_TIERS);
    }
}
