package dev.heq.kernel.scalar;

import dev.heq.kernel.ModArith;
import dev.heq.kernel.NttTables;

/**
 * Negacyclic NTT with Harvey's lazy butterflies and Shoup twiddles (D. Harvey, "Faster arithmetic for
 * number-theoretic transforms", J. Symb. Comp. 2014, Alg. 4 and its Gentleman–Sande dual), two stages per pass
 * (radix-4 data flow, radix-2 arithmetic) so each coefficient is loaded and stored half as often.
 *
 * <p>Value ranges (q &lt; 2^62, so 4q &lt; 2^64 fits an unsigned word):
 * <ul>
 *   <li>forward (Cooley–Tukey): inputs to every stage in [0, 4q); X is first brought to [0, 2q), the Shoup
 *       product W·Y lies in [0, 2q) for <em>any</em> 64-bit Y, so X + WY and X − WY + 2q lie in [0, 4q);</li>
 *   <li>inverse (Gentleman–Sande): inputs to every stage in [0, 2q); X + Y in [0, 4q) is brought back to
 *       [0, 2q), and W·(X − Y + 2q) by Shoup lies in [0, 2q). N^−1 is folded into the last stage:
 *       (X + Y)·N^−1 and (X − Y + 2q)·(W·N^−1), both Shoup products in [0, 2q).</li>
 * </ul>
 * Every conditional subtraction uses the sign-mask form {@code t -= c; t += (t >> 63) & c} rather than a compare:
 * C2 picks branch or cmov for the ternary from the profile, and the branch form was measured 7× slower on random
 * data (JDK 25, this tier's NTT at N = 4096). {@code t − c} is a correct signed value because t &lt; 4q ≤ 2^64 − 4 and
 * c ≤ 2q &lt; 2^63 keep it in [−2^63, 2^63).
 *
 * <p>Each pass is its own small static method so C2 compiles the loops separately (no inlining cliff) and the
 * array index expressions stay affine in the loop variable, which lets C2 hoist the bounds checks.
 */
final class ScalarNtt {
    private ScalarNtt() {}

    /** Inverse-NTT constants derived from the tables: W·N^−1 for the last stage's single twiddle. */
    private record InvExtra(long wLast, long wLastShoup) {}

    // =========================================================================================== forward

    /**
     * Forward transform, in[inOff..] (values &lt; 4q) → out[outOff..] in [0, 4q) (outFactor 4) or [0, q)
     * (outFactor 1). Out-of-place calls copy {@code in} to {@code out} first; every pass then works in place.
     */
    static void forward(long[] out, int outOff, long[] in, int inOff, NttTables t, int outFactor) {
        final int n = t.n();
        final int logN = t.logN();
        final long q = t.q();
        final long[] w = t.rootPowers();
        final long[] ws = t.rootPowersShoup();
        if (in != out || inOff != outOff) {
            // Out of place: copy, then run every pass in place. Passes that read one array and write another
            // keep two base pointers and offsets live and measured ~25% slower (register pressure around the
            // fixed rax/rdx of the 128-bit multiply).
            System.arraycopy(in, inOff, out, outOff, n);
        }
        final long[] a = out;
        final int off = outOff;
        if (n == 2) {
            fwdRadix2(a, off, 1, 1, w, ws, q);
            if (outFactor == 1) {
                reduce4To1(a, off, n, q);
            }
            return;
        }
        int m = 1;
        int len = n / 2;
        if ((logN & 1) == 1) { // odd number of stages: one radix-2 stage first, where its loop is longest
            fwdRadix2(a, off, m, len, w, ws, q);
            m = 2;
            len = n / 4;
        }
        while (len > 2) { // stages (m, len) and (2m, len/2)
            fwdRadix4(a, off, m, len, w, ws, q);
            m *= 4;
            len /= 4;
        }
        // last two stages (len 2 and 1) on groups of four adjacent coefficients, twiddles interleaved per group
        long[] tw = t.tierData("scalar.fwdLast", ScalarNtt::forwardLastTwiddles);
        if (outFactor == 1) {
            fwdLastReduced(a, off, n, tw, q);
        } else {
            fwdLast(a, off, n, tw, q);
        }
    }

