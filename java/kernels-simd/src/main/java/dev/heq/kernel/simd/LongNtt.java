package dev.heq.kernel.simd;

import static dev.heq.kernel.simd.Lanes.L;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.UMIN;

import dev.heq.kernel.ModArith;
import dev.heq.kernel.NttTables;
import jdk.incubator.vector.LongVector;

/**
 * Negacyclic NTT in 64-bit lanes with Harvey's lazy butterflies and Shoup twiddles (Harvey, "Faster arithmetic
 * for number-theoretic transforms", 2014), in two variants:
 *
 * <ul>
 *   <li><b>simd-long32</b>, q &lt; 2^32: Shoup with a 32-bit factor s = ⌊W·2^32/q⌋ (= rootPowersShoup &gt;&gt;&gt; 32),
 *       Q = (Y·s) &gt;&gt;&gt; 32 from one 64-bit multiply. That needs Y &lt; 2^32, so Y is first brought below
 *       2^32 with {@code yReductions} conditional subtractions: none for q &lt; 2^30 (4q &lt; 2^32), one (by 2q)
 *       for q &lt; 2^31, two (by 2q, then q) below 2^32. T = Y·W − Q·q is in [0, 2q).</li>
 *   <li><b>simd-limb62</b>, q &lt; 2^62: the 64-bit Shoup factor s, split in 32-bit halves, and an
 *       <em>approximate</em> high product Q' = yh·sh + (yl·sh &gt;&gt;&gt; 32) + (yh·sl &gt;&gt;&gt; 32): it omits the
 *       yl·sl term and two carries, so Q − 2 ≤ Q' ≤ Q. Shoup's remainder Y·W − Q·q is below 2q for Y &lt; 2^64,
 *       so T = Y·W − Q'·q is in [0, 4q) ⊂ [0, 2^64), and one conditional subtraction of 2q restores [0, 2q).
 *       Three 32×32 multiplies instead of the four of an exact high product.</li>
 * </ul>
 *
 * Conditional subtraction is one unsigned min: for t in [0, 2c), t − c wraps to a huge value when t &lt; c, so
 * min_u(t, t − c) is t mod c. Value ranges follow HEXL: forward [0, 4q) in, X reduced to [0, 2q), outputs
 * X + T and X − T + 2q in [0, 4q); inverse [0, 2q) throughout. Passes as in {@link DoubleNtt} (radix-4 pairs,
 * fused small strides with permutes as in {@link Lanes}); the first pass reads the input array and writes the
 * output, the rest work in place on the output.
 *
 * <p>32-bit products are written as {@code x.and(M32).mul(w.and(M32))} (or with a {@code >>> 32} operand) so
 * that C2 emits vpmuludq (JDK-8341137) instead of vpmullq, which is 3 uops on this Intel Xeon; checked in the
 * disassembly (fwdRadix4Limb: 12 vpmuludq, 8 vpmullq per unrolled body). long32 forward went from 15.2 to
 * 11.7 µs (N = 4096, same load).
 */
final class LongNtt {
    private LongNtt() {}

    static final long MAX_Q_LONG32 = 1L << 32;
    private static final long M32 = 0xFFFF_FFFFL;

    /** Per-(N, q, variant) twiddle layouts. For long32, s1 = ⌊W·2^32/q⌋ and s2 is unused; for limb62, s1/s2 = low/high half of ⌊W·2^64/q⌋. */
    static final class Plan {
        final int n;
        final long q;
        final boolean limb;
        final int yReductions;
        final long[] fw;
        final long[] fs1;
        final long[] fs2;
        final long[][] fsw = new long[3][];
        final long[][] fss1 = new long[3][];
        final long[][] fss2 = new long[3][];
        final long[] iw;
        final long[] is1;
        final long[] is2;
        final long[][] isw = new long[3][];
        final long[][] iss1 = new long[3][];
        final long[][] iss2 = new long[3][];
        /** Last inverse stage: N^−1 and ψ^−brv(1)·N^−1 with their factors. */
        final long nInv;
        final long nInvS1;
        final long nInvS2;
        final long w1n;
        final long w1nS1;
        final long w1nS2;

        Plan(NttTables t, boolean limb) {
            this.n = t.n();
            this.q = t.q();
            this.limb = limb;
            this.yReductions = q < (1L << 30) ? 0 : q < (1L << 31) ? 1 : 2;
            fw = t.rootPowers();
            fs1 = s1(t.rootPowersShoup());
            fs2 = s2(t.rootPowersShoup());
            iw = t.invRootPowers();
            is1 = s1(t.invRootPowersShoup());
            is2 = s2(t.invRootPowersShoup());
            for (int lt = 0; lt < 3 && n >= Lanes.BLOCK; lt++) {
                int h = 1 << lt;
                fsw[lt] = Lanes.perLane(t.rootPowers(), n, h);
                fss1[lt] = s1(Lanes.perLane(t.rootPowersShoup(), n, h));
                fss2[lt] = s2(Lanes.perLane(t.rootPowersShoup(), n, h));
                isw[lt] = Lanes.perLane(t.invRootPowers(), n, h);
                iss1[lt] = s1(Lanes.perLane(t.invRootPowersShoup(), n, h));
                iss2[lt] = s2(Lanes.perLane(t.invRootPowersShoup(), n, h));
            }
            nInv = t.nInv();
            long ns = t.nInvShoup();
            nInvS1 = limb ? ns & M32 : ns >>> 32;
            nInvS2 = ns >>> 32;
            w1n = ModArith.mulMod(t.invRootPowers()[1], t.nInv(), q);
            long ws = ModArith.shoup(w1n, q);
            w1nS1 = limb ? ws & M32 : ws >>> 32;
            w1nS2 = ws >>> 32;
        }

        private long[] s1(long[] s) {
            long[] r = new long[s.length];
            for (int i = 0; i < s.length; i++) {
                r[i] = limb ? s[i] & M32 : s[i] >>> 32;
            }
            return r;
        }

        private long[] s2(long[] s) {
            if (!limb) {
                return null;
            }
            long[] r = new long[s.length];
            for (int i = 0; i < s.length; i++) {
                r[i] = s[i] >>> 32;
            }
            return r;
        }
    }

    static Plan planLong32(NttTables t) {
        return t.tierData("simd-long32", tt -> new Plan(tt, false));
    }

    static Plan planLimb62(NttTables t) {
        return t.tierData("simd-limb62", tt -> new Plan(tt, true));
    }

    // ------------------------------------------------------------------------------------------- drivers

