package dev.heq.nn;

import dev.heq.nn.data.FashionMnist;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The committed W4A4 Fashion-MNIST model and sample images (resources under dev/heq/nn/models/). */
class BundledModelTest {

    @Test
    void bundledModelLoadsAndClassifiesTheBundledSamples() throws Exception {
        QuantModel m = ModelIO.resource("fmnist-w4a4.heqm");
        for (QuantModel.LayerInfo li : m.layerInfo()) {
            assertEquals(4, li.weightBits(), li.toString());
            assertTrue(li.accBits() <= 32);
        }
        assertEquals(4, m.type(1).bits());
        FashionMnist.Split s = FashionMnist.bundledSamples();
        assertEquals(16, s.n());
        int ok = 0;
        for (int k = 0; k < s.n(); k++) if (IntegerEngine.predict(m, s.imageInts(k)) == s.label(k)) ok++;
        assertTrue(ok >= 13, "bundled model gets " + ok + "/16 of the bundled samples");
        assertArrayEquals(ModelIO.toBytes(m), ModelIO.toBytes(ModelIO.fromBytes(ModelIO.toBytes(m), "copy")));
    }
}
