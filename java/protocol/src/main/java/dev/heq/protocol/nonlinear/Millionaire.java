package dev.heq.protocol.nonlinear;

import dev.heq.protocol.BShare;
import dev.heq.protocol.Party;
import dev.heq.protocol.Ring;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Millionaire comparison 1{x < y} of the server's private x and the client's private y, both unsigned b-bit
 * integers, output as XOR shares (CrypTFlow2 §3 / SCI {@code Millionaire/millionaire.h}; spec protocols.md §4.6.2,
 * §5.2).
 *
 * <p>Algorithm: cut x and y into digits (lowest digit first, widths from a {@link Plan}). For digit k the server
 * offers, over all 2^{d_k} values v of the client's digit, the masked bits lt = 1{x_k < v} ⊕ r and eq = 1{x_k = v} ⊕ r'
 * in one chosen 1-out-of-2^{d_k} OT (KK13); the client selects v = y_k. The lowest digit needs no eq bit.
 * Digits are then merged pairwise along a tree, low half "lo", high half "hi":
 * lt = lt_hi ⊕ (eq_hi ∧ lt_lo), eq = eq_hi ∧ eq_lo (the two terms of lt are disjoint events, so ⊕ is ∨); a node
 * containing the lowest digit needs no eq. ANDs use Beaver triples from {@link BitTriples}, all made up front.
 *
 * <p>Choice of digits ("m per ℓ"): {@link Plan#choose} minimises the theoretical payload bits plus a weight times
 * the sender's hash count over the digit count, the lowest digit's width and a balanced split of the rest (digits
 * 1..8 bits). With KK13 a leaf costs 256 + 2^d·ell bits whatever d is, which moves the communication optimum from
 * SCI's m = 4 (made for silent OT, where a leaf is cheap) to m ≈ 6–7; the hash term pulls it back to ≈ 5–6.
 * Rounds: the triple and leaf OTs (2 flights per OT call) then one exchange per tree level (⌈log2 q⌉).
 */
public final class Millionaire {
    private Millionaire() {}

    /** Bits per KK13 OT sent by the receiver (the code length κ = 256). */
    static final int KK13_CODE_BITS = 256;

    /**
     * The shape ("Meta") of a comparison: input width and digit widths, lowest digit first.
     *
     * @param bits   compared width b in 0..64 (0: the empty comparison, always false)
     * @param digits digit widths d_k in 1..8, summing to bits
     */
    public record Plan(int bits, int[] digits) {
        public Plan {
            if (bits < 0 || bits > 64) throw new IllegalArgumentException("comparison width must be in 0..64, got " + bits);
            int s = 0;
            for (int d : digits) {
                if (d < 1 || d > 8) throw new IllegalArgumentException("digit width must be in 1..8, got " + d);
                s += d;
            }
            if (s != bits) throw new IllegalArgumentException("digit widths " + Arrays.toString(digits) + " do not sum to " + bits);
            digits = digits.clone();
        }

        /**
         * Weight of one sender-side KK13 hash (two fixed-key AES calls and the bookkeeping around them) in
         * "bits of communication", the exchange rate {@link #choose} trades bytes against CPU with. One hash costs
         * ≈ 20 ns of CPU here, one payload bit ≈ 0.3 ns of a 3 Gbit/s LAN and 2.5 ns of a 400 Mbit/s WAN; communication
         * is HEQ's headline metric, so the default is a low 2. Measured side by side (NonlinearBench, 2^16 ReLUs,
         * ℓ = 32, both parties' CPU): weight 0 → 372.5 B, 1.28 s; 2 → 409.5 B, 0.85 s; 8 → 466.5 B, 0.77 s.
         * Override with -Dheq.millionaire.hashWeight=w (0 = pure communication minimum).
         */
        public static final double DEFAULT_HASH_WEIGHT = Double.parseDouble(System.getProperty("heq.millionaire.hashWeight", "2"));

        /** The best plan for b bits under the IKNP/KK13 cost model with {@link #DEFAULT_HASH_WEIGHT}. */
        public static Plan choose(int bits) {
            if (bits < 0 || bits > 64) throw new IllegalArgumentException("comparison width must be in 0..64, got " + bits);
            Plan p = DEFAULT_PLANS[bits];
            if (p == null) DEFAULT_PLANS[bits] = p = choose(bits, DEFAULT_HASH_WEIGHT);
            return p;
        }

        private static final Plan[] DEFAULT_PLANS = new Plan[65];

        /**
         * Minimises costBits() + hashWeight · Σ 2^d_k over the number of digits q, the lowest digit d0 and an even
         * split of the remaining bits (for a fixed q the leaf cost 256 + ell·2^d is convex in d, so balanced digits are
         * optimal; the AND count depends on q only). Ties go to fewer digits (fewer rounds).
         */
        public static Plan choose(int bits, double hashWeight) {
            if (bits == 0) return new Plan(0, new int[0]);
            Plan best = null;
            double bestCost = Double.MAX_VALUE;
            for (int d0 = 1; d0 <= Math.min(8, bits); d0++) {
                int rest = bits - d0;
                int minQ = rest == 0 ? 0 : (rest + 7) / 8;
                int maxQ = rest;
                for (int q1 = minQ; q1 <= maxQ; q1++) {
                    int[] ds = new int[q1 + 1];
                    ds[0] = d0;
                    for (int k = 0; k < q1; k++) ds[1 + k] = rest / q1 + (k < rest % q1 ? 1 : 0);
                    Plan p = new Plan(bits, ds);
                    double c = p.costBits() + hashWeight * p.senderHashes();
                    if (c < bestCost - 1e-9 || (Math.abs(c - bestCost) <= 1e-9 && ds.length < best.digits.length)) {
                        best = p;
                        bestCost = c;
                    }
                }
            }
            return best;
        }

        /** KK13 sender hashes per comparison: Σ 2^d_k (the receiver does one per leaf). */
        public long senderHashes() {
            long h = 0;
            for (int d : digits) h += 1L << d;
            return h;
        }

        public int leaves() {
            return digits.length;
        }

        /** AND gates per comparison in the merge tree. */
        public int andGates() {
            int ands = 0;
            // each node: has0 = contains digit 0; merging (lo, hi): 1 AND for lt, 1 more for eq unless lo has digit 0
            boolean[] has0 = new boolean[digits.length];
            if (has0.length > 0) has0[0] = true;
            int cnt = digits.length;
            while (cnt > 1) {
                int next = (cnt + 1) / 2;
                boolean[] h = new boolean[next];
                for (int p = 0; p < cnt / 2; p++) {
                    ands += has0[2 * p] ? 1 : 2;
                    h[p] = has0[2 * p];
                }
                if ((cnt & 1) == 1) h[next - 1] = has0[cnt - 1];
                has0 = h;
                cnt = next;
            }
            return ands;
        }

        /** Tree depth = exchanges after the OTs. */
        public int levels() {
            int l = 0;
            for (int c = digits.length; c > 1; c = (c + 1) / 2) l++;
            return l;
        }

        /** Theoretical payload bits per comparison (both directions), IKNP/KK13, large batches. */
        public long costBits() {
            long c = 0;
            for (int k = 0; k < digits.length; k++) c += KK13_CODE_BITS + (1L << digits[k]) * (k == 0 ? 1 : 2);
            int a = andGates();
            return c + a * (BitTriples.costBits(2) / 2 + 4);
        }

        @Override
        public String toString() {
            return "Plan[" + bits + " bits, digits " + Arrays.toString(digits) + ", " + andGates() + " ANDs, "
                    + costBits() + " bits]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Plan p && p.bits == bits && Arrays.equals(p.digits, digits);
        }

        @Override
        public int hashCode() {
            return bits * 31 + Arrays.hashCode(digits);
        }
    }

    /** Ideal functionality: packed bits 1{x_i < y_i} (unsigned, low {@code bits} bits). */
    public static long[] ideal(long[] x, long[] y, int bits) {
        long m = Ring.mask(bits);
        long[] r = new long[BShare.words(x.length)];
        for (int i = 0; i < x.length; i++) {
            if (bits > 0 && Long.compareUnsigned(x[i] & m, y[i] & m) < 0) r[i >>> 6] |= 1L << (i & 63);
        }
        return r;
    }

    /** Shares of 1{x < y}: the server passes x, the client y (low {@code bits} bits used), with the best plan. */
    public static BShare lessThan(Party p, long[] mine, int bits) {
        return lessThan(p, mine, Plan.choose(bits));
    }

    /** KK13 OTs per leaf call: bounds the server's table to about 2^22 longs. */
    private static int chunk(int logN) {
        return Math.max(64, Math.min(1 << 16, (1 << 22) >>> logN));
    }

    public static BShare lessThan(Party p, long[] mine, Plan plan) {
        int n = mine.length, q = plan.leaves();
        int words = BShare.words(n);
        if (q == 0) return BShare.zeros(n);
        BitTriples.Pool pool = new BitTriples.Pool(BitTriples.generate(p, plan.andGates() * words * 64));
        int[] off = new int[q];
        for (int k = 1; k < q; k++) off[k] = off[k - 1] + plan.digits[k - 1];
        long[][] lt = new long[q][], eq = new long[q][];
        // leaves, grouped by (width, message bits): lowest digit alone (lt only), then each distinct width
        List<int[]> groups = new ArrayList<>();
        groups.add(new int[] {0});
        for (int k = 1; k < q; k++) {
            int[] found = null;
            for (int[] g : groups) if (g[0] != 0 && plan.digits[g[0]] == plan.digits[k]) found = g;
            if (found == null) groups.add(new int[] {k});
            else {
                int[] g2 = Arrays.copyOf(found, found.length + 1);
                g2[found.length] = k;
                groups.set(groups.indexOf(found), g2);
            }
        }
        for (int[] g : groups) leaves(p, mine, plan, off, g, g[0] == 0 ? 1 : 2, lt, eq);
        // merge tree
        int cnt = q;
        boolean[] has0 = new boolean[q];
        has0[0] = true;
        while (cnt > 1) {
            int pairs = cnt / 2;
            int ands = 0;
            for (int t = 0; t < pairs; t++) ands += has0[2 * t] ? 1 : 2;
            long[] xs = new long[ands * words], ys = new long[ands * words];
            int o = 0;
            for (int t = 0; t < pairs; t++) {
                int lo = 2 * t, hi = 2 * t + 1;
                System.arraycopy(eq[hi], 0, xs, o, words);
                System.arraycopy(lt[lo], 0, ys, o, words);
                o += words;
                if (!has0[lo]) {
                    System.arraycopy(eq[hi], 0, xs, o, words);
                    System.arraycopy(eq[lo], 0, ys, o, words);
                    o += words;
                }
            }
            long[] z = And.andWords(p, pool, xs, ys, ands * words);
            int next = (cnt + 1) / 2;
            long[][] lt2 = new long[next][], eq2 = new long[next][];
            boolean[] h2 = new boolean[next];
            o = 0;
            for (int t = 0; t < pairs; t++) {
                int lo = 2 * t, hi = 2 * t + 1;
                long[] l = new long[words];
                for (int i = 0; i < words; i++) l[i] = lt[hi][i] ^ z[o + i];
                o += words;
                lt2[t] = l;
                if (!has0[lo]) {
                    eq2[t] = Arrays.copyOfRange(z, o, o + words);
                    o += words;
                }
                h2[t] = has0[lo];
            }
            if ((cnt & 1) == 1) {
                lt2[next - 1] = lt[cnt - 1];
                eq2[next - 1] = eq[cnt - 1];
                h2[next - 1] = has0[cnt - 1];
            }
            lt = lt2;
            eq = eq2;
            has0 = h2;
            cnt = next;
        }
        return new BShare(n, lt[0]);
    }

    /** Leaf OTs for the digits in {@code group} (same width), message bits {@code ell} (1: lt, 2: lt and eq). */
    private static void leaves(Party p, long[] mine, Plan plan, int[] off, int[] group, int ell,
                               long[][] lt, long[][] eq) {
        int n = mine.length, g = group.length, d = plan.digits[group[0]];
        int total = n * g;   // OT index = i·g + j for element i, j-th digit of the group
        int chunk = chunk(d);
        if (p.isServer()) {
            long[][] rl = new long[g][], re = new long[g][];
            for (int j = 0; j < g; j++) {
                rl[j] = p.randomBits(n);
                re[j] = ell == 2 ? p.randomBits(n) : null;
            }
            for (int s = 0; s < total; s += chunk) {
                int k = Math.min(chunk, total - s);
                p.nOt(k, d, ell, leafTable(mine, off, group, d, ell, rl, re, s, k), null);
            }
            for (int j = 0; j < g; j++) {
                lt[group[j]] = rl[j];
                eq[group[j]] = re[j];
            }
        } else {
            long[] got = new long[total];
            for (int s = 0; s < total; s += chunk) {
                int k = Math.min(chunk, total - s);
                long[] r = p.nOt(k, d, ell, null, leafChoices(mine, off, group, d, s, k));
                System.arraycopy(r, 0, got, s, k);
            }
            long[][][] dec = decodeLeaves(got, n, g, ell);
            for (int j = 0; j < g; j++) {
                lt[group[j]] = dec[0][j];
                eq[group[j]] = dec[1][j];
            }
        }
    }

    /**
     * Server side, pure: the 1-of-2^d tables of OTs [from, from+k) of a leaf group. OT t = i·g + j (element i, j-th
     * digit of the group, at bit offset off[group[j]]); entry v of OT t is 1{x_k < v} ⊕ rl[j]_i in bit 0 and, when
     * ell = 2, 1{x_k = v} ⊕ re[j]_i in bit 1. The server's shares of the leaf outputs are its masks rl, re.
     */
    static long[] leafTable(long[] x, int[] off, int[] group, int d, int ell, long[][] rl, long[][] re, int from, int k) {
        int g = group.length, bigN = 1 << d;
        long dm = (1L << d) - 1, keep = ell == 2 ? 3 : 1;
        long[] msgs = new long[k * bigN];
        for (int t = 0; t < k; t++) {
            int ot = from + t, i = ot / g, j = ot % g;
            int xk = (int) ((x[i] >>> off[group[j]]) & dm);
            long mlt = BShare.bit(rl[j], i), meq = ell == 2 ? BShare.bit(re[j], i) : 0;
            int base = t * bigN;
            // three constant runs: v < xk, v = xk, v > xk
            long below = mlt | (meq << 1), at = mlt | ((meq ^ 1) << 1), above = (mlt ^ 1) | (meq << 1);
            Arrays.fill(msgs, base, base + xk, below & keep);
            msgs[base + xk] = at & keep;
            Arrays.fill(msgs, base + xk + 1, base + bigN, above & keep);
        }
        return msgs;
    }

    /** Client side, pure: the OT choices (its digits) of OTs [from, from+k) of a leaf group. */
    static int[] leafChoices(long[] y, int[] off, int[] group, int d, int from, int k) {
        int g = group.length;
        long dm = (1L << d) - 1;
        int[] ch = new int[k];
        for (int t = 0; t < k; t++) {
            int ot = from + t, i = ot / g, j = ot % g;
            ch[t] = (int) ((y[i] >>> off[group[j]]) & dm);
        }
        return ch;
    }

    /** Client side, pure: received entries → packed lt and eq shares per digit of the group ({lt[][], eq[][]}). */
    static long[][][] decodeLeaves(long[] got, int n, int g, int ell) {
        int words = BShare.words(n);
        long[][] lt = new long[g][], eq = new long[g][];
        for (int j = 0; j < g; j++) {
            long[] l = new long[words], e = ell == 2 ? new long[words] : null;
            for (int i = 0; i < n; i++) {
                long m = got[i * g + j];
                l[i >>> 6] |= (m & 1) << (i & 63);
                if (e != null) e[i >>> 6] |= ((m >>> 1) & 1) << (i & 63);
            }
            lt[j] = l;
            eq[j] = e;
        }
        return new long[][][] {lt, eq};
    }
}
