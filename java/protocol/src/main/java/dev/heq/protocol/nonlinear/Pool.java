package dev.heq.protocol.nonlinear;

import dev.heq.protocol.AShare;
import dev.heq.protocol.BShare;
import dev.heq.protocol.Party;
import dev.heq.protocol.Z2k;
import dev.heq.quant.FixedPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Pooling and argmax on shares (OpenCheetah {@code NonLinear/maxpool.h}, {@code argmax.h}),
 * with the reference engine's semantics ({@code dev.heq.nn.IntegerEngine}: max over the in-bounds window
 * positions; average = {@link FixedPoint#apply} of the window sum, clamped to the input type; argmax ties go to the
 * lowest index).
 *
 * <p>Max: a tree over each window, max(a, b) = b + ReLU(a − b), all windows of one tree level in one batched ReLU
 * (⌈log2 k²⌉ levels). Exact when every input lies in [−2^(ℓ−2), 2^(ℓ−2)) so a − b does not wrap; quantized
 * activations (≤ 8 bits) in any ring of ℓ ≥ 10 bits satisfy this.
 */
public final class Pool {
    private Pool() {}

    /**
     * Windows of a CHW max/avg pool with the reference engine's geometry: output (c, oy, ox) covers input rows
     * oy·stride − pad + ky and columns ox·stride − pad + kx, keeping only in-bounds positions.
     */
    public static int[][] windows(int c, int h, int w, int k, int stride, int pad) {
        int oh = (h + 2 * pad - k) / stride + 1, ow = (w + 2 * pad - k) / stride + 1;
        if (oh < 1 || ow < 1) throw new IllegalArgumentException("pool window " + k + " does not fit " + h + "x" + w + " with pad " + pad);
        int[][] win = new int[c * oh * ow][];
        for (int ch = 0; ch < c; ch++)
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++) {
                    List<Integer> idx = new ArrayList<>();
                    for (int ky = 0; ky < k; ky++) {
                        int iy = oy * stride - pad + ky;
                        if (iy < 0 || iy >= h) continue;
                        for (int kx = 0; kx < k; kx++) {
                            int ix = ox * stride - pad + kx;
                            if (ix >= 0 && ix < w) idx.add((ch * h + iy) * w + ix);
                        }
                    }
                    win[(ch * oh + oy) * ow + ox] = idx.stream().mapToInt(Integer::intValue).toArray();
                }
        return win;
    }

    /** Ideal max pool on signed values. */
    public static long[] idealMax(long[] x, int ell, int[][] windows) {
        Z2k r = Z2k.of(ell);
        long[] y = new long[windows.length];
        for (int o = 0; o < windows.length; o++) {
            long best = Long.MIN_VALUE;
            for (int i : windows[o]) best = Math.max(best, r.signed(r.reduce(x[i])));
            y[o] = r.reduce(best);
        }
        return y;
    }

    public static AShare max(Party p, AShare x, int[][] windows) {
        List<long[]> cur = new ArrayList<>();   // per window: current candidate values (this party's shares)
        for (int[] win : windows) {
            if (win.length == 0) throw new IllegalArgumentException("empty pooling window");
            long[] v = new long[win.length];
            for (int j = 0; j < win.length; j++) v[j] = x.get(win[j]);
            cur.add(v);
        }
        Z2k ring = x.ring();
        while (true) {
            int pairs = 0;
            for (long[] v : cur) pairs += v.length / 2;
            if (pairs == 0) break;
            long[] diff = new long[pairs];
            int t = 0;
            for (long[] v : cur) for (int j = 0; j + 1 < v.length; j += 2) diff[t++] = v[j] - v[j + 1];
            long[] rl = Relu.relu(p, new AShare(ring, diff)).values();
            t = 0;
            List<long[]> next = new ArrayList<>(cur.size());
            for (long[] v : cur) {
                long[] nv = new long[(v.length + 1) / 2];
                for (int j = 0; j + 1 < v.length; j += 2) nv[j / 2] = v[j + 1] + rl[t++];
                if ((v.length & 1) == 1) nv[nv.length - 1] = v[v.length - 1];
                next.add(nv);
            }
            cur = next;
        }
        long[] out = new long[windows.length];
        for (int o = 0; o < out.length; o++) out[o] = cur.get(o)[0];
        return new AShare(ring, out);
    }

    /** Ideal average pool: clamp(divisor.apply(Σ window), lo, hi). */
    public static long[] idealAvg(long[] x, int ell, int[][] windows, FixedPoint divisor, long lo, long hi, int outBits) {
        Z2k r = Z2k.of(ell), o = Z2k.of(outBits);
        long[] y = new long[windows.length];
        for (int w = 0; w < windows.length; w++) {
            long s = 0;
            for (int i : windows[w]) s += r.signed(r.reduce(x[i]));
            y[w] = o.reduce(Math.max(lo, Math.min(hi, divisor.apply(s))));
        }
        return y;
    }

    /**
     * Average pool: local window sums, then {@link Requant} by the public divisor and the clamp [lo, hi] (the input
     * type's range). {@code inBits}: inputs are signed {@code inBits}-bit values, or unsigned below 2^inBits when
     * {@code nonNegative} (e.g. after a ReLU, which makes the requantization skip its sign step).
     */
    public static AShare avg(Party p, AShare x, int[][] windows, FixedPoint divisor, int inBits, boolean nonNegative,
                             long lo, long hi, int outBits) {
        int maxWin = 1;
        for (int[] w : windows) maxWin = Math.max(maxWin, w.length);
        int accBits = inBits + (32 - Integer.numberOfLeadingZeros(maxWin - 1)) + (nonNegative ? 1 : 0);
        if (accBits > x.bits()) {
            throw new IllegalArgumentException("window sums need " + accBits + " bits but the shares live in " + x.ring());
        }
        long[] s = new long[windows.length];
        for (int o = 0; o < s.length; o++) for (int i : windows[o]) s[o] += x.get(i);
        Requant.Spec spec = new Requant.Spec(new FixedPoint[] {divisor}, null, accBits, nonNegative, lo, hi, outBits);
        return Requant.run(p, new AShare(x.ring(), s), spec);
    }

    /** Ideal argmax of signed values, ties to the lowest index. */
    public static int idealArgmax(long[] x, int ell) {
        Z2k r = Z2k.of(ell);
        int best = 0;
        for (int i = 1; i < x.length; i++) if (r.signed(r.reduce(x[i])) > r.signed(r.reduce(x[best]))) best = i;
        return best;
    }

    /**
     * Argmax where only the client learns the index (returned to the client; the server gets −1). A tournament:
     * at each level, for neighbours (i, j), i &lt; j, sel = 1{x_j > x_i} = MSB(x_i − x_j) and one mux over
     * (x_j − x_i, idx_j − idx_i) carries the winner; keeping i on ties gives the lowest index. Indices are shared
     * in the value ring (n ≤ 2^(ℓ−1)); at the end the server sends its index share to the client.
     * Exact when inputs lie in [−2^(ℓ−2), 2^(ℓ−2)).
     */
    public static int argmax(Party p, AShare x) {
        int n = x.size();
        if (n == 0) throw new IllegalArgumentException("argmax of an empty vector");
        Z2k ring = x.ring();
        if (ring.bits() < 64 && n > (1L << (ring.bits() - 1))) throw new IllegalArgumentException(n + " indices do not fit " + ring);
        long[] v = x.values().clone(), idx = new long[n];
        if (p.isServer()) for (int i = 0; i < n; i++) idx[i] = i;
        int cnt = n;
        while (cnt > 1) {
            int pairs = cnt / 2;
            long[] d = new long[pairs];
            for (int t = 0; t < pairs; t++) d[t] = v[2 * t] - v[2 * t + 1];
            BShare sel = Relu.msb(p, new AShare(ring, d));
            // one mux over values and indices: selector bits duplicated
            long[] both = new long[2 * pairs];
            long[] selWords = new long[BShare.words(2 * pairs)];
            for (int t = 0; t < pairs; t++) {
                both[t] = v[2 * t + 1] - v[2 * t];
                both[pairs + t] = idx[2 * t + 1] - idx[2 * t];
                long b = sel.get(t);
                selWords[t >>> 6] |= b << (t & 63);
                selWords[(pairs + t) >>> 6] |= b << ((pairs + t) & 63);
            }
            long[] m = Mux.run(p, new BShare(2 * pairs, selWords), new AShare(ring, both)).values();
            int next = (cnt + 1) / 2;
            long[] v2 = new long[next], i2 = new long[next];
            for (int t = 0; t < pairs; t++) {
                v2[t] = v[2 * t] + m[t];
                i2[t] = idx[2 * t] + m[pairs + t];
            }
            if ((cnt & 1) == 1) {
                v2[next - 1] = v[cnt - 1];
                i2[next - 1] = idx[cnt - 1];
            }
            v = v2;
            idx = i2;
            cnt = next;
        }
        if (p.isServer()) {
            p.sendShares(new long[] {idx[0]}, 1, ring.bits());
            p.channel().flush();
            return -1;
        }
        long other = p.recvShares(1, ring.bits())[0];
        return (int) ring.add(other, idx[0]);
    }
}
