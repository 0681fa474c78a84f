package dev.heq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CliTest {
    private static String capture(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int rc = Main.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(0, rc, "exit code of heq " + String.join(" ", args));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void infoListsEveryTierWithStatus() {
        String out = capture("info");
        for (String tier : new String[] {"reference", "scalar", "simd", "ffm", "jna", "hexl"}) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(tier + " ")), "info should list tier " + tier + ":\n" + out);
        }
        assertTrue(out.contains("CHOSEN"), out);
        assertTrue(out.contains("Intel HEXL"), out);
    }

    @Test
    void benchKernelsPrintsATableAndChecksResults() {
        String out = capture("bench", "kernels", "--tiers", "reference,scalar", "--ops", "fwd,mulmod", "--bits", "50",
                "--n", "64", "--warmup-ms", "10", "--rounds", "2", "--round-ms", "5");
        assertTrue(out.contains("fwd NTT"), out);
        assertTrue(out.contains("mulMod"), out);
        assertFalse(out.contains("WRONG RESULT"), out);
    }

    /** Every command resolves to a class with run(String[], PrintStream) in the shipped class path. */
    @Test
    void everyCommandIsWired() throws Exception {
        for (Main.Command c : Main.COMMANDS) {
            Class.forName(c.className()).getMethod("run", String[].class, PrintStream.class);
        }
    }

    @Test
    void unknownCommandExitsWithUsage() {
        assertEquals(2, Main.run(new String[] {"frobnicate"}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }

    @Test
    void badOptionsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchKernelsCommand.parse(new String[] {"--n", "1000"}));
        assertTrue(e.getMessage().contains("N=1000"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BenchKernelsCommand.parse(new String[] {"--frobnicate"}));
        assertTrue(e.getMessage().contains("--frobnicate"), e.getMessage());
    }
}
