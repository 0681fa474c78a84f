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
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        int rc = NoiseReport.run(new String[] {"--trials", "4", "--preset", "quant-16", "--seed", "11", "--threads", threads,
            "--formats", "exact,standard,standard+4/+8"}, new java.io.PrintStream(buf, true));
        String out = buf.toString();
        System.out.print(out);
        assertEquals(0, rc, out);
        return out;
    }

    /** The result rows without their timing. */
    private static java.util.List<String> rows(String report) {
        return report.lines().filter(l -> l.contains("failures")).map(l -> l.substring(0, l.lastIndexOf('|'))).toList();
    }
}