    /** Forward NTT, N ≥ 16; in in [0, 4q) (any input factor); out in [0, q) or, for outFactor 4, [0, 4q). */
    static void forward(long[] out, int outOff, long[] in, int inOff, Plan p, int outFactor) {
        int n = p.n;
        int t = n >> 1;
        int m = 2;
        if (p.limb) {
            fwdWideLimb(in, inOff, out, outOff, 1, t, p.fw, p.fs1, p.fs2, p.q);
            for (t >>= 1; t >= 2 * Lanes.LANES; m <<= 2, t >>= 2) {
                fwdRadix4Limb(out, outOff, m, t, p.fw, p.fs1, p.fs2, p.q);
            }
            if (t == Lanes.LANES) {
                fwdWideLimb(out, outOff, out, outOff, m, t, p.fw, p.fs1, p.fs2, p.q);
            }
            fwdSmallLimb(out, outOff, n, p, outFactor == 1);
        } else {
            fwdWide32(in, inOff, out, outOff, 1, t, p.fw, p.fs1, p.q, p.yReductions);
            for (t >>= 1; t >= 2 * Lanes.LANES; m <<= 2, t >>= 2) {
                fwdRadix432(out, outOff, m, t, p.fw, p.fs1, p.q, p.yReductions);
            }
            if (t == Lanes.LANES) {
                fwdWide32(out, outOff, out, outOff, m, t, p.fw, p.fs1, p.q, p.yReductions);
            }
            fwdSmall32(out, outOff, n, p, outFactor == 1);
        }
    }

    /** Inverse NTT with N^−1 scaling, N ≥ 16; in in [0, 2q); out in [0, outFactor·q). */
    static void inverse(long[] out, int outOff, long[] in, int inOff, Plan p, int outFactor) {
        int n = p.n;
        int m = n >> 4;
        int t = Lanes.LANES;
        if (p.limb) {
            invSmallLimb(in, inOff, out, outOff, n, p);
            for (; m > 2; m >>= 2, t <<= 2) {
                invRadix4Limb(out, outOff, m, t, p.iw, p.is1, p.is2, p.q);
            }
            if (m == 2) {
                invWideLimb(out, outOff, m, t, p.iw, p.is1, p.is2, p.q);
            }
            invLastLimb(out, outOff, n, p, outFactor == 1);
        } else {
            invSmall32(in, inOff, out, outOff, n, p);
            for (; m > 2; m >>= 2, t <<= 2) {
                invRadix432(out, outOff, m, t, p.iw, p.is1, p.q, p.yReductions);
            }
            if (m == 2) {
                invWide32(out, outOff, m, t, p.iw, p.is1, p.q, p.yReductions);
            }
            invLast32(out, outOff, n, p, outFactor == 1);
        }
    }

    /** y·W mod q in [0, 4q) for any y &lt; 2^64 (q &lt; 2^62), sl/sh = halves of ⌊W·2^64/q⌋; see class comment. */
    static LongVector shoupLimb(LongVector y, LongVector w, LongVector sl, LongVector sh, LongVector q) {
        LongVector yl = y.and(M32);
        LongVector yh = y.lanewise(LSHR, 32);
        LongVector qh = yh.mul(sh).add(yl.mul(sh).lanewise(LSHR, 32)).add(yh.mul(sl).lanewise(LSHR, 32));
        return y.mul(w).sub(qh.mul(q));
    }

    // The stage bodies below are generated from one template per butterfly (CT forward, GS inverse) and
    // variant, and written out in full: C2 stops inlining even tiny helpers in methods this large
    // (NodeCountInliningCutoff), and a vector helper that is not inlined boxes its vectors
    // (seen as a 4× slowdown on JDK 25). In the limb variant the product is
    //   T = Y·W − (yh·sh + ((yl·sh) >>> 32) + ((yh·sl) >>> 32))·q   in [0, 4q), then min_u(T, T − 2q);
    // in long32, Y is first brought below 2^32 (yr conditional subtractions) and T = Y·W − ((Y·s) >>> 32)·q.
    // Forward stages: (m, t) radix 2 from src to dst; radix 4 = stages (m, t) and (2m, t/2) in one pass;
    // small = t = 4, 2, 1 on 16-coefficient blocks chained through permutes, with the final reduction to
    // [0, q) when full. Inverse: small = t = 1, 2, 4 from src to dst; radix 4 = stages (m, t) and (m/2, 2t);
    // last = (1, N/2) with N^−1 folded into both outputs.

    // ------------------------------------------------------------------------------------------- limb62 stages

    private static void fwdWideLimb(long[] src, int so, long[] dst, int dO, int m, int t, long[] w, long[] s1, long[] s2, long ql) {
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        for (int i = 0; i < m; i++) {
            LongVector aw = LongVector.broadcast(L, w[m + i]);
            LongVector as1 = LongVector.broadcast(L, s1[m + i]);
            LongVector as2 = LongVector.broadcast(L, s2[m + i]);
            int j1 = 2 * i * t;
            for (int j = j1; j < j1 + t; j += Lanes.LANES) {
                LongVector x = LongVector.fromArray(L, src, so + j);
                LongVector y = LongVector.fromArray(L, src, so + j + t);
                x = x.lanewise(UMIN, x.sub(q2));
                LongVector xot = y.mul(aw).sub(y.lanewise(LSHR, 32).mul(as2.and(M32)).add(y.and(M32).mul(as2.and(M32)).lanewise(LSHR, 32))
                        .add(y.lanewise(LSHR, 32).mul(as1.and(M32)).lanewise(LSHR, 32)).mul(q));
                xot = xot.lanewise(UMIN, xot.sub(q2));
                LongVector xo = x.add(xot);
                LongVector yo = x.sub(xot).add(q2);
                xo.intoArray(dst, dO + j);
                yo.intoArray(dst, dO + j + t);
            }
        }
    }

