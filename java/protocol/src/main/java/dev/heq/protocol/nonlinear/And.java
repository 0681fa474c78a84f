package dev.heq.protocol.nonlinear;

import dev.heq.protocol.BShare;
import dev.heq.protocol.Party;

/**
 * AND of XOR-shared bits with Beaver bit triples (Beaver, CRYPTO 1991): open d = x ⊕ a and e = y ⊕ b, then
 * z = c ⊕ d·b ⊕ e·a ⊕ d·e (the last term added by the server only). d and e are uniform because a and b are,
 * so opening them reveals nothing. Word-parallel: 64 ANDs per long operation.
 *
 * <p>Cost: the triples ({@link BitTriples#costBits}) plus 2 bits sent by each party per AND (4 bits in total);
 * one simultaneous exchange (each party sends one flight).
 */
public final class And {
    private And() {}

    /** Ideal functionality: x ∧ y on plain packed bits. */
    public static long[] ideal(long[] x, long[] y) {
        long[] z = new long[x.length];
        for (int i = 0; i < z.length; i++) z[i] = x[i] & y[i];
        return z;
    }

    /** AND of two shared bit vectors, generating the needed triples first. */
    public static BShare run(Party p, BShare x, BShare y) {
        int n = x.size();
        if (y.size() != n) throw new IllegalArgumentException("AND operands differ in length: " + n + " vs " + y.size());
        int words = BShare.words(n);
        BitTriples.Pool pool = new BitTriples.Pool(BitTriples.generate(p, words * 64));
        long[] z = andWords(p, pool, x.words(), y.words(), words);
        return new BShare(n, z);
    }

    /**
     * Word-level AND of {@code words} packed words of shares, consuming 64·words triples from {@code pool}.
     * Padding bits are processed like any other bit (callers mask them).
     */
    static long[] andWords(Party p, BitTriples.Pool pool, long[] x, long[] y, int words) {
        long[][] t = pool.take(words);
        long[] de = open(x, y, t[0], t[1], words);
        long[] peer = p.exchangeShares(de, 2 * words, 64);
        return finish(de, peer, t[0], t[1], t[2], words, p.isServer());
    }

    /** Pure: this party's shares of d = x ⊕ a (words [0, w)) and e = y ⊕ b (words [w, 2w)). */
    static long[] open(long[] x, long[] y, long[] a, long[] b, int words) {
        long[] de = new long[2 * words];
        for (int i = 0; i < words; i++) {
            de[i] = x[i] ^ a[i];
            de[words + i] = y[i] ^ b[i];
        }
        return de;
    }

    /** Pure: with both parties' (d, e) shares, this party's share of x ∧ y = c ⊕ d·b ⊕ e·a (⊕ d·e by the server). */
    static long[] finish(long[] de, long[] peer, long[] a, long[] b, long[] c, int words, boolean server) {
        long[] z = new long[words];
        for (int i = 0; i < words; i++) {
            long d = de[i] ^ peer[i], e = de[words + i] ^ peer[words + i];
            long zi = c[i] ^ (d & b[i]) ^ (e & a[i]);
            if (server) zi ^= d & e;
            z[i] = zi;
        }
        return z;
    }

    /** Pure: this party's shares of d = x ⊕ a, e1 = y1 ⊕ b1, e2 = y2 ⊕ b2 (3·words words) for correlated triples. */
    static long[] openPairs(long[] x, long[] y1, long[] y2, long[][] t, int words) {
        long[] de = new long[3 * words];
        for (int i = 0; i < words; i++) {
            de[i] = x[i] ^ t[0][i];
            de[words + i] = y1[i] ^ t[1][i];
            de[2 * words + i] = y2[i] ^ t[2][i];
        }
        return de;
    }

    /**
     * Pure: shares of x∧y1 and x∧y2 from both parties' openings (at offset {@code off} of {@code mine}/{@code peer}):
     * z_k = c_k ⊕ d·b_k ⊕ e_k·a (⊕ d·e_k by the server), with the correlated triple t = {a, b1, b2, c1, c2}.
     */
    static long[][] finishPairs(long[] mine, long[] peer, int off, long[][] t, int words, boolean server) {
        long[] z1 = new long[words], z2 = new long[words];
        for (int i = 0; i < words; i++) {
            long d = mine[off + i] ^ peer[off + i];
            long e1 = mine[off + words + i] ^ peer[off + words + i], e2 = mine[off + 2 * words + i] ^ peer[off + 2 * words + i];
            long a = t[0][i];
            long u = t[3][i] ^ (d & t[1][i]) ^ (e1 & a), v = t[4][i] ^ (d & t[2][i]) ^ (e2 & a);
            if (server) {
                u ^= d & e1;
                v ^= d & e2;
            }
            z1[i] = u;
            z2[i] = v;
        }
        return new long[][] {z1, z2};
    }
}
