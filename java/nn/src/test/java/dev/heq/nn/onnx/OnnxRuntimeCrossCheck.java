package dev.heq.nn.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.heq.nn.IntegerEngine;
import dev.heq.nn.ModelIO;
import dev.heq.nn.QuantModel;
import dev.heq.nn.data.FashionMnist;
import dev.heq.nn.train.QatNet;
import dev.heq.nn.train.Trainer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs our ONNX QDQ export in ONNX Runtime and compares it with the integer engine on Fashion-MNIST test images:
 * top-1 agreement, max |logit difference| (our logits dequantized), and, for every intermediate quantized tensor,
 * how many values differ (and by how much) — which explains each top-1 disagreement. Run the full 10k report with
 * {@code java ... OnnxRuntimeCrossCheck [images] [model.heqm]}.
 */
public final class OnnxRuntimeCrossCheck {
    public record Result(int images, int agree, double maxLogitDiff, long[] diffValues, int[] maxDiff, String report) {}

    public static void main(String[] a) throws Exception {
        int n = a.length > 0 ? Integer.parseInt(a[0]) : 10_000;
        QuantModel m = a.length > 1 ? ModelIO.read(java.nio.file.Path.of(a[1])) : bundledOrQuick();
        for (OrtSession.SessionOptions.OptLevel lvl : new OrtSession.SessionOptions.OptLevel[]{
                OrtSession.SessionOptions.OptLevel.NO_OPT, OrtSession.SessionOptions.OptLevel.ALL_OPT})
            System.out.println(run(m, FashionMnist.test(), n, lvl).report());
    }

    /** The bundled W4A4 model, or (before one is committed) a quickly trained one. */
    public static QuantModel bundledOrQuick() throws IOException {
        try {
            return ModelIO.resource("fmnist-w4a4.heqm");
        } catch (java.io.FileNotFoundException e) {
            QatNet net = QatNet.smallCnn(4, 4, 16, 32, 0, 7);
            try (Trainer t = new Trainer(net, new Trainer.Config(1, 64, 0.002, 2, 7))) {
                t.fit(FashionMnist.train().head(3000), null);
            }
            return net.toQuantModel("quick-w4a4");
        }
    }

    public static Result run(QuantModel m, FashionMnist.Split d, int n, OrtSession.SessionOptions.OptLevel level) throws OrtException {
        n = Math.min(n, d.n());
        byte[] onnx = OnnxExport.toBytes(m, true);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int T = m.tensorCount();
        long[] diffValues = new long[T];
        int[] maxDiff = new int[T];
        int agree = 0;
        double maxLogit = 0;
        StringBuilder dis = new StringBuilder();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setOptimizationLevel(level);
            o.setIntraOpNumThreads(2);
            try (OrtSession s = env.createSession(onnx, o)) {
                int batch = 500;
                double outScale = m.outputType().scale();
                for (int from = 0; from < n; from += batch) {
                    int b = Math.min(batch, n - from);
                    ByteBuffer buf = ByteBuffer.allocateDirect(b * FashionMnist.PIXELS);
                    buf.put(d.images(), from * FashionMnist.PIXELS, b * FashionMnist.PIXELS).flip();
                    try (OnnxTensor in = OnnxTensor.createTensor(env, buf, new long[]{b, 1, 28, 28}, OnnxJavaType.UINT8);
                         OrtSession.Result r = s.run(Map.of("input", in))) {
                        float[][] logits = (float[][]) r.get("logits").orElseThrow().getValue();
                        Map<Integer, ByteBuffer> inter = new HashMap<>();
                        for (int t = 1; t < T - 1; t++) {
                            OnnxValue v = r.get("t" + t + "_q").orElseThrow();
                            inter.put(t, ((OnnxTensor) v).getByteBuffer());
                        }
                        for (int i = 0; i < b; i++) {
                            int k = from + i;
                            int[][] all = IntegerEngine.runAll(m, d.imageInts(k));
                            for (int t = 1; t < T - 1; t++) {
                                ByteBuffer bb = inter.get(t);
                                int len = all[t].length;
                                boolean signed = m.type(t).signed();
                                for (int j = 0; j < len; j++) {
                                    byte raw = bb.get(i * len + j);
                                    int ov = signed ? raw : raw & 0xFF;
                                    int df = Math.abs(ov - all[t][j]);
                                    if (df != 0) { diffValues[t]++; maxDiff[t] = Math.max(maxDiff[t], df); }
                                }
                            }
                            int[] ours = all[T - 1];
                            int po = IntegerEngine.argmax(ours), pr = 0;
                            for (int c = 1; c < logits[i].length; c++) if (logits[i][c] > logits[i][pr]) pr = c;
                            for (int c = 0; c < ours.length; c++) maxLogit = Math.max(maxLogit, Math.abs(ours[c] * outScale - logits[i][c]));
                            if (po == pr) agree++;
                            else dis.append(String.format("    image %d: ours %d (logit %d = %.4f), ORT %d (%.4f); ours for ORT's class %d = %.4f%n",
                                    k, po, ours[po], ours[po] * outScale, pr, logits[i][pr], pr, ours[pr] * outScale));
                        }
                    }
                }
            }
        }
        StringBuilder rep = new StringBuilder(String.format("ONNX Runtime (%s) vs integer engine on %d test images: top-1 identical %d (%.3f%%), max |logit diff| %.5f (logit step %.5f)%n",
                level, n, agree, 100.0 * agree / n, maxLogit, m.outputType().scale()));
        for (int t = 1; t < T - 1; t++)
            rep.append(String.format("  tensor t%d (%s after node %d %s): %d of %d values differ, max |diff| %d%n", t, m.type(t), t - 1,
                    m.nodes().get(t - 1).layer().op(), diffValues[t], (long) n * m.shape(t).size(), maxDiff[t]));
        rep.append(dis);
        return new Result(n, agree, maxLogit, diffValues, maxDiff, rep.toString());
    }
}