    private static void fwdRadix4Limb(long[] a, int o, int m, int t, long[] w, long[] s1, long[] s2, long ql) {
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        int h = t >> 1;
        for (int i = 0; i < m; i++) {
            LongVector aw = LongVector.broadcast(L, w[m + i]);
            LongVector as1 = LongVector.broadcast(L, s1[m + i]);
            LongVector as2 = LongVector.broadcast(L, s2[m + i]);
            LongVector bw = LongVector.broadcast(L, w[2 * m + 2 * i]);
            LongVector bs1 = LongVector.broadcast(L, s1[2 * m + 2 * i]);
            LongVector bs2 = LongVector.broadcast(L, s2[2 * m + 2 * i]);
            LongVector cw = LongVector.broadcast(L, w[2 * m + 2 * i + 1]);
            LongVector cs1 = LongVector.broadcast(L, s1[2 * m + 2 * i + 1]);
            LongVector cs2 = LongVector.broadcast(L, s2[2 * m + 2 * i + 1]);
            int j1 = 2 * i * t;
            for (int j = j1; j < j1 + h; j += Lanes.LANES) {
                LongVector x0 = LongVector.fromArray(L, a, o + j);
                LongVector x1 = LongVector.fromArray(L, a, o + j + h);
                LongVector x2 = LongVector.fromArray(L, a, o + j + t);
                LongVector x3 = LongVector.fromArray(L, a, o + j + t + h);
                x0 = x0.lanewise(UMIN, x0.sub(q2));
                LongVector y0t = x2.mul(aw).sub(x2.lanewise(LSHR, 32).mul(as2.and(M32)).add(x2.and(M32).mul(as2.and(M32)).lanewise(LSHR, 32))
                        .add(x2.lanewise(LSHR, 32).mul(as1.and(M32)).lanewise(LSHR, 32)).mul(q));
                y0t = y0t.lanewise(UMIN, y0t.sub(q2));
                LongVector y0 = x0.add(y0t);
                LongVector y2 = x0.sub(y0t).add(q2);
                x1 = x1.lanewise(UMIN, x1.sub(q2));
                LongVector y1t = x3.mul(aw).sub(x3.lanewise(LSHR, 32).mul(as2.and(M32)).add(x3.and(M32).mul(as2.and(M32)).lanewise(LSHR, 32))
                        .add(x3.lanewise(LSHR, 32).mul(as1.and(M32)).lanewise(LSHR, 32)).mul(q));
                y1t = y1t.lanewise(UMIN, y1t.sub(q2));
                LongVector y1 = x1.add(y1t);
                LongVector y3 = x1.sub(y1t).add(q2);
                y0 = y0.lanewise(UMIN, y0.sub(q2));
                LongVector z0t = y1.mul(bw).sub(y1.lanewise(LSHR, 32).mul(bs2.and(M32)).add(y1.and(M32).mul(bs2.and(M32)).lanewise(LSHR, 32))
                        .add(y1.lanewise(LSHR, 32).mul(bs1.and(M32)).lanewise(LSHR, 32)).mul(q));
                z0t = z0t.lanewise(UMIN, z0t.sub(q2));
                LongVector z0 = y0.add(z0t);
                LongVector z1 = y0.sub(z0t).add(q2);
                y2 = y2.lanewise(UMIN, y2.sub(q2));
                LongVector z2t = y3.mul(cw).sub(y3.lanewise(LSHR, 32).mul(cs2.and(M32)).add(y3.and(M32).mul(cs2.and(M32)).lanewise(LSHR, 32))
                        .add(y3.lanewise(LSHR, 32).mul(cs1.and(M32)).lanewise(LSHR, 32)).mul(q));
                z2t = z2t.lanewise(UMIN, z2t.sub(q2));
                LongVector z2 = y2.add(z2t);
                LongVector z3 = y2.sub(z2t).add(q2);
                z0.intoArray(a, o + j);
                z1.intoArray(a, o + j + h);
                z2.intoArray(a, o + j + t);
                z3.intoArray(a, o + j + t + h);
            }
        }
    }

    private static void fwdSmallLimb(long[] a, int o, int n, Plan p, boolean full) {
        long ql = p.q;
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        LongVector g4u = Lanes.gatherU(2);
        LongVector g4v = Lanes.gatherV(2);
        LongVector g2u = Lanes.chain(2, 1, true);
        LongVector g2v = Lanes.chain(2, 1, false);
        LongVector g1u = Lanes.chain(1, 0, true);
        LongVector g1v = Lanes.chain(1, 0, false);
        LongVector sa = Lanes.scatterA(0);
        LongVector sb = Lanes.scatterB(0);
        long[] w4 = p.fsw[2];
        long[] s4 = p.fss1[2];
        long[] h4 = p.fss2[2];
        long[] w2 = p.fsw[1];
        long[] s2 = p.fss1[1];
        long[] h2 = p.fss2[1];
        long[] w1 = p.fsw[0];
        long[] s1 = p.fss1[0];
        long[] h1 = p.fss2[0];
        for (int b = 0, k = 0; b < n; b += Lanes.BLOCK, k += Lanes.LANES) {
            LongVector va = LongVector.fromArray(L, a, o + b);
            LongVector vb = LongVector.fromArray(L, a, o + b + Lanes.LANES);
            LongVector x4 = g4u.selectFrom(va, vb);
            LongVector y4 = g4v.selectFrom(va, vb);
            LongVector w4v = LongVector.fromArray(L, w4, k);
            LongVector s4v = LongVector.fromArray(L, s4, k);
            LongVector h4v = LongVector.fromArray(L, h4, k);
            x4 = x4.lanewise(UMIN, x4.sub(q2));
            LongVector p4t = y4.mul(w4v).sub(y4.lanewise(LSHR, 32).mul(h4v.and(M32)).add(y4.and(M32).mul(h4v.and(M32)).lanewise(LSHR, 32))
                    .add(y4.lanewise(LSHR, 32).mul(s4v.and(M32)).lanewise(LSHR, 32)).mul(q));
            p4t = p4t.lanewise(UMIN, p4t.sub(q2));
            LongVector p4 = x4.add(p4t);
            LongVector q4 = x4.sub(p4t).add(q2);
            LongVector x2 = g2u.selectFrom(p4, q4);
            LongVector y2 = g2v.selectFrom(p4, q4);
            LongVector w2v = LongVector.fromArray(L, w2, k);
            LongVector s2v = LongVector.fromArray(L, s2, k);
            LongVector h2v = LongVector.fromArray(L, h2, k);
            x2 = x2.lanewise(UMIN, x2.sub(q2));
            LongVector p2t = y2.mul(w2v).sub(y2.lanewise(LSHR, 32).mul(h2v.and(M32)).add(y2.and(M32).mul(h2v.and(M32)).lanewise(LSHR, 32))
                    .add(y2.lanewise(LSHR, 32).mul(s2v.and(M32)).lanewise(LSHR, 32)).mul(q));
            p2t = p2t.lanewise(UMIN, p2t.sub(q2));
            LongVector p2 = x2.add(p2t);
            LongVector q2v = x2.sub(p2t).add(q2);
            LongVector x1 = g1u.selectFrom(p2, q2v);
            LongVector y1 = g1v.selectFrom(p2, q2v);
            LongVector w1v = LongVector.fromArray(L, w1, k);
            LongVector s1v = LongVector.fromArray(L, s1, k);
            LongVector h1v = LongVector.fromArray(L, h1, k);
            x1 = x1.lanewise(UMIN, x1.sub(q2));
            LongVector p1t = y1.mul(w1v).sub(y1.lanewise(LSHR, 32).mul(h1v.and(M32)).add(y1.and(M32).mul(h1v.and(M32)).lanewise(LSHR, 32))
                    .add(y1.lanewise(LSHR, 32).mul(s1v.and(M32)).lanewise(LSHR, 32)).mul(q));
            p1t = p1t.lanewise(UMIN, p1t.sub(q2));
            LongVector p1 = x1.add(p1t);
            LongVector q1 = x1.sub(p1t).add(q2);
            if (full) {
                p1 = p1.lanewise(UMIN, p1.sub(q2));
                p1 = p1.lanewise(UMIN, p1.sub(q));
                q1 = q1.lanewise(UMIN, q1.sub(q2));
                q1 = q1.lanewise(UMIN, q1.sub(q));
            }
            sa.selectFrom(p1, q1).intoArray(a, o + b);
            sb.selectFrom(p1, q1).intoArray(a, o + b + Lanes.LANES);
        }
    }

