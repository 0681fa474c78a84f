package dev.heq.ot.ferret;

import java.util.Objects;

/** Argument checks shared by the OT front ends (same conventions and messages as heq-net's IKNP). */
final class Checks {
    private Checks() {}

    static void n(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
    }

    static long ellMask(int ell) {
        if (ell < 1 || ell > 64) {
            throw new IllegalArgumentException("ell must be in 1..64, got " + ell);
        }
        return ell == 64 ? -1L : (1L << ell) - 1;
    }

    static void len(long[] a, long need, String name) {
        Objects.requireNonNull(a, name);
        if (a.length < need) {
            throw new IllegalArgumentException(name + " has " + a.length + " entries, needs " + need);
        }
    }

    static int logN(int logN) {
        if (logN < 1 || logN > 8) {
            throw new IllegalArgumentException("logN must be in 1..8, got " + logN);
        }
        return logN;
    }

    static boolean bit(long[] c, long j) {
        return ((c[(int) (j >>> 6)] >>> (j & 63)) & 1) != 0;
    }
}
