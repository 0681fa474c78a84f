package dev.heq.nn.onnx;

import dev.heq.nn.ModelFormatException;
import dev.heq.nn.QuantModel;
import dev.heq.nn.TestModels;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Mutated ONNX bytes either import or fail with ModelFormatException — never another exception or a hang. */
class OnnxFuzzTest {
    @Test
    void mutatedGraphsFailCleanly() {
        long seed = System.nanoTime();
        System.out.println("OnnxFuzzTest seed=" + seed);
        SplittableRandom r = new SplittableRandom(seed);
        byte[] good = OnnxExport.toBytes(TestModels.randomGraph(new SplittableRandom(9)));
        int rejected = 0;
        for (int i = 0; i < 1500; i++) {
            byte[] f = good.clone();
            int edits = r.nextInt(1, 4);
            for (int e = 0; e < edits; e++) f[r.nextInt(f.length)] = (byte) r.nextInt(256);
            if (r.nextInt(4) == 0) f = java.util.Arrays.copyOf(f, r.nextInt(f.length));
            try {
                QuantModel m = OnnxImport.fromBytes(f);
                assertNotNull(m);
            } catch (ModelFormatException e) {
                rejected++;
                assertNotNull(e.getMessage());
            } catch (Throwable t) {
                fail("seed=" + seed + " iteration " + i + ": unexpected " + t, t);
            }
        }
        assertTrue(rejected > 100, "most mutations should be rejected: " + rejected);
    }
}
