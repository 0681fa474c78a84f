package dev.heq.nn;

import dev.heq.quant.QType;

/**
 * An integer operation of the quantized model. Every implementation defines its integer semantics exactly in its
 * class comment; {@link IntegerEngine} is the executable form of those definitions and the 2PC pipeline must
 * reproduce them bit for bit. BatchNorm has no integer form: it is folded into the preceding convolution
 * ({@link dev.heq.nn.train.BatchNormFold}) before quantization.
 */
public sealed interface Layer permits Layer.Conv2d, Layer.Dense, Layer.MaxPool, Layer.AvgPool, Layer.Add, Layer.Relu, Layer.Flatten {

    /** A short op name used in messages and files. */
    String op();

    /** Number of input tensors. */
    default int arity() { return 1; }

    /** The output shape for the given input shapes; throws {@link ModelException} on a mismatch. */
    Shape outputShape(Shape[] in);

    /** The output type for the given input types; throws {@link ModelException} if the inputs are unsupported. */
    QType outputType(QType[] in);

    private static ModelException err(String op, String msg) { return new ModelException(op + ": " + msg); }

    private static int convOut(int in, int k, int stride, int pad, String op) {
        int span = in + 2 * pad - k;
        if (span < 0) throw err(op, "kernel " + k + " larger than padded input " + (in + 2 * pad));
        return span / stride + 1;
    }

    /** Worst-case |acc| of a dot product of weight rows with inputs of type {@code x}, plus the bias. */
    static long accBound(int[] w, int[] bias, int rows, QType x) {
        int per = w.length / rows;
        long worst = 0;
        for (int r = 0; r < rows; r++) {
            long l1 = 0;
            for (int i = r * per; i < (r + 1) * per; i++) l1 += Math.abs(w[i]);
            worst = Math.max(worst, l1 * x.maxAbs() + Math.abs((long) bias[r]));
        }
        return worst;
    }

    /** Signed bits needed to hold every integer of magnitude ≤ bound: bitLength(bound) + 1. */
    static int signedBitsFor(long bound) { return 65 - Long.numberOfLeadingZeros(bound); }

    private static void checkWeights(String op, int bits, int[] w, int expectedLen) {
        if (bits < 2 || bits > 8) throw err(op, "weight bit width out of range [2, 8]: " + bits);
        if (w.length != expectedLen) throw err(op, "shape mismatch: " + w.length + " weights, expected " + expectedLen);
        int lo = -(1 << (bits - 1)), hi = (1 << (bits - 1)) - 1;
        for (int i = 0; i < w.length; i++)
            if (w[i] < lo || w[i] > hi) throw err(op, "weight[" + i + "] = " + w[i] + " outside the " + bits + "-bit range [" + lo + ", " + hi + "]");
    }

    private static void checkLinear(String op, int outC, int[] bias, double[] wScale, dev.heq.quant.Requantizer rq) {
        if (bias.length != outC) throw err(op, "shape mismatch: " + bias.length + " biases for " + outC + " output channels");
        if (wScale.length != 1 && wScale.length != outC) throw err(op, "weight scales: need 1 or " + outC + ", got " + wScale.length);
        for (double s : wScale) if (!(s > 0) || Double.isInfinite(s)) throw err(op, "weight scale must be finite and > 0: " + s);
        if (rq.size() != 1 && rq.size() != outC) throw err(op, "requantizer has " + rq.size() + " multipliers for " + outC + " channels");
    }

    private static void checkAcc(String op, int[] w, int[] bias, int rows, QType x, int accBits) {
        long bound = accBound(w, bias, rows, x);
        int need = signedBitsFor(bound);
        if (need > accBits)
            throw err(op, "accumulator width " + accBits + " too small: worst case |acc| = " + bound + " needs " + need + " bits");
    }