    private static void invSmallLimb(long[] src, int so, long[] dst, int dO, int n, Plan p) {
        long ql = p.q;
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        LongVector g1u = Lanes.gatherU(0);
        LongVector g1v = Lanes.gatherV(0);
        LongVector g2u = Lanes.chain(0, 1, true);
        LongVector g2v = Lanes.chain(0, 1, false);
        LongVector g4u = Lanes.chain(1, 2, true);
        LongVector g4v = Lanes.chain(1, 2, false);
        LongVector sa = Lanes.scatterA(2);
        LongVector sb = Lanes.scatterB(2);
        long[] w1 = p.isw[0];
        long[] s1 = p.iss1[0];
        long[] h1 = p.iss2[0];
        long[] w2 = p.isw[1];
        long[] s2 = p.iss1[1];
        long[] h2 = p.iss2[1];
        long[] w4 = p.isw[2];
        long[] s4 = p.iss1[2];
        long[] h4 = p.iss2[2];
        for (int b = 0, k = 0; b < n; b += Lanes.BLOCK, k += Lanes.LANES) {
            LongVector va = LongVector.fromArray(L, src, so + b);
            LongVector vb = LongVector.fromArray(L, src, so + b + Lanes.LANES);
            LongVector x1 = g1u.selectFrom(va, vb);
            LongVector y1 = g1v.selectFrom(va, vb);
            LongVector w1v = LongVector.fromArray(L, w1, k);
            LongVector s1v = LongVector.fromArray(L, s1, k);
            LongVector h1v = LongVector.fromArray(L, h1, k);
            LongVector p1 = x1.add(y1);
            p1 = p1.lanewise(UMIN, p1.sub(q2));
            LongVector q1 = x1.sub(y1).add(q2);
            q1 = q1.mul(w1v).sub(q1.lanewise(LSHR, 32).mul(h1v.and(M32)).add(q1.and(M32).mul(h1v.and(M32)).lanewise(LSHR, 32))
                    .add(q1.lanewise(LSHR, 32).mul(s1v.and(M32)).lanewise(LSHR, 32)).mul(q));
            q1 = q1.lanewise(UMIN, q1.sub(q2));
            LongVector x2 = g2u.selectFrom(p1, q1);
            LongVector y2 = g2v.selectFrom(p1, q1);
            LongVector w2v = LongVector.fromArray(L, w2, k);
            LongVector s2v = LongVector.fromArray(L, s2, k);
            LongVector h2v = LongVector.fromArray(L, h2, k);
            LongVector p2 = x2.add(y2);
            p2 = p2.lanewise(UMIN, p2.sub(q2));
            LongVector q2v = x2.sub(y2).add(q2);
            q2v = q2v.mul(w2v).sub(q2v.lanewise(LSHR, 32).mul(h2v.and(M32)).add(q2v.and(M32).mul(h2v.and(M32)).lanewise(LSHR, 32))
                    .add(q2v.lanewise(LSHR, 32).mul(s2v.and(M32)).lanewise(LSHR, 32)).mul(q));
            q2v = q2v.lanewise(UMIN, q2v.sub(q2));
            LongVector x4 = g4u.selectFrom(p2, q2v);
            LongVector y4 = g4v.selectFrom(p2, q2v);
            LongVector w4v = LongVector.fromArray(L, w4, k);
            LongVector s4v = LongVector.fromArray(L, s4, k);
            LongVector h4v = LongVector.fromArray(L, h4, k);
            LongVector p4 = x4.add(y4);
            p4 = p4.lanewise(UMIN, p4.sub(q2));
            LongVector q4 = x4.sub(y4).add(q2);
            q4 = q4.mul(w4v).sub(q4.lanewise(LSHR, 32).mul(h4v.and(M32)).add(q4.and(M32).mul(h4v.and(M32)).lanewise(LSHR, 32))
                    .add(q4.lanewise(LSHR, 32).mul(s4v.and(M32)).lanewise(LSHR, 32)).mul(q));
            q4 = q4.lanewise(UMIN, q4.sub(q2));
            sa.selectFrom(p4, q4).intoArray(dst, dO + b);
            sb.selectFrom(p4, q4).intoArray(dst, dO + b + Lanes.LANES);
        }
    }

    private static void invWideLimb(long[] a, int o, int m, int t, long[] w, long[] s1, long[] s2, long ql) {
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        for (int i = 0; i < m; i++) {
            LongVector aw = LongVector.broadcast(L, w[m + i]);
            LongVector as1 = LongVector.broadcast(L, s1[m + i]);
            LongVector as2 = LongVector.broadcast(L, s2[m + i]);
            int j1 = 2 * i * t;
            for (int j = j1; j < j1 + t; j += Lanes.LANES) {
                LongVector x = LongVector.fromArray(L, a, o + j);
                LongVector y = LongVector.fromArray(L, a, o + j + t);
                LongVector xo = x.add(y);
                xo = xo.lanewise(UMIN, xo.sub(q2));
                LongVector yo = x.sub(y).add(q2);
                yo = yo.mul(aw).sub(yo.lanewise(LSHR, 32).mul(as2.and(M32)).add(yo.and(M32).mul(as2.and(M32)).lanewise(LSHR, 32))
                        .add(yo.lanewise(LSHR, 32).mul(as1.and(M32)).lanewise(LSHR, 32)).mul(q));
                yo = yo.lanewise(UMIN, yo.sub(q2));
                xo.intoArray(a, o + j);
                yo.intoArray(a, o + j + t);
            }
        }
    }

