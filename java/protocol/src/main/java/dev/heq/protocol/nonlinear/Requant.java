package dev.heq.protocol.nonlinear;

import dev.heq.protocol.AShare;
import dev.heq.protocol.BShare;
import dev.heq.ot.OtCost;
import dev.heq.protocol.Party;
import dev.heq.protocol.Z2k;
import dev.heq.quant.FixedPoint;
import dev.heq.quant.QType;
import dev.heq.quant.Requantizer;
import java.util.Objects;

/**
 * Requantization on shares, bit for bit equal to {@link Requantizer#apply} / {@link FixedPoint#apply}:
 * out_i = clamp(floor((a_i·M_c + 2^(s_c−1)) / 2^(s_c)), lo, hi) with c the channel of element i (the integer-only rule of Jacob et al., CVPR 2018, as the integer engine applies it).
 *
 * <p>Pipeline for an unsigned output (lo = 0, the ReLU-fused case):
 * <ol>
 *   <li>reduce the input shares to Z_{2^accBits} (local; the accumulator fits by contract) and ReLU there — exact
 *       because M ≥ 0 and 0 ≤ r < 2^s make floor((a·M + r)/2^s) ≤ 0 for a &lt; 0 and ≥ 0 for a ≥ 0, so
 *       clamp(f(a), 0, hi) = clamp(f(ReLU(a)), 0, hi);
 *   <li>extend the non-negative y to Z_{2^ℓ2} (one COT; {@link Extend#extendNonNegative});
 *   <li>multiply by the public M'_c and add the public R_c (local), where per-channel shifts are brought to one
 *       common S = max s_c exactly: floor((aM + r)/2^s) = floor((aM·2^k + r·2^k)/2^(s+k)), and common factors of
 *       two are then removed from all M'_c, R'_c and 2^S ({@link Spec#aligned});
 *   <li>exact truncation by S with known MSB 0 ({@link Truncate#nonNegative}, {@link Truncate.Mode#EXACT});
 *   <li>clamp above: min(t, hi) = hi − ReLU(hi − t) in a ring just wide enough (skipped when t ≤ hi always);
 *   <li>bring the result to the next layer's ring (reduction, or one COT extension since it is non-negative).
 * </ol>
 * For a signed output (lo &lt; 0) step 1 is a DReLU whose bits give a cheap sign extension, step 4 an exact
 * truncation with unknown MSB, and step 5 clamps on both sides. Inputs already known non-negative (average pool of
 * ReLU outputs) skip step 1.
 *
 * <p>ℓ2 = max(accBits − 1 + max_c bits(M'_c), S − 1) + 2 must be ≤ 64; {@link Spec} checks it.
 */
public final class Requant {
    private Requant() {}

    /**
     * The shape of one requantization ("Meta").
     *
     * @param factors     one fixed-point factor per channel (or one for all)
     * @param channelOf   channel index of each element, or null when there is one factor
     * @param accBits     signed width of the input values, in [2, 62]: a ∈ [−2^(accBits−1), 2^(accBits−1))
     * @param nonNegative the input is known to be ≥ 0 (then a ∈ [0, 2^(accBits−1)))
     * @param lo,hi       the clamp (the output type's range), lo ≤ 0 ≤ hi
     * @param outBits     ring of the output shares, wide enough for [lo, hi] (two's complement if lo &lt; 0)
     */
    public record Spec(FixedPoint[] factors, int[] channelOf, int accBits, boolean nonNegative, long lo, long hi, int outBits) {
        public Spec {
            Objects.requireNonNull(factors, "factors");
            if (factors.length == 0) throw new IllegalArgumentException("requantization needs ≥ 1 factor");
            if (factors.length > 1 && channelOf == null) throw new IllegalArgumentException("per-channel factors need channelOf");
            if (channelOf != null) for (int c : channelOf) {
                if (c < 0 || c >= factors.length) throw new IllegalArgumentException("channel index " + c + " outside [0, " + factors.length + ")");
            }
            if (accBits < 2 || accBits > 62) throw new IllegalArgumentException("accBits must be in [2, 62], got " + accBits);
            if (lo > 0 || hi < 0 || lo > hi) throw new IllegalArgumentException("clamp must satisfy lo ≤ 0 ≤ hi, got [" + lo + ", " + hi + "]");
            long span = hi - lo;
            int need = 64 - Long.numberOfLeadingZeros(span) + (lo < 0 ? 1 : 0);
            if (outBits < Math.max(1, need) || outBits > 64) {
                throw new IllegalArgumentException("output ring of " + outBits + " bits cannot hold [" + lo + ", " + hi + "]");
            }
            factors = factors.clone();
            int l2 = wideBits(factors, accBits);
            if (l2 > 64) throw new IllegalArgumentException("requantization needs a " + l2 + "-bit ring (accBits " + accBits
                    + ", multipliers up to " + maxScaledBits(factors) + " bits after aligning shifts) > 64");
        }

