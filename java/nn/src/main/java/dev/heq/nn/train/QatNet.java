package dev.heq.nn.train;

import dev.heq.nn.Layer;
import dev.heq.nn.LayerBuilder;
import dev.heq.nn.QuantModel;
import dev.heq.nn.Shape;
import dev.heq.quant.QType;
import dev.heq.quant.Quantize;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small sequential CNN trained with quantization-aware training (QAT), in pure Java on {@code float[]}.
 *
 * <p><b>Fake quantization</b> (what the forward pass simulates; {@link #toQuantModel} produces the integer model
 * whose {@link dev.heq.nn.IntegerEngine} results match it up to the 16-bit fixed-point multipliers):
 * <ul>
 *   <li>weights: symmetric per output channel, {@code s_w = max|w_c| / (2^(b_w-1)-1)},
 *       {@code ŵ = s_w · clamp(roundHalfUp(w/s_w), ±(2^(b_w-1)-1))}; the gradient passes straight through to
 *       {@code w} (straight-through estimator, STE);</li>
 *   <li>bias: rounded to the accumulator grid {@code s_x·s_w} the integer model uses;</li>
 *   <li>activations after ReLU: a learned clip α per layer (PACT), {@code L = 2^b_x - 1}, {@code s = α/L},
 *       {@code y = s · roundHalfUp(clamp(z, 0, α) / s)}; the gradient w.r.t. z is 1 on (0, α) (STE) and the
 *       gradient w.r.t. α is 1 above α and {@code (round(z/s) - z/s)/L} inside (the LSQ step-size gradient);</li>
 *   <li>the input is the pixel / 255 exactly (8-bit unsigned input of scale 1/255); the logits stay float.</li>
 * </ul>
 * With {@code wBits == 0} the net trains in plain float (ReLU, no quantization).
 *
 * <p>Convolutions are "same" (pad k/2, stride 1) via im2col and saxpy-ordered loops that HotSpot auto-vectorises;
 * each worker thread owns a {@link Ctx} (activations, caches, gradients) so images of a batch run in parallel.
 */
public final class QatNet {
    final int wBits, aBits;
    final List<TLayer> layers = new ArrayList<>();
    final List<float[]> params = new ArrayList<>();
    final int inSize;

    /** @param wBits 2..8, or 0 for float training; @param aBits 2..8 (ignored in float mode) */
    QatNet(int wBits, int aBits, int inSize) {
        if (wBits != 0) { Quantize.checkWeightBits(wBits); if (aBits < 2 || aBits > 8) throw new IllegalArgumentException("activation bits must be in [2, 8]: " + aBits); }
        this.wBits = wBits;
        this.aBits = aBits;
        this.inSize = inSize;
    }

    boolean quantized() { return wBits != 0; }

    /**
     * conv3x3(1→c1) · ReLU-quant · maxpool2 · conv3x3(c1→c2) · ReLU-quant · maxpool2 · [dense(→hidden) · ReLU-quant] · dense(→10),
     * for 28×28×1 inputs.
     */
    public static QatNet smallCnn(int wBits, int aBits, int c1, int c2, int hidden, long seed) {
        QatNet n = new QatNet(wBits, aBits, 28 * 28);
        SplittableRandom r = new SplittableRandom(seed);
        n.add(new Conv(n, 1, c1, 3, 28, 28, r));
        n.add(new Pool(c1, 28, 28));
        n.add(new Conv(n, c1, c2, 3, 14, 14, r));
        n.add(new Pool(c2, 14, 14));
        int flat = c2 * 7 * 7;
        if (hidden > 0) {
            n.add(new Dense(n, flat, hidden, true, r));
            flat = hidden;
        }
        n.add(new Dense(n, flat, 10, false, r));
        return n;
    }

    private void add(TLayer l) {
        layers.add(l);
        l.paramBase = params.size();
        params.addAll(l.params());
    }

    int outSize() { return layers.getLast().outSize; }

    /** Per-batch preparation: fake-quantizes weights and biases (single-threaded, before workers run). */
    void prepare() {
        double sx = 1.0 / 255;
        for (TLayer l : layers) sx = l.prepare(sx);
    }

    /** Per-thread state: activations, gradients of activations, layer caches and parameter gradients. */
    final class Ctx {
        final float[][] act = new float[layers.size() + 1][];
        final float[][] dAct = new float[layers.size() + 1][];
        final Object[] cache = new Object[layers.size()];
        final float[][] grad = new float[params.size()][];

        Ctx() {
            act[0] = new float[inSize];
            dAct[0] = new float[inSize];
            for (int i = 0; i < layers.size(); i++) {
                act[i + 1] = new float[layers.get(i).outSize];
                dAct[i + 1] = new float[layers.get(i).outSize];
                cache[i] = layers.get(i).newCache();
            }
            for (int p = 0; p < params.size(); p++) grad[p] = new float[params.get(p).length];
        }

        void zeroGrad() {
            for (float[] g : grad) java.util.Arrays.fill(g, 0f);
            for (int i = 0; i < layers.size(); i++) layers.get(i).zeroGrad(cache[i]);
        }

        void flushGrad() { for (int i = 0; i < layers.size(); i++) layers.get(i).flushGrad(cache[i], grad); }

        /** Forward of one image (act[0] must be filled); returns the logits array (owned by this context). */
        float[] forward() {
            for (int i = 0; i < layers.size(); i++) layers.get(i).forward(act[i], act[i + 1], cache[i]);
            return act[layers.size()];
        }

        /** Forward + softmax cross-entropy + backward for one image; accumulates gradients; returns the loss. */
        float trainStep(int label, int[] correct) {
            float[] z = forward();
            int am = 0;
            float mx = z[0];
            for (int i = 1; i < z.length; i++) if (z[i] > mx) { mx = z[i]; am = i; }
            if (am == label) correct[0]++;
            double sum = 0;
            for (float v : z) sum += Math.exp(v - mx);
            float[] d = dAct[layers.size()];
            for (int i = 0; i < z.length; i++) d[i] = (float) (Math.exp(z[i] - mx) / sum) - (i == label ? 1f : 0f);
            for (int i = layers.size() - 1; i >= 0; i--)
                layers.get(i).backward(act[i], dAct[i + 1], i == 0 ? null : dAct[i], cache[i], grad);
            return (float) (Math.log(sum) - (z[label] - mx));
        }
    }

    Ctx newCtx() { return new Ctx(); }

    // =================================================================================================== layers

    abstract static class TLayer {
        int inSize, outSize, paramBase;

        List<float[]> params() { return List.of(); }

        /** Fake-quantizes parameters for the batch; returns this layer's output scale (input scale of the next). */
        double prepare(double inScale) { return inScale; }

        Object newCache() { return null; }

        /** Clears per-thread gradient buffers kept in the cache (before a worker's slice of a batch). */
        void zeroGrad(Object cache) {}

        /** Adds per-thread gradient buffers kept in the cache into the flat gradients (after the slice). */
        void flushGrad(Object cache, float[][] grads) {}

        abstract void forward(float[] x, float[] y, Object cache);

        /** dx may be null (first layer). dy is the gradient w.r.t. y; grads are indexed by global parameter id. */
        abstract void backward(float[] x, float[] dy, float[] dx, Object cache, float[][] grads);
    }

    /** Fake-quant ReLU with learned clip α (see class comment), shared by Conv and hidden Dense. */
    static final class Act {
        final QatNet net;
        final float[] alpha = {3f};

        Act(QatNet net) { this.net = net; }

        float levels() { return (1 << net.aBits) - 1; }

        double scale() { return alpha[0] / levels(); }

        /** y from pre-activations z (n values). */
        void forward(float[] z, float[] y, int n) { forwardRow(z, y, 0, n); }

        /** y[off + i] = act(z[i]) for i < n. */
        void forwardRow(float[] z, float[] y, int off, int n) {
            if (!net.quantized()) {
                for (int i = 0; i < n; i++) y[off + i] = Math.max(0f, z[i]);
                return;
            }
            float a = alpha[0], s = a / levels(), inv = 1f / s, top = (int) (a * inv + 0.5f) * s;
            for (int i = 0; i < n; i++) {
                float v = z[i];
                // v > 0 here, so the int cast truncation is floor: round half up as in FixedPoint
                y[off + i] = v <= 0 ? 0f : v >= a ? top : (int) (v * inv + 0.5f) * s;
            }
        }

        /** Overwrites dy with dL/dz and returns dL/dα. */
        float backward(float[] z, float[] dy, int n) {
            if (!net.quantized()) {
                for (int i = 0; i < n; i++) if (z[i] <= 0) dy[i] = 0f;
                return 0f;
            }
            float a = alpha[0], L = levels(), s = a / L, inv = 1f / s;
            double da = 0;
            for (int i = 0; i < n; i++) {
                float v = z[i];
                if (v <= 0) dy[i] = 0f;
                else if (v >= a) { da += dy[i]; dy[i] = 0f; }
                else {
                    float q = v * inv;
                    da += dy[i] * ((int) (q + 0.5f) - q) / L;
                }
            }
            return (float) da;
        }
    }

    /** Fake-quantizes {@code w} (rows = output channels) into {@code wq}; returns the per-channel scales. */
    static double[] fakeQuantWeights(QatNet net, float[] w, float[] wq, int rows) {
        if (!net.quantized()) { System.arraycopy(w, 0, wq, 0, w.length); return null; }
        double[] s = Quantize.weightScales(w, rows, net.wBits, true);
        int qmax = Quantize.weightQmax(net.wBits), per = w.length / rows;
        for (int i = 0; i < w.length; i++) {
            double sc = s[i / per];
            wq[i] = (float) (sc * Math.max(-qmax, Math.min(qmax, Quantize.roundHalfUp(w[i] / sc))));
        }
        return s;
    }

    static void fakeQuantBias(QatNet net, float[] b, float[] bq, double inScale, double[] ws) {
        for (int c = 0; c < b.length; c++) {
            if (!net.quantized()) { bq[c] = b[c]; continue; }
            double u = inScale * ws[c];
            bq[c] = (float) (u * Quantize.roundHalfUp(b[c] / u));
        }
    }

    /** "Same" k×k convolution, stride 1, pad k/2, groups 1, followed by the activation. */
    static final class Conv extends TLayer {
        final QatNet net;
        final int inC, outC, k, H, W, K, P;
        final float[] w, b, wq, bq;
        final Act act;
        double[] wScale;
        double inScale;

        Conv(QatNet net, int inC, int outC, int k, int H, int W, SplittableRandom r) {
            this.net = net; this.inC = inC; this.outC = outC; this.k = k; this.H = H; this.W = W;
            K = inC * k * k; P = H * W;
            inSize = inC * P; outSize = outC * P;
            w = new float[outC * K]; wq = new float[w.length]; b = new float[outC]; bq = new float[outC];
            double std = Math.sqrt(2.0 / K); // He initialisation for ReLU
            for (int i = 0; i < w.length; i++) w[i] = (float) (gaussian(r) * std);
            act = new Act(net);
        }

        List<float[]> params() { return List.of(w, b, act.alpha); }

        double prepare(double sIn) {
            inScale = sIn;
            wScale = fakeQuantWeights(net, w, wq, outC);
            fakeQuantBias(net, b, bq, sIn, wScale);
            return act.scale();
        }

        /*
         * Per-thread buffers as row arrays (float[row][P]): HotSpot's SuperWord vectorises a[p] += c·b[p] only when
         * both sides use the same index (with different base offsets into flat arrays it cannot rule out aliasing
         * and stays scalar, ≈5× slower measured on JDK 25). Four output rows share each loaded input row.
         */
        record Cache(float[][] col, float[][] colT, float[][] z, float[][] dz, float[][] dcol, float[][] gw) {}

        Object newCache() {
            return new Cache(new float[K][P], new float[P][K], new float[outC][P], new float[outC][P], new float[K][P], new float[outC][K]);
        }

        @Override
        void zeroGrad(Object cache) { for (float[] r : ((Cache) cache).gw) java.util.Arrays.fill(r, 0f); }

        @Override
        void flushGrad(Object cache, float[][] grads) {
            float[][] gw = ((Cache) cache).gw;
            float[] g = grads[paramBase];
            for (int o = 0; o < outC; o++) for (int kk = 0; kk < K; kk++) g[o * K + kk] += gw[o][kk];
        }

        void forward(float[] x, float[] y, Object cache) {
            Cache c = (Cache) cache;
            float[][] col = c.col, z = c.z;
            im2col(x, col);
            int o = 0;
            for (; o + 3 < outC; o += 4) {
                float[] z0 = z[o], z1 = z[o + 1], z2 = z[o + 2], z3 = z[o + 3];
                java.util.Arrays.fill(z0, bq[o]); java.util.Arrays.fill(z1, bq[o + 1]);
                java.util.Arrays.fill(z2, bq[o + 2]); java.util.Arrays.fill(z3, bq[o + 3]);
                for (int kk = 0; kk < K; kk++) {
                    float a0 = wq[o * K + kk], a1 = wq[(o + 1) * K + kk], a2 = wq[(o + 2) * K + kk], a3 = wq[(o + 3) * K + kk];
                    float[] cr = col[kk];
                    for (int p = 0; p < P; p++) { float v = cr[p]; z0[p] += a0 * v; z1[p] += a1 * v; z2[p] += a2 * v; z3[p] += a3 * v; }
                }
            }
            for (; o < outC; o++) {
                float[] zr = z[o];
                java.util.Arrays.fill(zr, bq[o]);
                for (int kk = 0; kk < K; kk++) { float a = wq[o * K + kk]; float[] cr = col[kk]; for (int p = 0; p < P; p++) zr[p] += a * cr[p]; }
            }
            for (int r = 0; r < outC; r++) act.forwardRow(z[r], y, r * P, P);
        }

        void im2col(float[] x, float[][] col) {
            int pad = k / 2;
            for (int ci = 0; ci < inC; ci++)
                for (int ky = 0; ky < k; ky++)
                    for (int kx = 0; kx < k; kx++) {
                        float[] row = col[(ci * k + ky) * k + kx];
                        for (int oy = 0; oy < H; oy++) {
                            int iy = oy - pad + ky;
                            int base = oy * W;
                            if (iy < 0 || iy >= H) { java.util.Arrays.fill(row, base, base + W, 0f); continue; }
                            int xb = (ci * H + iy) * W;
                            for (int ox = 0; ox < W; ox++) {
                                int ix = ox - pad + kx;
                                row[base + ox] = (ix < 0 || ix >= W) ? 0f : x[xb + ix];
                            }
                        }
                    }
        }

        void backward(float[] x, float[] dy, float[] dx, Object cache, float[][] grads) {
            Cache c = (Cache) cache;
            float[][] dz = c.dz, col = c.col, colT = c.colT, gw = c.gw;
            float da = 0f;
            for (int o = 0; o < outC; o++) {
                System.arraycopy(dy, o * P, dz[o], 0, P);
                da += act.backward(c.z[o], dz[o], P);
            }
            grads[paramBase + 2][0] += da;
            float[] gb = grads[paramBase + 1];
            for (int kk = 0; kk < K; kk++) { float[] cr = col[kk]; for (int p = 0; p < P; p++) colT[p][kk] = cr[p]; }
            for (int o = 0; o < outC; o++) {
                float[] dzr = dz[o], g = gw[o];
                float sb = 0f;
                int p = 0;
                for (; p + 3 < P; p += 4) { // four positions per pass over the gradient row
                    float g0 = dzr[p], g1 = dzr[p + 1], g2 = dzr[p + 2], g3 = dzr[p + 3];
                    if (g0 == 0f && g1 == 0f && g2 == 0f && g3 == 0f) continue;
                    sb += (g0 + g1) + (g2 + g3);
                    float[] c0 = colT[p], c1 = colT[p + 1], c2 = colT[p + 2], c3 = colT[p + 3];
                    for (int kk = 0; kk < K; kk++) g[kk] += g0 * c0[kk] + g1 * c1[kk] + g2 * c2[kk] + g3 * c3[kk];
                }
                for (; p < P; p++) {
                    float gv = dzr[p];
                    if (gv == 0f) continue;
                    sb += gv;
                    float[] ct = colT[p];
                    for (int kk = 0; kk < K; kk++) g[kk] += gv * ct[kk];
                }
                gb[o] += sb;
            }
            if (dx == null) return;
            float[][] dcol = c.dcol;
            for (int kk = 0; kk < K; kk++) {
                float[] d = dcol[kk];
                java.util.Arrays.fill(d, 0f);
                int o = 0;
                for (; o + 3 < outC; o += 4) {
                    float a0 = wq[o * K + kk], a1 = wq[(o + 1) * K + kk], a2 = wq[(o + 2) * K + kk], a3 = wq[(o + 3) * K + kk];
                    float[] d0 = dz[o], d1 = dz[o + 1], d2 = dz[o + 2], d3 = dz[o + 3];
                    for (int p = 0; p < P; p++) d[p] += a0 * d0[p] + a1 * d1[p] + a2 * d2[p] + a3 * d3[p];
                }
                for (; o < outC; o++) { float a = wq[o * K + kk]; float[] dr = dz[o]; for (int p = 0; p < P; p++) d[p] += a * dr[p]; }
            }
            java.util.Arrays.fill(dx, 0f);
            int pad = k / 2;
            for (int ci = 0; ci < inC; ci++)
                for (int ky = 0; ky < k; ky++)
                    for (int kx = 0; kx < k; kx++) {
                        float[] row = dcol[(ci * k + ky) * k + kx];
                        for (int oy = 0; oy < H; oy++) {
                            int iy = oy - pad + ky;
                            if (iy < 0 || iy >= H) continue;
                            int xb = (ci * H + iy) * W, base = oy * W;
                            for (int ox = 0; ox < W; ox++) {
                                int ix = ox - pad + kx;
                                if (ix >= 0 && ix < W) dx[xb + ix] += row[base + ox];
                            }
                        }
                    }
        }
    }

    /** 2×2 max pooling, stride 2. */
    static final class Pool extends TLayer {
        final int C, H, W;

        Pool(int C, int H, int W) { this.C = C; this.H = H; this.W = W; inSize = C * H * W; outSize = C * (H / 2) * (W / 2); }

        Object newCache() { return new int[outSize]; }

        void forward(float[] x, float[] y, Object cache) {
            int[] idx = (int[]) cache;
            int OH = H / 2, OW = W / 2, o = 0;
            for (int c = 0; c < C; c++)
                for (int oy = 0; oy < OH; oy++)
                    for (int ox = 0; ox < OW; ox++, o++) {
                        int i0 = (c * H + 2 * oy) * W + 2 * ox;
                        int best = i0;
                        if (x[i0 + 1] > x[best]) best = i0 + 1;
                        if (x[i0 + W] > x[best]) best = i0 + W;
                        if (x[i0 + W + 1] > x[best]) best = i0 + W + 1;
                        idx[o] = best;
                        y[o] = x[best];
                    }
        }

        void backward(float[] x, float[] dy, float[] dx, Object cache, float[][] grads) {
            int[] idx = (int[]) cache;
            java.util.Arrays.fill(dx, 0f);
            for (int o = 0; o < outSize; o++) dx[idx[o]] += dy[o];
        }
    }

    /** Fully connected; hidden layers have the activation, the last one outputs float logits. */
    static final class Dense extends TLayer {
        final QatNet net;
        final int n, m;
        final boolean hasAct;
        final float[] w, b, wq, bq;
        final Act act;
        double[] wScale;
        double inScale;

        Dense(QatNet net, int n, int m, boolean hasAct, SplittableRandom r) {
            this.net = net; this.n = n; this.m = m; this.hasAct = hasAct;
            inSize = n; outSize = m;
            w = new float[n * m]; wq = new float[w.length]; b = new float[m]; bq = new float[m];
            double std = Math.sqrt((hasAct ? 2.0 : 1.0) / n);
            for (int i = 0; i < w.length; i++) w[i] = (float) (gaussian(r) * std);
            act = hasAct ? new Act(net) : null;
        }

        List<float[]> params() { return hasAct ? List.of(w, b, act.alpha) : List.of(w, b); }

        double prepare(double sIn) {
            inScale = sIn;
            wScale = fakeQuantWeights(net, w, wq, m);
            fakeQuantBias(net, b, bq, sIn, wScale);
            return hasAct ? act.scale() : sIn;
        }

        Object newCache() { return new float[m]; }

        void forward(float[] x, float[] y, Object cache) {
            float[] z = hasAct ? (float[]) cache : y;
            for (int o = 0; o < m; o++) {
                int base = o * n;
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                int i = 0;
                for (; i + 3 < n; i += 4) {
                    s0 += wq[base + i] * x[i]; s1 += wq[base + i + 1] * x[i + 1];
                    s2 += wq[base + i + 2] * x[i + 2]; s3 += wq[base + i + 3] * x[i + 3];
                }
                for (; i < n; i++) s0 += wq[base + i] * x[i];
                z[o] = bq[o] + (s0 + s1) + (s2 + s3);
            }
            if (hasAct) act.forward(z, y, m);
        }

        void backward(float[] x, float[] dy, float[] dx, Object cache, float[][] grads) {
            if (hasAct) grads[paramBase + 2][0] += act.backward((float[]) cache, dy, m);
            float[] gw = grads[paramBase], gb = grads[paramBase + 1];
            if (dx != null) java.util.Arrays.fill(dx, 0f);
            for (int o = 0; o < m; o++) {
                float g = dy[o];
                if (g == 0f) continue;
                gb[o] += g;
                int base = o * n;
                for (int i = 0; i < n; i++) gw[base + i] += g * x[i];
                if (dx != null) for (int i = 0; i < n; i++) dx[i] += g * wq[base + i];
            }
        }
    }

    static double gaussian(SplittableRandom r) {
        // Box–Muller from the seeded generator (java.util.Random#nextGaussian would need a different RNG).
        double u = 1.0 - r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    // ============================================================================================ integer model

    /**
     * The integer model of this (quantized) net, using the current parameters: same integer weights and biases as
     * the fake-quantized forward pass; activation types u{b_x} with scale α/(2^b_x - 1); input u8 with scale
     * 1/255; logits signed with b_acc bits and scale s_x·max_c s_w[c] (the per-channel factors are ≤ 1, so the logits
     * never clamp and their order matches the accumulators' up to the rounding of the factors).
     */
    public QuantModel toQuantModel(String name) {
        if (!quantized()) throw new IllegalStateException("a float-trained net has no integer model; train with --bits W/A");
        prepare();
        List<Layer> out = new ArrayList<>();
        QType x = QType.unsigned(8, 1.0 / 255);
        for (int li = 0; li < layers.size(); li++) {
            TLayer l = layers.get(li);
            switch (l) {
                case Conv c -> {
                    QType y = QType.unsigned(aBits, c.act.scale());
                    out.add(LayerBuilder.conv(c.inC, c.outC, c.k, 1, c.k / 2, 1, wBits, intWeights(c.w, c.outC, c.wScale),
                            intBias(c.b, x, c.wScale), c.wScale, x, y));
                    x = y;
                }
                case Pool p -> out.add(new Layer.MaxPool(2, 2, 0));
                case Dense d -> {
                    if (out.isEmpty() || !(out.getLast() instanceof Layer.Dense)) out.add(new Layer.Flatten());
                    int[] wq = intWeights(d.w, d.m, d.wScale), bq = intBias(d.b, x, d.wScale);
                    QType y;
                    if (d.hasAct) y = QType.unsigned(aBits, d.act.scale());
                    else {
                        double smax = 0;
                        for (double s : d.wScale) smax = Math.max(smax, s);
                        Layer.Dense probe = LayerBuilder.dense(d.n, d.m, wBits, wq, bq, d.wScale, x, QType.signed(32, 1));
                        y = QType.signed(probe.accBits(), x.scale() * smax);
                    }
                    out.add(LayerBuilder.dense(d.n, d.m, wBits, wq, bq, d.wScale, x, y));
                    x = y;
                }
                default -> throw new IllegalStateException("unknown layer " + l);
            }
        }
        return QuantModel.sequential(name, new Shape(1, 28, 28), QType.unsigned(8, 1.0 / 255), out);
    }

    private int[] intWeights(float[] w, int rows, double[] s) { return Quantize.weights(w, rows, s, wBits); }

    private static int[] intBias(float[] b, QType x, double[] s) {
        int[] q = new int[b.length];
        for (int c = 0; c < b.length; c++) q[c] = (int) Quantize.roundHalfUp(b[c] / (x.scale() * s[c]));
        return q;
    }
}
