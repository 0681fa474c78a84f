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
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Element-wise kernels for any modulus 2 ≤ q &lt; 2^62. Each loop runs whole vectors and finishes with one
 * masked vector for the last n mod 8 elements, so no scalar code path exists to disagree with the vector one.
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

    private static LongVector csub(LongVector v, LongVector c) {
        return v.lanewise(UMIN, v.sub(c));
    }

    private static LongVector load(long[] a, int off, VectorMask<Long> m) {
        return m == null ? LongVector.fromArray(L, a, off) : LongVector.fromArray(L, a, off, m);
    }

    private static void store(LongVector v, long[] a, int off, VectorMask<Long> m) {
        if (m == null) {
            v.intoArray(a, off);
        } else {
            v.intoArray(a, off, m);
        }
    }

    /** Mask for the tail starting at i, or null for a full vector. */
    private static VectorMask<Long> tail(int i, int n) {
        return i + V <= n ? null : L.indexInRange(i, n);
    }

    /** Brings values in [0, factor·q) into [0, q); factor 1, 2 or 4. */
    private static LongVector toCanonical(LongVector v, LongVector q, LongVector q2, int factor) {
        if (factor == 4) {
            v = csub(v, q2);
        }
        if (factor >= 2) {
            v = csub(v, q);
        }
        return v;
    }

    // -------------------------------------------------------------------------------------- add / sub / neg

    static void addMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long ql) {
        LongVector q = LongVector.broadcast(L, ql);
        for (int i = 0; i < n; i += V) {
            VectorMask<Long> m = tail(i, n);
            store(csub(load(a, aOff + i, m).add(load(b, bOff + i, m)), q), out, outOff + i, m);
        }
    }

    static void subMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long ql) {
        LongVector q = LongVector.broadcast(L, ql);
        for (int i = 0; i < n; i += V) {
            VectorMask<Long> m = tail(i, n);
            LongVector d = load(a, aOff + i, m).sub(load(b, bOff + i, m));
            // a ≥ b: d in [0, q) and d + q is larger; a < b: d wrapped to ≥ 2^63 and d + q = a − b + q is the answer
            store(d.lanewise(UMIN, d.add(q)), out, outOff + i, m);
        }
    }

    static void negMod(long[] out, int outOff, long[] a, int aOff, int n, long ql) {
        LongVector q = LongVector.broadcast(L, ql);
        for (int i = 0; i < n; i += V) {
            VectorMask<Long> m = tail(i, n);
            store(csub(q.sub(load(a, aOff + i, m)), q), out, outOff + i, m); // q − a in (0, q]; q − 0 = q → 0
        }
    }

    // -------------------------------------------------------------------------------------- Shoup constant

    /**
     * out = (a·w [+ c]) mod q with wShoup = ⌊w·2^64/q⌋; a in [0, 4q) (any input factor), c in [0, q) or null;
     * out in [0, q).
     */
    static void mulConstMod(long[] out, int outOff, long[] a, int aOff, long w, long wShoup, long[] c, int cOff, int n, long ql) {
        LongVector q = LongVector.broadcast(L, ql);
        LongVector q2 = LongVector.broadcast(L, 2 * ql);
        LongVector vw = LongVector.broadcast(L, w);
        LongVector sl = LongVector.broadcast(L, wShoup & M32);
        LongVector sh = LongVector.broadcast(L, wShoup >>> 32);
        for (int i = 0; i < n; i += V) {
            VectorMask<Long> m = tail(i, n);
            LongVector r = csub(csub(LongNtt.shoupLimb(load(a, aOff + i, m), vw, sl, sh, q), q2), q);
            if (c != null) {
                r = csub(r.add(load(c, cOff + i, m)), q);
            }
            store(r, out, outOff + i, m);
        }
    }

    /** out = a mod q into [0, outFactor·q); a any 64-bit word (inFactor 0) or in [0, inFactor·q). */
    static void reduceMod(long[] out, int outOff, long[] a, int aOff, int n, Constants k, int inFactor, int outFactor) {
        LongVector q = LongVector.broadcast(L, k.q);
        LongVector q2 = LongVector.broadcast(L, 2 * k.q);
        LongVector one = LongVector.broadcast(L, 1);
        LongVector rl = LongVector.broadcast(L, k.r1l);
        LongVector rh = LongVector.broadcast(L, k.r1h);
        for (int i = 0; i < n; i += V) {
            VectorMask<Long> m = tail(i, n);
            LongVector x = load(a, aOff + i, m);
            if (inFactor == 0) {
                x = csub(LongNtt.shoupLimb(x, one, rl, rh, q), q2); // [0, 4q) → [0, 2q)
            } else if (inFactor == 4) {
                x = csub(x, q2);
            }
            if (outFactor == 1) {
                x = csub(x, q);
            }
            store(x, out, outOff + i, m);
        }
    }

    // -------------------------------------------------------------------------------------- a·b, q < 2^50

    private static DoubleVector toDouble(LongVector v) {
        return (DoubleVector) v.convert(VectorOperators.L2D, 0);
    }

    /** a·b mod q as a signed double in (−q, q), a, b in [0, q) as doubles (see class comment). */
    private static DoubleVector mulSigned(DoubleVector a, DoubleVector b, DoubleVector q, DoubleVector qinv, DoubleVector vm) {
        DoubleVector nh = a.mul(b.neg());
        DoubleVector lo = a.fma(b, nh);
        DoubleVector c = a.fma(b.mul(qinv), vm).sub(vm);
        return lo.sub(c.fma(q, nh));
    }

    static void mulModDouble(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Constants k, int inFactor) {
        LongVector q = LongVector.broadcast(L, k.q);
        LongVector q2 = LongVector.broadcast(L, 2 * k.q);
        DoubleVector qd = DoubleVector.broadcast(D, k.qd);
        DoubleVector qinv = DoubleVector.broadcast(D, k.qinv);
        DoubleVector vm = DoubleVector.broadcast(D, DoubleNtt.VM);
        for (int i = 0; i < n; i += V) {
            VectorMask<Long> m = tail(i, n);
            DoubleVector x = toDouble(toCanonical(load(a, aOff + i, m), q, q2, inFactor));
            DoubleVector y = toDouble(toCanonical(load(b, bOff + i, m), q, q2, inFactor));
            DoubleVector r = mulSigned(x, y, qd, qinv, vm);
            r = r.add(qd, r.compare(VectorOperators.LT, 0.0));
            store((LongVector) r.convert(VectorOperators.D2L, 0), out, outOff + i, m);
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
        // after a reduction |acc| ≤ q/2 + 1; each term adds < q; keep |acc| < 2^51
        int terms = (int) Math.max(1, Math.min(1 << 20, (0x1p51 - k.qd) / k.qd));
        for (int i = 0; i < n; i += V) {
            VectorMask<Long> m = tail(i, n);
            DoubleVector acc = DoubleVector.zero(D);
            for (int j = 0, since = 0; j < count; j++) {
                if (since == terms) {
                    acc = acc.fma(qinv, vm).sub(vm).fma(nq, acc);
                    since = 0;
                }
                DoubleVector x = toDouble(load(a[j], off + i, m));
                DoubleVector y = toDouble(load(b[j], off + i, m));
                acc = acc.add(mulSigned(x, y, qd, qinv, vm));
                since++;
            }
            acc = acc.fma(qinv, vm).sub(vm).fma(nq, acc);
            acc = acc.add(qd, acc.compare(VectorOperators.LT, 0.0));
            store((LongVector) acc.convert(VectorOperators.D2L, 0), out, outOff + i, m);
        }
    }

    // -------------------------------------------------------------------------------------- a·b, q ≥ 2^50

    /** Exact high 64 bits of the unsigned product a·b from four 32×32-bit products. */
    static LongVector mulHi(LongVector a, LongVector b) {
        LongVector al = a.and(M32);
        LongVector ah = a.lanewise(LSHR, 32);
        LongVector bl = b.and(M32);
        LongVector bh = b.lanewise(LSHR, 32);
        LongVector lh = al.mul(bh);
        LongVector hl = ah.mul(bl);
        LongVector mid = al.mul(bl).lanewise(LSHR, 32).add(lh.and(M32)).add(hl.and(M32));
        return ah.mul(bh).add(lh.lanewise(LSHR, 32)).add(hl.lanewise(LSHR, 32)).add(mid.lanewise(LSHR, 32));
    }

    /** a·b mod q in [0, q) for a, b in [0, q), q in [2^32, 2^62): Barrett (class comment). */
    private static LongVector barrett(LongVector a, LongVector b, LongVector q, LongVector q2, LongVector mu, int bits) {
        LongVector hi = mulHi(a, b);
        LongVector lo = a.mul(b);
        LongVector c1 = hi.lanewise(LSHL, 65 - bits).or(lo.lanewise(LSHR, bits - 1));
        LongVector c2h = mulHi(c1, mu);
        LongVector c2l = c1.mul(mu);
        // ⌊c2 / 2^(L+2)⌋; written with two right shifts so that L + 2 = 64 works
        LongVector qh = c2h.lanewise(LSHL, 62 - bits).or(c2l.lanewise(LSHR, 1).lanewise(LSHR, bits + 1));
        LongVector r = lo.sub(qh.mul(q)); // [0, 3q)
        return csub(csub(r, q2), q);
    }

    static void mulModBarrett(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Constants k, int inFactor) {
        LongVector q = LongVector.broadcast(L, k.q);
        LongVector q2 = LongVector.broadcast(L, 2 * k.q);
        LongVector mu = LongVector.broadcast(L, k.mu);
        for (int i = 0; i < n; i += V) {
            VectorMask<Long> m = tail(i, n);
            LongVector x = toCanonical(load(a, aOff + i, m), q, q2, inFactor);
            LongVector y = toCanonical(load(b, bOff + i, m), q, q2, inFactor);
            store(barrett(x, y, q, q2, mu, k.bits), out, outOff + i, m);
        }
    }

    static void mulAccumulateBarrett(long[] out, int outOff, long[][] a, long[][] b, int count, int off, int n, Constants k) {
        LongVector q = LongVector.broadcast(L, k.q);
        LongVector q2 = LongVector.broadcast(L, 2 * k.q);
        LongVector mu = LongVector.broadcast(L, k.mu);
        for (int i = 0; i < n; i += V) {
            VectorMask<Long> m = tail(i, n);
            LongVector acc = LongVector.zero(L);
            for (int j = 0; j < count; j++) {
                acc = csub(acc.add(barrett(load(a[j], off + i, m), load(b[j], off + i, m), q, q2, mu, k.bits)), q);
            }
            store(acc, out, outOff + i, m);
        }
    }
}
