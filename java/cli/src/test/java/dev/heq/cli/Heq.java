package dev.heq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code heq} in-process and captures its exit status, standard output and standard error. */
public record Heq(int status, String out, String err) {
    public static Heq run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Heq(rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** Runs and asserts the exit status; returns the result for more checks. */
    public static Heq expect(int status, String... args) {
        Heq h = run(args);
        assertEquals(status, h.status(), "exit status of heq " + String.join(" ", args) + "\nstdout:\n" + h.out() + "\nstderr:\n" + h.err());
        return h;
    }
}
