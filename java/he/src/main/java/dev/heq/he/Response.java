package dev.heq.he;

import java.util.Arrays;

/**
 * A compressed response ciphertext (Cheetah's H2A message): switched to modulus q', low bits dropped, and c0 kept
 * only at the selected (public) coefficients; c1 is kept in full because decrypting any coefficient needs all
 * of c1·s. Values are the dropped residues ⌊c/2^d⌉ (see {@link ResponseFormat}). Immutable.
 */
public final class Response {
    private final long paramsId;
    private final ResponseFormat format;
    private final int[] selected;
    private final long[] c0;
    private final long[] c1;

    /**
     * @throws IllegalArgumentException if indices are not strictly increasing in [0, N), lengths disagree, or a
     *                                  value exceeds the format's width
     */
    public Response(long paramsId, ResponseFormat format, int n, int[] selected, long[] c0, long[] c1) {
        this.paramsId = paramsId;
        this.format = format;
        this.selected = selected.clone();
        this.c0 = c0.clone();
        this.c1 = c1.clone();
        checkSelection(this.selected, n);
        if (c0.length != selected.length) {
            throw new IllegalArgumentException("c0 has " + c0.length + " values for " + selected.length + " selected coefficients");
        }
        if (c1.length != n) {
            throw new IllegalArgumentException("c1 has " + c1.length + " values, need N=" + n);
        }
        long max0 = ResponseFormat.maxKept(format.modulus(), format.c0DroppedBits());
        long max1 = ResponseFormat.maxKept(format.modulus(), format.c1DroppedBits());
        for (int i = 0; i < c0.length; i++) {
            if (c0[i] < 0 || c0[i] > max0) {
                throw new IllegalArgumentException("c0[" + i + "]=" + c0[i] + " exceeds " + max0);
            }
        }
        for (int i = 0; i < c1.length; i++) {
            if (c1[i] < 0 || c1[i] > max1) {
                throw new IllegalArgumentException("c1[" + i + "]=" + c1[i] + " exceeds " + max1);
            }
        }
    }

    private Response(long paramsId, ResponseFormat format, int[] selected, long[] c0, long[] c1, boolean owned) {
        this.paramsId = paramsId;
        this.format = format;
        this.selected = selected;
        this.c0 = c0;
        this.c1 = c1;
    }

    /**
     * Takes ownership of arrays its producer has already validated (the encoder builds them in range, the codec
     * checks every field while reading): no copies, no second pass.
     */
    static Response owned(long paramsId, ResponseFormat format, int[] selected, long[] c0, long[] c1) {
        return new Response(paramsId, format, selected, c0, c1, true);
    }

    /** @throws IllegalArgumentException unless indices are strictly increasing in [0, n) */
    static void checkSelection(int[] sel, int n) {
        for (int i = 0; i < sel.length; i++) {
            if (sel[i] < 0 || sel[i] >= n) {
                throw new IllegalArgumentException("selected index " + sel[i] + " outside [0, " + n + ")");
            }
            if (i > 0 && sel[i] <= sel[i - 1]) {
                throw new IllegalArgumentException("selected indices must be strictly increasing: " + sel[i - 1] + " then " + sel[i]);
            }
        }
    }

    public long paramsId() {
        return paramsId;
    }

    public ResponseFormat format() {
        return format;
    }

    public int n() {
        return c1.length;
    }

    public int[] selected() {
        return selected.clone();
    }

    long[] c0() {
        return c0;
    }

    long[] c1() {
        return c1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Response r && r.paramsId == paramsId && r.format.equals(format) && Arrays.equals(r.selected, selected)
                && Arrays.equals(r.c0, c0) && Arrays.equals(r.c1, c1);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(c1) * 31 + Arrays.hashCode(c0);
    }
}