        /** From a linear layer's {@link Requantizer}: element i belongs to channel channelOf[i]. */
        public static Spec of(Requantizer rq, int[] channelOf, int outBits) {
            QType t = rq.out();
            return new Spec(rq.channels(), rq.perChannel() ? channelOf : null, rq.accBits(), false, t.min(), t.max(), outBits);
        }

        int channel(int i) {
            return channelOf == null ? 0 : channelOf[i];
        }

        /** S: the common shift after alignment and after removing common trailing zeros (see {@link #aligned}). */
        int commonShift() {
            return commonShift(factors);
        }

        /**
         * The per-channel integers (M'_c, R'_c) and the one shift S' with floor((a·M_c + r_c)/2^s_c) =
         * floor((a·M'_c + R'_c)/2^S') for all a: first S = max s_c, M'_c = M_c·2^(S−s_c), R'_c = r_c·2^(S−s_c);
         * then every M'_c, R'_c and 2^S are divided by their common power of two 2^k (exact: numerator and
         * denominator scale together), which shortens the truncation's millionaire and the wide ring by k bits
         * (k ≥ 1 whenever all multipliers are even, e.g. k = 7 for a power-of-two multiplier 2^7).
         * Returns {M'[], R'[], {S'}}.
         */
        static long[][] aligned(FixedPoint[] f) {
            int s = 0;
            for (FixedPoint x : f) s = Math.max(s, x.shift());
            long[] m = new long[f.length], r = new long[f.length];
            int k = s;
            for (int c = 0; c < f.length; c++) {
                int sh = s - f[c].shift();
                m[c] = (long) f[c].multiplier() << sh;
                r[c] = f[c].roundingOffset() << sh;
                if (m[c] != 0) k = Math.min(k, Long.numberOfTrailingZeros(m[c]));
                if (r[c] != 0) k = Math.min(k, Long.numberOfTrailingZeros(r[c]));
            }
            for (int c = 0; c < f.length; c++) {
                m[c] >>= k;
                r[c] >>= k;
            }
            return new long[][] {m, r, {s - k}};
        }

        static int commonShift(FixedPoint[] f) {
            return (int) aligned(f)[2][0];
        }

        static int maxScaledBits(FixedPoint[] f) {
            int b = 0;
            for (long m : aligned(f)[0]) b = Math.max(b, 64 - Long.numberOfLeadingZeros(m));
            return b;
        }

        static int wideBits(FixedPoint[] f, int accBits) {
            return Math.max(Math.max(accBits - 1 + maxScaledBits(f), commonShift(f) - 1) + 2, accBits + 1);
        }

        /** The ring of the multiply-and-shift step. */
        public int wideBits() {
            return wideBits(factors, accBits);
        }

        @Override
        public FixedPoint[] factors() {
            return factors.clone();
        }
    }

    /** Ideal functionality on plain signed inputs (the reference rule), outputs reduced into Z_{2^outBits}. */
    public static long[] ideal(long[] a, Spec spec) {
        long[] r = new long[a.length];
        Z2k out = Z2k.of(spec.outBits);
        for (int i = 0; i < a.length; i++) {
            long v = spec.factors[spec.channel(i)].apply(a[i]);
            r[i] = out.reduce(Math.max(spec.lo, Math.min(spec.hi, v)));
        }
        return r;
    }

    public static AShare run(Party p, AShare acc, Spec spec) {
        int n = acc.size();
        if (spec.channelOf != null && spec.channelOf.length != n) {
            throw new IllegalArgumentException("channelOf has " + spec.channelOf.length + " entries for " + n + " values");
        }
        if (acc.bits() < spec.accBits) {
            throw new IllegalArgumentException("input ring " + acc.ring() + " is narrower than accBits " + spec.accBits);
        }
        int ab = spec.accBits, l2 = spec.wideBits(), s = spec.commonShift();
        AShare a = acc.bits() == ab ? acc : acc.reduceTo(ab);
        boolean nonNeg = spec.nonNegative || spec.lo == 0;
        AShare wide;
        if (spec.nonNegative) {
            wide = Extend.extendNonNegative(p, a, l2);
        } else if (spec.lo == 0) {
            wide = Extend.extendNonNegative(p, Relu.relu(p, a), l2);
        } else {
            BShare msb = Relu.msb(p, a);
            wide = Extend.extendKnownMsb(p, a, msb, l2, true);
        }
        // multiply by M'_c, add R'_c; S' common shift (Spec.aligned)
        long[][] al = Spec.aligned(spec.factors);
        long[] m = new long[n], r = new long[n];
        for (int i = 0; i < n; i++) {
            m[i] = al[0][spec.channel(i)];
            r[i] = al[1][spec.channel(i)];
        }
        AShare z = wide.mulPublic(m);
        if (p.isServer()) {
            long[] zv = z.values().clone();
            for (int i = 0; i < n; i++) zv[i] += r[i];
            z = new AShare(z.ring(), zv);
        }
        AShare t = nonNeg ? Truncate.nonNegative(p, z, s, Truncate.Mode.EXACT) : Truncate.run(p, z, s, Truncate.Mode.EXACT);
        // t ∈ [tMin, tMax]: bounds of floor((a·M' + R)/2^S) over the admissible a
        long aMin = nonNeg ? 0 : -(1L << (ab - 1)), aMax = (1L << (ab - 1)) - 1;
        long tMin = Long.MAX_VALUE, tMax = Long.MIN_VALUE;
        for (FixedPoint f : spec.factors) {
            long lo = f.apply(aMin), hi = f.apply(aMax);
            tMin = Math.min(tMin, Math.min(lo, hi));
            tMax = Math.max(tMax, Math.max(lo, hi));
        }
        if (nonNeg) tMin = Math.max(tMin, 0);
        return clampAndRing(p, t, tMin, tMax, spec.lo, spec.hi, spec.outBits);
    }