    private static void invRadix4Limb(long[] a, int o, int m, int t, long[] w, long[] s1, long[] s2, long ql) {
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        int half = m >> 1;
        for (int i = 0; i < half; i++) {
            LongVector aw = LongVector.broadcast(L, w[m + 2 * i]);
            LongVector as1 = LongVector.broadcast(L, s1[m + 2 * i]);
            LongVector as2 = LongVector.broadcast(L, s2[m + 2 * i]);
            LongVector bw = LongVector.broadcast(L, w[m + 2 * i + 1]);
            LongVector bs1 = LongVector.broadcast(L, s1[m + 2 * i + 1]);
            LongVector bs2 = LongVector.broadcast(L, s2[m + 2 * i + 1]);
            LongVector cw = LongVector.broadcast(L, w[half + i]);
            LongVector cs1 = LongVector.broadcast(L, s1[half + i]);
            LongVector cs2 = LongVector.broadcast(L, s2[half + i]);
            int j1 = 4 * i * t;
            for (int j = j1; j < j1 + t; j += Lanes.LANES) {
                LongVector x0 = LongVector.fromArray(L, a, o + j);
                LongVector x1 = LongVector.fromArray(L, a, o + j + t);
                LongVector x2 = LongVector.fromArray(L, a, o + j + 2 * t);
                LongVector x3 = LongVector.fromArray(L, a, o + j + 3 * t);
                LongVector y0 = x0.add(x1);
                y0 = y0.lanewise(UMIN, y0.sub(q2));
                LongVector y1 = x0.sub(x1).add(q2);
                y1 = y1.mul(aw).sub(y1.lanewise(LSHR, 32).mul(as2.and(M32)).add(y1.and(M32).mul(as2.and(M32)).lanewise(LSHR, 32))
                        .add(y1.lanewise(LSHR, 32).mul(as1.and(M32)).lanewise(LSHR, 32)).mul(q));
                y1 = y1.lanewise(UMIN, y1.sub(q2));
                LongVector y2 = x2.add(x3);
                y2 = y2.lanewise(UMIN, y2.sub(q2));
                LongVector y3 = x2.sub(x3).add(q2);
                y3 = y3.mul(bw).sub(y3.lanewise(LSHR, 32).mul(bs2.and(M32)).add(y3.and(M32).mul(bs2.and(M32)).lanewise(LSHR, 32))
                        .add(y3.lanewise(LSHR, 32).mul(bs1.and(M32)).lanewise(LSHR, 32)).mul(q));
                y3 = y3.lanewise(UMIN, y3.sub(q2));
                LongVector z0 = y0.add(y2);
                z0 = z0.lanewise(UMIN, z0.sub(q2));
                LongVector z2 = y0.sub(y2).add(q2);
                z2 = z2.mul(cw).sub(z2.lanewise(LSHR, 32).mul(cs2.and(M32)).add(z2.and(M32).mul(cs2.and(M32)).lanewise(LSHR, 32))
                        .add(z2.lanewise(LSHR, 32).mul(cs1.and(M32)).lanewise(LSHR, 32)).mul(q));
                z2 = z2.lanewise(UMIN, z2.sub(q2));
                LongVector z1 = y1.add(y3);
                z1 = z1.lanewise(UMIN, z1.sub(q2));
                LongVector z3 = y1.sub(y3).add(q2);
                z3 = z3.mul(cw).sub(z3.lanewise(LSHR, 32).mul(cs2.and(M32)).add(z3.and(M32).mul(cs2.and(M32)).lanewise(LSHR, 32))
                        .add(z3.lanewise(LSHR, 32).mul(cs1.and(M32)).lanewise(LSHR, 32)).mul(q));
                z3 = z3.lanewise(UMIN, z3.sub(q2));
                z0.intoArray(a, o + j);
                z1.intoArray(a, o + j + t);
                z2.intoArray(a, o + j + 2 * t);
                z3.intoArray(a, o + j + 3 * t);
            }
        }
    }

    private static void invLastLimb(long[] a, int o, int n, Plan p, boolean full) {
        long ql = p.q;
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        LongVector nw = LongVector.broadcast(L, p.nInv);
        LongVector ns1 = LongVector.broadcast(L, p.nInvS1);
        LongVector ww = LongVector.broadcast(L, p.w1n);
        LongVector ws1 = LongVector.broadcast(L, p.w1nS1);
        LongVector ns2 = LongVector.broadcast(L, p.nInvS2);
        LongVector ws2 = LongVector.broadcast(L, p.w1nS2);
        int t = n >> 1;
        for (int j = 0; j < t; j += Lanes.LANES) {
            LongVector x = LongVector.fromArray(L, a, o + j);
            LongVector y = LongVector.fromArray(L, a, o + j + t);
            LongVector u = x.add(y);
            LongVector d = x.sub(y).add(q2);
            u = u.mul(nw).sub(u.lanewise(LSHR, 32).mul(ns2.and(M32)).add(u.and(M32).mul(ns2.and(M32)).lanewise(LSHR, 32))
                    .add(u.lanewise(LSHR, 32).mul(ns1.and(M32)).lanewise(LSHR, 32)).mul(q));
            u = u.lanewise(UMIN, u.sub(q2));
            d = d.mul(ww).sub(d.lanewise(LSHR, 32).mul(ws2.and(M32)).add(d.and(M32).mul(ws2.and(M32)).lanewise(LSHR, 32))
                    .add(d.lanewise(LSHR, 32).mul(ws1.and(M32)).lanewise(LSHR, 32)).mul(q));
            d = d.lanewise(UMIN, d.sub(q2));
            if (full) {
                u = u.lanewise(UMIN, u.sub(q));
                d = d.lanewise(UMIN, d.sub(q));
            }
            u.intoArray(a, o + j);
            d.intoArray(a, o + j + t);
        }
    }

    // ------------------------------------------------------------------------------------------- long32 stages

