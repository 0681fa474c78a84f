package dev.heq.nn.onnx;

import dev.heq.nn.IntegerEngine;
import dev.heq.nn.Layer;
import dev.heq.nn.ModelFormatException;
import dev.heq.nn.Node;
import dev.heq.nn.QuantModel;
import dev.heq.nn.TestModels;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class OnnxRoundTripTest {

    /** Integer semantics equal: same graph, integer parameters, multipliers, shifts and bit widths. */
    static void assertSameIntegerModel(QuantModel a, QuantModel b, String ctx) {
        assertEquals(a.nodes().size(), b.nodes().size(), ctx);
        assertEquals(a.inputShape(), b.inputShape(), ctx);
        for (int k = 0; k < a.nodes().size(); k++) {
            Node x = a.nodes().get(k), y = b.nodes().get(k);
            assertArrayEquals(x.inputs(), y.inputs(), ctx + " node " + k);
            assertEquals(x.layer().op(), y.layer().op(), ctx + " node " + k);
            switch (x.layer()) {
                case Layer.Conv2d c -> {
                    Layer.Conv2d d = (Layer.Conv2d) y.layer();
                    assertArrayEquals(c.weights(), d.weights());
                    assertArrayEquals(c.bias(), d.bias(), ctx + " node " + k);
                    assertArrayEquals(c.requant().channels(), d.requant().channels(), ctx + " node " + k);
                    assertEquals(c.weightBits(), d.weightBits());
                    assertEquals(c.accBits(), d.accBits());
                    assertEquals(List3.of(c.kh(), c.stride(), c.pad(), c.groups()), List3.of(d.kh(), d.stride(), d.pad(), d.groups()));
                }
                case Layer.Dense c -> {
                    Layer.Dense d = (Layer.Dense) y.layer();
                    assertArrayEquals(c.weights(), d.weights());
                    assertArrayEquals(c.bias(), d.bias(), ctx + " node " + k);
                    assertArrayEquals(c.requant().channels(), d.requant().channels(), ctx + " node " + k);
                }
                default -> assertEquals(x.layer().getClass(), y.layer().getClass());
            }
        }
        for (int t = 0; t < a.tensorCount(); t++) {
            assertEquals(a.type(t).bits(), b.type(t).bits(), ctx + " tensor " + t);
            assertEquals(a.type(t).signed(), b.type(t).signed(), ctx + " tensor " + t);
            assertEquals(a.type(t).scale(), b.type(t).scale(), a.type(t).scale() * 1e-6, ctx + " tensor " + t);
        }
    }

    record List3(java.util.List<Integer> v) {
        static List3 of(Integer... v) { return new List3(java.util.List.of(v)); }
    }

    @Test
    void exportImportRoundTripOnRandomGraphs() {
        long seed = System.nanoTime();
        System.out.println("OnnxRoundTripTest seed=" + seed);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 60; i++) {
            QuantModel m = TestModels.randomGraph(r);
            QuantModel back = OnnxImport.fromBytes(OnnxExport.toBytes(m));
            assertSameIntegerModel(m, back, "seed=" + seed + " graph " + i);
            int[] x = TestModels.randomInput(r, m);
            assertArrayEquals(IntegerEngine.run(m, x), IntegerEngine.run(back, x));
        }
    }

    @Test
    void malformedOnnxIsRejected() {
        QuantModel m = TestModels.randomGraph(new SplittableRandom(1));
        byte[] good = OnnxExport.toBytes(m);
        assertThrows(ModelFormatException.class, () -> OnnxImport.fromBytes(java.util.Arrays.copyOf(good, good.length / 2)));
        assertThrows(ModelFormatException.class, () -> OnnxImport.fromBytes(new byte[]{(byte) 0xFF, (byte) 0xFF}));
        // an unsupported op: rename the first Conv to Softmax
        String s = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1).replaceFirst("Conv", "Cosh");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> OnnxImport.fromBytes(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertTrue(e.getMessage().contains("unsupported op Cosh"), e.getMessage());
    }
}
