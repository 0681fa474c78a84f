package dev.heq.he;

/**
 * How a response is compressed (Cheetah §4.2, HEQuant §7.6): the modulus q' it is switched to and how many low
 * bits of c0 and c1 are dropped. Dropping rounds a residue c ∈ [0, q') to k = ⌊c/2^d⌉ (mod ⌈q'/2^d⌉), sent in
 * {@link #c0Width()} / {@link #c1Width()} = ⌈log2 q'⌉ − d bits; the receiver uses k·2^d ≡ c + δ (mod q') with
 * |δ| ≤ 2^(d−1).
 *
 * @param modulus       q': the parameters' response prime or a chain prime above t (checked where it is used)
 * @param c0DroppedBits d0 in [0, ⌈log2 q'⌉)
 * @param c1DroppedBits d1 in [0, ⌈log2 q'⌉)
 */
public record ResponseFormat(long modulus, int c0DroppedBits, int c1DroppedBits) {
    public ResponseFormat {
        int bits = 64 - Long.numberOfLeadingZeros(modulus);
        if (modulus < 3 || modulus >= (1L << 62)) {
            throw new IllegalArgumentException("response modulus q'=" + modulus + " must be in [3, 2^62)");
        }
        if (c0DroppedBits < 0 || c0DroppedBits >= bits) {
            throw new IllegalArgumentException("c0 dropped bits " + c0DroppedBits + " must be in [0, " + bits + ") for a " + bits + "-bit q'");
        }
        if (c1DroppedBits < 0 || c1DroppedBits >= bits) {
            throw new IllegalArgumentException("c1 dropped bits " + c1DroppedBits + " must be in [0, " + bits + ") for a " + bits + "-bit q'");
        }
    }

    /** No bit dropping, switched to the parameters' response prime. */
    public static ResponseFormat exact(HeParameters p) {
        return new ResponseFormat(p.responsePrime(), 0, 0);
    }

    /**
     * Worst-case-safe dropping for the parameters' response prime q' and t = 2^ℓ, N:
     * d0 = ⌊log2 q'⌋ − ℓ − 2 and d1 = d0 − log2 N, so 2^(d0−1) ≤ q'/(8t) and 2^(d1−1)·N ≤ q'/(8t): the two
     * dropping errors take at most half of the budget q'/(2t), the other half being the switched noise
     * (q'/Q)·‖ν‖ + (N + 3)/2 ≤ q'/(8t) + q'/(16t) for preset workloads (see {@link NoiseModel}). c0 keeps about
     * ℓ + 2 bits and c1 about ℓ + 2 + log2 N bits.
     */
    public static ResponseFormat standard(HeParameters p) {
        long q = p.responsePrime();
        int floorLog = 63 - Long.numberOfLeadingZeros(q);
        int d0 = Math.max(0, floorLog - p.plainBits() - 2);
        int d1 = Math.max(0, d0 - Integer.numberOfTrailingZeros(p.n()));
        return new ResponseFormat(q, d0, d1);
    }

    /**
     * OpenCheetah's rule ({@code truncate_for_decryption}): with log Δ' = ⌈log2 q'⌉ − ℓ, c0 drops log Δ' − 1 bits
     * and c1 drops log Δ' − v bits, v = ⌊log2(12·N·√(1/18))⌋ (13 for N = 4096), a heuristic bound on ‖c1·s‖ with
     * failure probability stated as &lt; 2^−40 there. Not a worst-case bound: see the measured failure rates in
     * {@code dev.heq.he.bench.NoiseReport} (java/he/results/noise-report-100000-trials.txt: with all N coefficients
     * used, 10^5 responses = 4.1·10^8 coefficients per row, no failure beyond the approximate resharing's ±1 for
     * cheetah-37 (±1 rate 1.5·10^−3) and none at all for quant-16-flood, in this format and in {@link #standard}).
     */
    public static ResponseFormat cheetah(HeParameters p) {
        long q = p.responsePrime();
        int logDelta = (64 - Long.numberOfLeadingZeros(q)) - p.plainBits();
        int v = (int) Math.floor(NoiseModel.log2(12.0 * p.n() * Math.sqrt(1.0 / 18)));
        return new ResponseFormat(q, Math.max(0, logDelta - 1), Math.max(0, logDelta - v));
    }

    /**
     * Largest value sent for a residue with d dropped bits: ⌊(q' − 1)/2^d⌋. A residue that rounds up to
     * ⌈q'/2^d⌉ is sent as 0 instead (it lies within 2^(d−1) below q' ≡ 0), so the width is ⌈log2 q'⌉ − d bits
     * and not one more.
     */
    static long maxKept(long q, int d) {
        return (q - 1) >>> d;
    }

    /** Bits per sent c0 coefficient. */
    public int c0Width() {
        return 64 - Long.numberOfLeadingZeros(maxKept(modulus, c0DroppedBits));
    }

    /** Bits per sent c1 coefficient. */
    public int c1Width() {
        return 64 - Long.numberOfLeadingZeros(maxKept(modulus, c1DroppedBits));
    }

    /** Rounds a residue c ∈ [0, q') to ⌊c/2^d⌉, folding the value ⌈q'/2^d⌉ to 0 (see {@link #maxKept}). */
    static long drop(long c, int d, long q) {
        if (d == 0) {
            return c;
        }
        long k = (c + (1L << (d - 1))) >>> d;
        return k > maxKept(q, d) ? 0 : k;
    }

    /** k·2^d, in [0, q') for k ≤ maxKept. */
    static long restore(long k, int d) {
        return k << d;
    }
}