    private static void fwdWide32(long[] src, int so, long[] dst, int dO, int m, int t, long[] w, long[] s1, long ql, int yr) {
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        for (int i = 0; i < m; i++) {
            LongVector aw = LongVector.broadcast(L, w[m + i]);
            LongVector as1 = LongVector.broadcast(L, s1[m + i]);
            int j1 = 2 * i * t;
            for (int j = j1; j < j1 + t; j += Lanes.LANES) {
                LongVector x = LongVector.fromArray(L, src, so + j);
                LongVector y = LongVector.fromArray(L, src, so + j + t);
                x = x.lanewise(UMIN, x.sub(q2));
                if (yr > 0) {
                    y = y.lanewise(UMIN, y.sub(q2));
                    if (yr > 1) {
                        y = y.lanewise(UMIN, y.sub(q));
                    }
                }
                y = y.and(M32);
                LongVector xot = y.mul(aw.and(M32)).sub(y.mul(as1.and(M32)).lanewise(LSHR, 32).mul(q.and(M32)));
                LongVector xo = x.add(xot);
                LongVector yo = x.sub(xot).add(q2);
                xo.intoArray(dst, dO + j);
                yo.intoArray(dst, dO + j + t);
            }
        }
    }

    private static void fwdRadix432(long[] a, int o, int m, int t, long[] w, long[] s1, long ql, int yr) {
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        int h = t >> 1;
        for (int i = 0; i < m; i++) {
            LongVector aw = LongVector.broadcast(L, w[m + i]);
            LongVector as1 = LongVector.broadcast(L, s1[m + i]);
            LongVector bw = LongVector.broadcast(L, w[2 * m + 2 * i]);
            LongVector bs1 = LongVector.broadcast(L, s1[2 * m + 2 * i]);
            LongVector cw = LongVector.broadcast(L, w[2 * m + 2 * i + 1]);
            LongVector cs1 = LongVector.broadcast(L, s1[2 * m + 2 * i + 1]);
            int j1 = 2 * i * t;
            for (int j = j1; j < j1 + h; j += Lanes.LANES) {
                LongVector x0 = LongVector.fromArray(L, a, o + j);
                LongVector x1 = LongVector.fromArray(L, a, o + j + h);
                LongVector x2 = LongVector.fromArray(L, a, o + j + t);
                LongVector x3 = LongVector.fromArray(L, a, o + j + t + h);
                x0 = x0.lanewise(UMIN, x0.sub(q2));
                if (yr > 0) {
                    x2 = x2.lanewise(UMIN, x2.sub(q2));
                    if (yr > 1) {
                        x2 = x2.lanewise(UMIN, x2.sub(q));
                    }
                }
                x2 = x2.and(M32);
                LongVector y0t = x2.mul(aw.and(M32)).sub(x2.mul(as1.and(M32)).lanewise(LSHR, 32).mul(q.and(M32)));
                LongVector y0 = x0.add(y0t);
                LongVector y2 = x0.sub(y0t).add(q2);
                x1 = x1.lanewise(UMIN, x1.sub(q2));
                if (yr > 0) {
                    x3 = x3.lanewise(UMIN, x3.sub(q2));
                    if (yr > 1) {
                        x3 = x3.lanewise(UMIN, x3.sub(q));
                    }
                }
                x3 = x3.and(M32);
                LongVector y1t = x3.mul(aw.and(M32)).sub(x3.mul(as1.and(M32)).lanewise(LSHR, 32).mul(q.and(M32)));
                LongVector y1 = x1.add(y1t);
                LongVector y3 = x1.sub(y1t).add(q2);
                y0 = y0.lanewise(UMIN, y0.sub(q2));
                if (yr > 0) {
                    y1 = y1.lanewise(UMIN, y1.sub(q2));
                    if (yr > 1) {
                        y1 = y1.lanewise(UMIN, y1.sub(q));
                    }
                }
                y1 = y1.and(M32);
                LongVector z0t = y1.mul(bw.and(M32)).sub(y1.mul(bs1.and(M32)).lanewise(LSHR, 32).mul(q.and(M32)));
                LongVector z0 = y0.add(z0t);
                LongVector z1 = y0.sub(z0t).add(q2);
                y2 = y2.lanewise(UMIN, y2.sub(q2));
                if (yr > 0) {
                    y3 = y3.lanewise(UMIN, y3.sub(q2));
                    if (yr > 1) {
                        y3 = y3.lanewise(UMIN, y3.sub(q));
                    }
                }
                y3 = y3.and(M32);
                LongVector z2t = y3.mul(cw.and(M32)).sub(y3.mul(cs1.and(M32)).lanewise(LSHR, 32).mul(q.and(M32)));
                LongVector z2 = y2.add(z2t);
                LongVector z3 = y2.sub(z2t).add(q2);
                z0.intoArray(a, o + j);
                z1.intoArray(a, o + j + h);
                z2.intoArray(a, o + j + t);
                z3.intoArray(a, o + j + t + h);
            }
        }
    }

