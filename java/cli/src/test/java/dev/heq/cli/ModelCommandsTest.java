package dev.heq.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.heq.nn.data.FashionMnist;
import org.junit.jupiter.api.Test;

class ModelCommandsTest {
    @Test
    void commandRejectsBadOptions() {
        assertTrue(Heq.expect(2, "train", "--bits", "9/4").err().contains("W and A must be in [2, 8]"));
        Heq.expect(2, "train", "--epochs");
        Heq.expect(2, "train", "--frobnicate");
        assertTrue(Heq.expect(2, "train", "--bits", "float", "--out", "x.heqm").err().contains("--out needs a quantized run"));
    }

    @Test
    void benchmarkEntryRuns() {
        assumeTrue(FashionMnist.available(), FashionMnist.missingMessage());
        String out = Heq.expect(0, "bench", "inference", "--images", "300", "--reps", "1", "--threads", "1").out();
        assertTrue(out.contains("images/s") && out.contains("top-1 accuracy"), out);
        Heq.expect(2, "bench", "inference", "--bogus");
    }
}
