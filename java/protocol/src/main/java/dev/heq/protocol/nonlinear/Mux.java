package dev.heq.protocol.nonlinear;

import dev.heq.protocol.AShare;
import dev.heq.protocol.BShare;
import dev.heq.ot.OtCost;
import dev.heq.protocol.Party;
import dev.heq.protocol.Role;

/**
 * Multiplexer z = b·x for an XOR-shared bit b and an additively shared x in Z_{2^ℓ} (CrypTFlow2's F_MUX with two
 * correlated OTs). (b0 ⊕ b1)·x0 = b0·x0 + b1·(1 − 2·b0)·x0: the server, COT sender with Δ = (1 − 2b0)·x0, keeps
 * b0·x0 − r and the client, choosing with b1, gets r + b1·Δ. The symmetric COT with the client as sender handles
 * (b0 ⊕ b1)·x1. Each party's share of z is the sum of its two parts.
 *
 * <p>Cost with IKNP: 2·(128 + ℓ) bits per element; two sequential COTs in opposite directions, "RS" then "SR"
 * from the server's side: 3 direction runs ({@link Flights#mux()}).
 */
public final class Mux {
    private Mux() {}

    public static long costBits(int ell) {
        return Math.round(costBits(OtCost.IKNP, ell));
    }

    /** Two correlated OTs of ℓ bits (one per direction). */
    public static double costBits(OtCost c, int ell) {
        return 2 * c.cot(ell);
    }

    /** Ideal functionality: b_i ? x_i : 0. */
    public static long[] ideal(long[] bits, long[] x) {
        long[] z = new long[x.length];
        for (int i = 0; i < z.length; i++) z[i] = BShare.bit(bits, i) == 1 ? x[i] : 0;
        return z;
    }

    public static AShare run(Party p, BShare b, AShare x) {
        int n = x.size(), ell = x.bits();
        if (b.size() != n) throw new IllegalArgumentException("mux selector has " + b.size() + " bits for " + n + " values");
        long[] xv = x.values();
        long[] delta = new long[n];
        long[] own = new long[n];
        for (int i = 0; i < n; i++) {
            int bi = b.get(i);
            delta[i] = (1 - 2L * bi) * xv[i];
            own[i] = bi * xv[i];
        }
        long[] first, second;
        if (p.isServer()) {
            first = p.cot(Role.SERVER, n, ell, delta, null);         // x0_r: own part is b0·x0 − r
            second = p.cot(Role.CLIENT, n, ell, null, b.words());    // r' + b0·Δ_client
            for (int i = 0; i < n; i++) own[i] = own[i] - first[i] + second[i];
        } else {
            first = p.cot(Role.SERVER, n, ell, null, b.words());
            second = p.cot(Role.CLIENT, n, ell, delta, null);
            for (int i = 0; i < n; i++) own[i] = own[i] + first[i] - second[i];
        }
        return new AShare(x.ring(), own);
    }
}