    private static void fwdSmall32(long[] a, int o, int n, Plan p, boolean full) {
        long ql = p.q;
        int yr = p.yReductions;
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        LongVector g4u = Lanes.gatherU(2);
        LongVector g4v = Lanes.gatherV(2);
        LongVector g2u = Lanes.chain(2, 1, true);
        LongVector g2v = Lanes.chain(2, 1, false);
        LongVector g1u = Lanes.chain(1, 0, true);
        LongVector g1v = Lanes.chain(1, 0, false);
        LongVector sa = Lanes.scatterA(0);
        LongVector sb = Lanes.scatterB(0);
        long[] w4 = p.fsw[2];
        long[] s4 = p.fss1[2];
        long[] w2 = p.fsw[1];
        long[] s2 = p.fss1[1];
        long[] w1 = p.fsw[0];
        long[] s1 = p.fss1[0];
        for (int b = 0, k = 0; b < n; b += Lanes.BLOCK, k += Lanes.LANES) {
            LongVector va = LongVector.fromArray(L, a, o + b);
            LongVector vb = LongVector.fromArray(L, a, o + b + Lanes.LANES);
            LongVector x4 = g4u.selectFrom(va, vb);
            LongVector y4 = g4v.selectFrom(va, vb);
            LongVector w4v = LongVector.fromArray(L, w4, k);
            LongVector s4v = LongVector.fromArray(L, s4, k);
            x4 = x4.lanewise(UMIN, x4.sub(q2));
            if (yr > 0) {
                y4 = y4.lanewise(UMIN, y4.sub(q2));
                if (yr > 1) {
                    y4 = y4.lanewise(UMIN, y4.sub(q));
                }
            }
            y4 = y4.and(M32);
            LongVector p4t = y4.mul(w4v.and(M32)).sub(y4.mul(s4v.and(M32)).lanewise(LSHR, 32).mul(q.and(M32)));
            LongVector p4 = x4.add(p4t);
            LongVector q4 = x4.sub(p4t).add(q2);
            LongVector x2 = g2u.selectFrom(p4, q4);
            LongVector y2 = g2v.selectFrom(p4, q4);
            LongVector w2v = LongVector.fromArray(L, w2, k);
            LongVector s2v = LongVector.fromArray(L, s2, k);
            x2 = x2.lanewise(UMIN, x2.sub(q2));
            if (yr > 0) {
                y2 = y2.lanewise(UMIN, y2.sub(q2));
                if (yr > 1) {
                    y2 = y2.lanewise(UMIN, y2.sub(q));
                }
            }
            y2 = y2.and(M32);
            LongVector p2t = y2.mul(w2v.and(M32)).sub(y2.mul(s2v.and(M32)).lanewise(LSHR, 32).mul(q.and(M32)));
            LongVector p2 = x2.add(p2t);
            LongVector q2v = x2.sub(p2t).add(q2);
            LongVector x1 = g1u.selectFrom(p2, q2v);
            LongVector y1 = g1v.selectFrom(p2, q2v);
            LongVector w1v = LongVector.fromArray(L, w1, k);
            LongVector s1v = LongVector.fromArray(L, s1, k);
            x1 = x1.lanewise(UMIN, x1.sub(q2));
            if (yr > 0) {
                y1 = y1.lanewise(UMIN, y1.sub(q2));
                if (yr > 1) {
                    y1 = y1.lanewise(UMIN, y1.sub(q));
                }
            }
            y1 = y1.and(M32);
            LongVector p1t = y1.mul(w1v.and(M32)).sub(y1.mul(s1v.and(M32)).lanewise(LSHR, 32).mul(q.and(M32)));
            LongVector p1 = x1.add(p1t);
            LongVector q1 = x1.sub(p1t).add(q2);
            if (full) {
                p1 = p1.lanewise(UMIN, p1.sub(q2));
                p1 = p1.lanewise(UMIN, p1.sub(q));
                q1 = q1.lanewise(UMIN, q1.sub(q2));
                q1 = q1.lanewise(UMIN, q1.sub(q));
            }
            sa.selectFrom(p1, q1).intoArray(a, o + b);
            sb.selectFrom(p1, q1).intoArray(a, o + b + Lanes.LANES);
        }
    }

    private static void invSmall32(long[] src, int so, long[] dst, int dO, int n, Plan p) {
        long ql = p.q;
        int yr = p.yReductions;
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        LongVector g1u = Lanes.gatherU(0);
        LongVector g1v = Lanes.gatherV(0);
        LongVector g2u = Lanes.chain(0, 1, true);
        LongVector g2v = Lanes.chain(0, 1, false);
        LongVector g4u = Lanes.chain(1, 2, true);
        LongVector g4v = Lanes.chain(1, 2, false);
        LongVector sa = Lanes.scatterA(2);
        LongVector sb = Lanes.scatterB(2);
        long[] w1 = p.isw[0];
        long[] s1 = p.iss1[0];
        long[] w2 = p.isw[1];
        long[] s2 = p.iss1[1];
        long[] w4 = p.isw[2];
        long[] s4 = p.iss1[2];
        for (int b = 0, k = 0; b < n; b += Lanes.BLOCK, k += Lanes.LANES) {
            LongVector va = LongVector.fromArray(L, src, so + b);
            LongVector vb = LongVector.fromArray(L, src, so + b + Lanes.LANES);
            LongVector x1 = g1u.selectFrom(va, vb);
            LongVector y1 = g1v.selectFrom(va, vb);
            LongVector w1v = LongVector.fromArray(L, w1, k);
            LongVector s1v = LongVector.fromArray(L, s1, k);
            LongVector p1 = x1.add(y1);
            p1 = p1.lanewise(UMIN, p1.sub(q2));
            LongVector q1 = x1.sub(y1).add(q2);
            if (yr > 0) {
                q1 = q1.lanewise(UMIN, q1.sub(q2));
                if (yr > 1) {
                    q1 = q1.lanewise(UMIN, q1.sub(q));
                }
            }
            q1 = q1.and(M32);
            q1 = q1.mul(w1v.and(M32)).sub(q1.mul(s1v.and(M32)).lanewise(LSHR, 32).mul(q.and(M32)));
            LongVector x2 = g2u.selectFrom(p1, q1);
            LongVector y2 = g2v.selectFrom(p1, q1);
            LongVector w2v = LongVector.fromArray(L, w2, k);
            LongVector s2v = LongVector.fromArray(L, s2, k);
            LongVector p2 = x2.add(y2);
            p2 = p2.lanewise(UMIN, p2.sub(q2));
            LongVector q2v = x2.sub(y2).add(q2);
            if (yr > 0) {
                q2v = q2v.lanewise(UMIN, q2v.sub(q2));
                if (yr > 1) {
                    q2v = q2v.lanewise(UMIN, q2v.sub(q));
                }
            }
            q2v = q2v.and(M32);
            q2v = q2v.mul(w2v.and(M32)).sub(q2v.mul(s2v.and(M32)).lanewise(LSHR, 32).mul(q.and(M32)));
            LongVector x4 = g4u.selectFrom(p2, q2v);
            LongVector y4 = g4v.selectFrom(p2, q2v);
            LongVector w4v = LongVector.fromArray(L, w4, k);
            LongVector s4v = LongVector.fromArray(L, s4, k);
            LongVector p4 = x4.add(y4);
            p4 = p4.lanewise(UMIN, p4.sub(q2));
            LongVector q4 = x4.sub(y4).add(q2);
            if (yr > 0) {
                q4 = q4.lanewise(UMIN, q4.sub(q2));
                if (yr > 1) {
                    q4 = q4.lanewise(UMIN, q4.sub(q));
                }
            }
            q4 = q4.and(M32);
            q4 = q4.mul(w4v.and(M32)).sub(q4.mul(s4v.and(M32)).lanewise(LSHR, 32).mul(q.and(M32)));
            sa.selectFrom(p4, q4).intoArray(dst, dO + b);
            sb.selectFrom(p4, q4).intoArray(dst, dO + b + Lanes.LANES);
        }
    }

