package dev.heq.protocol.nonlinear;

import dev.heq.ot.OtCost;
import dev.heq.quant.FixedPoint;
import java.util.Set;
import java.util.TreeSet;

/**
 * The theoretical flight count of every protocol, as the server's sequence of traffic directions: 'R' = the server
 * receives, 'S' = it sends. {@link #runs} counts maximal runs of equal letters, which is exactly what the channel's
 * {@code rounds} counter reports for a fresh scope (ChannelStats: maximal runs of same-direction activity). A
 * simultaneous exchange (both parties send, then both receive) is "SR": 2 runs for one network latency, so these
 * counts are an upper bound on latency-bound flights. Tests (RoundsTest) assert these counts from the channel
 * counters; {@code heq bench nonlinear} prints them next to the measured flights.
 *
 * <p>Building blocks (both back ends unless noted):
 * <ul>
 *   <li>{@link #OT}: an OT exchange with the server as sender — receiver's u-matrix/choice corrections, then the
 *       payload: "RS". IKNP/KK13 stream all batches and jobs before any payload, so this is "RS" whatever n is
 *       and however many jobs share it (Kk13OtSender#chosenOts, IknpOtSender#correlatedOt).
 *   <li>{@link #OT_CLIENT}: the client as OT sender (the mux's second COT): "SR".
 *   <li>{@link #OPEN}: opening masked shares (AND gates): "SR".
 *   <li>Millionaire: the triple OTs (IKNP; Ferret makes its triples from random OTs without flights) and every leaf
 *       group in one 1-of-N exchange, then one {@link #OPEN} per AND tree level: "RS" + "SR"^levels → 2 flights for
 *       0 levels, 1 + 2·levels otherwise.
 * </ul>
 * Both back ends stream a call: IKNP/KK13 and Ferret (heq-silent-ot's Schedule: all corrections, then all payloads)
 * send every batch and job of a call before any payload, so an exchange is "RS" for any n (a new 2-flight segment
 * starts only past 2^22 COTs or 64 MiB of held-back payload). Silent OT additionally inserts a message lump where a
 * COT pool refill (a Ferret main iteration) is due; it is reserved before the call's first message, so it adds at
 * most 2 runs per iteration and tests assert the exact count when no iteration fell inside the measured call.
 */
public final class Flights {
    private final OtCost cost;

    /** The model for a back end (its silent flag decides how leaf groups and COT batches are exchanged). */
    public Flights(OtCost cost) {
        this.cost = java.util.Objects.requireNonNull(cost, "cost");
    }

    public static final String OT = "RS", OT_CLIENT = "SR", OPEN = "SR";

    boolean silent() {
        return cost.silent();
    }

    OtCost cost() {
        return cost;
    }

    /** Maximal runs of equal letters. */
    public static int runs(String ev) {
        int r = 0;
        for (int i = 0; i < ev.length(); i++) if (i == 0 || ev.charAt(i) != ev.charAt(i - 1)) r++;
        return r;
    }

    /** One batched millionaire run over these plans (Millionaire.lessThan(Party, long[][], Plan[])). */
    public String millionaire(Millionaire.Plan... plans) {
        return millionaire(0, plans);
    }

    /**
     * The same with {@code extra} further 1-of-N OT jobs in the leaves' exchange (free with KK13, one exchange each
     * on the silent back end).
     */
    public String millionaire(int extra, Millionaire.Plan... plans) {
        int levels = 0;
        Set<Integer> groups = new TreeSet<>();
        boolean any = false;
        for (Millionaire.Plan pl : plans) {
            levels = Math.max(levels, pl.levels());
            for (int k = 0; k < pl.leaves(); k++) {
                groups.add(k == 0 ? -pl.digits()[0] : pl.digits()[k]);
                any = true;
            }
        }
        if (!any) return extra > 0 ? OT : "";
        String leaves = OT; // both back ends stream every leaf group and extra job in one exchange
        return leaves + OPEN.repeat(levels);
    }

    public String millionaire(int bits) {
        return millionaire(Millionaire.Plan.choose(bits, cost()));
    }

    /** AND with its own triples: IKNP one KK13 exchange + the opening; silent, the opening only. */
    public String and() {
        return (silent() ? "" : OT) + OPEN;
    }

    public String b2a() {
        return OT;
    }

    /** k independent correlated-OT jobs with the server as sender: one streamed exchange on both back ends. */
    public String cots(int k) {
        return OT;
    }

    /** Two COTs, the server's then the client's: "RS" + "SR". */
    public String mux() {
        return OT + OT_CLIENT;
    }

