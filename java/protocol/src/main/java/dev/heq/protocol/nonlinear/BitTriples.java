package dev.heq.protocol.nonlinear;

import dev.heq.protocol.BShare;
import dev.heq.protocol.Party;
import dev.heq.protocol.Role;

/**
 * Beaver bit triples (a, b, c = a∧b), XOR-shared, made with one chosen 1-out-of-16 OT per two triples
 * (CrypTFlow2/SCI's "standard triples from 1-of-16 OT"). The client picks its shares (a1_C, b1_C, a2_C, b2_C) of two
 * triples at random as a 4-bit OT choice v; the server picks (a_S, b_S, c_S) at random and offers, for every v,
 * the two bits c_S ⊕ (a_S ⊕ a_C(v))·(b_S ⊕ b_C(v)); the client's c_C is the entry it receives. Correctness:
 * c_S ⊕ c_C = (a_S ⊕ a_C)(b_S ⊕ b_C). Privacy: the OT hides v (hence a_C, b_C) from the server and the 15 other
 * entries from the client; c_S is a uniform one-time pad on the entry the client sees.
 *
 * <p>Cost with KK13 (κ = 256 code bits per OT): (256 + 16·2)/2 = 144 bits per triple, one round trip
 * (shared with the leaves when the millionaire makes them, {@link Kk13Job}).
 * With IKNP random OTs the classical two-ROT construction would cost 2·128 = 256 bits per triple.
 *
 * <p>With a silent back end ({@link dev.heq.ot.OtCost#silent()}) the two-ROT construction is used instead
 * (Asharov et al., CCS 2013 §4.1; SCI's silent triples): random-choice OTs cost no message on top of their COT, so
 * a triple costs 2 COTs (≈ 0.9 bits with ferret-b13) against 18 bits + 2 COTs for the 1-of-16 method. One random
 * OT with the server as sender gives the server (m0, m1) and the client (c, m_c): with a_S = m0 ⊕ m1, u_S = m0,
 * b_C = c, v_C = m_c we have u_S ⊕ v_C = a_S·b_C. A second one, client as sender, gives a_C·b_S = u_C ⊕ v_S.
 * Then c_P = a_P·b_P ⊕ u_P ⊕ v_P and c_S ⊕ c_C = (a_S ⊕ a_C)(b_S ⊕ b_C). The OT outputs are hashes of COTs under
 * a correlation-robust hash, so a_P, b_P are uniform and hidden from the peer. Zero flights of its own.
 *
 * @param n     number of triples (bits)
 * @param a,b,c this party's packed shares
 */
public record BitTriples(int n, long[] a, long[] b, long[] c) {

    /** Theoretical payload bits (both directions) for n triples with IKNP/KK13: ceil(n/2) · (256 + 32). */
    public static long costBits(long n) {
        return ((n + 1) / 2) * (256 + 32);
    }

    /** Theoretical payload bits for n triples on a back end: {@link #costBits(long)} or 2n·cotBits when silent. */
    public static double costBits(dev.heq.ot.OtCost cost, long n) {
        return cost.silent() ? 2.0 * n * cost.cotBits() : costBits(n);
    }

    /** Random OTs per call of the silent method: 2^20 (8 MiB per message array). */
    static final int ROT_CHUNK = 1 << 20;

    /** Generates n triples (n rounded up to even internally; the spare triple is dropped). */
    public static BitTriples generate(Party p, int n) {
        if (n < 0) throw new IllegalArgumentException("triple count must be ≥ 0, got " + n);
        if (p.otCost().silent()) return fromRandomOts(p, n);
        Kk13Job job = new Kk13Job(p, n);
        p.nOts(job.senderJobs(), job.receiverJobs());
        return job.finish();
    }

    /**
     * The 1-of-16 OTs of n triples (n rounded up to even) as a job of a larger {@link Party#nOts} exchange, so the
     * millionaire's triples and leaves share one round trip: construct (the server draws a, b, c, the client its
     * choices), pass {@link #senderJobs()} / {@link #receiverJobs()} to the exchange, then {@link #finish()}.
     */
    static final class Kk13Job {
        private final int n, ots;
        private final boolean server;
        private long[] a, b, c;
        private int[] v;
        private long[] got;

