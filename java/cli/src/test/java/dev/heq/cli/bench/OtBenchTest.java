package dev.heq.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Smoke test of the {@code heq bench ot} entry point with tiny counts (it verifies every OT it times). */
class OtBenchTest {
    private static String run(int expectRc, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int rc = OtBench.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(expectRc, rc, out);
        return out;
    }

    @Test
    void printsOneVerifiedRowPerFlavourAndTransport() {
        String out = run(0, "--counts", "5000", "--transports", "mem", "--flavours", "rot,cot,chosen,kk13",
                "--reps", "1", "--no-micro");
        for (String row : new String[] {"IKNP random 128b", "IKNP COT l=32", "IKNP chosen l=32", "KK13 1-of-16 l=2"}) {
            assertEquals(1, out.lines().filter(l -> l.startsWith(row)).count(), row + " in\n" + out);
        }
        String tcp = run(0, "--counts", "3000", "--transports", "tcp", "--flavours", "rot", "--reps", "1", "--no-micro");
        assertTrue(tcp.lines().anyMatch(l -> l.startsWith("IKNP random 128b") && l.contains(" tcp ")), tcp);
        // 5000 OTs = 78 full 64-OT blocks + 8: u-matrix bytes per OT = 16 * 5056 / 5000
        assertTrue(out.lines().anyMatch(l -> l.startsWith("IKNP random 128b") && l.contains(" 16.18 ")), out);
    }

    @Test
    void badOptionsAreReported() {
        assertTrue(run(2, "--transports").contains("option --transports needs a value"));
        assertTrue(run(2, "--reps", "0").contains("must be positive"));
        assertTrue(run(2, "--bogus").contains("unknown option --bogus"));
        assertTrue(run(0, "--help").contains("usage"));
    }
}
