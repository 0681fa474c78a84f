package dev.heq.protocol.nonlinear;

import dev.heq.protocol.AShare;
import dev.heq.protocol.BShare;
import dev.heq.ot.OtCost;
import dev.heq.protocol.Party;
import dev.heq.protocol.Z2k;

/**
 * DReLU and ReLU over Z_{2^ℓ} on the two's-complement reading of the shared value, exact for every input
 * (no bounded-input approximation; CrypTFlow2 / SCI {@code relu-ring.h}).
 *
 * <p>MSB(x) = MSB(x0) ⊕ MSB(x1) ⊕ carry, carry = 1{x0' + x1' ≥ 2^(ℓ−1)} = 1{2^(ℓ−1) − 1 − x0' < x1'} with x0', x1'
 * the low ℓ−1 bits of the shares: one millionaire on ℓ−1 bits (server input 2^(ℓ−1) − 1 − x0', client input x1').
 * DReLU(x) = 1 ⊕ MSB(x) = 1{x ≥ 0}; ReLU(x) = DReLU(x)·x by the {@link Mux}. Note 2^(ℓ−1) reads as −2^(ℓ−1) and
 * maps to 0.
 *
 * <p>Cost with IKNP/KK13: {@link Millionaire.Plan#costBits} on ℓ−1 bits (+ 2·(128 + ℓ) for the mux); on any back
 * end {@link #reluCostBits(OtCost, int)} (silent: the millionaire's silent plan + 2·(1 + ℓ + cotBits)).
 */
public final class Relu {
    private Relu() {}

    /** Ideal DReLU: packed bits 1{signed(x_i) ≥ 0}. */
    public static long[] idealDrelu(long[] x, int ell) {
        Z2k r = Z2k.of(ell);
        long[] b = new long[BShare.words(x.length)];
        for (int i = 0; i < x.length; i++) if (r.signed(r.reduce(x[i])) >= 0) b[i >>> 6] |= 1L << (i & 63);
        return b;
    }

    /** Ideal ReLU in Z_{2^ℓ}: max(0, signed(x)) reduced. */
    public static long[] idealRelu(long[] x, int ell) {
        Z2k r = Z2k.of(ell);
        long[] y = new long[x.length];
        for (int i = 0; i < x.length; i++) y[i] = r.signed(r.reduce(x[i])) >= 0 ? r.reduce(x[i]) : 0;
        return y;
    }

    /** Theoretical payload bits per element for DReLU / ReLU at ℓ (IKNP/KK13). */
    public static long dreluCostBits(int ell) {
        return Math.round(dreluCostBits(OtCost.IKNP, ell));
    }

    public static long reluCostBits(int ell) {
        return Math.round(reluCostBits(OtCost.IKNP, ell));
    }

    /** Per element on a back end: the millionaire on ℓ−1 bits with that back end's plan. */
    public static double dreluCostBits(OtCost c, int ell) {
        return Millionaire.Plan.choose(ell - 1, c).costBits(c);
    }

    public static double reluCostBits(OtCost c, int ell) {
        return dreluCostBits(c, ell) + Mux.costBits(c, ell);
    }

    /** Shares of MSB(x). */
    public static BShare msb(Party p, AShare x) {
        int ell = x.bits(), n = x.size();
        long low = Z2k.mask(ell - 1);
        long[] in = new long[n];
        long[] v = x.values();
        for (int i = 0; i < n; i++) in[i] = p.isServer() ? (low - (v[i] & low)) : (v[i] & low);
        BShare carry = Millionaire.lessThan(p, in, ell - 1);
        long[] w = carry.words().clone();
        for (int i = 0; i < n; i++) w[i >>> 6] ^= ((v[i] >>> (ell - 1)) & 1) << (i & 63);
        return new BShare(n, w);
    }

    /** Shares of DReLU(x) = 1{x ≥ 0}. */
    public static BShare drelu(Party p, AShare x) {
        return msb(p, x).not(p.role());
    }

    public static AShare relu(Party p, AShare x) {
        return Mux.run(p, drelu(p, x), x);
    }

    /** ReLU that also returns its DReLU bits (needed e.g. by a known-MSB truncation afterwards). */
    public record WithSign(AShare relu, BShare drelu) {}

    public static WithSign reluWithSign(Party p, AShare x) {
        BShare d = drelu(p, x);
        return new WithSign(Mux.run(p, d, x), d);
    }
}
