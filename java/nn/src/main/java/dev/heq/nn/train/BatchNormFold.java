package dev.heq.nn.train;

/**
 * Folds an inference-mode BatchNorm into the preceding convolution (or dense) layer, so the integer model has no
 * BN op (as in HEQuant and Cheetah, BN is folded into the weights and bias):
 * <pre>
 *   BN(z)_c = γ_c · (z_c − μ_c) / sqrt(σ²_c + ε) + β_c,   z_c = Σ w_c·x + b_c
 *   ⇒ w'_c = w_c · k_c,   b'_c = (b_c − μ_c) · k_c + β_c,   k_c = γ_c / sqrt(σ²_c + ε)
 * </pre>
 * Weights are laid out with output channel major (OIHW / [out][in]); per-channel quantization of the folded
 * weights then absorbs the per-channel factor k_c without loss.
 */
public final class BatchNormFold {
    private BatchNormFold() {}

    /** Folded weights and bias. */
    public record Folded(float[] weights, float[] bias) {}

    public static Folded fold(float[] w, float[] b, int outC, float[] gamma, float[] beta, float[] mean, float[] var, float eps) {
        if (w.length % outC != 0) throw new IllegalArgumentException("weights length " + w.length + " not a multiple of outC " + outC);
        for (float[] a : new float[][]{gamma, beta, mean, var})
            if (a.length != outC) throw new IllegalArgumentException("BatchNorm parameter length " + a.length + " != outC " + outC);
        if (b != null && b.length != outC) throw new IllegalArgumentException("bias length " + b.length + " != outC " + outC);
        int per = w.length / outC;
        float[] fw = new float[w.length], fb = new float[outC];
        for (int c = 0; c < outC; c++) {
            if (var[c] < 0) throw new IllegalArgumentException("negative BatchNorm variance at channel " + c);
            double k = gamma[c] / Math.sqrt(var[c] + (double) eps);
            for (int i = c * per; i < (c + 1) * per; i++) fw[i] = (float) (w[i] * k);
            fb[c] = (float) (((b == null ? 0 : b[c]) - mean[c]) * k + beta[c]);
        }
        return new Folded(fw, fb);
    }
}
