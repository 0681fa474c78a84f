package dev.heq.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The decryption-failure trial runner behind {@code heq bench noise}: a tiny run, thread-count independent. */
class NoiseReportTest {
    @Test
    void smallFailureRateTrialRuns() {
        String one = noiseReport("1");
        String two = noiseReport("2");
        assertTrue(one.contains("quant-16") && one.contains("failures"), one);
        // per-trial generators: the counts do not depend on the thread count
        assertEquals(rows(one), rows(two));
        assertTrue(rows(one).stream().anyMatch(r -> r.startsWith("exact") && r.contains("failures 0 /")), one);
    }

    private static String noiseReport(String threads) {
        String out = dev.heq.cli.Heq.expect(0, "bench", "noise", "--trials", "4", "--preset", "quant-16", "--seed", "11", "--threads", threads,
            "--formats", "exact,standard,standard+4/+8").out();
        System.out.print(out);
        return out;
    }

    /** The result rows without their timing. */
    private static java.util.List<String> rows(String report) {
        return report.lines().filter(l -> l.contains("failures")).map(l -> l.substring(0, l.lastIndexOf('|'))).toList();
    }
}
