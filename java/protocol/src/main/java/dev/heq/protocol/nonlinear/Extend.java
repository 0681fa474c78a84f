package dev.heq.protocol.nonlinear;

import dev.heq.protocol.AShare;
import dev.heq.protocol.BShare;
import dev.heq.ot.OtCost;
import dev.heq.protocol.Party;
import dev.heq.protocol.Z2k;
import dev.heq.protocol.Role;

/**
 * Wrap bits and ring extension Z_{2^ℓ} → Z_{2^ℓ'} (ℓ' > ℓ). With the shares read as unsigned integers,
 * x0 + x1 = x + w·2^ℓ where w = wrap(x0, x1) = 1{x0 + x1 ≥ 2^ℓ}; so x0 − 2^ℓ·W0 and x1 − 2^ℓ·W1 are shares of the
 * unsigned x in Z_{2^ℓ'} once W0 + W1 = w mod 2^(ℓ'−ℓ) (only ℓ'−ℓ bits of W matter after the factor 2^ℓ).
 * Sign extension adds 2^(ℓ−1) first and subtracts it after (the standard shift to an unsigned comparison, CrypTFlow2 §4).
 *
 * <p>Three ways to get w, by what is known about the MSB m of x:
 * <ul>
 *   <li>unknown: w = 1{2^ℓ − 1 − x0 < x1}, one millionaire on ℓ bits ({@link #wrap});
 *   <li>shared m (e.g. a DReLU output): with a = MSB(x0), b = MSB(x1), w = a·b ⊕ (a ⊕ b)·(1 ⊕ m) (if a ≠ b the sum of
 *       the low parts decides both w and m), one 1-out-of-4 OT from the server on the client's (b, m1);
 *   <li>m = 0 known (x ∈ [0, 2^(ℓ−1)), e.g. after ReLU): w = a ∨ b = a + b − a·b, one correlated OT for a·b.
 * </ul>
 */
public final class Extend {
    private Extend() {}

    /** Ideal wrap: packed bits 1{x0 + x1 ≥ 2^ℓ}. */
    public static long[] idealWrap(long[] x0, long[] x1, int ell) {
        long m = Z2k.mask(ell);
        long[] r = new long[BShare.words(x0.length)];
        for (int i = 0; i < x0.length; i++) {
            long a = x0[i] & m, b = x1[i] & m;
            boolean w = ell == 64 ? Long.compareUnsigned(a + b, a) < 0 : ((a + b) >>> ell) != 0;
            if (w) r[i >>> 6] |= 1L << (i & 63);
        }
        return r;
    }

    /** Ideal zero extension: the unsigned value, unchanged, in the wider ring. */
    public static long[] idealZeroExtend(long[] x, int ell, int newBits) {
        long[] r = new long[x.length];
        for (int i = 0; i < x.length; i++) r[i] = x[i] & Z2k.mask(ell);
        return r;
    }

    /** Ideal sign extension: the two's-complement value, reduced in the wider ring. */
    public static long[] idealSignExtend(long[] x, int ell, int newBits) {
        long[] r = new long[x.length];
        Z2k a = Z2k.of(ell), b = Z2k.of(newBits);
        for (int i = 0; i < x.length; i++) r[i] = b.reduce(a.signed(a.reduce(x[i])));
        return r;
    }

    public static long wrapCostBits(int ell) {
        return Math.round(wrapCostBits(OtCost.IKNP, ell));
    }

    public static long zeroExtendCostBits(int ell, int newBits) {
        return Math.round(zeroExtendCostBits(OtCost.IKNP, ell, newBits));
    }

    public static long extendNonNegativeCostBits(int ell, int newBits) {
        return Math.round(extendNonNegativeCostBits(OtCost.IKNP, ell, newBits));
    }

    public static long extendKnownMsbCostBits(int ell, int newBits) {
        return Math.round(extendKnownMsbCostBits(OtCost.IKNP, ell, newBits));
    }

