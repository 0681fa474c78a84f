package dev.heq.nn.arch;

import dev.heq.nn.IntegerEngine;
import dev.heq.nn.Layer;
import dev.heq.nn.QuantModel;
import dev.heq.nn.Shape;
import dev.heq.nn.onnx.OnnxExport;
import dev.heq.nn.onnx.OnnxImport;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class ArchitecturesTest {

    static int[] image(QuantModel m, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] x = new int[m.inputShape().size()];
        for (int i = 0; i < x.length; i++) x[i] = r.nextInt(256);
        return x;
    }

    /** Linear layers whose outputs are all one value would make a useless benchmark; check a spread. */
    static void assertLiveActivations(QuantModel m, int[][] all) {
        for (int t = 1; t < m.tensorCount(); t++) {
            int min = Integer.MAX_VALUE, max = Integer.MIN_VALUE;
            for (int v : all[t]) { min = Math.min(min, v); max = Math.max(max, v); }
            if (all[t].length > 16) assertTrue(max > min, m.name() + " tensor " + t + " is constant " + min);
        }
    }

    @Test
    void resnet18() {
        QuantModel m = Architectures.resnet18Cifar(4, 4, 10, 1);
        assertEquals(new Shape(10, 1, 1), m.outputShape());
        long convs = m.nodes().stream().filter(n -> n.layer() instanceof Layer.Conv2d).count();
        assertEquals(17 + 3, convs); // 17 3×3 convs + 3 projection shortcuts
        // conv + dense weights of the standard CIFAR ResNet-18 (its usual 11,173,962 adds 9,600 BN parameters and 10 biases)
        assertEquals(11_164_352L, Architectures.params(m));
        // HEQuant (arXiv 2401.15970) §3: b_acc ≤ b_w + b_x + ceil(log2 e) (+1 sign) for every layer; e = 4608 for the 3×3×512 convs
        for (QuantModel.LayerInfo li : m.layerInfo()) {
            int bound = li.weightBits() + li.input().bits() + (32 - Integer.numberOfLeadingZeros(li.fanIn() - 1)) + 1;
            assertTrue(li.accBits() <= bound + 1, li.toString());
        }
        assertLiveActivations(m, IntegerEngine.runAll(m, image(m, 2)));
    }

    @Test
    void mobileNetV2AndOnnxRoundTrip() {
        QuantModel m = Architectures.mobileNetV2Cifar(4, 4, 10, 3);
        assertEquals(new Shape(10, 1, 1), m.outputShape());
        long dw = m.nodes().stream().filter(n -> n.layer() instanceof Layer.Conv2d c && c.groups() > 1 && c.groups() == c.inC()).count();
        assertEquals(17, dw); // one depthwise conv per inverted residual block
        long adds = m.nodes().stream().filter(n -> n.layer() instanceof Layer.Add).count();
        assertEquals(10, adds);
        int[] x = image(m, 4);
        int[][] all = IntegerEngine.runAll(m, x);
        assertLiveActivations(m, all);
        QuantModel back = OnnxImport.fromBytes(OnnxExport.toBytes(m));
        assertArrayEquals(all[m.tensorCount() - 1], IntegerEngine.run(back, x));
    }

    @Test
    void vgg16AndFmnist() {
        QuantModel v = Architectures.vgg16Cifar(3, 3, 10, 5);
        assertEquals(13, v.nodes().stream().filter(n -> n.layer() instanceof Layer.Conv2d).count());
        assertEquals(new Shape(10, 1, 1), v.outputShape());
        assertLiveActivations(v, IntegerEngine.runAll(v, image(v, 6)));
        QuantModel f = Architectures.fmnistCnn(2, 2, 16, 32, 7);
        assertEquals(new Shape(1, 28, 28), f.inputShape());
        assertLiveActivations(f, IntegerEngine.runAll(f, image(f, 8)));
    }
}