    /**
     * 2-D convolution with grouped channels (groups = inC gives depthwise), BatchNorm folded in, bias in the
     * accumulator's scale and requantization fused:
     * <pre>
     *   acc[o][y][x] = bias[o] + Σ_{i<inC/g, ky<kh, kx<kw} W[o][i][ky][kx] · X[g(o)·inC/g + i][y·stride-pad+ky][x·stride-pad+kx]
     *   (X is 0 outside the image: zero padding)              g(o) = o / (outC/groups)
     *   out[o][y][x] = rq.apply(acc[o][y][x], o)               (see {@link dev.heq.quant.Requantizer})
     * </pre>
     * Weights are laid out OIHW ({@code [outC][inC/groups][kh][kw]}), signed {@code weightBits}-bit integers with
     * real scale {@code weightScale[o]} (per channel) or {@code weightScale[0]} (per tensor). The bias is an
     * integer in units of {@code inputScale · weightScale[o]}. |acc| < 2^(accBits-1) is guaranteed by
     * construction (checked against the worst case when the model is built or read).
     */
    record Conv2d(int inC, int outC, int kh, int kw, int stride, int pad, int groups, int weightBits,
                  int[] weights, int[] bias, double[] weightScale, dev.heq.quant.Requantizer requant) implements Layer {
        public Conv2d {
            String op = "Conv2d";
            if (inC < 1 || outC < 1 || kh < 1 || kw < 1 || stride < 1 || pad < 0 || groups < 1)
                throw err(op, "bad geometry in=" + inC + " out=" + outC + " k=" + kh + "x" + kw + " stride=" + stride + " pad=" + pad + " groups=" + groups);
            if (inC % groups != 0 || outC % groups != 0)
                throw err(op, "groups " + groups + " must divide inC " + inC + " and outC " + outC);
            checkWeights(op, weightBits, weights, outC * (inC / groups) * kh * kw);
            checkLinear(op, outC, bias, weightScale, requant);
            weights = weights.clone(); bias = bias.clone(); weightScale = weightScale.clone();
        }

        public String op() { return "Conv2d"; }

        public int accBits() { return requant.accBits(); }

        /** Accumulations per output (e = kh·kw·inC/groups; it bounds the accumulator width b_acc). */
        public int fanIn() { return kh * kw * (inC / groups); }

        public Shape outputShape(Shape[] in) {
            Shape s = in[0];
            if (s.c() != inC) throw err(op(), "shape mismatch: input has " + s.c() + " channels, layer expects " + inC);
            return new Shape(outC, convOut(s.h(), kh, stride, pad, op()), convOut(s.w(), kw, stride, pad, op()));
        }

        public QType outputType(QType[] in) {
            checkAcc(op(), weights, bias, outC, in[0], requant.accBits());
            return requant.out();
        }

        @Override public int[] weights() { return weights.clone(); }
        @Override public int[] bias() { return bias.clone(); }
        @Override public double[] weightScale() { return weightScale.clone(); }
        int[] w() { return weights; }
        int[] b() { return bias; }

        @Override
        public boolean equals(Object o) {
            return o instanceof Conv2d c && inC == c.inC && outC == c.outC && kh == c.kh && kw == c.kw && stride == c.stride
                    && pad == c.pad && groups == c.groups && weightBits == c.weightBits && java.util.Arrays.equals(weights, c.weights)
                    && java.util.Arrays.equals(bias, c.bias) && java.util.Arrays.equals(weightScale, c.weightScale) && requant.equals(c.requant);
        }

        @Override
        public int hashCode() { return java.util.Objects.hash(inC, outC, kh, kw, stride, pad, groups, java.util.Arrays.hashCode(weights)); }
    }

