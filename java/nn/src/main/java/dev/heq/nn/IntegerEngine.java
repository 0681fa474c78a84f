package dev.heq.nn;

import dev.heq.quant.QType;

/**
 * The plaintext integer reference engine: the executable definition of every {@link Layer}'s semantics (see each
 * layer's class comment). Everything is exact integer arithmetic on {@code long} accumulators; nothing here uses a
 * float. The 2PC engine must agree with {@link #run} bit for bit. Stateless and thread-safe.
 */
public final class IntegerEngine {
    private IntegerEngine() {}

    /** Runs the model on one input (CHW, integers in the input type's range) and returns the output tensor. */
    public static int[] run(QuantModel m, int[] input) {
        return runAll(m, input)[m.tensorCount() - 1];
    }

    /** Runs the model and returns every tensor (index = tensor id). */
    public static int[][] runAll(QuantModel m, int[] input) {
        Shape is = m.inputShape();
        if (input.length != is.size()) throw new ModelException("input has " + input.length + " values, model expects " + is + " = " + is.size());
        QType it = m.inputType();
        for (int i = 0; i < input.length; i++)
            if (!it.contains(input[i])) throw new ModelException("input[" + i + "] = " + input[i] + " outside the input type " + it);
        int[][] t = new int[m.tensorCount()][];
        t[0] = input;
        for (int k = 0; k < m.nodes().size(); k++) {
            Node n = m.nodes().get(k);
            Shape in = m.shape(n.input(0)), out = m.shape(k + 1);
            int[] x = t[n.input(0)];
            t[k + 1] = switch (n.layer()) {
                case Layer.Conv2d c -> conv(c, x, in, out);
                case Layer.Dense d -> dense(d, x);
                case Layer.MaxPool p -> maxPool(p, x, in, out);
                case Layer.AvgPool p -> avgPool(p, x, in, out, m.type(n.input(0)));
                case Layer.Add a -> add(a, x, t[n.input(1)]);
                case Layer.Relu r -> relu(x);
                case Layer.Flatten f -> x.clone();
            };
        }
        return t;
    }