    /**
     * The twiddles of the last two forward stages in the order the last pass reads them: for group i of four
     * coefficients, {w[m+i], ws[m+i], w[2m+2i], ws[2m+2i], w[2m+2i+1], ws[2m+2i+1]} with m = N/4. One sequential
     * stream instead of six strided loads (the last pass was the slowest: 9.1 → 7.8 µs at N = 4096).
     */
    private static long[] forwardLastTwiddles(NttTables t) {
        return interleave(t.n() / 4, t.rootPowers(), t.rootPowersShoup(), true);
    }

    /**
     * Six words per group g &lt; count of four adjacent coefficients: the shared twiddle w[count+g] of the
     * len-2 stage and the pair w[2count+2g], w[2count+2g+1] of the len-1 stage, each followed by its Shoup factor.
     * Forward order: shared first (it is used first); inverse order: pair first.
     */
    private static long[] interleave(int count, long[] w, long[] ws, boolean sharedFirst) {
        long[] r = new long[6 * count];
        for (int g = 0; g < count; g++) {
            int shared = count + g;
            int pair = 2 * count + 2 * g;
            int k = 6 * g;
            int ps = sharedFirst ? k + 2 : k;     // where the pair goes
            int ss = sharedFirst ? k : k + 4;     // where the shared twiddle goes
            r[ss] = w[shared];
            r[ss + 1] = ws[shared];
            r[ps] = w[pair];
            r[ps + 1] = ws[pair];
            r[ps + 2] = w[pair + 1];
            r[ps + 3] = ws[pair + 1];
        }
        return r;
    }

    /** One Cooley–Tukey stage with m groups of 2·len: pairs (j, j+len), twiddle w[m+i]. In [0,4q) → out [0,4q). */
    private static void fwdRadix2(long[] a, int off, int m, int len, long[] w, long[] ws, long q) {
        final long q2 = 2 * q;
        for (int i = 0; i < m; i++) {
            final long wi = w[m + i];
            final long si = ws[m + i];
            final int base = off + 2 * i * len;
            for (int j = base; j < base + len; j++) {
                long x = a[j];
                long y = a[j + len];
                x -= q2;
                x += (x >> 63) & q2;                                          // [0, 2q)
                long ty = y * wi - Math.unsignedMultiplyHigh(y, si) * q;      // [0, 2q)
                a[j] = x + ty;
                a[j + len] = x - ty + q2;
            }
        }
    }

    /**
     * Stages (m, len) and (2m, len/2) in one pass, len ≥ 4. For j in the first quarter of group i the four
     * coefficients j, j+h, j+2h, j+3h (h = len/2) go through stage m (twiddle w[m+i], pairs (0,2), (1,3)) and then
     * stage 2m (w[2m+2i] on (0,1), w[2m+2i+1] on (2,3)).
     */
    private static void fwdRadix4(long[] a, int off, int m, int len, long[] w, long[] ws, long q) {
        final long q2 = 2 * q;
        final int h = len >>> 1;
        for (int i = 0; i < m; i++) {
            final long w1 = w[m + i];
            final long s1 = ws[m + i];
            final long w2 = w[2 * m + 2 * i];
            final long s2 = ws[2 * m + 2 * i];
            final long w3 = w[2 * m + 2 * i + 1];
            final long s3 = ws[2 * m + 2 * i + 1];
            final int base = off + 2 * i * len;
            for (int j = base; j < base + h; j++) {
                long x0 = a[j];
                long x1 = a[j + h];
                long x2 = a[j + 2 * h];
                long x3 = a[j + 3 * h];
                x0 -= q2;
                x0 += (x0 >> 63) & q2;
                x1 -= q2;
                x1 += (x1 >> 63) & q2;
                long t2 = x2 * w1 - Math.unsignedMultiplyHigh(x2, s1) * q;
                long t3 = x3 * w1 - Math.unsignedMultiplyHigh(x3, s1) * q;
                long y0 = x0 + t2 - q2;                                       // y0 − 2q, then corrected
                long y2 = x0 - t2;                                            // (y2 + 2q) − 2q, then corrected
                long y1 = x1 + t3;
                long y3 = x1 - t3 + q2;
                y0 += (y0 >> 63) & q2;                                        // [0, 2q)
                y2 += (y2 >> 63) & q2;                                        // [0, 2q)
                long t1 = y1 * w2 - Math.unsignedMultiplyHigh(y1, s2) * q;
                long u3 = y3 * w3 - Math.unsignedMultiplyHigh(y3, s3) * q;
                a[j] = y0 + t1;
                a[j + h] = y0 - t1 + q2;
                a[j + 2 * h] = y2 + u3;
                a[j + 3 * h] = y2 - u3 + q2;
            }
        }
    }

