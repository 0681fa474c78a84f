package dev.heq.he;

import dev.heq.ring.RnsPoly;

/**
 * A BFV ciphertext (c0, c1) over R_Q with c0 + c1·s ≈ (Q/t)·m. Both components share basis and form (coefficient
 * or NTT); the evaluator keeps ciphertexts in NTT form, where ct×pt is element-wise.
 */
public final class Ciphertext {
    private final long paramsId;
    private final RnsPoly c0;
    private final RnsPoly c1;

    public Ciphertext(long paramsId, RnsPoly c0, RnsPoly c1) {
        if (c0 == null || c1 == null) {
            throw new IllegalArgumentException("ciphertext components must not be null");
        }
        if (!c0.basis().equals(c1.basis()) || c0.form() != c1.form()) {
            throw new IllegalArgumentException("c0 and c1 differ in basis or form (" + c0.form() + ", " + c1.form() + ")");
        }
        this.paramsId = paramsId;
        this.c0 = c0;
        this.c1 = c1;
    }

    public long paramsId() {
        return paramsId;
    }

    public RnsPoly c0() {
        return c0;
    }

    public RnsPoly c1() {
        return c1;
    }

    public RnsPoly.Form form() {
        return c0.form();
    }

    public Ciphertext copy() {
        return new Ciphertext(paramsId, c0.copy(), c1.copy());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ciphertext c && c.paramsId == paramsId && c.c0.equals(c0) && c.c1.equals(c1);
    }

    @Override
    public int hashCode() {
        return c0.hashCode() * 31 + c1.hashCode();
    }

    @Override
    public String toString() {
        return "Ciphertext[" + form() + ", N=" + c0.n() + ", " + c0.basis().size() + " limbs]";
    }
}
