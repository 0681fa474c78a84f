package dev.heq.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * One party's additive shares of a vector over Z_{2^ℓ}: x_i = ⟨x_i⟩_0 + ⟨x_i⟩_1 mod 2^ℓ. Values are kept reduced in
 * [0, 2^ℓ) in a {@code long[]} (the compact in-memory form: one word per element for any ℓ ≤ 64) and travel
 * bit-packed at ℓ bits each ({@link Party#sendShares}). Local operations need no communication; adding a public
 * constant is done by the server alone ({@link #addPublic}).
 *
 * <p>Immutable in spirit: operations return new objects; {@link #values()} exposes the backing array for the
 * protocols in this package (do not modify it after handing the share on).
 */
public final class AShare {
    private final Z2k ring;
    private final long[] v;

    /** Wraps (not copies) {@code v}; entries are reduced mod 2^ℓ. */
    public AShare(Z2k ring, long[] v) {
        this.ring = Objects.requireNonNull(ring, "ring");
        this.v = Objects.requireNonNull(v, "values");
        long m = ring.mask();
        for (int i = 0; i < v.length; i++) {
            v[i] &= m;
        }
    }

    public static AShare zeros(Z2k ring, int n) {
        return new AShare(ring, new long[n]);
    }

    public Z2k ring() {
        return ring;
    }

    public int bits() {
        return ring.bits();
    }

    public int size() {
        return v.length;
    }

    public long get(int i) {
        return v[i];
    }

    /** The backing array (reduced values). */
    public long[] values() {
        return v;
    }

    private void same(AShare o) {
        if (!ring.equals(o.ring) || v.length != o.v.length) {
            throw new IllegalArgumentException("share mismatch: " + ring + "×" + v.length + " vs " + o.ring + "×" + o.v.length);
        }
    }

    public AShare add(AShare o) {
        same(o);
        long[] r = new long[v.length];
        for (int i = 0; i < r.length; i++) r[i] = v[i] + o.v[i];
        return new AShare(ring, r);
    }

    public AShare sub(AShare o) {
        same(o);
        long[] r = new long[v.length];
        for (int i = 0; i < r.length; i++) r[i] = v[i] - o.v[i];
        return new AShare(ring, r);
    }

    public AShare negate() {
        long[] r = new long[v.length];
        for (int i = 0; i < r.length; i++) r[i] = -v[i];
        return new AShare(ring, r);
    }

    /** Multiplies by a public constant (any long, taken mod 2^ℓ). */
    public AShare mulPublic(long c) {
        long[] r = new long[v.length];
        for (int i = 0; i < r.length; i++) r[i] = v[i] * c;
        return new AShare(ring, r);
    }

    /** Multiplies element i by the public constant c[i]. */
    public AShare mulPublic(long[] c) {
        if (c.length != v.length) throw new IllegalArgumentException("constant vector has " + c.length + " entries, share " + v.length);
        long[] r = new long[v.length];
        for (int i = 0; i < r.length; i++) r[i] = v[i] * c[i];
        return new AShare(ring, r);
    }

    /** Adds a public constant to the shared value: the server adds it, the client keeps its share. */
    public AShare addPublic(Role role, long c) {
        long[] r = v.clone();
        if (role == Role.SERVER) {
            for (int i = 0; i < r.length; i++) r[i] += c;
        }
        return new AShare(ring, r);
    }

    /** The same shares read in the smaller ring Z_{2^bits} (reduction mod 2^bits is a ring homomorphism). */
    public AShare reduceTo(int bits) {
        if (bits > ring.bits()) throw new IllegalArgumentException("reduceTo(" + bits + ") from " + ring + " would need an extension protocol");
        return new AShare(Z2k.of(bits), v.clone());
    }

    /** Elements [from, to) as a new share. */
    public AShare slice(int from, int to) {
        return new AShare(ring, Arrays.copyOfRange(v, from, to));
    }

    /** Element i of the result is element idx[i] of this share. */
    public AShare gather(int[] idx) {
        long[] r = new long[idx.length];
        for (int i = 0; i < r.length; i++) r[i] = v[idx[i]];
        return new AShare(ring, r);
    }

    /** Concatenation of shares over the same ring. */
    public static AShare concat(AShare... parts) {
        int n = 0;
        for (AShare p : parts) {
            if (!p.ring.equals(parts[0].ring)) throw new IllegalArgumentException("concat over different rings");
            n += p.size();
        }
        long[] r = new long[n];
        int o = 0;
        for (AShare p : parts) {
            System.arraycopy(p.v, 0, r, o, p.size());
            o += p.size();
        }
        return new AShare(parts[0].ring, r);
    }

    /** Reconstructs x = s0 + s1 mod 2^ℓ (test and ideal-functionality helper). */
    public static long[] reconstruct(AShare s0, AShare s1) {
        s0.same(s1);
        long[] r = new long[s0.size()];
        for (int i = 0; i < r.length; i++) r[i] = s0.ring.add(s0.v[i], s1.v[i]);
        return r;
    }

    /** Reconstructs and reads as signed two's-complement values. */
    public static long[] reconstructSigned(AShare s0, AShare s1) {
        long[] r = reconstruct(s0, s1);
        for (int i = 0; i < r.length; i++) r[i] = s0.ring.signed(r[i]);
        return r;
    }

    /**
     * Splits public values into two random shares (a dealer helper for tests and benchmarks, not part of any
     * protocol). Returns {share0, share1}.
     */
    public static AShare[] split(Z2k ring, long[] x, java.util.random.RandomGenerator rnd) {
        long[] a = new long[x.length], b = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = rnd.nextLong();
            b[i] = x[i] - a[i];
        }
        return new AShare[] {new AShare(ring, a), new AShare(ring, b)};
    }

    @Override
    public String toString() {
        return "AShare[" + ring + " × " + v.length + "]";
    }
}