    /** Last two stages (len 2 then len 1) on groups of 4 adjacent coefficients, twiddles from tw; out [0, 4q). */
    private static void fwdLast(long[] a, int off, int n, long[] tw, long q) {
        final long q2 = 2 * q;
        for (int g = 0; g < (n >>> 2); g++) {
            final int j = off + 4 * g; // one induction variable: C2 hoists the bounds checks of both arrays
            final int k = 6 * g;
            final long w1 = tw[k];
            final long s1 = tw[k + 1];
            final long w2 = tw[k + 2];
            final long s2 = tw[k + 3];
            final long w3 = tw[k + 4];
            final long s3 = tw[k + 5];
            long x0 = a[j];
            long x1 = a[j + 1];
            long x2 = a[j + 2];
            long x3 = a[j + 3];
            x0 -= q2;
            x0 += (x0 >> 63) & q2;
            x1 -= q2;
            x1 += (x1 >> 63) & q2;
            long t2 = x2 * w1 - Math.unsignedMultiplyHigh(x2, s1) * q;
            long t3 = x3 * w1 - Math.unsignedMultiplyHigh(x3, s1) * q;
            long y0 = x0 + t2 - q2;                                       // y0 − 2q, then corrected
            long y2 = x0 - t2;                                            // (y2 + 2q) − 2q, then corrected
            long y1 = x1 + t3;
            long y3 = x1 - t3 + q2;
            y0 += (y0 >> 63) & q2;                                        // [0, 2q)
            y2 += (y2 >> 63) & q2;                                        // [0, 2q)
            long t1 = y1 * w2 - Math.unsignedMultiplyHigh(y1, s2) * q;
            long u3 = y3 * w3 - Math.unsignedMultiplyHigh(y3, s3) * q;
            a[j] = y0 + t1;
            a[j + 1] = y0 - t1 + q2;
            a[j + 2] = y2 + u3;
            a[j + 3] = y2 - u3 + q2;
        }
    }

