package dev.heq.protocol;

import java.util.SplittableRandom;

/** Seeded inputs with the edge values every protocol test includes. */
public final class TestData {
    private TestData() {}

    public static final int[] ELLS = {2, 4, 8, 13, 16, 21, 32, 37, 64};
    public static final int[] SIZES = {1, 77, 4096};

    public static long seed() {
        long s = Long.getLong("heq.tests.seed", System.nanoTime());
        System.out.println("seed = " + s + " (rerun with -Dheq.tests.seed=" + s + ")");
        return s;
    }

    /** n values in Z_{2^ell}: the edges 0, 1, −1, 2^(ℓ−1), 2^(ℓ−1) − 1, 2^ℓ − 1 ... first, then uniform. */
    public static long[] values(SplittableRandom r, int n, int ell) {
        long m = Z2k.mask(ell);
        long h = 1L << (ell - 1);
        long[] edges = {0, 1, -1, h, h - 1, h + 1, m, 2, -2};
        long[] v = new long[n];
        for (int i = 0; i < n; i++) v[i] = (i < edges.length ? edges[i] : r.nextLong()) & m;
        return v;
    }
}