        Kk13Job(Party p, int n) {
            if (n < 0) throw new IllegalArgumentException("triple count must be ≥ 0, got " + n);
            this.n = n;
            this.ots = (n + 1) >>> 1;
            this.server = p.isServer();
            int m = 2 * ots;
            if (server) {
                a = p.randomBits(m);
                b = p.randomBits(m);
                c = p.randomBits(m);
            } else {
                v = new int[ots];
                long[] r = p.randomLongs((ots + 15) / 16);
                for (int j = 0; j < ots; j++) v[j] = (int) ((r[j >>> 4] >>> ((j & 15) << 2)) & 15);
                got = new long[ots];
            }
        }

        dev.heq.ot.NOtSender.Job[] senderJobs() {
            if (!server || ots == 0) return new dev.heq.ot.NOtSender.Job[0];
            return new dev.heq.ot.NOtSender.Job[] {new dev.heq.ot.NOtSender.Job(ots, 4, 2, (from, k, dst) -> table(from, k, a, b, c, dst))};
        }

        dev.heq.ot.NOtReceiver.Job[] receiverJobs() {
            if (server || ots == 0) return new dev.heq.ot.NOtReceiver.Job[0];
            return new dev.heq.ot.NOtReceiver.Job[] {new dev.heq.ot.NOtReceiver.Job(ots, 4, 2, v, got)};
        }

        BitTriples finish() {
            if (server) return new BitTriples(n, a, b, c);
            int words = BShare.words(2 * ots);
            long[] a = new long[words], b = new long[words], c = new long[words];
            for (int j = 0; j < ots; j++) {
                int t = 2 * j;
                setBit(a, t, v[j] & 1);
                setBit(b, t, (v[j] >>> 1) & 1);
                setBit(a, t + 1, (v[j] >>> 2) & 1);
                setBit(b, t + 1, (v[j] >>> 3) & 1);
                setBit(c, t, (int) (got[j] & 1));
                setBit(c, t + 1, (int) ((got[j] >>> 1) & 1));
            }
            return new BitTriples(n, a, b, c);
        }
    }

    /** The two-ROT method (class comment). */
    static BitTriples fromRandomOts(Party p, int n) {
        long[][] r = rotCorrelation(p, n, 1);
        long[] a = r[0], b = r[1], c = r[2];
        for (int w = 0; w < a.length; w++) c[w] ^= a[w] & b[w];
        return new BitTriples(n, a, b, c);
    }

