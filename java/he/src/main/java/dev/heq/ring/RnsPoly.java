package dev.heq.ring;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * An element of R_Q = Z_Q[X]/(X^N + 1) in RNS form: one limb of N residues per prime of its {@link RnsBasis},
 * stored contiguously (limb i at offset i·N of {@link #data()}), every residue fully reduced in [0, q_i).
 *
 * <p>The form is explicit: {@link Form#COEFF} holds coefficients in natural order, {@link Form#NTT} holds the
 * negacyclic NTT evaluations in the kernels' bit-reversed order (see {@code NttTables}). Operations in
 * {@link RnsRing} check that operands share basis and form.
 *
 * <p>The residue array is owned by this object and exposed for the kernels; code that did not create a poly
 * must not write into it (use {@link #copy()}).
 */
public final class RnsPoly {
    /** Representation of the residues. */
    public enum Form {
        COEFF,
        NTT
    }

    private final RnsBasis basis;
    private final long[] data;
    private Form form;

    /** A zero polynomial in the given form. */
    public RnsPoly(RnsBasis basis, Form form) {
        this(basis, new long[basis.size() * basis.n()], form);
    }

    /**
     * Wraps residues (not copied). The caller guarantees each limb's values are in [0, q_i) (checked by
     * {@link #checkReduced()}, which deserializers call).
     */
    public RnsPoly(RnsBasis basis, long[] data, Form form) {
        if (basis == null || data == null || form == null) {
            throw new IllegalArgumentException("basis, data and form must not be null");
        }
        if (data.length != basis.size() * basis.n()) {
            throw new IllegalArgumentException("RNS poly needs " + basis.size() + "·" + basis.n() + " residues, got " + data.length);
        }
        this.basis = basis;
        this.data = data;
        this.form = form;
    }

    public RnsBasis basis() {
        return basis;
    }

    public int n() {
        return basis.n();
    }

    public Form form() {
        return form;
    }

    public boolean isNtt() {
        return form == Form.NTT;
    }

    /** Changes the form flag after a transform done in place on {@link #data()} (used by {@link RnsRing}). */
    void setForm(Form f) {
        this.form = f;
    }

    /** All residues, limb i at [i·N, (i+1)·N). Owned by this poly. */
    public long[] data() {
        return data;
    }

    /** Offset of limb i in {@link #data()}. */
    public int offset(int limb) {
        return limb * basis.n();
    }

    /** Residue of coefficient (or evaluation) j modulo q_i. */
    public long get(int limb, int j) {
        return data[limb * basis.n() + j];
    }

    public RnsPoly copy() {
        return new RnsPoly(basis, data.clone(), form);
    }

    /** @throws IllegalArgumentException naming the first residue outside [0, q_i) */
    public void checkReduced() {
        int n = basis.n();
        for (int i = 0; i < basis.size(); i++) {
            long q = basis.prime(i);
            for (int j = 0; j < n; j++) {
                long v = data[i * n + j];
                if (v < 0 || v >= q) {
                    throw new IllegalArgumentException("residue [" + i + "][" + j + "]=" + v + " is outside [0, q_" + i + "=" + q + ")");
                }
            }
        }
    }

    /**
     * CRT reconstruction of coefficient j (coefficient form only) as an integer in [0, Q). BigInteger: for tests,
     * noise measurement and tools, not hot paths.
     */
    public BigInteger coefficient(int j) {
        if (form != Form.COEFF) {
            throw new IllegalStateException("coefficient(j) needs coefficient form, poly is in " + form + " form");
        }
        BigInteger q = basis.product();
        BigInteger acc = BigInteger.ZERO;
        for (int i = 0; i < basis.size(); i++) {
            BigInteger qi = BigInteger.valueOf(basis.prime(i));
            BigInteger y = BigInteger.valueOf(data[offset(i) + j]).multiply(BigInteger.valueOf(basis.qHatInv(i))).mod(qi);
            acc = acc.add(y.multiply(basis.qHat(i)));
        }
        return acc.mod(q);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RnsPoly p && p.form == form && p.basis.equals(basis) && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + form.hashCode();
    }

    @Override
    public String toString() {
        return "RnsPoly[" + form + ", N=" + basis.n() + ", " + basis.size() + " limbs]";
    }
}
