package dev.heq.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heq.cli.Heq;
import org.junit.jupiter.api.Test;

/** Smoke test of {@code heq bench ot} with tiny counts (it verifies every OT it times). */
class OtBenchTest {
    @Test
    void printsOneVerifiedRowPerFlavourAndTransport() {
        String out = Heq.expect(0, "bench", "ot", "--counts", "5000", "--transports", "mem", "--flavours", "rot,cot,chosen,kk13",
                "--reps", "1", "--no-micro").out();
        for (String row : new String[] {"IKNP random 128b", "IKNP COT l=32", "IKNP chosen l=32", "KK13 1-of-16 l=2"}) {
            assertEquals(1, out.lines().filter(l -> l.startsWith(row)).count(), row + " in\n" + out);
        }
        String tcp = Heq.expect(0, "bench", "ot", "--counts", "3000", "--transports", "tcp", "--flavours", "rot", "--reps", "1", "--no-micro").out();
        assertTrue(tcp.lines().anyMatch(l -> l.startsWith("IKNP random 128b") && l.contains(" tcp ")), tcp);
        // 5000 OTs = 78 full 64-OT blocks + 8: u-matrix bytes per OT = 16 * 5056 / 5000
        assertTrue(out.lines().anyMatch(l -> l.startsWith("IKNP random 128b") && l.contains(" 16.18 ")), out);
    }

    @Test
    void badOptionsAreReported() {
        assertTrue(Heq.expect(2, "bench", "ot", "--transports").err().contains("Missing required parameter for option '--transports'"));
        assertTrue(Heq.expect(2, "bench", "ot", "--reps", "0").err().contains("--reps must be ≥ 1"));
        assertTrue(Heq.expect(2, "bench", "ot", "--counts", "1x").err().contains("--counts: '1x'"));
        assertTrue(Heq.expect(2, "bench", "ot", "--transports", "udp").err().contains("valid: mem, tcp, tls"));
    }
}