    /**
     * Random-OT correlations for n positions, ℓ-bit messages (ℓ in 1..2), one pass with each party as sender,
     * server first, in chunks of {@link #ROT_CHUNK}. Returns this party's packed {s, Δ_0..Δ_{ℓ−1}, w_0..w_{ℓ−1}}:
     * s its random choice bits (pass where it receives), Δ_k bit k of m0 ⊕ m1 (pass where it sends) and
     * w_k = u_k ⊕ v_k, where u = m0 (sending pass) and v = m_s (receiving pass). Across the parties:
     * w_k,S ⊕ w_k,C = s_S·Δ_k,C ⊕ s_C·Δ_k,S.
     */
    static long[][] rotCorrelation(Party p, int n, int ell) {
        int words = BShare.words(n);
        long[][] out = new long[1 + 2 * ell][words];
        long[] m0 = new long[Math.min(n, ROT_CHUNK)], m1 = new long[m0.length];
        long[] choice = new long[BShare.words(m0.length)];
        for (Role sender : new Role[] {Role.SERVER, Role.CLIENT}) {
            boolean iSend = p.role() == sender;
            for (int s = 0; s < n; s += ROT_CHUNK) {
                int k = Math.min(ROT_CHUNK, n - s);
                if (iSend) {
                    p.randomChoiceOt(sender, k, ell, m0, m1);
                    for (int j = 0; j < k; j++) {
                        int t = s + j;
                        for (int b = 0; b < ell; b++) {
                            out[1 + b][t >>> 6] |= (((m0[j] ^ m1[j]) >>> b) & 1) << (t & 63);
                            out[1 + ell + b][t >>> 6] ^= ((m0[j] >>> b) & 1) << (t & 63);
                        }
                    }
                } else {
                    p.randomChoiceOt(sender, k, ell, choice, m1);
                    for (int j = 0; j < k; j++) {
                        int t = s + j;
                        out[0][t >>> 6] |= ((choice[j >>> 6] >>> (j & 63)) & 1) << (t & 63);
                        for (int b = 0; b < ell; b++) out[1 + ell + b][t >>> 6] ^= ((m1[j] >>> b) & 1) << (t & 63);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Correlated bit triples (a, b1, b2, c1 = a∧b1, c2 = a∧b2), XOR-shared: two ANDs with a common operand
     * (the millionaire's lt = lt_hi ⊕ eq_hi∧lt_lo and eq = eq_hi∧eq_lo share eq_hi) open that operand once, 6 bits
     * instead of 8 (SCI's correlated triples). Silent back ends only: from one random OT per direction with 2-bit
     * messages, a = the choice, (b1, b2) = m0 ⊕ m1, so 2 COTs per pair instead of 4.
     */
    public record Correlated(int n, long[] a, long[] b1, long[] b2, long[] c1, long[] c2) {
        public static Correlated generate(Party p, int n) {
            if (n < 0) throw new IllegalArgumentException("triple count must be ≥ 0, got " + n);
            if (!p.otCost().silent()) throw new IllegalStateException("correlated triples are made from silent random OTs only");
            long[][] r = rotCorrelation(p, n, 2);
            long[] a = r[0], b1 = r[1], b2 = r[2], c1 = r[3], c2 = r[4];
            for (int w = 0; w < a.length; w++) {
                c1[w] ^= a[w] & b1[w];
                c2[w] ^= a[w] & b2[w];
            }
            return new Correlated(n, a, b1, b2, c1, c2);
        }

        /** Consumes words from {@code word}: {a, b1, b2, c1, c2} copies. */
        long[][] slice(int word, int words) {
            if (word + words > a.length) {
                throw new IllegalStateException("correlated-triple pool exhausted: need " + words + " words at " + word
                        + ", have " + a.length);
            }
            long[][] r = new long[5][];
            long[][] src = {a, b1, b2, c1, c2};
            for (int i = 0; i < 5; i++) r[i] = java.util.Arrays.copyOfRange(src[i], word, word + words);
            return r;
        }
    }

    /** The server's 16-entry tables (pure) for OTs [from, from+ots): entry v of OT j at 16(j−from) + v, two bits. */
    static long[] table(int from, int ots, long[] a, long[] b, long[] c) {
        long[] msgs = new long[16 * ots];
        table(from, ots, a, b, c, msgs);
        return msgs;
    }

    /** {@link #table(int, int, long[], long[], long[])} into msgs[0 .. 16·ots). */
    static void table(int from, int ots, long[] a, long[] b, long[] c, long[] msgs) {
        for (int jj = 0; jj < ots; jj++) {
            int j = from + jj, t = 2 * j;
            int a0 = BShare.bit(a, t), b0 = BShare.bit(b, t), c0 = BShare.bit(c, t);
            int a1 = BShare.bit(a, t + 1), b1 = BShare.bit(b, t + 1), c1 = BShare.bit(c, t + 1);
            for (int v = 0; v < 16; v++) {
                int lo = c0 ^ ((a0 ^ (v & 1)) & (b0 ^ ((v >>> 1) & 1)));
                int hi = c1 ^ ((a1 ^ ((v >>> 2) & 1)) & (b1 ^ ((v >>> 3) & 1)));
                msgs[16 * jj + v] = lo | (hi << 1);
            }
        }
    }

    static void setBit(long[] w, int i, int bit) {
        w[i >>> 6] |= ((long) bit) << (i & 63);
    }

    /** A cursor handing out consecutive 64-bit blocks of triples (words of a, b, c). */
    public static final class Pool {
        private final BitTriples t;
        private int word;

        public Pool(BitTriples t) {
            this.t = t;
        }

        /** Consumes {@code words} words (64·words triples) and returns {a, b, c} copies. */
        long[][] take(int words) {
            if (word + words > t.a.length) {
                throw new IllegalStateException("bit-triple pool exhausted: need " + words + " more words, "
                        + (t.a.length - word) + " left");
            }
            long[][] r = {java.util.Arrays.copyOfRange(t.a, word, word + words),
                    java.util.Arrays.copyOfRange(t.b, word, word + words),
                    java.util.Arrays.copyOfRange(t.c, word, word + words)};
            word += words;
            return r;
        }
    }
}
