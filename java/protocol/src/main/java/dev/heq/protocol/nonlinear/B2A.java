package dev.heq.protocol.nonlinear;

import dev.heq.protocol.AShare;
import dev.heq.protocol.BShare;
import dev.heq.protocol.OtCost;
import dev.heq.protocol.Party;
import dev.heq.protocol.Ring;
import dev.heq.protocol.Role;

/**
 * Boolean-to-arithmetic conversion of shared bits into Z_{2^ℓ} with one correlated OT per bit:
 * b = b0 ⊕ b1 = b0 + b1 − 2·b0·b1. The server is the COT sender with Δ = b0; the client chooses with b1 and gets
 * x = x0 + b0·b1. Shares: server b0 + 2·x0, client b1 − 2·x (they sum to b0 + b1 − 2·b0·b1).
 *
 * <p>Cost with IKNP: 128 + ℓ bits per bit, 2 flights.
 */
public final class B2A {
    private B2A() {}

    /** Theoretical payload bits per element (IKNP COT). */
    public static long costBits(int ell) {
        return Math.round(costBits(OtCost.IKNP, ell));
    }

    /** Theoretical payload bits per element on a back end: one correlated OT of ℓ bits. */
    public static double costBits(OtCost c, int ell) {
        return c.cot(ell);
    }

    public static long[] ideal(long[] bits, int n) {
        long[] r = new long[n];
        for (int i = 0; i < n; i++) r[i] = BShare.bit(bits, i);
        return r;
    }

    public static AShare run(Party p, BShare b, Ring ring) {
        int n = b.size();
        long[] out = new long[n];
        if (p.isServer()) {
            long[] delta = new long[n];
            for (int i = 0; i < n; i++) delta[i] = b.get(i);
            long[] x0 = p.cot(Role.SERVER, n, ring.bits(), delta, null);
            for (int i = 0; i < n; i++) out[i] = b.get(i) + 2 * x0[i];
        } else {
            long[] x = p.cot(Role.SERVER, n, ring.bits(), null, b.words());
            for (int i = 0; i < n; i++) out[i] = b.get(i) - 2 * x[i];
        }
        return new AShare(ring, out);
    }
}
