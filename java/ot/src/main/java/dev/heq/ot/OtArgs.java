package dev.heq.ot;

import java.util.Objects;

/**
 * Argument checks shared by every OT implementation (IKNP, KK13 here; Ferret in heq-silent-ot), so all of them
 * reject bad batches with the same messages.
 */
public final class OtArgs {
    private OtArgs() {}

    /** @throws IllegalArgumentException unless n ≥ 0 */
    public static void checkN(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
    }

    /** The mask of the low ell bits; @throws IllegalArgumentException unless 1 ≤ ell ≤ 64. */
    public static long ellMask(int ell) {
        if (ell < 1 || ell > 64) {
            throw new IllegalArgumentException("ell must be in 1..64, got " + ell);
        }
        return ell == 64 ? -1L : (1L << ell) - 1;
    }

    /** @throws IllegalArgumentException if {@code a} has fewer than {@code need} entries (NPE if null, naming it) */
    public static void checkLen(long[] a, long need, String name) {
        Objects.requireNonNull(a, name);
        if (a.length < need) {
            throw new IllegalArgumentException(name + " has " + a.length + " entries, needs " + need);
        }
    }

    /** log2 of a 1-of-N OT's N; @throws IllegalArgumentException unless 1 ≤ logN ≤ 8. */
    public static int checkLogN(int logN) {
        if (logN < 1 || logN > 8) {
            throw new IllegalArgumentException("logN must be in 1..8, got " + logN);
        }
        return logN;
    }
}