    /** Index of the largest value; ties go to the lowest index (the rule the 2PC argmax must follow too). */
    public static int argmax(int[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    /** {@code argmax(run(m, input))}. */
    public static int predict(QuantModel m, int[] input) { return argmax(run(m, input)); }

    /*
     * Convolution through an integer im2col per group: col[(i·kh+ky)·kw+kx][p] holds the input value under kernel tap
     * (i, ky, kx) for output position p (0 for padding), then acc[p] = bias + Σ_tap w[tap]·col[tap][p] as a saxpy
     * over p that HotSpot vectorises. Accumulating in int is exact: every partial sum is bounded by the validated
     * worst case Σ|w|·max|x| + |bias| < 2^(b_acc-1) ≤ 2^31.
     */
    static int[] conv(Layer.Conv2d c, int[] x, Shape in, Shape out) {
        int[] w = c.w(), b = c.b();
        int icg = c.inC() / c.groups(), ocg = c.outC() / c.groups();
        int kh = c.kh(), kw = c.kw(), st = c.stride(), pad = c.pad();
        int H = in.h(), W = in.w(), OH = out.h(), OW = out.w(), P = OH * OW, Kg = icg * kh * kw;
        int[] y = new int[out.size()];
        int[][] col = new int[Kg][P]; // rows, not one flat array: same-index loops vectorise (see QatNet.Conv)
        int[] acc = new int[P], acc1 = new int[P], acc2 = new int[P], acc3 = new int[P];
        dev.heq.quant.Requantizer rq = c.requant();
        for (int g = 0; g < c.groups(); g++) {
            for (int i = 0; i < icg; i++) {
                int xc = (g * icg + i) * H * W;
                for (int ky = 0; ky < kh; ky++)
                    for (int kx = 0; kx < kw; kx++) {
                        int[] row = col[(i * kh + ky) * kw + kx];
                        for (int oy = 0; oy < OH; oy++) {
                            int iy = oy * st - pad + ky, base = oy * OW;
                            if (iy < 0 || iy >= H) { java.util.Arrays.fill(row, base, base + OW, 0); continue; }
                            int xr = xc + iy * W;
                            for (int ox = 0; ox < OW; ox++) {
                                int ix = ox * st - pad + kx;
                                row[base + ox] = (ix < 0 || ix >= W) ? 0 : x[xr + ix];
                            }
                        }
                    }
            }
            int o = g * ocg, oEnd = (g + 1) * ocg;
            for (; o + 3 < oEnd; o += 4) { // four output channels share each loaded col row
                java.util.Arrays.fill(acc, b[o]); java.util.Arrays.fill(acc1, b[o + 1]);
                java.util.Arrays.fill(acc2, b[o + 2]); java.util.Arrays.fill(acc3, b[o + 3]);
                for (int kk = 0; kk < Kg; kk++) {
                    int a0 = w[o * Kg + kk], a1 = w[(o + 1) * Kg + kk], a2 = w[(o + 2) * Kg + kk], a3 = w[(o + 3) * Kg + kk];
                    int[] cr = col[kk];
                    for (int p = 0; p < P; p++) {
                        int v = cr[p];
                        acc[p] += a0 * v; acc1[p] += a1 * v; acc2[p] += a2 * v; acc3[p] += a3 * v;
                    }
                }
                requantRow(rq, acc, o, y, o * P, P);
                requantRow(rq, acc1, o + 1, y, (o + 1) * P, P);
                requantRow(rq, acc2, o + 2, y, (o + 2) * P, P);
                requantRow(rq, acc3, o + 3, y, (o + 3) * P, P);
            }
            for (; o < oEnd; o++) {
                java.util.Arrays.fill(acc, b[o]);
                int wo = o * Kg;
                for (int kk = 0; kk < Kg; kk++) {
                    int a = w[wo + kk];
                    if (a == 0) continue;
                    int[] cr = col[kk];
                    for (int p = 0; p < P; p++) acc[p] += a * cr[p];
                }
                requantRow(rq, acc, o, y, o * P, P);
            }
        }
        return y;
    }

    /** y[off + p] = clamp(((acc[p]·M + r) >> s)) for channel o, with the channel's factor hoisted. */
    private static void requantRow(dev.heq.quant.Requantizer rq, int[] acc, int o, int[] y, int off, int n) {
        dev.heq.quant.FixedPoint f = rq.channel(o);
        long m = f.multiplier(), r = f.roundingOffset(), lo = rq.out().min(), hi = rq.out().max();
        int s = f.shift();
        for (int p = 0; p < n; p++) {
            long v = (acc[p] * m + r) >> s;
            y[off + p] = (int) (v < lo ? lo : (v > hi ? hi : v));
        }
    }

    static int[] dense(Layer.Dense d, int[] x) {
        int[] w = d.w(), b = d.b();
        int n = d.in();
        int[] y = new int[d.out()];
        for (int o = 0; o < d.out(); o++) {
            int acc = b[o]; // exact in int, see conv()
            int base = o * n;
            for (int i = 0; i < n; i++) acc += w[base + i] * x[i];
            y[o] = d.requant().apply(acc, o);
        }
        return y;
    }

    static int[] maxPool(Layer.MaxPool p, int[] x, Shape in, Shape out) {
        int H = in.h(), W = in.w(), OH = out.h(), OW = out.w();
        int[] y = new int[out.size()];
        for (int c = 0; c < in.c(); c++)
            for (int oy = 0; oy < OH; oy++)
                for (int ox = 0; ox < OW; ox++) {
                    int best = Integer.MIN_VALUE;
                    for (int ky = 0; ky < p.k(); ky++) {
                        int iy = oy * p.stride() - p.pad() + ky;
                        if (iy < 0 || iy >= H) continue;
                        for (int kx = 0; kx < p.k(); kx++) {
                            int ix = ox * p.stride() - p.pad() + kx;
                            if (ix < 0 || ix >= W) continue;
                            best = Math.max(best, x[(c * H + iy) * W + ix]);
                        }
                    }
                    y[(c * OH + oy) * OW + ox] = best;
                }
        return y;
    }

    static int[] avgPool(Layer.AvgPool p, int[] x, Shape in, Shape out, QType t) {
        int H = in.h(), W = in.w(), OH = out.h(), OW = out.w();
        int[] y = new int[out.size()];
        for (int c = 0; c < in.c(); c++)
            for (int oy = 0; oy < OH; oy++)
                for (int ox = 0; ox < OW; ox++) {
                    long sum = 0;
                    for (int ky = 0; ky < p.k(); ky++)
                        for (int kx = 0; kx < p.k(); kx++)
                            sum += x[(c * H + oy * p.stride() + ky) * W + ox * p.stride() + kx];
                    long v = p.divisor().apply(sum);
                    y[(c * OH + oy) * OW + ox] = (int) Math.max(t.min(), Math.min(t.max(), v));
                }
        return y;
    }

    static int[] add(Layer.Add a, int[] x, int[] z) {
        int[] y = new int[x.length];
        long r = a.roundingOffset(), lo = a.out().min(), hi = a.out().max();
        for (int i = 0; i < x.length; i++) {
            long v = ((long) x[i] * a.ma() + (long) z[i] * a.mb() + r) >> a.shift();
            y[i] = (int) Math.max(lo, Math.min(hi, v));
        }
        return y;
    }

    static int[] relu(int[] x) {
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.max(0, x[i]);
        return y;
    }
}
