package dev.heq.kernel.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Shapes and permutation tables shared by the NTT paths.
 *
 * <p>All code in this package is written for 512-bit vectors (8 long or double lanes); {@link SimdTier#load()}
 * refuses to load the tier elsewhere. The NTT's last three forward stages (first three inverse stages) have
 * half-lengths t = 4, 2, 1, smaller than a vector. They are vectorised by loading 16 consecutive coefficients
 * as two vectors A (positions 0..7) and B (8..15) and gathering the 8 butterfly "upper" inputs with one
 * two-table permute (LongVector.selectFrom(A, B), i.e. vpermi2q) and the 8 "lower" inputs with another:
 * lane k of the butterfly handles positions u[k] = (k/t)·2t + k%t and v[k] = u[k] + t. The results are
 * scattered back with the inverse permutation. Double data is reinterpreted as longs for the permutes, because
 * a double-typed index vector costs a conversion per call (measured on JDK 25 with 512-bit vectors).
 */
final class Lanes {
    private Lanes() {}

    static final VectorSpecies<Long> L = LongVector.SPECIES_512;
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_512;
    static final int LANES = 8;
    /** Block of coefficients one small-stride step works on (two vectors). */
    static final int BLOCK = 16;

    /** Gather indexes of butterfly inputs for t = 1, 2, 4 (indexed by log2 t). */
    static final long[][] GATHER_U = new long[3][];
    static final long[][] GATHER_V = new long[3][];
    /** Scatter indexes back to positions 0..7 (A) and 8..15 (B); values 0..7 pick X', 8..15 pick Y'. */
    static final long[][] SCATTER_A = new long[3][];
    static final long[][] SCATTER_B = new long[3][];

    static {
        for (int lt = 0; lt < 3; lt++) {
            int t = 1 << lt;
            long[] u = new long[LANES];
            long[] v = new long[LANES];
            long[] inv = new long[BLOCK];
            for (int k = 0; k < LANES; k++) {
                u[k] = (long) (k / t) * 2 * t + k % t;
                v[k] = u[k] + t;
                inv[(int) u[k]] = k;
                inv[(int) v[k]] = LANES + k;
            }
            GATHER_U[lt] = u;
            GATHER_V[lt] = v;
            SCATTER_A[lt] = java.util.Arrays.copyOfRange(inv, 0, LANES);
            SCATTER_B[lt] = java.util.Arrays.copyOfRange(inv, LANES, BLOCK);
        }
    }

    /** INV[lt][p]: where position p sits in the 16-entry table (X' ++ Y') after the stage with t = 2^lt. */
    static final long[][] INV = new long[3][];

    static {
        for (int lt = 0; lt < 3; lt++) {
            long[] inv = new long[BLOCK];
            System.arraycopy(SCATTER_A[lt], 0, inv, 0, LANES);
            System.arraycopy(SCATTER_B[lt], 0, inv, LANES, LANES);
            INV[lt] = inv;
        }
    }

    /**
     * Gather indexes for the stage with t = 2^toLt applied directly to the output pair (X', Y') of the stage
     * with t = 2^fromLt, so that consecutive small-stride stages run in registers without storing and
     * reloading the block: lane k takes position u[k] (or v[k]) of the next stage from where the previous stage
     * left it.
     */
    static LongVector chain(int fromLt, int toLt, boolean upper) {
        long[] to = upper ? GATHER_U[toLt] : GATHER_V[toLt];
        long[] r = new long[LANES];
        for (int k = 0; k < LANES; k++) {
            r[k] = INV[fromLt][(int) to[k]];
        }
        return LongVector.fromArray(L, r, 0);
    }

    static LongVector gatherU(int lt) {
        return LongVector.fromArray(L, GATHER_U[lt], 0);
    }

    static LongVector gatherV(int lt) {
        return LongVector.fromArray(L, GATHER_V[lt], 0);
    }

    static LongVector scatterA(int lt) {
        return LongVector.fromArray(L, SCATTER_A[lt], 0);
    }

    static LongVector scatterB(int lt) {
        return LongVector.fromArray(L, SCATTER_B[lt], 0);
    }

    /**
     * Lays out per-lane twiddles for the small-stride stage with half-length t (1, 2 or 4) of an N-point
     * transform: entry 8·b + k is the twiddle of lane k in block b, i.e. w[m + 8b/t + k/t] with m = N/(2t)
     * (block b covers positions 16b..16b+15, lane k's butterfly sits at 16b + u[k], its group is
     * (16b + u[k])/(2t) = 8b/t + k/t).
     */
    static long[] perLane(long[] w, int n, int t) {
        int m = n / (2 * t);
        long[] r = new long[n / 2];
        for (int b = 0; b < n / BLOCK; b++) {
            for (int k = 0; k < LANES; k++) {
                r[LANES * b + k] = w[m + LANES * b / t + k / t];
            }
        }
        return r;
    }
}
