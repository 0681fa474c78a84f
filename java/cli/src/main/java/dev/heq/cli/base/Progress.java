package dev.heq.cli.base;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of long work on standard error: on a terminal one line rewritten in place ("[ 3/12] fwd NTT N=4096
 * 50-bit, 4 s"), otherwise one plain line per step, so logs and CI output stay readable. Results go to standard
 * output, so a redirected table is never mixed with progress.
 */
public final class Progress implements AutoCloseable {
    private final PrintStream err;
    private final boolean terminal;
    private final String task;
    private final int total;
    private final long start = System.nanoTime();
    private int done;
    private int lastWidth;

    private Progress(PrintStream err, boolean terminal, String task, int total) {
        this.err = err;
        this.terminal = terminal;
        this.task = task;
        this.total = total;
    }

    /** Progress of {@code total} steps of {@code task} (total ≤ 0: unknown). */
    public static Progress start(String task, int total) {
        return new Progress(System.err, System.console() != null && System.console().isTerminal(), task, total);
    }

    /** Starts the next step. */
    public void step(String what) {
        done++;
        String count = total > 0 ? String.format(Locale.ROOT, "[%" + String.valueOf(total).length() + "d/%d]", done, total)
                : String.format(Locale.ROOT, "[%d]", done);
        String line = String.format(Locale.ROOT, "%s %s %s, %.0f s", task, count, what, (System.nanoTime() - start) / 1e9);
        if (terminal) {
            err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            lastWidth = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    @Override
    public void close() {
        if (terminal && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
        }
    }
}
