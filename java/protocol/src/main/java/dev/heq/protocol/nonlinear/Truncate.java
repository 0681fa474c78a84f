package dev.heq.protocol.nonlinear;

import dev.heq.protocol.AShare;
import dev.heq.protocol.BShare;
import dev.heq.ot.OtCost;
import dev.heq.protocol.Party;
import dev.heq.protocol.Z2k;

/**
 * Arithmetic right shift by s of a shared two's-complement value in Z_{2^ℓ}: floor(x / 2^s), output in the same
 * ring (Cheetah {@code truncation-cheetah.cpp}, CrypTFlow2 {@code div_pow2}).
 *
 * <p>Math. Let u = x + 2^(ℓ−1) (so u ∈ [0, 2^ℓ) is unsigned and floor(u/2^s) = floor(x/2^s) + 2^(ℓ−1−s)). With the
 * shares split as u_i = hi_i·2^s + lo_i, u0 + u1 = u + w·2^ℓ gives, over the integers,
 * hi0 + hi1 = floor(u/2^s) − c + w·2^(ℓ−s), where w = wrap(u0, u1) and c = 1{lo0 + lo1 ≥ 2^s} (carry of the low
 * parts). So hi_i − 2^(ℓ−s)·W_i + C_i (W shares of w mod 2^s, C shares of c in Z_{2^ℓ}) are shares of floor(u/2^s).
 *
 * <p>Variants (every one returns floor(x/2^s) − e with e ∈ {0, 1}):
 * <ul>
 *   <li>{@link Mode#APPROX}: c ignored, e = c. Never off by more than one LSB, always downwards; for inputs with low
 *       part L = x mod 2^s, Pr[e = 1] = (2^s − 1 − L)/2^s over the random shares (so about 1/2 on average; exact for
 *       no input range). Cost: millionaire on ℓ bits + COT of s bits.
 *   <li>{@link Mode#EXACT}: c from a millionaire on s bits, e = 0 for every input.
 * </ul>
 * and by what is known of the sign: unknown ({@link #run}), shared MSB ({@link #knownMsb}: the wrap from the
 * MSB by one 1-of-4 OT, no ℓ-bit millionaire), or x ≥ 0 public ({@link #nonNegative}: the wrap from one COT, as
 * after a ReLU; here no offset is needed since MSB(x) = 0 already).
 */
public final class Truncate {
    private Truncate() {}

    public enum Mode { APPROX, EXACT }

    /** Ideal functionality: floor(signed(x)/2^s) reduced into Z_{2^ℓ}. */
    public static long[] ideal(long[] x, int ell, int s) {
        Z2k r = Z2k.of(ell);
        long[] y = new long[x.length];
        for (int i = 0; i < x.length; i++) y[i] = r.reduce(r.signed(r.reduce(x[i])) >> s);
        return y;
    }

    private static double exactExtra(OtCost c, int ell, int s, Mode mode) {
        return mode == Mode.EXACT ? Millionaire.Plan.choose(s, c).costBits(c) + B2A.costBits(c, ell) : 0;
    }

    /** Theoretical payload bits per element (IKNP/KK13). */
    public static long costBits(int ell, int s, Mode mode) {
        return Math.round(costBits(OtCost.IKNP, ell, s, mode));
    }

    public static long knownMsbCostBits(int ell, int s, Mode mode) {
        return Math.round(knownMsbCostBits(OtCost.IKNP, ell, s, mode));
    }

    public static long nonNegativeCostBits(int ell, int s, Mode mode) {
        return Math.round(nonNegativeCostBits(OtCost.IKNP, ell, s, mode));
    }

    /** Theoretical payload bits per element on a back end. */
    public static double costBits(OtCost c, int ell, int s, Mode mode) {
        return Extend.wrapCostBits(c, ell) + B2A.costBits(c, s) + exactExtra(c, ell, s, mode);
    }

    /** A 1-of-4 OT of s bits (+ the exact carry). */
    public static double knownMsbCostBits(OtCost c, int ell, int s, Mode mode) {
        return c.nOt(2, s) + exactExtra(c, ell, s, mode);
    }

    /** A correlated OT of s bits (+ the exact carry). */
    public static double nonNegativeCostBits(OtCost c, int ell, int s, Mode mode) {
        return c.cot(s) + exactExtra(c, ell, s, mode);
    }

    private static void check(AShare x, int s) {
        if (s < 0 || s >= x.bits()) throw new IllegalArgumentException("shift must be in [0, ℓ−1] = [0, " + (x.bits() - 1) + "], got " + s);
    }

