package dev.heq.ot;

import java.util.SplittableRandom;

final class OtTestSupport {
    private OtTestSupport() {}

    static long[] randomBits(SplittableRandom r, int n) {
        long[] c = new long[(n + 63) >>> 6];
        for (int i = 0; i < c.length; i++) c[i] = r.nextLong();
        return c;
    }

    static boolean bit(long[] c, int j) {
        return ((c[j >>> 6] >>> (j & 63)) & 1) != 0;
    }

    /** assertEquals without building a message per call (hot loops over millions of OTs). */
    static void eq(long want, long got, String what, int j) {
        if (want != got) {
            org.junit.jupiter.api.Assertions.fail(what + " #" + j + ": expected " + want + " but got " + got);
        }
    }

    static long mask(int ell) {
        return ell == 64 ? -1L : (1L << ell) - 1;
    }

    static long[] randomValues(SplittableRandom r, int n, int ell) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) v[i] = r.nextLong() & mask(ell);
        return v;
    }
}
