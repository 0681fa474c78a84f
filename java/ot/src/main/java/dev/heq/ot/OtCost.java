package dev.heq.ot;

import java.util.Objects;

/**
 * Communication cost profile of an OT back end: the payload bits (both directions) each OT flavour costs, which the
 * protocols use to pick their variant (millionaire digit plan, bit-triple method) and which the {@code costBits}
 * formulas of every protocol are written against. Each back end states its own profile ({@link OtProvider#cost()}), so
 * protocols never name a concrete back end, and both parties, holding the same provider, make the same choices.
 *
 * <ul>
 *   <li>IKNP/KK13 ({@link #IKNP}): 1-of-2 OT costs κ = 128 bits of extension matrix per OT plus the payload;
 *       1-of-N (KK13) costs 256 code bits plus N·ℓ. Exact: no amortised part.</li>
 *   <li>Silent (Ferret, {@link #silent}): every OT consumes Δ-COTs whose amortised cost is {@code cotBits} (the
 *       main-iteration message over its usable outputs: 0.44 bits for ferret-b13, 0.80 for b12, 2.83 for the
 *       insecure test set) plus small per-OT corrections: random-choice OT 0 bits, correlated OT 1 + ℓ, chosen
 *       1-of-N log N + N·ℓ (log N random OTs, not KK13); see the silent-OT module (Yang et al., CCS 2020).
 *       The COT part arrives in lumps (one iteration message per ~10^7 COTs), so measured figures are compared
 *       against these after replacing the iteration messages by {@code cotBits} per consumed COT.</li>
 * </ul>
 *
 * @param name    short name for reports ("iknp", "ferret-b13", ...)
 * @param silent  true for a silent (COT-based) back end: cheap random OTs, so small leaves and ROT triples win
 * @param cotBits amortised bits per consumed COT (0 for IKNP, where every OT is paid for in full); ≥ 0
 */
public record OtCost(String name, boolean silent, double cotBits) {

    /** IKNP 1-of-2 and KK13 1-of-N ({@link OtProvider#iknp()}). */
    public static final OtCost IKNP = new OtCost("iknp", false, 0);

    public OtCost {
        Objects.requireNonNull(name, "name");
        if (!(cotBits >= 0) || (!silent && cotBits != 0)) {
            throw new IllegalArgumentException("cotBits must be ≥ 0 (and 0 for a non-silent back end), got " + cotBits);
        }
    }

    /**
     * The profile of a silent back end whose main iteration sends {@code iterationBytes} for {@code usable} COTs:
     * cotBits = 8 · iterationBytes / usable.
     */
    public static OtCost silent(String name, long iterationBytes, long usable) {
        if (iterationBytes < 0 || usable <= 0) {
            throw new IllegalArgumentException("need iterationBytes ≥ 0 and usable > 0, got " + iterationBytes + ", " + usable);
        }
        return new OtCost(name, true, 8.0 * iterationBytes / usable);
    }

    /** Correlated OT in Z_{2^ℓ} (B2A, mux, extension): IKNP 128 + ℓ; silent 1 + ℓ + cotBits. */
    public double cot(int ell) {
        return silent ? 1 + ell + cotBits : 128 + ell;
    }

    /** Chosen 1-of-2^logN OT of ℓ-bit messages: KK13 256 + 2^logN·ℓ; silent logN·(1 + cotBits) + 2^logN·ℓ. */
    public double nOt(int logN, int ell) {
        double table = (double) (1L << logN) * ell;
        return silent ? logN * (1 + cotBits) + table : 256 + table;
    }

    /**
     * One Beaver bit triple: with KK13, half a 1-of-16 OT of 2-bit messages, (256 + 32)/2 = 144; silent, two
     * random-choice OTs (one per direction), 2·cotBits. (the protocol layer's bit-triple generators).
     */
    public double triple() {
        return silent ? 2 * cotBits : (256 + 32) / 2.0;
    }

    /** One AND gate on XOR shares: a triple plus the two opened bits each party sends (4 bits). */
    public double and() {
        return triple() + 4;
    }

    /**
     * Two AND gates sharing one operand (the millionaire's lt and eq merges share eq_hi): silent, one correlated
     * triple (2 random OTs with 2-bit messages, 2·cotBits) and 6 opened bits; IKNP, two plain ANDs.
     */
    public double andPair() {
        return silent ? 2 * cotBits + 6 : 2 * and();
    }

    @Override
    public String toString() {
        return silent ? String.format("%s(%.2f bits/COT)", name, cotBits) : name;
    }
}