    public String drelu(int ell) {
        return millionaire(ell - 1);
    }

    public String relu(int ell) {
        return drelu(ell) + mux();
    }

    public String wrap(int ell) {
        return millionaire(ell);
    }

    /** Zero or sign extension with unknown MSB: wrap + B2A. */
    public String zeroExtend(int ell) {
        return wrap(ell) + b2a();
    }

    /** Non-negative input: one COT. Known MSB: one 1-of-4 OT. */
    public static final String EXTEND_NON_NEGATIVE = OT, EXTEND_KNOWN_MSB = OT;

    /**
     * Truncate.run: approximate = wrap + B2A; exact = one batched millionaire (ℓ and s bits) + both B2As in one
     * COT exchange (IKNP, ℓ = 32, s = 12: plans with 3 and 1 levels → 1 + 2·3 + 1 = 8 flights).
     */
    public String truncate(int ell, int s, Truncate.Mode mode) {
        if (s == 0) return "";
        if (mode == Truncate.Mode.APPROX) return wrap(ell) + b2a();
        return millionaire(Millionaire.Plan.choose(ell, cost()), Millionaire.Plan.choose(s, cost())) + cots(2);
    }

    /**
     * Truncate.knownMsb: the wrap from a 1-of-4 OT ("RS", 2 flights); exact: that OT rides in the carry
     * millionaire's exchange, then the carry's B2A (IKNP: 2 + 2L).
     */
    public String truncateKnownMsb(int s, Truncate.Mode mode) {
        if (s == 0) return "";
        if (mode == Truncate.Mode.APPROX) return OT;
        return millionaire(1, Millionaire.Plan.choose(s, cost())) + b2a();
    }

    /** Truncate.nonNegative: the wrap from one COT; exact: the carry millionaire, then the wrap COT + carry B2A together. */
    public String truncateNonNegative(int s, Truncate.Mode mode) {
        if (s == 0) return "";
        if (mode == Truncate.Mode.APPROX) return OT;
        return millionaire(s) + cots(2);
    }

    /** Requant.run, branch by branch. */
    public String requant(Requant.Spec spec) {
        int ab = spec.accBits(), l2 = spec.wideBits(), s = spec.commonShift();
        boolean nonNeg = spec.nonNegative() || spec.lo() == 0;
        StringBuilder ev = new StringBuilder();
        if (spec.nonNegative()) ev.append(EXTEND_NON_NEGATIVE);
        else if (spec.lo() == 0) ev.append(relu(ab)).append(EXTEND_NON_NEGATIVE);
        else ev.append(drelu(ab)).append(EXTEND_KNOWN_MSB);
        ev.append(nonNeg ? truncateNonNegative(s, Truncate.Mode.EXACT) : truncate(l2, s, Truncate.Mode.EXACT));
        long aMin = nonNeg ? 0 : -(1L << (ab - 1)), aMax = (1L << (ab - 1)) - 1;
        long tMin = Long.MAX_VALUE, tMax = Long.MIN_VALUE;
        for (FixedPoint f : spec.factors()) {
            long lo = f.apply(aMin), hi = f.apply(aMax);
            tMin = Math.min(tMin, Math.min(lo, hi));
            tMax = Math.max(tMax, Math.max(lo, hi));
        }
        if (nonNeg) tMin = Math.max(tMin, 0);
        long lo = spec.lo(), hi = spec.hi();
        int l3 = Requant.signedBits(Math.min(tMin, lo) - Math.max(tMax, hi), Math.max(tMax, hi) - Math.min(tMin, lo));
        if (l3 > l2) ev.append(tMin >= 0 ? EXTEND_NON_NEGATIVE : zeroExtend(l2));
        if (tMin < lo) ev.append(relu(l3));
        if (tMax > hi) ev.append(relu(l3));
        if (spec.outBits() > l3) ev.append(EXTEND_NON_NEGATIVE);
        return ev.toString();
    }

    /** Max pool: one batched ReLU per tree level, ⌈log2(largest window)⌉ levels. */
    public String maxPool(int ell, int[][] windows) {
        int k = 1;
        for (int[] w : windows) k = Math.max(k, w.length);
        int levels = 32 - Integer.numberOfLeadingZeros(k - 1);
        return relu(ell).repeat(levels);
    }

    /** Argmax over n values: per tournament level an MSB and one mux, then the server's index share. */
    public String argmax(int ell, int n) {
        int levels = 32 - Integer.numberOfLeadingZeros(n - 1);
        return (drelu(ell) + mux()).repeat(levels) + "S";
    }
}
