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
 *       Three 32×32 multiplies instead of the four of an exact high product (kernels-measured.md).</li>
 * </ul>
 *
 * Conditional subtraction is one unsigned min: for t in [0, 2c), t − c wraps to a huge value when t &lt; c, so
 * min_u(t, t − c) is t mod c. Value ranges follow HEXL: forward [0, 4q) in, X reduced to [0, 2q), outputs
 * X + T and X − T + 2q in [0, 4q); inverse [0, 2q) throughout. Each stage is one small static method (C2
 * inlining cliff); permutes for t &lt; 8 as in {@link Lanes}.
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
    static void forward(long[] in, int inOff, long[] out, int outOff, Plan p, int outFactor) {
        int n = p.n;
        long[] src = in;
        int so = inOff;
        for (int m = 1, t = n >> 1; m < n; m <<= 1, t >>= 1) {
            if (t >= Lanes.LANES) {
                if (p.limb) {
                    fwdWideLimb(src, so, out, outOff, m, t, p.fw, p.fs1, p.fs2, p.q);
                } else {
                    fwdWide32(src, so, out, outOff, m, t, p.fw, p.fs1, p.q, p.yReductions);
                }
            } else {
                int lt = Integer.numberOfTrailingZeros(t);
                boolean last = t == 1 && outFactor == 1;
                if (p.limb) {
                    fwdSmallLimb(src, so, out, outOff, n, Lanes.gatherU(lt), Lanes.gatherV(lt), Lanes.scatterA(lt),
                            Lanes.scatterB(lt), p.fsw[lt], p.fss1[lt], p.fss2[lt], p.q, last);
                } else {
                    fwdSmall32(src, so, out, outOff, n, Lanes.gatherU(lt), Lanes.gatherV(lt), Lanes.scatterA(lt),
                            Lanes.scatterB(lt), p.fsw[lt], p.fss1[lt], p.q, p.yReductions, last);
                }
            }
            src = out;
            so = outOff;
        }
    }

    /** Inverse NTT with N^−1 scaling, N ≥ 16; in in [0, 2q); out in [0, outFactor·q). */
    static void inverse(long[] in, int inOff, long[] out, int outOff, Plan p, int outFactor) {
        int n = p.n;
        long[] src = in;
        int so = inOff;
        for (int m = n >> 1, t = 1; m > 1; m >>= 1, t <<= 1) {
            if (t >= Lanes.LANES) {
                if (p.limb) {
                    invWideLimb(src, so, out, outOff, m, t, p.iw, p.is1, p.is2, p.q);
                } else {
                    invWide32(src, so, out, outOff, m, t, p.iw, p.is1, p.q, p.yReductions);
                }
            } else {
                int lt = Integer.numberOfTrailingZeros(t);
                if (p.limb) {
                    invSmallLimb(src, so, out, outOff, n, Lanes.gatherU(lt), Lanes.gatherV(lt), Lanes.scatterA(lt),
                            Lanes.scatterB(lt), p.isw[lt], p.iss1[lt], p.iss2[lt], p.q);
                } else {
                    invSmall32(src, so, out, outOff, n, Lanes.gatherU(lt), Lanes.gatherV(lt), Lanes.scatterA(lt),
                            Lanes.scatterB(lt), p.isw[lt], p.iss1[lt], p.q, p.yReductions);
                }
            }
            src = out;
            so = outOff;
        }
        if (p.limb) {
            invLastLimb(src, so, out, outOff, n, p.nInv, p.nInvS1, p.nInvS2, p.w1n, p.w1nS1, p.w1nS2, p.q, outFactor == 1);
        } else {
            invLast32(src, so, out, outOff, n, p.nInv, p.nInvS1, p.w1n, p.w1nS1, p.q, p.yReductions, outFactor == 1);
        }
    }

    // ------------------------------------------------------------------------------------------- arithmetic

    /** min_u(v, v − c): v mod c for v in [0, 2c). */
    static LongVector csub(LongVector v, LongVector c) {
        return v.lanewise(UMIN, v.sub(c));
    }

    /** y·W mod q in [0, 2q) for y &lt; 2^32, W &lt; q &lt; 2^32, s = ⌊W·2^32/q⌋. */
    static LongVector shoup32(LongVector y, LongVector w, LongVector s, LongVector q) {
        LongVector qh = y.mul(s).lanewise(LSHR, 32);
        return y.mul(w).sub(qh.mul(q));
    }

    /** y·W mod q in [0, 4q) for any y &lt; 2^64 (q &lt; 2^62), sl/sh = halves of ⌊W·2^64/q⌋; see class comment. */
    static LongVector shoupLimb(LongVector y, LongVector w, LongVector sl, LongVector sh, LongVector q) {
        LongVector yl = y.and(M32);
        LongVector yh = y.lanewise(LSHR, 32);
        LongVector qh = yh.mul(sh).add(yl.mul(sh).lanewise(LSHR, 32)).add(yh.mul(sl).lanewise(LSHR, 32));
        return y.mul(w).sub(qh.mul(q));
    }

    /** Brings v in [0, 4q) below 2^32 for the long32 Shoup (see class comment). */
    private static LongVector below32(LongVector v, LongVector q, LongVector q2, int yReductions) {
        if (yReductions > 0) {
            v = csub(v, q2);
            if (yReductions > 1) {
                v = csub(v, q);
            }
        }
        return v;
    }

    // ------------------------------------------------------------------------------------------- limb62 stages

    private static void fwdWideLimb(long[] src, int so, long[] dst, int dO, int m, int t, long[] w, long[] s1, long[] s2, long ql) {
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        for (int i = 0; i < m; i++) {
            LongVector vw = LongVector.broadcast(L, w[m + i]);
            LongVector vsl = LongVector.broadcast(L, s1[m + i]);
            LongVector vsh = LongVector.broadcast(L, s2[m + i]);
            int j1 = 2 * i * t;
            for (int j = j1; j < j1 + t; j += Lanes.LANES) {
                LongVector x = csub(LongVector.fromArray(L, src, so + j), q2);
                LongVector y = LongVector.fromArray(L, src, so + j + t);
                LongVector tt = csub(shoupLimb(y, vw, vsl, vsh, q), q2);
                x.add(tt).intoArray(dst, dO + j);
                x.sub(tt).add(q2).intoArray(dst, dO + j + t);
            }
        }
    }

    private static void fwdSmallLimb(long[] src, int so, long[] dst, int dO, int n, LongVector gu, LongVector gv, LongVector sa,
                                     LongVector sb, long[] w, long[] s1, long[] s2, long ql, boolean last) {
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        for (int b = 0, k = 0; b < n; b += Lanes.BLOCK, k += Lanes.LANES) {
            LongVector va = LongVector.fromArray(L, src, so + b);
            LongVector vb = LongVector.fromArray(L, src, so + b + Lanes.LANES);
            LongVector x = csub(gu.selectFrom(va, vb), q2);
            LongVector y = gv.selectFrom(va, vb);
            LongVector tt = csub(shoupLimb(y, LongVector.fromArray(L, w, k), LongVector.fromArray(L, s1, k),
                    LongVector.fromArray(L, s2, k), q), q2);
            LongVector xo = x.add(tt);
            LongVector yo = x.sub(tt).add(q2);
            if (last) {
                xo = csub(csub(xo, q2), q);
                yo = csub(csub(yo, q2), q);
            }
            sa.selectFrom(xo, yo).intoArray(dst, dO + b);
            sb.selectFrom(xo, yo).intoArray(dst, dO + b + Lanes.LANES);
        }
    }

    private static void invWideLimb(long[] src, int so, long[] dst, int dO, int m, int t, long[] w, long[] s1, long[] s2, long ql) {
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        for (int i = 0; i < m; i++) {
            LongVector vw = LongVector.broadcast(L, w[m + i]);
            LongVector vsl = LongVector.broadcast(L, s1[m + i]);
            LongVector vsh = LongVector.broadcast(L, s2[m + i]);
            int j1 = 2 * i * t;
            for (int j = j1; j < j1 + t; j += Lanes.LANES) {
                LongVector x = LongVector.fromArray(L, src, so + j);
                LongVector y = LongVector.fromArray(L, src, so + j + t);
                csub(x.add(y), q2).intoArray(dst, dO + j);
                csub(shoupLimb(x.sub(y).add(q2), vw, vsl, vsh, q), q2).intoArray(dst, dO + j + t);
            }
        }
    }

    private static void invSmallLimb(long[] src, int so, long[] dst, int dO, int n, LongVector gu, LongVector gv, LongVector sa,
                                     LongVector sb, long[] w, long[] s1, long[] s2, long ql) {
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        for (int b = 0, k = 0; b < n; b += Lanes.BLOCK, k += Lanes.LANES) {
            LongVector va = LongVector.fromArray(L, src, so + b);
            LongVector vb = LongVector.fromArray(L, src, so + b + Lanes.LANES);
            LongVector x = gu.selectFrom(va, vb);
            LongVector y = gv.selectFrom(va, vb);
            LongVector xo = csub(x.add(y), q2);
            LongVector yo = csub(shoupLimb(x.sub(y).add(q2), LongVector.fromArray(L, w, k), LongVector.fromArray(L, s1, k),
                    LongVector.fromArray(L, s2, k), q), q2);
            sa.selectFrom(xo, yo).intoArray(dst, dO + b);
            sb.selectFrom(xo, yo).intoArray(dst, dO + b + Lanes.LANES);
        }
    }

    /** Last inverse stage with N^−1 folded in: X' = (X + Y)·N^−1, Y' = (X − Y + 2q)·(W·N^−1). */
    private static void invLastLimb(long[] src, int so, long[] dst, int dO, int n, long ni, long nis1, long nis2, long wn,
                                    long wns1, long wns2, long ql, boolean full) {
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        LongVector vni = LongVector.broadcast(L, ni);
        LongVector vnil = LongVector.broadcast(L, nis1);
        LongVector vnih = LongVector.broadcast(L, nis2);
        LongVector vwn = LongVector.broadcast(L, wn);
        LongVector vwnl = LongVector.broadcast(L, wns1);
        LongVector vwnh = LongVector.broadcast(L, wns2);
        int t = n >> 1;
        for (int j = 0; j < t; j += Lanes.LANES) {
            LongVector x = LongVector.fromArray(L, src, so + j);
            LongVector y = LongVector.fromArray(L, src, so + j + t);
            LongVector u = csub(shoupLimb(x.add(y), vni, vnil, vnih, q), q2);
            LongVector v = csub(shoupLimb(x.sub(y).add(q2), vwn, vwnl, vwnh, q), q2);
            if (full) {
                u = csub(u, q);
                v = csub(v, q);
            }
            u.intoArray(dst, dO + j);
            v.intoArray(dst, dO + j + t);
        }
    }

    // ------------------------------------------------------------------------------------------- long32 stages

    private static void fwdWide32(long[] src, int so, long[] dst, int dO, int m, int t, long[] w, long[] s, long ql, int yr) {
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        for (int i = 0; i < m; i++) {
            LongVector vw = LongVector.broadcast(L, w[m + i]);
            LongVector vs = LongVector.broadcast(L, s[m + i]);
            int j1 = 2 * i * t;
            for (int j = j1; j < j1 + t; j += Lanes.LANES) {
                LongVector x = csub(LongVector.fromArray(L, src, so + j), q2);
                LongVector y = below32(LongVector.fromArray(L, src, so + j + t), q, q2, yr);
                LongVector tt = shoup32(y, vw, vs, q);
                x.add(tt).intoArray(dst, dO + j);
                x.sub(tt).add(q2).intoArray(dst, dO + j + t);
            }
        }
    }

    private static void fwdSmall32(long[] src, int so, long[] dst, int dO, int n, LongVector gu, LongVector gv, LongVector sa,
                                   LongVector sb, long[] w, long[] s, long ql, int yr, boolean last) {
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        for (int b = 0, k = 0; b < n; b += Lanes.BLOCK, k += Lanes.LANES) {
            LongVector va = LongVector.fromArray(L, src, so + b);
            LongVector vb = LongVector.fromArray(L, src, so + b + Lanes.LANES);
            LongVector x = csub(gu.selectFrom(va, vb), q2);
            LongVector y = below32(gv.selectFrom(va, vb), q, q2, yr);
            LongVector tt = shoup32(y, LongVector.fromArray(L, w, k), LongVector.fromArray(L, s, k), q);
            LongVector xo = x.add(tt);
            LongVector yo = x.sub(tt).add(q2);
            if (last) {
                xo = csub(csub(xo, q2), q);
                yo = csub(csub(yo, q2), q);
            }
            sa.selectFrom(xo, yo).intoArray(dst, dO + b);
            sb.selectFrom(xo, yo).intoArray(dst, dO + b + Lanes.LANES);
        }
    }

    private static void invWide32(long[] src, int so, long[] dst, int dO, int m, int t, long[] w, long[] s, long ql, int yr) {
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        for (int i = 0; i < m; i++) {
            LongVector vw = LongVector.broadcast(L, w[m + i]);
            LongVector vs = LongVector.broadcast(L, s[m + i]);
            int j1 = 2 * i * t;
            for (int j = j1; j < j1 + t; j += Lanes.LANES) {
                LongVector x = LongVector.fromArray(L, src, so + j);
                LongVector y = LongVector.fromArray(L, src, so + j + t);
                csub(x.add(y), q2).intoArray(dst, dO + j);
                shoup32(below32(x.sub(y).add(q2), q, q2, yr), vw, vs, q).intoArray(dst, dO + j + t);
            }
        }
    }

    private static void invSmall32(long[] src, int so, long[] dst, int dO, int n, LongVector gu, LongVector gv, LongVector sa,
                                   LongVector sb, long[] w, long[] s, long ql, int yr) {
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        for (int b = 0, k = 0; b < n; b += Lanes.BLOCK, k += Lanes.LANES) {
            LongVector va = LongVector.fromArray(L, src, so + b);
            LongVector vb = LongVector.fromArray(L, src, so + b + Lanes.LANES);
            LongVector x = gu.selectFrom(va, vb);
            LongVector y = gv.selectFrom(va, vb);
            LongVector xo = csub(x.add(y), q2);
            LongVector yo = shoup32(below32(x.sub(y).add(q2), q, q2, yr), LongVector.fromArray(L, w, k),
                    LongVector.fromArray(L, s, k), q);
            sa.selectFrom(xo, yo).intoArray(dst, dO + b);
            sb.selectFrom(xo, yo).intoArray(dst, dO + b + Lanes.LANES);
        }
    }

    private static void invLast32(long[] src, int so, long[] dst, int dO, int n, long ni, long nis, long wn, long wns, long ql,
                                  int yr, boolean full) {
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        LongVector vni = LongVector.broadcast(L, ni);
        LongVector vnis = LongVector.broadcast(L, nis);
        LongVector vwn = LongVector.broadcast(L, wn);
        LongVector vwns = LongVector.broadcast(L, wns);
        int t = n >> 1;
        for (int j = 0; j < t; j += Lanes.LANES) {
            LongVector x = LongVector.fromArray(L, src, so + j);
            LongVector y = LongVector.fromArray(L, src, so + j + t);
            LongVector u = shoup32(below32(x.add(y), q, q2, yr), vni, vnis, q);
            LongVector v = shoup32(below32(x.sub(y).add(q2), q, q2, yr), vwn, vwns, q);
            if (full) {
                u = csub(u, q);
                v = csub(v, q);
            }
            u.intoArray(dst, dO + j);
            v.intoArray(dst, dO + j + t);
        }
    }
}
