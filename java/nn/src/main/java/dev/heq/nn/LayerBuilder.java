package dev.heq.nn;

import dev.heq.quant.FixedPoint;
import dev.heq.quant.QType;
import dev.heq.quant.Quantize;
import dev.heq.quant.Requantizer;

/**
 * Builds integer layers from integer or float parameters, deriving what follows from the scales:
 * <ul>
 *   <li>bias in the accumulator scale: {@code bias_q[c] = roundHalfUp(bias[c] / (s_x · s_w[c]))};</li>
 *   <li>requantization factor per channel: {@code FixedPoint.of(s_x · s_w[c] / s_y)};</li>
 *   <li>b_acc = the signed width of the worst-case |acc| = Σ|w_c|·max|x| + |bias_c| (tight and exact, and never
 *       above the spec's b_w + b_x + log2 e bound).</li>
 * </ul>
 */
public final class LayerBuilder {
    private LayerBuilder() {}

    static Requantizer requant(QType in, double[] wScale, QType out, int accBits) {
        FixedPoint[] f = new FixedPoint[wScale.length];
        for (int c = 0; c < f.length; c++) f[c] = FixedPoint.of(in.scale() * wScale[c] / out.scale());
        return new Requantizer(f, out, accBits);
    }

    static int accBits(int[] w, int[] b, int rows, QType in) {
        int bits = Math.max(2, Layer.signedBitsFor(Layer.accBound(w, b, rows, in)));
        if (bits > 32) throw new ModelException("accumulator needs " + bits + " bits (> 32)");
        return bits;
    }

    /** A convolution from integer weights/bias and real scales. */
    public static Layer.Conv2d conv(int inC, int outC, int k, int stride, int pad, int groups, int wBits,
                                    int[] wq, int[] bq, double[] wScale, QType in, QType out) {
        int acc = accBits(wq, bq, outC, in);
        return new Layer.Conv2d(inC, outC, k, k, stride, pad, groups, wBits, wq, bq, wScale, requant(in, wScale, out, acc));
    }

    /** A dense layer from integer weights/bias and real scales. */
    public static Layer.Dense dense(int n, int m, int wBits, int[] wq, int[] bq, double[] wScale, QType in, QType out) {
        int acc = accBits(wq, bq, m, in);
        return new Layer.Dense(n, m, wBits, wq, bq, wScale, requant(in, wScale, out, acc));
    }

    /** Quantizes float weights (OIHW) and bias with max-abs symmetric scales. */
    public static Layer.Conv2d convFromFloat(int inC, int outC, int k, int stride, int pad, int groups, float[] w, float[] bias,
                                             int wBits, boolean perChannel, QType in, QType out) {
        double[] s = Quantize.weightScales(w, outC, wBits, perChannel);
        return conv(inC, outC, k, stride, pad, groups, wBits, Quantize.weights(w, outC, s, wBits), quantBias(bias, outC, s, in), s, in, out);
    }

    /** Quantizes float weights ([out][in]) and bias with max-abs symmetric scales. */
    public static Layer.Dense denseFromFloat(int n, int m, float[] w, float[] bias, int wBits, boolean perChannel, QType in, QType out) {
        double[] s = Quantize.weightScales(w, m, wBits, perChannel);
        return dense(n, m, wBits, Quantize.weights(w, m, s, wBits), quantBias(bias, m, s, in), s, in, out);
    }

    static int[] quantBias(float[] bias, int outC, double[] s, QType in) {
        int[] q = new int[outC];
        if (bias == null) return q;
        for (int c = 0; c < outC; c++) {
            long v = Quantize.roundHalfUp(bias[c] / (in.scale() * s[s.length == 1 ? 0 : c]));
            // Clamp into 2^24: a larger bias would dominate any accumulator and only inflate b_acc.
            q[c] = (int) Math.max(-(1 << 24), Math.min(1 << 24, v));
        }
        return q;
    }
}