    /** Bits of a two's-complement ring holding every integer of [lo, hi]. */
    static int signedBits(long lo, long hi) {
        int b = 1;
        while (b < 64 && (lo < -(1L << (b - 1)) || hi > (1L << (b - 1)) - 1)) b++;
        return b;
    }

    /**
     * clamp(t, lo, hi) for shared t ∈ [tMin, tMax] (two's complement in its ring), result in Z_{2^outBits}. Each
     * side costs a ReLU in a ring just wide enough for t − lo and hi − t, and is skipped when it cannot bind.
     */
    static AShare clampAndRing(Party p, AShare t, long tMin, long tMax, long lo, long hi, int outBits) {
        boolean needLo = tMin < lo, needHi = tMax > hi;
        int l3 = signedBits(Math.min(tMin, lo) - Math.max(tMax, hi), Math.max(tMax, hi) - Math.min(tMin, lo));
        AShare v = fitSigned(p, t, l3, tMin >= 0);
        if (needLo) {   // max(v, lo) = lo + ReLU(v − lo)
            v = Relu.relu(p, v.addPublic(p.role(), -lo)).addPublic(p.role(), lo);
        }
        if (needHi) {   // min(v, hi) = hi − ReLU(hi − v)
            v = Relu.relu(p, v.negate().addPublic(p.role(), hi)).negate().addPublic(p.role(), hi);
        }
        // now v ∈ [lo, hi] (or [max(tMin, lo), min(tMax, hi)]); go to the output ring
        long vMin = Math.max(tMin, lo);
        if (outBits == v.bits()) return v;
        if (outBits < v.bits()) return v.reduceTo(outBits);
        // widen: v − vMin is in [0, 2^(l−1)) so the cheap non-negative extension applies
        AShare u = v.addPublic(p.role(), -vMin);
        return Extend.extendNonNegative(p, u, outBits).addPublic(p.role(), vMin);
    }

    /** The shared value x (known to lie in the signed range of {@code bits} bits) in a ring of exactly that width. */
    static AShare fitSigned(Party p, AShare x, int bits, boolean nonNegative) {
        if (bits == x.bits()) return x;
        if (bits < x.bits()) return x.reduceTo(bits);
        return nonNegative ? Extend.extendNonNegative(p, x, bits) : Extend.signExtend(p, x, bits);
    }

    /** Theoretical payload bits per element for an unsigned output (lo = 0), the ReLU-fused case. */
    public static long costBits(Spec spec) {
        return Math.round(costBits(OtCost.IKNP, spec));
    }

    /** The same on a back end. */
    public static double costBits(OtCost cost, Spec spec) {
        if (spec.lo != 0) throw new IllegalArgumentException("cost model written for unsigned outputs only");
        int ab = spec.accBits, l2 = spec.wideBits(), s = spec.commonShift();
        double c = spec.nonNegative ? 0 : Relu.reluCostBits(cost, ab);
        c += Extend.extendNonNegativeCostBits(cost, ab, l2);
        if (s > 0) c += Truncate.nonNegativeCostBits(cost, l2, s, Truncate.Mode.EXACT);
        long tMax = 0;
        for (FixedPoint f : spec.factors) tMax = Math.max(tMax, f.apply((1L << (ab - 1)) - 1));
        long span = Math.max(tMax, spec.hi);
        int l3 = signedBits(-span, span);
        if (l3 > l2) c += Extend.extendNonNegativeCostBits(cost, l2, l3);
        if (tMax > spec.hi) c += Relu.reluCostBits(cost, l3);
        if (spec.outBits > l3) c += Extend.extendNonNegativeCostBits(cost, l3, spec.outBits);
        return c;
    }

}
