package dev.heq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.heq.cli.bench.InferenceBench;
import dev.heq.nn.data.FashionMnist;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class ModelCommandsTest {
    @Test
    void commandRejectsBadOptions() {
        var sink = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        assertEquals(2, TrainCommand.run(new String[]{"--bits", "9/4"}, sink));
        assertEquals(2, TrainCommand.run(new String[]{"--epochs"}, sink));
        assertEquals(2, TrainCommand.run(new String[]{"--frobnicate"}, sink));
        assertEquals(2, TrainCommand.run(new String[]{"--bits", "float", "--out", "x.heqm"}, sink));
    }

    @Test
    void benchmarkEntryRuns() {
        assumeTrue(FashionMnist.available(), FashionMnist.missingMessage());
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        assertEquals(0, InferenceBench.run(new String[]{"--images", "300", "--reps", "1", "--threads", "1"}, new PrintStream(b)));
        String out = b.toString();
        assertTrue(out.contains("images/s") && out.contains("top-1 accuracy"), out);
        assertEquals(2, InferenceBench.run(new String[]{"--bogus"}, new PrintStream(new ByteArrayOutputStream())));
    }
}
