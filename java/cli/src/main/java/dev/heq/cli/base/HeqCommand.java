package dev.heq.cli.base;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Base of every {@code heq} command: where it prints ({@link #out()}, set by {@link Main}'s factory so tests can
 * capture it) and how it rejects a bad value found after parsing ({@link #bad}: one line, exit status 2).
 */
public abstract class HeqCommand implements Callable<Integer> {
    private PrintStream out = System.out;

    @Spec
    protected CommandSpec spec;

    /** Sets where results go (the command tree's factory does, so tests can capture it). */
    public final void printTo(PrintStream stream) {
        this.out = stream;
    }

    /** Where results go (standard output unless a test captured it); progress and diagnostics go to stderr. */
    protected PrintStream out() {
        return out;
    }

    /** A usage error for a value the command found bad: reported as "heq X: message (see 'heq X --help')", status 2. */
    protected ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** The command line as typed, for results files: "heq bench kernels --quick". */
    protected String commandLineText() {
        StringBuilder sb = new StringBuilder(spec.root().name());
        for (String a : spec.commandLine().getParseResult().originalArgs()) {
            sb.append(' ').append(a.contains(" ") ? "'" + a + "'" : a);
        }
        return sb.toString();
    }
}
