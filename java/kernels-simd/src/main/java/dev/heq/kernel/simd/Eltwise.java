package dev.heq.kernel.simd;

import static dev.heq.kernel.simd.Lanes.D;
import static dev.heq.kernel.simd.Lanes.L;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.UMIN;

import dev.heq.kernel.ModArith;
import dev.heq.kernel.Modulus;
import java.math.BigInteger;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Element-wise kernels for any modulus 2 ≤ q &lt; 2^62, over whole vectors: n must be a multiple of 8 (the
 * caller hands the last n mod 8 elements to the scalar tier). Masked tail loads were tried first and crashed
 * C2 on this JDK (25.0.3: "Internal Error (macroAssembler_x86.cpp:443)" in a compiled mulConstMod).
 * Loop bodies call no helper methods of ours: a helper above FreqInlineSize (the Barrett product, 414 bytes)
 * or past NodeCountInliningCutoff is not inlined and then boxes its vectors on every call.
 *
 * <ul>
 *   <li>add/sub/neg: one unsigned min per conditional subtraction (values stay below 2q &lt; 2^63).</li>
 *   <li>a·w with a Shoup factor (mulConstMod, fmaMod) and reduction of arbitrary 64-bit words: the
 *       approximate-limb Shoup product of {@link LongNtt#shoupLimb} (result in [0, 4q)), then two
 *       conditional subtractions. Reducing x is Shoup with w = 1, ⌊2^64/q⌋.</li>
 *   <li>a·b, q &lt; 2^50: the exact double-FMA product of {@link DoubleNtt} with c = round(a·RN(b·RN(1/q))):
 *       for a, b &lt; q the relative error of a·b/q is below 3·2^−53, so |c − a·b/q| ≤ 3/4 and the signed
 *       remainder lies in (−q, q); one conditional +q gives [0, q).</li>
 *   <li>a·b, 2^50 ≤ q &lt; 2^62: Barrett on the exact 128-bit product (high word from four 32×32 limb
 *       products), L = bits(q), μ = ⌊(2^(2L+1) − 1)/q⌋ &lt; 2^(L+2): c1 = ⌊x/2^(L−1)⌋ &lt; 2^(L+1),
 *       q̂ = ⌊c1·μ/2^(L+2)⌋ satisfies Q − 2 ≤ q̂ ≤ Q for Q = ⌊x/q⌋ (x &lt; q^2), so x − q̂·q is in [0, 3q).</li>
 * </ul>
 */
final class Eltwise {
    private Eltwise() {}

    private static final long M32 = 0xFFFF_FFFFL;
    private static final int V = Lanes.LANES;

    /** Per-modulus constants, cached on the {@link Modulus}. */
    static final class Constants {
        final long q;
        final int bits;
        final double qd;
        final double qinv;
        /** ⌊2^64/q⌋ split in 32-bit halves (Shoup factor of w = 1). */
        final long r1l;
        final long r1h;
        /** Barrett μ = ⌊(2^(2L+1) − 1)/q⌋ (only for q ≥ 2^32; 0 otherwise). */
        final long mu;

        Constants(Modulus m) {
            q = m.value();
            bits = m.bits();
            qd = q;
            qinv = 1.0 / q;
            long r1 = ModArith.shoup(1, q);
            r1l = r1 & M32;
            r1h = r1 >>> 32;
            mu = bits < 32 ? 0 : BigInteger.ONE.shiftLeft(2 * bits + 1).subtract(BigInteger.ONE).divide(BigInteger.valueOf(q)).longValue();
        }
    }

    static Constants constants(Modulus m) {
        return m.tierData("simd-eltwise", Constants::new);
    }

    // -------------------------------------------------------------------------------------- add / sub / neg

    static void addMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long ql) {
        LongVector q = LongVector.broadcast(L, ql);
        for (int i = 0; i < n; i += V) {
            LongVector s = LongVector.fromArray(L, a, aOff + i).add(LongVector.fromArray(L, b, bOff + i));
            s.lanewise(UMIN, s.sub(q)).intoArray(out, outOff + i);
        }
    }

    static void subMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long ql) {
        LongVector q = LongVector.broadcast(L, ql);
        for (int i = 0; i < n; i += V) {
            LongVector d = LongVector.fromArray(L, a, aOff + i).sub(LongVector.fromArray(L, b, bOff + i));
            // a ≥ b: d in [0, q) and d + q is larger; a < b: d wrapped to ≥ 2^63 and d + q = a − b + q is the answer
            d.lanewise(UMIN, d.add(q)).intoArray(out, outOff + i);
        }
    }

    static void negMod(long[] out, int outOff, long[] a, int aOff, int n, long ql) {
        LongVector q = LongVector.broadcast(L, ql);
        for (int i = 0; i < n; i += V) {
            LongVector d = q.sub(LongVector.fromArray(L, a, aOff + i)); // q − a in (0, q]; q − 0 = q → 0
            d.lanewise(UMIN, d.sub(q)).intoArray(out, outOff + i);
        }
    }

    // -------------------------------------------------------------------------------------- Shoup constant

    /**
     * out = (a·w [+ c]) mod q with wShoup = ⌊w·2^64/q⌋; a in [0, 4q) (any input factor), c in [0, q) or null;
     * out in [0, q). The approximate limb product is in [0, 4q) (see {@link LongNtt}).
     */
    static void mulConstMod(long[] out, int outOff, long[] a, int aOff, long w, long wShoup, long[] c, int cOff, int n, long ql) {
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        LongVector vw = LongVector.broadcast(L, w);
        LongVector sl = LongVector.broadcast(L, wShoup & M32);
        LongVector sh = LongVector.broadcast(L, wShoup >>> 32);
        for (int i = 0; i < n; i += V) {
            LongVector y = LongVector.fromArray(L, a, aOff + i);
            // the and(M32) on the constant halves lets C2 use vpmuludq for the three limb products
            LongVector r = y.mul(vw).sub(y.lanewise(LSHR, 32).mul(sh.and(M32)).add(y.and(M32).mul(sh.and(M32)).lanewise(LSHR, 32))
                    .add(y.lanewise(LSHR, 32).mul(sl.and(M32)).lanewise(LSHR, 32)).mul(q));
            r = r.lanewise(UMIN, r.sub(q2));
            r = r.lanewise(UMIN, r.sub(q));
            if (c != null) {
                r = r.add(LongVector.fromArray(L, c, cOff + i));
                r = r.lanewise(UMIN, r.sub(q));
            }
            r.intoArray(out, outOff + i);
        }
    }

    /**
     * mulConstMod/fmaMod for q &lt; 2^50 with the exact FMA product of {@link DoubleNtt}: a is brought below 2q
     * &lt; 2^51 (one conditional subtraction for input factor 4), the signed remainder of a·w lies in
     * (−3q/4, 3q/4) and one conditional +q gives [0, q); c (if any) is added in long lanes.
     */
    static void mulConstModDouble(long[] out, int outOff, long[] a, int aOff, long w, long[] c, int cOff, int n, Constants k,
                                  int inFactor) {
        LongVector q = LongVector.broadcast(L, k.q);
        LongVector q2 = LongVector.broadcast(L, 2 * k.q);
        DoubleVector qd = DoubleVector.broadcast(D, k.qd);
        DoubleVector vm = DoubleVector.broadcast(D, DoubleNtt.VM);
        DoubleVector vw = DoubleVector.broadcast(D, (double) w);
        DoubleVector vnw = DoubleVector.broadcast(D, -(double) w);
        DoubleVector vwq = DoubleVector.broadcast(D, (double) w / k.qd);
        for (int i = 0; i < n; i += V) {
            LongVector la = LongVector.fromArray(L, a, aOff + i);
            if (inFactor == 4) {
                la = la.lanewise(UMIN, la.sub(q2));
            }
            DoubleVector x = (DoubleVector) la.convert(VectorOperators.L2D, 0);
            DoubleVector nh = x.mul(vnw);
            DoubleVector r = x.fma(vw, nh).sub(x.fma(vwq, vm).sub(vm).fma(qd, nh));
            r = r.add(qd, r.compare(VectorOperators.LT, 0.0));
            LongVector lr = (LongVector) r.convert(VectorOperators.D2L, 0);
            if (c != null) {
                lr = lr.add(LongVector.fromArray(L, c, cOff + i));
                lr = lr.lanewise(UMIN, lr.sub(q));
            }
            lr.intoArray(out, outOff + i);
        }
    }

    /** out = a mod q into [0, outFactor·q); a any 64-bit word (inFactor 0) or in [0, inFactor·q). */
    static void reduceMod(long[] out, int outOff, long[] a, int aOff, int n, Constants k, int inFactor, int outFactor) {
        LongVector q = LongVector.broadcast(L, k.q);
        LongVector q2 = LongVector.broadcast(L, 2 * k.q);
        LongVector rl = LongVector.broadcast(L, k.r1l);
        LongVector rh = LongVector.broadcast(L, k.r1h);
        for (int i = 0; i < n; i += V) {
            LongVector x = LongVector.fromArray(L, a, aOff + i);
            if (inFactor == 0) {
                // Shoup with w = 1: x − Q'·q, Q' ≈ ⌊x·⌊2^64/q⌋/2^64⌋ from three limb products, in [0, 4q)
                x = x.sub(x.lanewise(LSHR, 32).mul(rh.and(M32)).add(x.and(M32).mul(rh.and(M32)).lanewise(LSHR, 32))
                        .add(x.lanewise(LSHR, 32).mul(rl.and(M32)).lanewise(LSHR, 32)).mul(q));
            }
            if (inFactor != 2) {
                x = x.lanewise(UMIN, x.sub(q2));
            }
            if (outFactor == 1) {
                x = x.lanewise(UMIN, x.sub(q));
            }
            x.intoArray(out, outOff + i);
        }
    }

    // -------------------------------------------------------------------------------------- a·b, q < 2^50

    static void mulModDouble(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Constants k, int inFactor) {
        LongVector q = LongVector.broadcast(L, k.q);
        LongVector q2 = LongVector.broadcast(L, 2 * k.q);
        DoubleVector qd = DoubleVector.broadcast(D, k.qd);
        DoubleVector qinv = DoubleVector.broadcast(D, k.qinv);
        DoubleVector vm = DoubleVector.broadcast(D, DoubleNtt.VM);
        for (int i = 0; i < n; i += V) {
            LongVector la = LongVector.fromArray(L, a, aOff + i);
            LongVector lb = LongVector.fromArray(L, b, bOff + i);
            if (inFactor == 4) {
                la = la.lanewise(UMIN, la.sub(q2));
                lb = lb.lanewise(UMIN, lb.sub(q2));
            }
            if (inFactor >= 2) {
                la = la.lanewise(UMIN, la.sub(q));
                lb = lb.lanewise(UMIN, lb.sub(q));
            }
            DoubleVector x = (DoubleVector) la.convert(VectorOperators.L2D, 0);
            DoubleVector y = (DoubleVector) lb.convert(VectorOperators.L2D, 0);
            // exact FMA product (DoubleNtt) with c = round(x·RN(y/q)): remainder in (−q, q)
            DoubleVector nh = x.mul(y.neg());
            DoubleVector r = x.fma(y, nh).sub(x.fma(y.mul(qinv), vm).sub(vm).fma(qd, nh));
            r = r.add(qd, r.compare(VectorOperators.LT, 0.0));
            ((LongVector) r.convert(VectorOperators.D2L, 0)).intoArray(out, outOff + i);
        }
    }

    /**
     * Σ_j a[j]·b[j] mod q, q &lt; 2^50: signed products (|p| &lt; q) are summed in double lanes and reduced
     * (|red| ≤ q/2 + 1) whenever another term could push the sum past 2^51.
     */
    static void mulAccumulateDouble(long[] out, int outOff, long[][] a, long[][] b, int count, int off, int n, Constants k) {
        DoubleVector qd = DoubleVector.broadcast(D, k.qd);
        DoubleVector nq = DoubleVector.broadcast(D, -k.qd);
        DoubleVector qinv = DoubleVector.broadcast(D, k.qinv);
        DoubleVector vm = DoubleVector.broadcast(D, DoubleNtt.VM);
        // after a reduction |acc| ≤ q/2 + 1; each term adds less than q; keep |acc| < 2^51
        int terms = (int) Math.max(1, Math.min(1 << 20, (0x1p51 - k.qd) / k.qd));
        for (int i = 0; i < n; i += V) {
            DoubleVector acc = DoubleVector.zero(D);
            for (int j = 0, since = 0; j < count; j++) {
                if (since == terms) {
                    acc = acc.fma(qinv, vm).sub(vm).fma(nq, acc);
                    since = 0;
                }
                DoubleVector x = (DoubleVector) LongVector.fromArray(L, a[j], off + i).convert(VectorOperators.L2D, 0);
                DoubleVector y = (DoubleVector) LongVector.fromArray(L, b[j], off + i).convert(VectorOperators.L2D, 0);
                DoubleVector nh = x.mul(y.neg());
                acc = acc.add(x.fma(y, nh).sub(x.fma(y.mul(qinv), vm).sub(vm).fma(qd, nh)));
                since++;
            }
            acc = acc.fma(qinv, vm).sub(vm).fma(nq, acc);
            acc = acc.add(qd, acc.compare(VectorOperators.LT, 0.0));
            ((LongVector) acc.convert(VectorOperators.D2L, 0)).intoArray(out, outOff + i);
        }
    }

    // -------------------------------------------------------------------------------------- a·b, q ≥ 2^50

    static void mulModBarrett(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Constants k, int inFactor) {
        LongVector q = LongVector.broadcast(L, k.q);
        LongVector q2 = LongVector.broadcast(L, 2 * k.q);
        LongVector mu = LongVector.broadcast(L, k.mu);
        LongVector mul = LongVector.broadcast(L, k.mu & M32);
        LongVector muh = LongVector.broadcast(L, k.mu >>> 32);
        int bits = k.bits;
        for (int i = 0; i < n; i += V) {
            LongVector x = LongVector.fromArray(L, a, aOff + i);
            LongVector y = LongVector.fromArray(L, b, bOff + i);
            if (inFactor == 4) {
                x = x.lanewise(UMIN, x.sub(q2));
                y = y.lanewise(UMIN, y.sub(q2));
            }
            if (inFactor >= 2) {
                x = x.lanewise(UMIN, x.sub(q));
                y = y.lanewise(UMIN, y.sub(q));
            }
            LongVector al = x.and(M32);
            LongVector ah = x.lanewise(LSHR, 32);
            LongVector bl = y.and(M32);
            LongVector bh = y.lanewise(LSHR, 32);
            LongVector lh = al.mul(bh);
            LongVector hl = ah.mul(bl);
            LongVector mid = al.mul(bl).lanewise(LSHR, 32).add(lh.and(M32)).add(hl.and(M32));
            LongVector hi = ah.mul(bh).add(lh.lanewise(LSHR, 32)).add(hl.lanewise(LSHR, 32)).add(mid.lanewise(LSHR, 32));
            LongVector lo = x.mul(y);
            // c1 = ⌊x / 2^(L−1)⌋ < 2^(L+1), x = hi·2^64 + lo
            LongVector c1 = hi.lanewise(LSHL, 65 - bits).or(lo.lanewise(LSHR, bits - 1));
            LongVector cl = c1.and(M32);
            LongVector ch = c1.lanewise(LSHR, 32);
            lh = cl.mul(muh.and(M32));
            hl = ch.mul(mul.and(M32));
            mid = cl.mul(mul.and(M32)).lanewise(LSHR, 32).add(lh.and(M32)).add(hl.and(M32));
            LongVector c2h = ch.mul(muh.and(M32)).add(lh.lanewise(LSHR, 32)).add(hl.lanewise(LSHR, 32)).add(mid.lanewise(LSHR, 32));
            // q̂ = ⌊c1·μ / 2^(L+2)⌋, written with two right shifts so that L + 2 = 64 works; x − q̂·q in [0, 3q)
            LongVector qh = c2h.lanewise(LSHL, 62 - bits).or(c1.mul(mu).lanewise(LSHR, 1).lanewise(LSHR, bits + 1));
            LongVector r = lo.sub(qh.mul(q));
            r = r.lanewise(UMIN, r.sub(q2));
            r = r.lanewise(UMIN, r.sub(q));
            r.intoArray(out, outOff + i);
        }
    }
}