    /** MSB unknown. */
    public static AShare run(Party p, AShare x, int s, Mode mode) {
        check(x, s);
        if (s == 0) return x;
        long h = x.ring().halfModulus();
        AShare u = x.addPublic(p.role(), h);
        if (mode == Mode.APPROX) {
            AShare w = B2A.run(p, Extend.wrap(p, u), Z2k.of(s));
            return combine(u, w, s, null).addPublic(p.role(), -(h >>> s));
        }
        // the wrap (ℓ bits) and the carry (s bits) are independent: one batched millionaire run for both, then both
        // B2As (the wrap into Z_{2^s}, the carry into Z_{2^ℓ}) in one correlated-OT exchange
        BShare[] wc = Millionaire.lessThan(p, new long[][] {Extend.wrapInput(p, u), carryInput(p, u, s)},
                new Millionaire.Plan[] {Millionaire.Plan.choose(u.bits(), p.otCost()), Millionaire.Plan.choose(s, p.otCost())});
        AShare[] wcA = B2A.runAll(p, wc, new Z2k[] {Z2k.of(s), u.ring()});
        return combine(u, wcA[0], s, wcA[1]).addPublic(p.role(), -(h >>> s));
    }

    /** Millionaire input for the carry 1{lo0 + lo1 ≥ 2^s} = 1{2^s − 1 − lo0 < lo1} of the low s bits. */
    static long[] carryInput(Party p, AShare u, int s) {
        long lm = Z2k.mask(s);
        long[] v = u.values(), in = new long[v.length];
        for (int i = 0; i < v.length; i++) in[i] = p.isServer() ? (lm - (v[i] & lm)) : (v[i] & lm);
        return in;
    }

    /**
     * With XOR shares of MSB(x) (e.g. from a DReLU): no ℓ-bit millionaire. Exact: the wrap's 1-of-4 OTs ride in the
     * carry millionaire's OT exchange.
     */
    public static AShare knownMsb(Party p, AShare x, BShare msb, int s, Mode mode) {
        check(x, s);
        if (s == 0) return x;
        long h = x.ring().halfModulus();
        AShare u = x.addPublic(p.role(), h);
        if (mode == Mode.APPROX) {
            return combine(u, Extend.wrapFromMsb(p, u, msb.not(p.role()), s), s, null).addPublic(p.role(), -(h >>> s));
        }
        Extend.WrapFromMsb w = new Extend.WrapFromMsb(p, u, msb.not(p.role()), s);
        BShare c = Millionaire.lessThan(p, new long[][] {carryInput(p, u, s)},
                new Millionaire.Plan[] {Millionaire.Plan.choose(s, p.otCost())}, w.senderJobs(), w.receiverJobs())[0];
        AShare carry = B2A.run(p, c, u.ring());
        return combine(u, w.result(), s, carry).addPublic(p.role(), -(h >>> s));
    }

    /**
     * x ∈ [0, 2^(ℓ−1)) publicly known (MSB 0): wrap = MSB(x0) ∨ MSB(x1) from one COT. Exact: the carry millionaire
     * first, then the wrap's COT and the carry's B2A in one correlated-OT exchange.
     */
    public static AShare nonNegative(Party p, AShare x, int s, Mode mode) {
        check(x, s);
        if (s == 0) return x;
        if (mode == Mode.APPROX) return combine(x, Extend.wrapNonNegative(p, x, s), s, null);
        BShare c = Millionaire.lessThan(p, carryInput(p, x, s), s);
        BShare msb = Extend.msbBits(x);
        long[][] cot = B2A.cotOnBits(p, new BShare[] {msb, c}, new int[] {s, x.bits()});
        AShare w = Extend.wrapNonNegative(p, msb, cot[0], s);
        long[] cv = new long[x.size()];
        for (int i = 0; i < cv.length; i++) cv[i] = p.isServer() ? c.get(i) + 2 * cot[1][i] : c.get(i) - 2 * cot[1][i];
        return combine(x, w, s, new AShare(x.ring(), cv));
    }

    /** hi_i − 2^(ℓ−s)·W_i (+ C_i, the carry's arithmetic shares, when given): shares of floor(u/2^s) (− c if not). */
    private static AShare combine(AShare u, AShare w, int s, AShare carry) {
        int ell = u.bits(), n = u.size();
        long[] v = u.values(), wv = w.values(), r = new long[n];
        for (int i = 0; i < n; i++) r[i] = (v[i] >>> s) - (wv[i] << (ell - s));
        if (carry != null) {
            long[] cv = carry.values();
            for (int i = 0; i < n; i++) r[i] += cv[i];
        }
        return new AShare(u.ring(), r);
    }
}