    /** Per element on a back end: the millionaire on ℓ bits with that back end's plan. */
    public static double wrapCostBits(OtCost c, int ell) {
        return Millionaire.Plan.choose(ell, c).costBits(c);
    }

    public static double zeroExtendCostBits(OtCost c, int ell, int newBits) {
        return wrapCostBits(c, ell) + B2A.costBits(c, newBits - ell);
    }

    /** One correlated OT of newBits − ℓ bits. */
    public static double extendNonNegativeCostBits(OtCost c, int ell, int newBits) {
        return c.cot(newBits - ell);
    }

    /** One chosen 1-of-4 OT of newBits − ℓ bits. */
    public static double extendKnownMsbCostBits(OtCost c, int ell, int newBits) {
        return c.nOt(2, newBits - ell);
    }

    /** XOR shares of wrap(x0, x1) = 1{x0 + x1 ≥ 2^ℓ}. */
    public static BShare wrap(Party p, AShare x) {
        return Millionaire.lessThan(p, wrapInput(p, x), x.bits());
    }

    /** Millionaire input for the wrap: the server's 2^ℓ − 1 − x0, the client's x1. */
    static long[] wrapInput(Party p, AShare x) {
        long m = x.ring().mask();
        long[] v = x.values(), in = new long[v.length];
        for (int i = 0; i < v.length; i++) in[i] = p.isServer() ? (~v[i] & m) : v[i];
        return in;
    }

    /** Arithmetic shares mod 2^outBits of wrap(x0, x1) given shares of MSB(x): one 1-of-4 OT per element. */
    public static AShare wrapFromMsb(Party p, AShare x, BShare msb, int outBits) {
        WrapFromMsb w = new WrapFromMsb(p, x, msb, outBits);
        p.nOts(w.senderJobs(), w.receiverJobs());
        return w.result();
    }

    /**
     * {@link #wrapFromMsb} as a job of a larger KK13 exchange (e.g. the carry millionaire of a known-MSB exact
     * truncation, so both share one round trip): construct, pass the jobs to {@link Party#nOts}, then
     * {@link #result()}.
     */
    static final class WrapFromMsb {
        private final boolean server;
        private final int n, outBits;
        private final long[] msgs, out;
        private final int[] ch;

        WrapFromMsb(Party p, AShare x, BShare msb, int outBits) {
            n = x.size();
            int ell = x.bits();
            this.outBits = outBits;
            if (msb.size() != n) throw new IllegalArgumentException("MSB shares have " + msb.size() + " bits for " + n + " values");
            server = p.isServer();
            long[] v = x.values();
            out = new long[n];
            if (server) {
                long[] r = p.randomLongs(n);
                msgs = new long[4 * n];
                for (int i = 0; i < n; i++) {
                    int a = (int) (v[i] >>> (ell - 1)) & 1, m0 = msb.get(i);
                    for (int c = 0; c < 4; c++) {
                        int b = c & 1, m = m0 ^ (c >>> 1);
                        int w = (a & b) ^ ((a ^ b) & (1 ^ m));
                        msgs[4 * i + c] = (r[i] + w) & Z2k.mask(outBits);
                    }
                    out[i] = -r[i];
                }
                ch = null;
            } else {
                msgs = null;
                ch = new int[n];
                for (int i = 0; i < n; i++) ch[i] = (int) ((v[i] >>> (ell - 1)) & 1) | (msb.get(i) << 1);
            }
        }

        dev.heq.ot.NOtSender.Job[] senderJobs() {
            return server && n > 0 ? new dev.heq.ot.NOtSender.Job[] {dev.heq.ot.NOtSender.Job.of(n, 2, outBits, msgs)}
                    : new dev.heq.ot.NOtSender.Job[0];
        }

        dev.heq.ot.NOtReceiver.Job[] receiverJobs() {
            return !server && n > 0 ? new dev.heq.ot.NOtReceiver.Job[] {new dev.heq.ot.NOtReceiver.Job(n, 2, outBits, ch, out)}
                    : new dev.heq.ot.NOtReceiver.Job[0];
        }