    /**
     * As {@link #fwdLast} but fully reduced: y0, y2 and the two Shoup products are each brought to [0, q), then
     * y + t − q lies in [−q, q) and y − t in (−q, q), and one sign-mask add of q finishes each output.
     */
    private static void fwdLastReduced(long[] a, int off, int n, long[] tw, long q) {
        final long q2 = 2 * q;
        for (int g = 0; g < (n >>> 2); g++) {
            final int j = off + 4 * g; // one induction variable: C2 hoists the bounds checks of both arrays
            final int k = 6 * g;
            final long w1 = tw[k];
            final long s1 = tw[k + 1];
            final long w2 = tw[k + 2];
            final long s2 = tw[k + 3];
            final long w3 = tw[k + 4];
            final long s3 = tw[k + 5];
            long x0 = a[j];
            long x1 = a[j + 1];
            long x2 = a[j + 2];
            long x3 = a[j + 3];
            x0 -= q2;
            x0 += (x0 >> 63) & q2;
            x1 -= q2;
            x1 += (x1 >> 63) & q2;
            long t2 = x2 * w1 - Math.unsignedMultiplyHigh(x2, s1) * q;
            long t3 = x3 * w1 - Math.unsignedMultiplyHigh(x3, s1) * q;
            long y0 = x0 + t2 - q2;
            long y2 = x0 - t2;
            long y1 = x1 + t3;
            long y3 = x1 - t3 + q2;
            y0 += (y0 >> 63) & q2;
            y0 -= q;
            y0 += (y0 >> 63) & q;
            y2 += (y2 >> 63) & q2;
            y2 -= q;
            y2 += (y2 >> 63) & q;
            long t1 = y1 * w2 - Math.unsignedMultiplyHigh(y1, s2) * q - q;
            long u3 = y3 * w3 - Math.unsignedMultiplyHigh(y3, s3) * q - q;
            t1 += (t1 >> 63) & q;
            u3 += (u3 >> 63) & q;
            long z0 = y0 + t1 - q;
            long z1 = y0 - t1;
            long z2 = y2 + u3 - q;
            long z3 = y2 - u3;
            a[j] = z0 + ((z0 >> 63) & q);
            a[j + 1] = z1 + ((z1 >> 63) & q);
            a[j + 2] = z2 + ((z2 >> 63) & q);
            a[j + 3] = z3 + ((z3 >> 63) & q);
        }
    }

    /** a[i] in [0, 4q) → [0, q) for i in [0, n). */
    private static void reduce4To1(long[] a, int off, int n, long q) {
        final long q2 = 2 * q;
        for (int i = off; i < off + n; i++) {
            long x = a[i] - q2;
            x += (x >> 63) & q2;
            x -= q;
            a[i] = x + ((x >> 63) & q);
        }
    }

    // =========================================================================================== inverse

    /**
     * Inverse transform including the N^−1 scaling, in[inOff..] (values &lt; 2q) → out[outOff..] in [0, 2q)
     * (outFactor 2) or [0, q) (outFactor 1).
     */
    static void inverse(long[] out, int outOff, long[] in, int inOff, NttTables t, int outFactor) {
        final int n = t.n();
        final long q = t.q();
        final long[] w = t.invRootPowers();
        final long[] ws = t.invRootPowersShoup();
        final InvExtra ex = t.tierData("scalar.inv", tt -> {
            long wl = ModArith.mulMod(tt.invRootPowers()[1], tt.nInv(), tt.q());
            return new InvExtra(wl, ModArith.shoup(wl, tt.q()));
        });
        final long rq = outFactor == 1 ? q : 0; // final correction: subtracting and adding back 0 keeps [0, 2q)
        final long nInv = t.nInv();
        final long nInvS = t.nInvShoup();
        if (in != out || inOff != outOff) {
            System.arraycopy(in, inOff, out, outOff, n); // then in place, as in forward()
        }
        final long[] a = out;
        final int off = outOff;
        if (n == 2) {
            invLastRadix2(a, off, 1, nInv, nInvS, ex.wLast, ex.wLastShoup, q, rq);
            return;
        }
        if (n == 4) { // the single pass is both the first and the last
            invLastRadix4(a, off, 1, w, ws, nInv, nInvS, ex.wLast, ex.wLastShoup, q, rq);
            return;
        }
        // first two stages (len 1 and 2; m = N/2 and N/4) on groups of four adjacent coefficients
        long[] tw = t.tierData("scalar.invFirst", tt -> interleave(tt.n() / 4, tt.invRootPowers(), tt.invRootPowersShoup(), false));
        invFirst(a, off, n, tw, q);
        int m = n / 8;  // next pass: stages (m, len) and (m/2, 2len)
        int len = 4;
        while (m > 2) {
            invRadix4(a, off, m, len, w, ws, q);
            m /= 4;
            len *= 4;
        }
        if (m == 2) {
            invLastRadix4(a, off, len, w, ws, nInv, nInvS, ex.wLast, ex.wLastShoup, q, rq);
        } else {
            invLastRadix2(a, off, len, nInv, nInvS, ex.wLast, ex.wLastShoup, q, rq);
        }
    }

