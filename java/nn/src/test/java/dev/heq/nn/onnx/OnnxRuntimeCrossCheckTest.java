package dev.heq.nn.onnx;

import ai.onnxruntime.OrtSession;
import dev.heq.nn.QuantModel;
import dev.heq.nn.data.FashionMnist;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Our exported QDQ model in ONNX Runtime agrees with the integer engine (the 10k run is OnnxRuntimeCrossCheck#main). */
class OnnxRuntimeCrossCheckTest {
    @Test
    void onnxRuntimeAgreesWithIntegerEngine() throws Exception {
        assumeTrue(FashionMnist.available(), FashionMnist.missingMessage());
        QuantModel m = OnnxRuntimeCrossCheck.bundledOrQuick();
        var r = OnnxRuntimeCrossCheck.run(m, FashionMnist.test(), 1000, OrtSession.SessionOptions.OptLevel.NO_OPT);
        System.out.print(r.report());
        assertTrue(r.agree() >= 998, r.report());
        // logits: our integer logits · scale vs ORT's float logits, within a few output steps
        assertTrue(r.maxLogitDiff() < 16 * m.outputType().scale() + 1e-3, r.report());
    }
}
