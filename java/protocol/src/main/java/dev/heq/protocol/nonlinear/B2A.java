package dev.heq.protocol.nonlinear;

import dev.heq.protocol.AShare;
import dev.heq.protocol.BShare;
import dev.heq.ot.OtCost;
import dev.heq.protocol.Party;
import dev.heq.protocol.Z2k;
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

    public static AShare run(Party p, BShare b, Z2k ring) {
        return runAll(p, new BShare[] {b}, new Z2k[] {ring})[0];
    }

    /** Several conversions (each into its own ring) in one correlated-OT exchange: 2 flights in all with IKNP. */
    public static AShare[] runAll(Party p, BShare[] bs, Z2k[] rings) {
        int k = bs.length;
        if (rings.length != k) throw new IllegalArgumentException(k + " bit vectors but " + rings.length + " rings");
        int[] ell = new int[k];
        for (int j = 0; j < k; j++) ell[j] = rings[j].bits();
        long[][] x = cotOnBits(p, bs, ell);
        AShare[] out = new AShare[k];
        for (int j = 0; j < k; j++) {
            long[] o = new long[bs[j].size()];
            // server: b0 + 2·x0; client: b1 − 2·(x0 + b0·b1)
            for (int i = 0; i < o.length; i++) o[i] = p.isServer() ? bs[j].get(i) + 2 * x[j][i] : bs[j].get(i) - 2 * x[j][i];
            out[j] = new AShare(rings[j], o);
        }
        return out;
    }

    /**
     * The correlated OTs behind B2A (and the OR-wrap of {@link Extend#wrapNonNegative}), in one exchange: for each
     * vector, the server is the sender with Δ = its bits b0, the client chooses with its bits b1; returns the
     * server's x0 or the client's x0 + b0·b1 (mod 2^ell[j]) per vector.
     */
    static long[][] cotOnBits(Party p, BShare[] bs, int[] ell) {
        int k = bs.length;
        int[] n = new int[k];
        long[][] delta = new long[k][], choices = new long[k][];
        for (int j = 0; j < k; j++) {
            n[j] = bs[j].size();
            if (p.isServer()) {
                delta[j] = new long[n[j]];
                for (int i = 0; i < n[j]; i++) delta[j][i] = bs[j].get(i);
            } else {
                choices[j] = bs[j].words();
            }
        }
        return p.cots(Role.SERVER, n, ell, delta, choices);
    }
}
