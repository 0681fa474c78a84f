package dev.heq.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
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
}