    /**
     * Stages m = N/2 (len 1, twiddles w[m+2g], w[m+2g+1]) and N/4 (len 2, w[m/2+g]) on groups of four adjacent
     * coefficients, twiddles read sequentially from {@code tw} ({@link #interleave}). In/out in [0, 2q).
     */
    private static void invFirst(long[] a, int off, int n, long[] tw, long q) {
        final long q2 = 2 * q;
        for (int g = 0; g < (n >>> 2); g++) {
            final int j = off + 4 * g; // one induction variable: C2 hoists the bounds checks of both arrays
            final int k = 6 * g;
            final long wa = tw[k];
            final long sa = tw[k + 1];
            final long wb = tw[k + 2];
            final long sb = tw[k + 3];
            final long wc = tw[k + 4];
            final long sc = tw[k + 5];
            long x0 = a[j];
            long x1 = a[j + 1];
            long x2 = a[j + 2];
            long x3 = a[j + 3];
            // stage m: (x0, x1) with wa, (x2, x3) with wb
            long y0 = x0 + x1 - q2;
            y0 += (y0 >> 63) & q2;
            long d1 = x0 - x1 + q2;
            long y1 = d1 * wa - Math.unsignedMultiplyHigh(d1, sa) * q;
            long y2 = x2 + x3 - q2;
            y2 += (y2 >> 63) & q2;
            long d3 = x2 - x3 + q2;
            long y3 = d3 * wb - Math.unsignedMultiplyHigh(d3, sb) * q;
            // stage m/2: (y0, y2), (y1, y3) with wc
            long z0 = y0 + y2 - q2;
            z0 += (z0 >> 63) & q2;
            long e2 = y0 - y2 + q2;
            long z1 = y1 + y3 - q2;
            z1 += (z1 >> 63) & q2;
            long e3 = y1 - y3 + q2;
            a[j] = z0;
            a[j + 1] = z1;
            a[j + 2] = e2 * wc - Math.unsignedMultiplyHigh(e2, sc) * q;
            a[j + 3] = e3 * wc - Math.unsignedMultiplyHigh(e3, sc) * q;
        }
    }

    /**
     * Stages (m, len) and (m/2, 2·len) in place, len ≥ 4. For j in the first quarter of a block of 4·len: the
     * coefficients j, j+len, j+2len, j+3len go through stage m (w[m+2g] on (0,1), w[m+2g+1] on (2,3)) and then
     * stage m/2 (w[m/2+g] on (0,2) and (1,3)).
     */
    private static void invRadix4(long[] a, int off, int m, int len, long[] w, long[] ws, long q) {
        final long q2 = 2 * q;
        final int mh = m >>> 1;
        for (int g = 0; g < mh; g++) {
            final long wa = w[m + 2 * g];
            final long sa = ws[m + 2 * g];
            final long wb = w[m + 2 * g + 1];
            final long sb = ws[m + 2 * g + 1];
            final long wc = w[mh + g];
            final long sc = ws[mh + g];
            final int base = off + 4 * g * len;
            for (int j = base; j < base + len; j++) {
                long x0 = a[j];
                long x1 = a[j + len];
                long x2 = a[j + 2 * len];
                long x3 = a[j + 3 * len];
                long y0 = x0 + x1 - q2;
                y0 += (y0 >> 63) & q2;
                long d1 = x0 - x1 + q2;
                long y1 = d1 * wa - Math.unsignedMultiplyHigh(d1, sa) * q;
                long y2 = x2 + x3 - q2;
                y2 += (y2 >> 63) & q2;
                long d3 = x2 - x3 + q2;
                long y3 = d3 * wb - Math.unsignedMultiplyHigh(d3, sb) * q;
                long z0 = y0 + y2 - q2;
                z0 += (z0 >> 63) & q2;
                long e2 = y0 - y2 + q2;
                long z1 = y1 + y3 - q2;
                z1 += (z1 >> 63) & q2;
                long e3 = y1 - y3 + q2;
                a[j] = z0;
                a[j + len] = z1;
                a[j + 2 * len] = e2 * wc - Math.unsignedMultiplyHigh(e2, sc) * q;
                a[j + 3 * len] = e3 * wc - Math.unsignedMultiplyHigh(e3, sc) * q;
            }
        }
    }