    /**
     * Fully connected layer on a flattened input of {@code in} values ({@code in×1×1}):
     * <pre>
     *   acc[o] = bias[o] + Σ_{i<in} W[o][i] · X[i]          out[o] = rq.apply(acc[o], o)
     * </pre>
     * Same conventions as {@link Conv2d} (it is a 1×1 convolution on a 1×1 image).
     */
    record Dense(int in, int out, int weightBits, int[] weights, int[] bias, double[] weightScale,
                 dev.heq.quant.Requantizer requant) implements Layer {
        public Dense {
            if (in < 1 || out < 1) throw err("Dense", "bad geometry in=" + in + " out=" + out);
            checkWeights("Dense", weightBits, weights, in * out);
            checkLinear("Dense", out, bias, weightScale, requant);
            weights = weights.clone(); bias = bias.clone(); weightScale = weightScale.clone();
        }

        public String op() { return "Dense"; }

        public int accBits() { return requant.accBits(); }

        public Shape outputShape(Shape[] s) {
            if (s[0].size() != in || s[0].h() != 1 || s[0].w() != 1)
                throw err(op(), "shape mismatch: input " + s[0] + ", layer expects " + in + "x1x1 (insert a Flatten)");
            return new Shape(out, 1, 1);
        }

        public QType outputType(QType[] t) {
            checkAcc(op(), weights, bias, out, t[0], requant.accBits());
            return requant.out();
        }

        @Override public int[] weights() { return weights.clone(); }
        @Override public int[] bias() { return bias.clone(); }
        @Override public double[] weightScale() { return weightScale.clone(); }
        int[] w() { return weights; }
        int[] b() { return bias; }

        @Override
        public boolean equals(Object o) {
            return o instanceof Dense d && in == d.in && out == d.out && weightBits == d.weightBits && java.util.Arrays.equals(weights, d.weights)
                    && java.util.Arrays.equals(bias, d.bias) && java.util.Arrays.equals(weightScale, d.weightScale) && requant.equals(d.requant);
        }

        @Override
        public int hashCode() { return java.util.Objects.hash(in, out, java.util.Arrays.hashCode(weights)); }
    }

    /**
     * Max pooling: {@code out[c][y][x] = max over ky,kx < k of X[c][y·stride-pad+ky][x·stride-pad+kx]}, taking only
     * positions inside the image (padding never wins). Type and scale unchanged.
     */
    record MaxPool(int k, int stride, int pad) implements Layer {
        public MaxPool {
            if (k < 1 || stride < 1 || pad < 0 || pad >= k) throw err("MaxPool", "bad geometry k=" + k + " stride=" + stride + " pad=" + pad);
        }

        public String op() { return "MaxPool"; }

        public Shape outputShape(Shape[] in) {
            Shape s = in[0];
            return new Shape(s.c(), convOut(s.h(), k, stride, pad, op()), convOut(s.w(), k, stride, pad, op()));
        }

        public QType outputType(QType[] in) { return in[0]; }
    }

    /**
     * Average pooling without padding, as a window sum followed by the fixed-point factor {@code divisor ≈ 1/k²}:
     * <pre>
     *   out[c][y][x] = clamp( divisor.apply( Σ_{ky,kx<k} X[c][y·stride+ky][x·stride+kx] ), in.min, in.max )
     * </pre>
     * Type and scale are unchanged (the factor is a pure 1/k² average). {@code global} pooling is the case
     * k = H = W (checked when the graph is built), giving a C×1×1 output.
     */
    record AvgPool(int k, int stride, boolean global, dev.heq.quant.FixedPoint divisor) implements Layer {
        public AvgPool {
            if (k < 1 || stride < 1) throw err("AvgPool", "bad geometry k=" + k + " stride=" + stride);
            if (divisor == null) throw err("AvgPool", "missing divisor");
        }

        /** k×k / stride k pooling with the default-precision factor 1/k². */
        public static AvgPool of(int k, int stride) { return new AvgPool(k, stride, false, dev.heq.quant.FixedPoint.of(1.0 / (k * k))); }

        /** Global average pooling over a k×k map. */
        public static AvgPool global(int k) { return new AvgPool(k, 1, true, dev.heq.quant.FixedPoint.of(1.0 / (k * k))); }

        public String op() { return global ? "GlobalAvgPool" : "AvgPool"; }

