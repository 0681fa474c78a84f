package dev.heq.ot.ferret;

import static dev.heq.ot.ferret.Aes.LE_LONG;

/**
 * GGM-tree puncturable PRF for Ferret's single-point COT (after the GGM-based SPCOT of Boyle et al. and Schoppmann et
 * al., CCS 2019, that Ferret builds on): a length-doubling PRG G(s) = (π_L(s) ⊕ s, π_R(s) ⊕ s), π_L and π_R fixed-key
 * AES under two public keys, expands a root seed into 2^h leaves in h levels. At level l the sender also computes K0_l
 * = XOR of all left children and K1_l = XOR of all right children; a receiver that learns K_{b_l} for each level (by
 * one COT per level) rebuilds every leaf except the one at α = Σ (1 − b_l)·2^{h−l}.
 *
 * <p>Leaves come out with bit 0 of the low word cleared: that keeps the invariant "sender blocks have LSB 0, Δ has
 * LSB 1" under which a receiver's choice bit is the LSB of its block (the one punctured leaf gets LSB 1 = its noise
 * bit). Leaves then carry 127 pseudo-random bits, like Δ. One instance per thread (own Ciphers and buffers of
 * 2^h blocks).
 */
final class Ggm {
    private static final byte[] KEY_L = Aes.publicKey("HEQ ferret GGM left v1");
    private static final byte[] KEY_R = Aes.publicKey("HEQ ferret GGM right v1");

    private final int h;
    private final Aes left = new Aes(KEY_L), right = new Aes(KEY_R);
    private final byte[] a, l, r;

    Ggm(int h) {
        this.h = h;
        a = new byte[16 << h];
        l = new byte[16 << (h - 1)];
        r = new byte[16 << (h - 1)];
    }

    /**
     * Expands level lev-1 (2^(lev-1) nodes in a) into level lev in place; returns nothing, writes the two side sums
     * (K0 lo, hi, K1 lo, hi) into sums[off..off+4).
     */
    private void expand(int lev, long[] sums, int off) {
        int parents = 1 << (lev - 1);
        left.permute(a, 0, 16 * parents, l, 0);
        right.permute(a, 0, 16 * parents, r, 0);
        long s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int i = parents - 1; i >= 0; i--) {       // descending: child slots 2i, 2i+1 ≥ i are free to overwrite
            long pLo = (long) LE_LONG.get(a, 16 * i), pHi = (long) LE_LONG.get(a, 16 * i + 8);
            long c0 = (long) LE_LONG.get(l, 16 * i) ^ pLo, c1 = (long) LE_LONG.get(l, 16 * i + 8) ^ pHi;
            long c2 = (long) LE_LONG.get(r, 16 * i) ^ pLo, c3 = (long) LE_LONG.get(r, 16 * i + 8) ^ pHi;
            LE_LONG.set(a, 32 * i, c0);
            LE_LONG.set(a, 32 * i + 8, c1);
            LE_LONG.set(a, 32 * i + 16, c2);
            LE_LONG.set(a, 32 * i + 24, c3);
            s0 ^= c0;
            s1 ^= c1;
            s2 ^= c2;
            s3 ^= c3;
        }
        sums[off] = s0;
        sums[off + 1] = s1;
        sums[off + 2] = s2;
        sums[off + 3] = s3;
    }

    /**
     * Sender: expands the root into 2^h leaves written to y (blocks leafBase ..), LSB cleared; level sums of level
     * l (1..h) into sums[sumOff + 4(l−1) ..]; XOR of all (cleared) leaves into leafSum[2j], leafSum[2j+1].
     */
    void send(long rootLo, long rootHi, long[] y, int leafBase, long[] sums, int sumOff, long[] leafSum, int j) {
        LE_LONG.set(a, 0, rootLo);
        LE_LONG.set(a, 8, rootHi);
        for (int lev = 1; lev <= h; lev++) {
            expand(lev, sums, sumOff + 4 * (lev - 1));
        }
        long t0 = 0, t1 = 0;
        int n = 1 << h;
        for (int i = 0; i < n; i++) {
            long lo = (long) LE_LONG.get(a, 16 * i) & ~1L, hi = (long) LE_LONG.get(a, 16 * i + 8);
            y[2 * (leafBase + i)] = lo;
            y[2 * (leafBase + i) + 1] = hi;
            t0 ^= lo;
            t1 ^= hi;
        }
        leafSum[2 * j] = t0;
        leafSum[2 * j + 1] = t1;
    }

    /**
     * Receiver: rebuilds the tree from k[kOff + 2(l−1) ..] = K_{b_l} of level l, where b_l is bit l−1 of bits
     * (b_1 = bit 0), and the correction fix = Δ ⊕ (XOR of the sender's leaves). Writes all 2^h leaves to y: equal to
     * the sender's except at α, where it writes sender's leaf ⊕ Δ. Returns α in [0, 2^h).
     */
    int receive(int bits, long[] k, int kOff, long fixLo, long fixHi, long[] y, int leafBase) {
        long[] sums = new long[4];
        int b = bits & 1;
        // level 1: the known child is K_{b1} itself; the other child is the punctured one
        LE_LONG.set(a, 16 * b, k[kOff]);
        LE_LONG.set(a, 16 * b + 8, k[kOff + 1]);
        LE_LONG.set(a, 16 * (1 - b), 0L);
        LE_LONG.set(a, 16 * (1 - b) + 8, 0L);
        int p = 1 - b;
        for (int lev = 2; lev <= h; lev++) {
            expand(lev, sums, 0);          // the punctured node p expands to garbage; both its children are fixed below
            b = (bits >>> (lev - 1)) & 1;
            int known = 2 * p + b;
            long gLo = (long) LE_LONG.get(a, 16 * known), gHi = (long) LE_LONG.get(a, 16 * known + 8);
            long sLo = sums[2 * b] ^ gLo, sHi = sums[2 * b + 1] ^ gHi;     // XOR of the other side-b children
            LE_LONG.set(a, 16 * known, k[kOff + 2 * (lev - 1)] ^ sLo);
            LE_LONG.set(a, 16 * known + 8, k[kOff + 2 * (lev - 1) + 1] ^ sHi);
            int unknown = 2 * p + 1 - b;
            LE_LONG.set(a, 16 * unknown, 0L);
            LE_LONG.set(a, 16 * unknown + 8, 0L);
            p = unknown;
        }
        long t0 = 0, t1 = 0;
        int n = 1 << h;
        for (int i = 0; i < n; i++) {
            long lo = (long) LE_LONG.get(a, 16 * i) & ~1L, hi = (long) LE_LONG.get(a, 16 * i + 8);
            if (i == p) {
                lo = 0;
                hi = 0;
            }
            y[2 * (leafBase + i)] = lo;
            y[2 * (leafBase + i) + 1] = hi;
            t0 ^= lo;
            t1 ^= hi;
        }
        y[2 * (leafBase + p)] = fixLo ^ t0;
        y[2 * (leafBase + p) + 1] = fixHi ^ t1;
        return p;
    }
}
