package dev.heq.quant;

/**
 * Float → integer quantizers used when a trained float model is turned into an integer model.
 * Symmetric, zero point 0. Weights use the narrow range {@code [-(2^(b-1)-1), 2^(b-1)-1]} so that the grid is
 * symmetric around 0 (b = 2 gives {-1, 0, 1}); the integer engine accepts the full two's complement range.
 */
public final class Quantize {
    private Quantize() {}

    /** Largest weight magnitude used by the quantizers: 2^(b-1) - 1. */
    public static int weightQmax(int bits) {
        checkWeightBits(bits);
        return (1 << (bits - 1)) - 1;
    }

    public static void checkWeightBits(int bits) {
        if (bits < 2 || bits > 8) throw new IllegalArgumentException("weight bit width out of range [2, 8]: " + bits);
    }

    /** Round half up, the same rule as {@link FixedPoint#apply}: floor(x + 0.5). */
    public static long roundHalfUp(double x) {
        return (long) Math.floor(x + 0.5);
    }

    /**
     * Per-channel (or per-tensor when {@code perChannel} is false) max-abs symmetric scales of a weight tensor laid
     * out as {@code channels} contiguous rows. A channel of zeros gets scale 1 (any positive scale is exact).
     */
    public static double[] weightScales(float[] w, int channels, int bits, boolean perChannel) {
        int qmax = weightQmax(bits);
        int per = w.length / channels;
        double[] s = new double[perChannel ? channels : 1];
        for (int c = 0; c < channels; c++) {
            double m = 0;
            for (int i = c * per; i < (c + 1) * per; i++) m = Math.max(m, Math.abs(w[i]));
            int k = perChannel ? c : 0;
            s[k] = Math.max(s[k], m / qmax);
        }
        for (int k = 0; k < s.length; k++) if (!(s[k] > 0)) s[k] = 1.0;
        return s;
    }

    /** q = clamp(roundHalfUp(w / s_c), -qmax, qmax). */
    public static int[] weights(float[] w, int channels, double[] scales, int bits) {
        int qmax = weightQmax(bits);
        int per = w.length / channels;
        int[] q = new int[w.length];
        for (int i = 0; i < w.length; i++) {
            double s = scales.length == 1 ? scales[0] : scales[i / per];
            q[i] = (int) Math.max(-qmax, Math.min(qmax, roundHalfUp(w[i] / s)));
        }
        return q;
    }
}