        public Shape outputShape(Shape[] in) {
            Shape s = in[0];
            if (global && (s.h() != k || s.w() != k)) throw err(op(), "shape mismatch: global pool of " + k + "x" + k + " on input " + s);
            return new Shape(s.c(), convOut(s.h(), k, stride, 0, op()), convOut(s.w(), k, stride, 0, op()));
        }

        public QType outputType(QType[] in) {
            if (in[0].bits() + 2 * (32 - Integer.numberOfLeadingZeros(k)) + divisor.multiplierBits() > 62)
                throw err(op(), "window sum times multiplier could overflow 62 bits");
            return in[0];
        }
    }

    /**
     * Residual addition of two tensors with (possibly) different scales, aligned by fixed-point factors that share
     * one shift (the same requantization rule as everywhere else):
     * <pre>
     *   out = clamp( floor((A·ma + B·mb + r) / 2^shift), out.min, out.max ),   r = 2^(shift-1) (0 if shift = 0)
     *   ma·2^-shift ≈ scaleA / scaleOut,   mb·2^-shift ≈ scaleB / scaleOut
     * </pre>
     * An unsigned {@code out} type fuses a ReLU after the add (ResNet's post-add ReLU).
     */
    record Add(int ma, int mb, int shift, QType out) implements Layer {
        public Add {
            if (ma < 0 || mb < 0 || shift < 0 || shift > 62) throw err("Add", "bad alignment ma=" + ma + " mb=" + mb + " shift=" + shift);
            if (out == null) throw err("Add", "missing output type");
        }

        /** Chooses ma, mb with {@code bits} bits of precision for the larger of the two ratios. */
        public static Add aligning(QType a, QType b, QType out, int bits) {
            double ra = a.scale() / out.scale(), rb = b.scale() / out.scale();
            dev.heq.quant.FixedPoint big = dev.heq.quant.FixedPoint.of(Math.max(ra, rb), bits);
            int s = big.shift();
            long ma = Math.round(Math.scalb(ra, s)), mb = Math.round(Math.scalb(rb, s));
            return new Add((int) ma, (int) mb, s, out);
        }

        public String op() { return "Add"; }

        public int arity() { return 2; }

        public long roundingOffset() { return shift == 0 ? 0 : 1L << (shift - 1); }

        public Shape outputShape(Shape[] in) {
            if (!in[0].equals(in[1])) throw err(op(), "shape mismatch: " + in[0] + " + " + in[1]);
            return in[0];
        }

        public QType outputType(QType[] in) {
            int mbits = Math.max(32 - Integer.numberOfLeadingZeros(ma), 32 - Integer.numberOfLeadingZeros(mb));
            if (Math.max(in[0].bits(), in[1].bits()) + mbits + 1 > 62) throw err(op(), "aligned sum could overflow 62 bits");
            return out;
        }
    }

    /**
     * Standalone ReLU {@code out = max(0, X)} (usually fused into a requantization instead). A signed b-bit input
     * gives an unsigned (b-1)-bit output of the same scale; an unsigned input passes unchanged.
     */
    record Relu() implements Layer {
        public String op() { return "Relu"; }

        public Shape outputShape(Shape[] in) { return in[0]; }

        public QType outputType(QType[] in) {
            QType t = in[0];
            if (!t.signed()) return t;
            if (t.bits() < 3) throw err(op(), "a signed " + t.bits() + "-bit input leaves < 2 bits after ReLU");
            return QType.unsigned(t.bits() - 1, t.scale());
        }
    }

    /** Reshape C×H×W to (C·H·W)×1×1 in C-major (CHW) order, as ONNX Flatten on NCHW. */
    record Flatten() implements Layer {
        public String op() { return "Flatten"; }

        public Shape outputShape(Shape[] in) { return new Shape(in[0].size(), 1, 1); }

        public QType outputType(QType[] in) { return in[0]; }
    }
}