    private static void invWide32(long[] a, int o, int m, int t, long[] w, long[] s1, long ql, int yr) {
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        for (int i = 0; i < m; i++) {
            LongVector aw = LongVector.broadcast(L, w[m + i]);
            LongVector as1 = LongVector.broadcast(L, s1[m + i]);
            int j1 = 2 * i * t;
            for (int j = j1; j < j1 + t; j += Lanes.LANES) {
                LongVector x = LongVector.fromArray(L, a, o + j);
                LongVector y = LongVector.fromArray(L, a, o + j + t);
                LongVector xo = x.add(y);
                xo = xo.lanewise(UMIN, xo.sub(q2));
                LongVector yo = x.sub(y).add(q2);
                if (yr > 0) {
                    yo = yo.lanewise(UMIN, yo.sub(q2));
                    if (yr > 1) {
                        yo = yo.lanewise(UMIN, yo.sub(q));
                    }
                }
                yo = yo.and(M32);
                yo = yo.mul(aw.and(M32)).sub(yo.mul(as1.and(M32)).lanewise(LSHR, 32).mul(q.and(M32)));
                xo.intoArray(a, o + j);
                yo.intoArray(a, o + j + t);
            }
        }
    }

    private static void invRadix432(long[] a, int o, int m, int t, long[] w, long[] s1, long ql, int yr) {
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        int half = m >> 1;
        for (int i = 0; i < half; i++) {
            LongVector aw = LongVector.broadcast(L, w[m + 2 * i]);
            LongVector as1 = LongVector.broadcast(L, s1[m + 2 * i]);
            LongVector bw = LongVector.broadcast(L, w[m + 2 * i + 1]);
            LongVector bs1 = LongVector.broadcast(L, s1[m + 2 * i + 1]);
            LongVector cw = LongVector.broadcast(L, w[half + i]);
            LongVector cs1 = LongVector.broadcast(L, s1[half + i]);
            int j1 = 4 * i * t;
            for (int j = j1; j < j1 + t; j += Lanes.LANES) {
                LongVector x0 = LongVector.fromArray(L, a, o + j);
                LongVector x1 = LongVector.fromArray(L, a, o + j + t);
                LongVector x2 = LongVector.fromArray(L, a, o + j + 2 * t);
                LongVector x3 = LongVector.fromArray(L, a, o + j + 3 * t);
                LongVector y0 = x0.add(x1);
                y0 = y0.lanewise(UMIN, y0.sub(q2));
                LongVector y1 = x0.sub(x1).add(q2);
                if (yr > 0) {
                    y1 = y1.lanewise(UMIN, y1.sub(q2));
                    if (yr > 1) {
                        y1 = y1.lanewise(UMIN, y1.sub(q));
                    }
                }
                y1 = y1.and(M32);
                y1 = y1.mul(aw.and(M32)).sub(y1.mul(as1.and(M32)).lanewise(LSHR, 32).mul(q.and(M32)));
                LongVector y2 = x2.add(x3);
                y2 = y2.lanewise(UMIN, y2.sub(q2));
                LongVector y3 = x2.sub(x3).add(q2);
                if (yr > 0) {
                    y3 = y3.lanewise(UMIN, y3.sub(q2));
                    if (yr > 1) {
                        y3 = y3.lanewise(UMIN, y3.sub(q));
                    }
                }
                y3 = y3.and(M32);
                y3 = y3.mul(bw.and(M32)).sub(y3.mul(bs1.and(M32)).lanewise(LSHR, 32).mul(q.and(M32)));
                LongVector z0 = y0.add(y2);
                z0 = z0.lanewise(UMIN, z0.sub(q2));
                LongVector z2 = y0.sub(y2).add(q2);
                if (yr > 0) {
                    z2 = z2.lanewise(UMIN, z2.sub(q2));
                    if (yr > 1) {
                        z2 = z2.lanewise(UMIN, z2.sub(q));
                    }
                }
                z2 = z2.and(M32);
                z2 = z2.mul(cw.and(M32)).sub(z2.mul(cs1.and(M32)).lanewise(LSHR, 32).mul(q.and(M32)));
                LongVector z1 = y1.add(y3);
                z1 = z1.lanewise(UMIN, z1.sub(q2));
                LongVector z3 = y1.sub(y3).add(q2);
                if (yr > 0) {
                    z3 = z3.lanewise(UMIN, z3.sub(q2));
                    if (yr > 1) {
                        z3 = z3.lanewise(UMIN, z3.sub(q));
                    }
                }
                z3 = z3.and(M32);
                z3 = z3.mul(cw.and(M32)).sub(z3.mul(cs1.and(M32)).lanewise(LSHR, 32).mul(q.and(M32)));
                z0.intoArray(a, o + j);
                z1.intoArray(a, o + j + t);
                z2.intoArray(a, o + j + 2 * t);
                z3.intoArray(a, o + j + 3 * t);
            }
        }
    }

    private static void invLast32(long[] a, int o, int n, Plan p, boolean full) {
        long ql = p.q;
        int yr = p.yReductions;
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        LongVector nw = LongVector.broadcast(L, p.nInv);
        LongVector ns1 = LongVector.broadcast(L, p.nInvS1);
        LongVector ww = LongVector.broadcast(L, p.w1n);
        LongVector ws1 = LongVector.broadcast(L, p.w1nS1);
        int t = n >> 1;
        for (int j = 0; j < t; j += Lanes.LANES) {
            LongVector x = LongVector.fromArray(L, a, o + j);
            LongVector y = LongVector.fromArray(L, a, o + j + t);
            LongVector u = x.add(y);
            LongVector d = x.sub(y).add(q2);
            if (yr > 0) {
                u = u.lanewise(UMIN, u.sub(q2));
                if (yr > 1) {
                    u = u.lanewise(UMIN, u.sub(q));
                }
            }
            u = u.and(M32);
            u = u.mul(nw.and(M32)).sub(u.mul(ns1.and(M32)).lanewise(LSHR, 32).mul(q.and(M32)));
            if (yr > 0) {
                d = d.lanewise(UMIN, d.sub(q2));
                if (yr > 1) {
                    d = d.lanewise(UMIN, d.sub(q));
                }
            }
            d = d.and(M32);
            d = d.mul(ww.and(M32)).sub(d.mul(ws1.and(M32)).lanewise(LSHR, 32).mul(q.and(M32)));
            if (full) {
                u = u.lanewise(UMIN, u.sub(q));
                d = d.lanewise(UMIN, d.sub(q));
            }
            u.intoArray(a, o + j);
            d.intoArray(a, o + j + t);
        }
    }
}
