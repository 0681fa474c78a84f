package dev.heq.protocol.nonlinear;

import dev.heq.protocol.BShare;
import dev.heq.ot.OtCost;
import dev.heq.protocol.Party;
import dev.heq.protocol.Z2k;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Millionaire comparison 1{x < y} of the server's private x and the client's private y, both unsigned b-bit
 * integers, output as XOR shares (CrypTFlow2 §3 / SCI {@code Millionaire/millionaire.h}).
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
 * Rounds (IKNP/KK13): the triple OTs and every leaf group in one KK13 exchange (2 flights, any n), then one
 * exchange per tree level (⌈log2 q⌉ levels): 1 + 2·levels flights as the server counts them ({@link Flights}).
 *
 * <p>Silent OT ({@link OtCost#silent()}, Ferret): a leaf costs d COTs + d + 2^d·ℓ bits and a random OT is almost
 * free, so {@link Plan#choose(int, OtCost)} minimises bytes alone and lands on 2–3-bit digits (SCI uses 4); the
 * two ANDs of a node away from digit 0 (lt and eq, both with eq_hi) use one correlated triple from
 * {@link BitTriples.Correlated} and open eq_hi once (6 bits instead of 8). ferret-b13, ℓ = 37: 36-bit millionaire
 * ≈ 37 B, ReLU ≈ 46.6 B in theory (IKNP: 450.8 B).
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
         * ≈ 10 ns of CPU here (tiled, fused with the payload packing), one payload bit ≈ 0.3 ns of a 3 Gbit/s LAN and
         * 2.5 ns of a 400 Mbit/s WAN; communication is HEQ's headline metric, so the default is a low 2. Measured
         * side by side (NonlinearBench, 2^16 ReLUs, ℓ = 32, CPU of both parties, two runs each, load ≈ 5 on 2
         * cores): weight 0 → 372.5 B, 0.29–0.37 s; 2 → 409.5 B, 0.24–0.29 s; 8 → 466.5 B, 0.22–0.25 s.
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

        /**
         * Theoretical payload bits per comparison on a back end: one chosen 1-of-2^d OT per digit (1-bit messages
         * for the lowest digit, 2 bits for the others) plus the AND gates ({@link OtCost#and()},
         * {@link OtCost#andPair()}). Equals
         * {@link #costBits()} for {@link OtCost#IKNP}.
         */
        public double costBits(OtCost c) {
            double bits = 0;
            for (int k = 0; k < digits.length; k++) bits += c.nOt(digits[k], k == 0 ? 1 : 2);
            // one AND per level next to digit 0, the rest in pairs sharing eq_hi (correlated triples when silent)
            return bits + levels() * c.and() + (andGates() - levels()) / 2 * c.andPair();
        }

        /**
         * The best plan for a back end: {@link #choose(int)} for IKNP/KK13; for a silent back end the plan with the
         * fewest payload bits under {@link #costBits(OtCost)} (a 1-of-2^d leaf costs d COTs + d + 2^d·ℓ bits there,
         * so the optimum moves to small digits, 3–4 bits, as in SCI; the sender's hash count is then small anyway).
         * Both parties derive the same plan from the same provider.
         */
        public static Plan choose(int bits, OtCost c) {
            if (!c.silent()) return choose(bits);
            if (bits < 0 || bits > 64) throw new IllegalArgumentException("comparison width must be in 0..64, got " + bits);
            if (bits == 0) return new Plan(0, new int[0]);
            Plan best = null;
            double bestCost = Double.MAX_VALUE;
            for (int d0 = 1; d0 <= Math.min(8, bits); d0++) {
                int rest = bits - d0;
                for (int q1 = rest == 0 ? 0 : (rest + 7) / 8; q1 <= rest; q1++) {
                    int[] ds = new int[q1 + 1];
                    ds[0] = d0;
                    for (int k = 0; k < q1; k++) ds[1 + k] = rest / q1 + (k < rest % q1 ? 1 : 0);
                    Plan p = new Plan(bits, ds);
                    double cost = p.costBits(c);
                    if (cost < bestCost - 1e-9 || (Math.abs(cost - bestCost) <= 1e-9 && ds.length < best.digits.length)) {
                        best = p;
                        bestCost = cost;
                    }
                }
            }
            return best;
        }

        @Override
        public String toString() {
            return "Plan[" + bits + " bits, digits " + Arrays.toString(digits) + ", " + andGates() + " ANDs, "
                    + costBits() + " bits with IKNP/KK13]";
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
        long m = Z2k.mask(bits);
        long[] r = new long[BShare.words(x.length)];
        for (int i = 0; i < x.length; i++) {
            if (bits > 0 && Long.compareUnsigned(x[i] & m, y[i] & m) < 0) r[i >>> 6] |= 1L << (i & 63);
        }
        return r;
    }

    /** Shares of 1{x < y}: the server passes x, the client y (low {@code bits} bits used), with the back end's best plan. */
    public static BShare lessThan(Party p, long[] mine, int bits) {
        return lessThan(p, mine, Plan.choose(bits, p.otCost()));
    }

    public static BShare lessThan(Party p, long[] mine, Plan plan) {
        return lessThan(p, new long[][] {mine}, new Plan[] {plan})[0];
    }

    /**
     * Several independent comparisons (each its own inputs and plan) run together: one triple generation, one OT
     * call per leaf width across all of them, one AND exchange per tree level — so e.g. the two millionaires of an
     * exact truncation cost the flights of one. Communication is the sum of the parts.
     */
    public static BShare[] lessThan(Party p, long[][] mine, Plan[] plans) {
        return lessThan(p, mine, plans, new dev.heq.ot.NOtSender.Job[0], new dev.heq.ot.NOtReceiver.Job[0]);
    }

    /**
     * As {@link #lessThan(Party, long[][], Plan[])}, with further independent 1-of-N OT jobs (e.g. a known-MSB
     * wrap) riding in the leaves' exchange, ahead of the leaves: no extra round trip with KK13.
     */
    static BShare[] lessThan(Party p, long[][] mine, Plan[] plans, dev.heq.ot.NOtSender.Job[] extraS,
                             dev.heq.ot.NOtReceiver.Job[] extraR) {
        int jobs = mine.length;
        if (plans.length != jobs) throw new IllegalArgumentException(jobs + " inputs but " + plans.length + " plans");
        int[] n = new int[jobs], words = new int[jobs];
        boolean corr = p.otCost().silent();
        long triples = 0, pairTriples = 0;
        long[][][] lt = new long[jobs][][], eq = new long[jobs][][];
        int[][] off = new int[jobs][];
        for (int j = 0; j < jobs; j++) {
            n[j] = mine[j].length;
            words[j] = BShare.words(n[j]);
            int q = plans[j].leaves();
            lt[j] = new long[q][];
            eq[j] = new long[q][];
            off[j] = new int[q];
            for (int k = 1; k < q; k++) off[j][k] = off[j][k - 1] + plans[j].digits[k - 1];
            // silent: the AND next to digit 0 (one per level) uses a plain triple, the others come in pairs sharing
            // eq_hi and use correlated triples; IKNP: plain triples for all
            int plain = corr ? plans[j].levels() : plans[j].andGates();
            triples += (long) plain * words[j] * 64;
            pairTriples += (long) (plans[j].andGates() - plain) / 2 * words[j] * 64;
        }
        if (triples + pairTriples > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("batch too large: " + (triples + pairTriples) + " AND gates");
        }
        // IKNP/KK13: the triple OTs ride in the leaves' exchange (one round trip for all of them); silent: the triples
        // come from random OTs first (no flights of their own beyond COT refills)
        BitTriples.Kk13Job tripleJob = corr ? null : new BitTriples.Kk13Job(p, (int) triples);
        BitTriples plainTriples = corr ? BitTriples.generate(p, (int) triples) : null;
        BitTriples.Correlated pairPool = corr ? BitTriples.Correlated.generate(p, (int) pairTriples) : null;
        int pairWord = 0;
        // leaves, grouped by (width, message bits) across all jobs: key 0 = lowest digits (lt only, any width),
        // then one key per width of the other digits
        java.util.Map<Integer, int[][]> keys = new java.util.TreeMap<>();
        for (int j = 0; j < jobs; j++) {
            int[] d = plans[j].digits;
            for (int k = 0; k < d.length; k++) {
                int key = k == 0 ? -d[k] : d[k];     // lowest digits: negative keys, ell = 1
                int[][] g = keys.computeIfAbsent(key, x -> new int[jobs][0]);
                g[j] = Arrays.copyOf(g[j], g[j].length + 1);
                g[j][g[j].length - 1] = k;
            }
        }
        List<dev.heq.ot.NOtSender.Job> sj = new ArrayList<>(List.of(extraS));
        List<dev.heq.ot.NOtReceiver.Job> rj = new ArrayList<>(List.of(extraR));
        if (tripleJob != null) {
            sj.addAll(List.of(tripleJob.senderJobs()));
            rj.addAll(List.of(tripleJob.receiverJobs()));
        }
        List<Runnable> decode = new ArrayList<>();
        for (var e : keys.entrySet()) {
            int d = Math.abs(e.getKey()), ell = e.getKey() < 0 ? 1 : 2;
            leaves(p, mine, off, e.getValue(), d, ell, lt, eq, sj, rj, decode);
        }
        p.nOts(sj.toArray(new dev.heq.ot.NOtSender.Job[0]), rj.toArray(new dev.heq.ot.NOtReceiver.Job[0]));
        for (Runnable r : decode) r.run();
        BitTriples.Pool pool = new BitTriples.Pool(tripleJob != null ? tripleJob.finish() : plainTriples);
        // merge trees, all jobs level by level
        int[] cnt = new int[jobs];
        boolean[][] has0 = new boolean[jobs][];
        for (int j = 0; j < jobs; j++) {
            cnt[j] = plans[j].leaves();
            has0[j] = new boolean[Math.max(1, cnt[j])];
            has0[j][0] = true;
        }
        while (true) {
            // gather the level's ANDs: singles (x, y) and, silent only, pairs (x; y1, y2) sharing x = eq_hi
            int sw = 0, pw = 0;
            for (int j = 0; j < jobs; j++) {
                for (int t = 0; t < cnt[j] / 2; t++) {
                    if (has0[j][2 * t]) sw += words[j];
                    else if (corr) pw += words[j];
                    else sw += 2 * words[j];
                }
            }
            if (sw + pw == 0) break;
            long[] xs = new long[sw], ys = new long[sw], px = new long[pw], py1 = new long[pw], py2 = new long[pw];
            int o = 0, q = 0;
            for (int j = 0; j < jobs; j++) {
                int w = words[j];
                for (int t = 0; t < cnt[j] / 2; t++) {
                    int lo = 2 * t, hi = 2 * t + 1;
                    if (!has0[j][lo] && corr) {
                        System.arraycopy(eq[j][hi], 0, px, q, w);
                        System.arraycopy(lt[j][lo], 0, py1, q, w);
                        System.arraycopy(eq[j][lo], 0, py2, q, w);
                        q += w;
                        continue;
                    }
                    System.arraycopy(eq[j][hi], 0, xs, o, w);
                    System.arraycopy(lt[j][lo], 0, ys, o, w);
                    o += w;
                    if (!has0[j][lo]) {
                        System.arraycopy(eq[j][hi], 0, xs, o, w);
                        System.arraycopy(eq[j][lo], 0, ys, o, w);
                        o += w;
                    }
                }
            }
            // one simultaneous exchange for the whole level: singles' (d, e), then pairs' (d, e1, e2)
            long[][] ts = pool.take(sw);
            long[][] tp = pw > 0 ? pairPool.slice(pairWord, pw) : null;
            pairWord += pw;
            long[] open = new long[2 * sw + 3 * pw];
            System.arraycopy(And.open(xs, ys, ts[0], ts[1], sw), 0, open, 0, 2 * sw);
            if (pw > 0) System.arraycopy(And.openPairs(px, py1, py2, tp, pw), 0, open, 2 * sw, 3 * pw);
            long[] peer = p.exchangeShares(open, open.length, 64);
            long[] z = And.finish(Arrays.copyOf(open, 2 * sw), Arrays.copyOf(peer, 2 * sw), ts[0], ts[1], ts[2], sw, p.isServer());
            long[][] zp = pw > 0 ? And.finishPairs(open, peer, 2 * sw, tp, pw, p.isServer()) : null;
            o = 0;
            q = 0;
            for (int j = 0; j < jobs; j++) {
                if (cnt[j] < 2) continue;
                int w = words[j], c = cnt[j], pairs = c / 2, next = (c + 1) / 2;
                long[][] lt2 = new long[next][], eq2 = new long[next][];
                boolean[] h2 = new boolean[next];
                for (int t = 0; t < pairs; t++) {
                    int lo = 2 * t, hi = 2 * t + 1;
                    long[] l = new long[w];
                    if (!has0[j][lo] && corr) {
                        for (int i = 0; i < w; i++) l[i] = lt[j][hi][i] ^ zp[0][q + i];
                        eq2[t] = Arrays.copyOfRange(zp[1], q, q + w);
                        q += w;
                    } else {
                        for (int i = 0; i < w; i++) l[i] = lt[j][hi][i] ^ z[o + i];
                        o += w;
                        if (!has0[j][lo]) {
                            eq2[t] = Arrays.copyOfRange(z, o, o + w);
                            o += w;
                        }
                    }
                    lt2[t] = l;
                    h2[t] = has0[j][lo];
                }
                if ((c & 1) == 1) {
                    lt2[next - 1] = lt[j][c - 1];
                    eq2[next - 1] = eq[j][c - 1];
                    h2[next - 1] = has0[j][c - 1];
                }
                lt[j] = lt2;
                eq[j] = eq2;
                has0[j] = h2;
                cnt[j] = next;
            }
        }
        BShare[] out = new BShare[jobs];
        for (int j = 0; j < jobs; j++) out[j] = cnt[j] == 0 ? BShare.zeros(n[j]) : new BShare(n[j], lt[j][0]);
        return out;
    }

    /**
     * Leaf OTs of one width d across jobs, as one job of the exchange: group[j] lists job j's digits of this width
     * (message bits ell: 1 for the lowest digit, which needs no eq, else 2). OTs are numbered job by job, within a
     * job i·|group[j]| + position. The server's shares (its masks) are set now; the client's are decoded by the
     * runnable added to {@code decode}, after the exchange.
     */
    private static void leaves(Party p, long[][] mine, int[][] off, int[][] group, int d, int ell,
                               long[][][] lt, long[][][] eq, List<dev.heq.ot.NOtSender.Job> sj,
                               List<dev.heq.ot.NOtReceiver.Job> rj, List<Runnable> decode) {
        int jobs = mine.length;
        long[] start = new long[jobs + 1];
        for (int j = 0; j < jobs; j++) start[j + 1] = start[j] + (long) mine[j].length * group[j].length;
        if (start[jobs] > Integer.MAX_VALUE >>> d) throw new IllegalArgumentException("too many leaf OTs: " + start[jobs]);
        int total = (int) start[jobs], bigN = 1 << d;
        if (p.isServer()) {
            long[][][] rl = new long[jobs][][], re = new long[jobs][][];
            for (int j = 0; j < jobs; j++) {
                int g = group[j].length, n = mine[j].length;
                rl[j] = new long[g][];
                re[j] = new long[g][];
                for (int k = 0; k < g; k++) {
                    rl[j][k] = p.randomBits(n);
                    re[j][k] = ell == 2 ? p.randomBits(n) : null;
                    lt[j][group[j][k]] = rl[j][k];
                    eq[j][group[j][k]] = re[j][k];
                }
            }
            if (total > 0) sj.add(new dev.heq.ot.NOtSender.Job(total, d, ell, (s, k, dst) -> {
                for (int j = 0; j < jobs; j++) {
                    int from = (int) Math.max(s, start[j]), to = (int) Math.min(s + k, start[j + 1]);
                    if (from >= to) continue;
                    leafTable(mine[j], off[j], group[j], d, ell, rl[j], re[j], from - (int) start[j], to - from,
                            dst, (from - s) * bigN);
                }
            }));
        } else {
            int[] ch = new int[total];
            long[] got = new long[total];
            for (int j = 0; j < jobs; j++) {
                if (group[j].length == 0) continue;
                int[] part = leafChoices(mine[j], off[j], group[j], d, 0, (int) (start[j + 1] - start[j]));
                System.arraycopy(part, 0, ch, (int) start[j], part.length);
            }
            if (total > 0) rj.add(new dev.heq.ot.NOtReceiver.Job(total, d, ell, ch, got));
            decode.add(() -> {
                for (int j = 0; j < jobs; j++) {
                    int g = group[j].length;
                    if (g == 0) continue;
                    long[][][] dec = decodeLeaves(Arrays.copyOfRange(got, (int) start[j], (int) start[j + 1]), mine[j].length, g, ell);
                    for (int k = 0; k < g; k++) {
                        lt[j][group[j][k]] = dec[0][k];
                        eq[j][group[j][k]] = dec[1][k];
                    }
                }
            });
        }
    }

    /**
     * Server side, pure: the 1-of-2^d tables of OTs [from, from+k) of a leaf group. OT t = i·g + j (element i, j-th
     * digit of the group, at bit offset off[group[j]]); entry v of OT t is 1{x_k < v} ⊕ rl[j]_i in bit 0 and, when
     * ell = 2, 1{x_k = v} ⊕ re[j]_i in bit 1. The server's shares of the leaf outputs are its masks rl, re.
     */
    static long[] leafTable(long[] x, int[] off, int[] group, int d, int ell, long[][] rl, long[][] re, int from, int k) {
        long[] msgs = new long[k << d];
        leafTable(x, off, group, d, ell, rl, re, from, k, msgs, 0);
        return msgs;
    }

    /** {@link #leafTable(long[], int[], int[], int, int, long[][], long[][], int, int)} into msgs[at ..]. */
    static void leafTable(long[] x, int[] off, int[] group, int d, int ell, long[][] rl, long[][] re, int from, int k,
                          long[] msgs, int at) {
        int g = group.length, bigN = 1 << d;
        long dm = (1L << d) - 1, keep = ell == 2 ? 3 : 1;
        for (int t = 0; t < k; t++) {
            int ot = from + t, i = ot / g, j = ot % g;
            int xk = (int) ((x[i] >>> off[group[j]]) & dm);
            long mlt = BShare.bit(rl[j], i), meq = ell == 2 ? BShare.bit(re[j], i) : 0;
            int base = at + t * bigN;
            // three constant runs: v < xk, v = xk, v > xk
            long below = mlt | (meq << 1), equal = mlt | ((meq ^ 1) << 1), above = (mlt ^ 1) | (meq << 1);
            Arrays.fill(msgs, base, base + xk, below & keep);
            msgs[base + xk] = equal & keep;
            Arrays.fill(msgs, base + xk + 1, base + bigN, above & keep);
        }
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
