package dev.heq.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heq.cli.Heq;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each benchmark runs end to end on a tiny input, checks its results, and writes a readable results file. */
class BenchCommandsTest {
    @TempDir
    Path dir;

    @Test
    void heRunsEveryRowOnOnePreset() throws Exception {
        Path json = dir.resolve("he.json");
        String out = Heq.expect(0, "bench", "he", "--tiers", "scalar", "--params", "quant-16", "--seconds", "0.05", "--json", json.toString()).out();
        for (String row : new String[] {"encrypt (symmetric, seeded)", "ct×pt (NTT form)", "Σ 64 ct×pt, per product", "response approx",
            "decrypt query", "serialize query", "deserialize response"}) {
            assertTrue(out.contains(row), row + " in\n" + out);
        }
        Results r = Results.read(json);
        assertEquals(13, r.rows().size(), out);
        assertTrue(r.rows().stream().allMatch(x -> x.variant().equals("scalar") && x.params().get("preset").equals("quant-16")));
        assertTrue(Heq.expect(2, "bench", "he", "--params", "quant-99").err().contains("unknown preset 'quant-99'"));
    }

    @Test
    void nonlinearChecksEveryOutput() {
        String out = Heq.expect(0, "bench", "nonlinear", "--n", "256", "--ell", "8,16", "--reps", "1", "--seed", "3").out();
        assertEquals(4, out.lines().filter(l -> l.startsWith("mem ") && l.endsWith(" ok")).count(), out);
        assertTrue(Heq.expect(2, "bench", "nonlinear", "--ell", "1").err().contains("ℓ must be in 2..64"));
    }

    @Test
    void ferretChecksItsCots() {
        String out = Heq.expect(0, "bench", "ferret", "--params", "small", "--iters", "1", "--check", "2000").out();
        assertTrue(out.contains("check: 2,000 COTs, 0 violate"), out);
        assertTrue(Heq.expect(2, "bench", "ferret", "--params", "b99").err().contains("--params: Ferret parameters must be b13, b12 or small"));
    }
}
