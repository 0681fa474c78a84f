package dev.heq.nn;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Mutated .heqm payloads with a recomputed checksum: reading fails with ModelFormatException or yields a valid model. */
class ModelIOFuzzTest {
    @Test
    void mutatedPayloadsFailCleanly() {
        long seed = System.nanoTime();
        System.out.println("ModelIOFuzzTest seed=" + seed);
        SplittableRandom r = new SplittableRandom(seed);
        byte[] good = ModelIO.toBytes(RandomModels.graph(new SplittableRandom(4)));
        for (int i = 0; i < 3000; i++) {
            byte[] f = good.clone();
            f[r.nextInt(ModelIO.HEADER, f.length - 4)] = (byte) r.nextInt(256);
            ModelIOTest.reseal(f);
            try {
                QuantModel m = ModelIO.fromBytes(f, "fuzz");
                IntegerEngine.run(m, new int[m.inputShape().size()]); // a model that loads must run
            } catch (ModelFormatException e) {
                assertTrue(e.getMessage().startsWith("fuzz:"), e.getMessage());
            } catch (Throwable t) {
                fail("seed=" + seed + " iteration " + i + ": unexpected " + t, t);
            }
        }
    }
}
