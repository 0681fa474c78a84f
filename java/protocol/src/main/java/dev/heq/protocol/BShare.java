package dev.heq.protocol;

import java.util.Objects;

/**
 * One party's XOR shares of a vector of n bits: b_i = ⟨b_i⟩_0 ⊕ ⟨b_i⟩_1. Packed 64 per word: bit i is bit (i mod
 * 64) of word i/64, the same layout as OT choice vectors, so a share can be used as choices without copying.
 * Padding bits above n in the last word are kept zero by every constructor and operation here.
 */
public final class BShare {
    private final int n;
    private final long[] w;

    /** Wraps {@code words} (at least ceil(n/64) of them); clears the padding bits. */
    public BShare(int n, long[] words) {
        if (n < 0) throw new IllegalArgumentException("bit count must be ≥ 0, got " + n);
        Objects.requireNonNull(words, "words");
        if (words.length < words(n)) throw new IllegalArgumentException(n + " bits need " + words(n) + " words, got " + words.length);
        this.n = n;
        this.w = words;
        clearPadding();
    }

    public static BShare zeros(int n) {
        return new BShare(n, new long[words(n)]);
    }

    public static int words(int n) {
        return (n + 63) >>> 6;
    }

    private void clearPadding() {
        int r = n & 63;
        if (r != 0) w[n >>> 6] &= (1L << r) - 1;
        for (int i = words(n); i < w.length; i++) w[i] = 0;
    }

    public int size() {
        return n;
    }

    public int get(int i) {
        return (int) ((w[i >>> 6] >>> (i & 63)) & 1);
    }

    /** Packed words (backing array). */
    public long[] words() {
        return w;
    }

    public BShare xor(BShare o) {
        if (o.n != n) throw new IllegalArgumentException("bit share sizes differ: " + n + " vs " + o.n);
        long[] r = new long[words(n)];
        for (int i = 0; i < r.length; i++) r[i] = w[i] ^ o.w[i];
        return new BShare(n, r);
    }

    /** XOR with a public bit vector: only the server applies it. */
    public BShare xorPublic(Role role, long[] pub) {
        long[] r = java.util.Arrays.copyOf(w, words(n));
        if (role == Role.SERVER) for (int i = 0; i < r.length; i++) r[i] ^= pub[i];
        return new BShare(n, r);
    }

    /** NOT of every shared bit (the server flips its share). */
    public BShare not(Role role) {
        long[] r = java.util.Arrays.copyOf(w, words(n));
        if (role == Role.SERVER) for (int i = 0; i < r.length; i++) r[i] = ~r[i];
        return new BShare(n, r);
    }

    /** Bits [from, from+len) as a new share. */
    public BShare slice(int from, int len) {
        long[] r = new long[words(len)];
        for (int i = 0; i < len; i++) {
            int j = from + i;
            r[i >>> 6] |= ((w[j >>> 6] >>> (j & 63)) & 1L) << (i & 63);
        }
        return new BShare(len, r);
    }

    /** Bit i of the result is bit idx[i] of this share. */
    public BShare gather(int[] idx) {
        long[] r = new long[words(idx.length)];
        for (int i = 0; i < idx.length; i++) {
            int j = idx[i];
            r[i >>> 6] |= ((w[j >>> 6] >>> (j & 63)) & 1L) << (i & 63);
        }
        return new BShare(idx.length, r);
    }

    public static long[] reconstruct(BShare a, BShare b) {
        if (a.n != b.n) throw new IllegalArgumentException("bit share sizes differ: " + a.n + " vs " + b.n);
        long[] r = new long[words(a.n)];
        for (int i = 0; i < r.length; i++) r[i] = a.w[i] ^ b.w[i];
        return r;
    }

    /** Bit i of packed words. */
    public static int bit(long[] words, int i) {
        return (int) ((words[i >>> 6] >>> (i & 63)) & 1);
    }

    /** Splits public packed bits into two random XOR shares (dealer helper for tests). */
    public static BShare[] split(int n, long[] bits, java.util.random.RandomGenerator rnd) {
        long[] a = new long[words(n)], b = new long[words(n)];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextLong();
            b[i] = a[i] ^ bits[i];
        }
        return new BShare[] {new BShare(n, a), new BShare(n, b)};
    }

    @Override
    public String toString() {
        return "BShare[" + n + " bits]";
    }
}