    /**
     * The last two stages (m = 2 with len = N/4, then m = 1 with len = N/2) with N^−1 folded into the second:
     * outputs (X+Y)·N^−1 and (X−Y+2q)·(W·N^−1) in [0, 2q); with rq = q they are then reduced to [0, q).
     */
    private static void invLastRadix4(long[] a, int off, int len, long[] w, long[] ws,
                                      long nInv, long nInvS, long wl, long wlS, long q, long rq) {
        final long q2 = 2 * q;
        final long wa = w[2];
        final long sa = ws[2];
        final long wb = w[3];
        final long sb = ws[3];
        for (int j = off; j < off + len; j++) {
            long x0 = a[j];
            long x1 = a[j + len];
            long x2 = a[j + 2 * len];
            long x3 = a[j + 3 * len];
            long y0 = x0 + x1 - q2;
            y0 += (y0 >> 63) & q2;
            long d1 = x0 - x1 + q2;
            long y1 = d1 * wa - Math.unsignedMultiplyHigh(d1, sa) * q;
            long y2 = x2 + x3 - q2;
            y2 += (y2 >> 63) & q2;
            long d3 = x2 - x3 + q2;
            long y3 = d3 * wb - Math.unsignedMultiplyHigh(d3, sb) * q;
            long s0 = y0 + y2;                                                  // [0, 4q)
            long e2 = y0 - y2 + q2;                                             // (0, 4q)
            long s1 = y1 + y3;
            long e3 = y1 - y3 + q2;
            long z0 = s0 * nInv - Math.unsignedMultiplyHigh(s0, nInvS) * q - rq;
            long z1 = s1 * nInv - Math.unsignedMultiplyHigh(s1, nInvS) * q - rq;
            long z2 = e2 * wl - Math.unsignedMultiplyHigh(e2, wlS) * q - rq;
            long z3 = e3 * wl - Math.unsignedMultiplyHigh(e3, wlS) * q - rq;
            a[j] = z0 + ((z0 >> 63) & rq);
            a[j + len] = z1 + ((z1 >> 63) & rq);
            a[j + 2 * len] = z2 + ((z2 >> 63) & rq);
            a[j + 3 * len] = z3 + ((z3 >> 63) & rq);
        }
    }

    /** The last stage alone (m = 1, len = N/2) with N^−1 folded in; see {@link #invLastRadix4}. */
    private static void invLastRadix2(long[] a, int off, int len, long nInv, long nInvS, long wl, long wlS, long q, long rq) {
        final long q2 = 2 * q;
        for (int j = off; j < off + len; j++) {
            long x = a[j];
            long y = a[j + len];
            long s = x + y;
            long d = x - y + q2;
            long z0 = s * nInv - Math.unsignedMultiplyHigh(s, nInvS) * q - rq;
            long z1 = d * wl - Math.unsignedMultiplyHigh(d, wlS) * q - rq;
            a[j] = z0 + ((z0 >> 63) & rq);
            a[j + len] = z1 + ((z1 >> 63) & rq);
        }
    }
}
