package dev.heq.nn.train;

import dev.heq.nn.QuantModel;
import dev.heq.nn.data.FashionMnist;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TrainingSmokeTest {

    @Test
    void qatOnSubsetLearnsAndIntegerModelMatchesSimulation() throws Exception {
        assumeTrue(FashionMnist.available(), FashionMnist.missingMessage());
        FashionMnist.Split train = FashionMnist.train().head(2000), test = FashionMnist.test().head(1000);
        QatNet net = QatNet.smallCnn(4, 4, 8, 16, 0, 3);
        double sim;
        List<Trainer.EpochStats> st;
        try (Trainer t = new Trainer(net, new Trainer.Config(2, 32, 0.003, 2, 3))) {
            double before = t.evaluate(test);
            st = t.fit(train, null);
            sim = t.evaluate(test);
            System.out.printf("smoke: test acc before %.3f, after %.3f, epoch losses %s%n", before, sim, st);
        }
        assertTrue(st.get(1).loss() < st.get(0).loss(), "loss must decrease: " + st);
        assertTrue(st.get(0).loss() < Math.log(10), "first-epoch mean loss below chance level ln 10: " + st);
        assertTrue(sim > 0.6, "accuracy well above chance (0.1): " + sim);
        QuantModel m = net.toQuantModel("smoke");
        double integer = Trainer.integerAccuracy(m, test, 2);
        // the integer engine differs from the float simulation only through 16-bit multipliers and float rounding
        assertEquals(sim, integer, 0.01, "integer engine vs fake-quant simulation");
    }

    @Test
    void sameSeedSameModel() throws Exception {
        assumeTrue(FashionMnist.available(), FashionMnist.missingMessage());
        FashionMnist.Split train = FashionMnist.train().head(256);
        byte[][] models = new byte[2][];
        for (int i = 0; i < 2; i++) {
            QatNet net = QatNet.smallCnn(3, 3, 4, 8, 0, 11);
            try (Trainer t = new Trainer(net, new Trainer.Config(1, 32, 0.003, 2, 11))) { t.fit(train, null); }
            models[i] = dev.heq.nn.ModelIO.toBytes(net.toQuantModel("d"));
        }
        assertArrayEquals(models[0], models[1]);
    }

    @Test
    void batchNormFoldMatchesUnfolded() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        int outC = 3, per = 4;
        float[] w = new float[outC * per], b = new float[outC], g = new float[outC], be = new float[outC], mu = new float[outC], var = new float[outC];
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextDouble(-1, 1);
        for (int c = 0; c < outC; c++) { b[c] = (float) r.nextDouble(-1, 1); g[c] = (float) r.nextDouble(0.5, 2); be[c] = (float) r.nextDouble(-1, 1); mu[c] = (float) r.nextDouble(-1, 1); var[c] = (float) r.nextDouble(0.1, 2); }
        BatchNormFold.Folded f = BatchNormFold.fold(w, b, outC, g, be, mu, var, 1e-5f);
        float[] x = new float[per];
        for (int i = 0; i < per; i++) x[i] = (float) r.nextDouble(-1, 1);
        for (int c = 0; c < outC; c++) {
            double z = b[c], zf = f.bias()[c];
            for (int i = 0; i < per; i++) { z += w[c * per + i] * x[i]; zf += f.weights()[c * per + i] * x[i]; }
            double bn = g[c] * (z - mu[c]) / Math.sqrt(var[c] + 1e-5) + be[c];
            assertEquals(bn, zf, 1e-5);
        }
        assertThrows(IllegalArgumentException.class, () -> BatchNormFold.fold(w, b, outC, new float[2], be, mu, var, 1e-5f));
    }
}