        AShare result() {
            return new AShare(Z2k.of(outBits), out);
        }
    }

    /** Arithmetic shares mod 2^outBits of wrap(x0, x1) when MSB(x) = 0 is public: one COT per element. */
    public static AShare wrapNonNegative(Party p, AShare x, int outBits) {
        BShare m = msbBits(x);
        return wrapNonNegative(p, m, B2A.cotOnBits(p, new BShare[] {m}, new int[] {outBits})[0], outBits);
    }

    /** Each party's own MSBs a = MSB(x0), b = MSB(x1) as a bit vector (not a sharing: the wrap is a ∨ b). */
    static BShare msbBits(AShare x) {
        int n = x.size(), ell = x.bits();
        long[] v = x.values(), msb = new long[BShare.words(n)];
        for (int i = 0; i < n; i++) msb[i >>> 6] |= ((v[i] >>> (ell - 1)) & 1) << (i & 63);
        return new BShare(n, msb);
    }

    /**
     * The wrap a ∨ b = a + b − a·b from the COT outputs of {@link B2A#cotOnBits} on the parties' MSBs: server
     * x0 → a + x0, client x0 + a·b → b − (x0 + a·b).
     */
    static AShare wrapNonNegative(Party p, BShare msb, long[] cot, int outBits) {
        int n = msb.size();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) out[i] = p.isServer() ? msb.get(i) + cot[i] : msb.get(i) - cot[i];
        return new AShare(Z2k.of(outBits), out);
    }

    /** x0 − 2^ℓ·W0 (and likewise for the client) in the wider ring. */
    static AShare lift(AShare x, AShare w, int newBits) {
        int ell = x.bits();
        long[] v = x.values(), wv = w.values(), r = new long[v.length];
        for (int i = 0; i < v.length; i++) r[i] = v[i] - (wv[i] << ell);
        return new AShare(Z2k.of(newBits), r);
    }

    private static void checkWider(AShare x, int newBits) {
        if (newBits <= x.bits() || newBits > 64) {
            throw new IllegalArgumentException("extension target must be in (" + x.bits() + ", 64], got " + newBits);
        }
    }

    /** Unsigned x ∈ [0, 2^ℓ) to the same value in Z_{2^newBits}; MSB unknown (millionaire on ℓ bits + B2A). */
    public static AShare zeroExtend(Party p, AShare x, int newBits) {
        checkWider(x, newBits);
        AShare w = B2A.run(p, wrap(p, x), Z2k.of(newBits - x.bits()));
        return lift(x, w, newBits);
    }

    /** Signed x (two's complement in ℓ bits) to the same value in Z_{2^newBits}. */
    public static AShare signExtend(Party p, AShare x, int newBits) {
        checkWider(x, newBits);
        long h = x.ring().halfModulus();
        return zeroExtend(p, x.addPublic(p.role(), h), newBits).addPublic(p.role(), -h);
    }

    /** Zero extension of x ∈ [0, 2^(ℓ−1)) (MSB publicly 0, e.g. a ReLU output): one COT of ℓ'−ℓ bits. */
    public static AShare extendNonNegative(Party p, AShare x, int newBits) {
        checkWider(x, newBits);
        return lift(x, wrapNonNegative(p, x, newBits - x.bits()), newBits);
    }

    /**
     * Extension when shares of the MSB are available: zero extension if {@code signed} is false, else sign
     * extension (the MSB of x + 2^(ℓ−1) is the complement of x's). One 1-of-4 OT of ℓ'−ℓ bits.
     */
    public static AShare extendKnownMsb(Party p, AShare x, BShare msb, int newBits, boolean signed) {
        checkWider(x, newBits);
        if (!signed) return lift(x, wrapFromMsb(p, x, msb, newBits - x.bits()), newBits);
        long h = x.ring().halfModulus();
        AShare u = x.addPublic(p.role(), h);
        return lift(u, wrapFromMsb(p, u, msb.not(p.role()), newBits - x.bits()), newBits).addPublic(p.role(), -h);
    }
}
