package dev.heq.ring;

import dev.heq.kernel.Kernels;
import dev.heq.kernel.Modulus;
import dev.heq.primitives.AesCtrPrg;
import dev.heq.ring.RnsPoly.Form;

/**
 * Arithmetic in R_Q = Z_Q[X]/(X^N + 1) over one {@link RnsBasis}, every limb operation delegated to a
 * {@link Kernels} tier (injected, so tests run the same code on every tier). Operands must share the basis
 * and, where stated, the form; violations throw {@link IllegalArgumentException}.
 *
 * <p>Thread-safe (no mutable state besides the polys passed in).
 */
public final class RnsRing {
    private final RnsBasis basis;
    private final Kernels kernels;

    public RnsRing(RnsBasis basis, Kernels kernels) {
        if (basis == null || kernels == null) {
            throw new IllegalArgumentException("basis and kernels must not be null");
        }
        this.basis = basis;
        this.kernels = kernels;
    }

    public RnsBasis basis() {
        return basis;
    }

    public Kernels kernels() {
        return kernels;
    }

    public int n() {
        return basis.n();
    }

    public RnsPoly zero(Form form) {
        return new RnsPoly(basis, form);
    }

    // ------------------------------------------------------------------------------------------ transforms

    /** Converts p to NTT form in place (no-op if it is already). Returns p. */
    public RnsPoly toNtt(RnsPoly p) {
        check(p);
        if (p.form() == Form.COEFF) {
            long[] d = p.data();
            for (int i = 0; i < basis.size(); i++) {
                kernels.forwardNtt(d, p.offset(i), basis.tables(i));
            }
            p.setForm(Form.NTT);
        }
        return p;
    }

    /** Converts p to coefficient form in place (no-op if it is already). Returns p. */
    public RnsPoly toCoeff(RnsPoly p) {
        check(p);
        if (p.form() == Form.NTT) {
            long[] d = p.data();
            for (int i = 0; i < basis.size(); i++) {
                kernels.inverseNtt(d, p.offset(i), basis.tables(i));
            }
            p.setForm(Form.COEFF);
        }
        return p;
    }

    // ------------------------------------------------------------------------------------------ element-wise

    /** out = a + b (same form; out may be a or b). */
    public void add(RnsPoly a, RnsPoly b, RnsPoly out) {
        checkSameForm(a, b, out);
        int n = n();
        for (int i = 0; i < basis.size(); i++) {
            int off = i * n;
            kernels.addMod(out.data(), off, a.data(), off, b.data(), off, n, basis.modulus(i));
        }
    }

    /** out = a − b (same form; out may be a or b). */
    public void sub(RnsPoly a, RnsPoly b, RnsPoly out) {
        checkSameForm(a, b, out);
        int n = n();
        for (int i = 0; i < basis.size(); i++) {
            int off = i * n;
            kernels.subMod(out.data(), off, a.data(), off, b.data(), off, n, basis.modulus(i));
        }
    }

    /** out = −a (same form; out may be a). */
    public void neg(RnsPoly a, RnsPoly out) {
        checkSameForm(a, a, out);
        int n = n();
        for (int i = 0; i < basis.size(); i++) {
            int off = i * n;
            kernels.negMod(out.data(), off, a.data(), off, n, basis.modulus(i));
        }
    }

    /** out = a·b in R_Q; a, b and out in NTT form (out may be a or b). */
    public void mul(RnsPoly a, RnsPoly b, RnsPoly out) {
        checkSameForm(a, b, out);
        requireNtt(a, "mul");
        int n = n();
        for (int i = 0; i < basis.size(); i++) {
            int off = i * n;
            kernels.mulMod(out.data(), off, a.data(), off, b.data(), off, n, basis.modulus(i), 1);
        }
    }

    /**
     * out = a·b + c in R_Q, all in NTT form (out may be a, b or c): one fused kernel pass per limb
     * ({@code Kernels.mulAddMod}), e.g. c0 = (Δm + e) + a·(−s) of a symmetric encryption.
     */
    public void mulAdd(RnsPoly a, RnsPoly b, RnsPoly c, RnsPoly out) {
        checkSameForm(a, b, out);
        checkSameForm(c, c, out);
        requireNtt(a, "mulAdd");
        int n = n();
        for (int i = 0; i < basis.size(); i++) {
            int off = i * n;
            kernels.mulAddMod(out.data(), off, a.data(), off, b.data(), off, c.data(), off, n, basis.modulus(i));
        }
    }

    /** out = a·c for a signed integer constant c (any form; out may be a). */
    public void mulScalar(RnsPoly a, long c, RnsPoly out) {
        checkSameForm(a, a, out);
        int n = n();
        for (int i = 0; i < basis.size(); i++) {
            Modulus m = basis.modulus(i);
            long w = signedMod(c, m.value());
            int off = i * n;
            kernels.mulConstMod(out.data(), off, a.data(), off, w, m.shoup(w), n, m, 1);
        }
    }

    /**
     * out = Σ_{j &lt; count} a[j]·b[j] (NTT form), accumulated lazily by the kernel with one final reduction
     * per limb. out must not be any a[j] or b[j].
     */
    public void mulAccumulate(RnsPoly out, RnsPoly[] a, RnsPoly[] b, int count) {
        check(out);
        requireNtt(out, "mulAccumulate");
        if (count < 0 || count > a.length || count > b.length) {
            throw new IllegalArgumentException("mulAccumulate count=" + count + " exceeds operands (" + a.length + ", " + b.length + ")");
        }
        long[][] ad = new long[count][];
        long[][] bd = new long[count][];
        for (int j = 0; j < count; j++) {
            checkSameForm(a[j], b[j], out);
            ad[j] = a[j].data();
            bd[j] = b[j].data();
        }
        int n = n();
        for (int i = 0; i < basis.size(); i++) {
            int off = i * n;
            kernels.mulAccumulate(out.data(), off, ad, bd, count, off, n, basis.modulus(i));
        }
    }

    /**
     * (out0, out1) = (Σ_{j &lt; count} a0[j]·b[j], Σ_{j &lt; count} a1[j]·b[j]) (NTT form): a ciphertext-shaped
     * accumulation, one fused kernel call per limb ({@code Kernels.mulAccumulatePair}) so each b[j] is read once
     * for both components. Outputs in [0, q_i) per limb; out0, out1 must be distinct and not any operand.
     */
    public void mulAccumulatePair(RnsPoly out0, RnsPoly out1, RnsPoly[] a0, RnsPoly[] a1, RnsPoly[] b, int count) {
        check(out0);
        check(out1);
        requireNtt(out0, "mulAccumulatePair");
        requireNtt(out1, "mulAccumulatePair");
        if (count < 0 || count > a0.length || count > a1.length || count > b.length) {
            throw new IllegalArgumentException("mulAccumulatePair count=" + count + " exceeds operands (" + a0.length + ", " + a1.length
                    + ", " + b.length + ")");
        }
        long[][] a0d = new long[count][];
        long[][] a1d = new long[count][];
        long[][] bd = new long[count][];
        for (int j = 0; j < count; j++) {
            checkSameForm(a0[j], b[j], out0);
            checkSameForm(a1[j], b[j], out1);
            a0d[j] = a0[j].data();
            a1d[j] = a1[j].data();
            bd[j] = b[j].data();
        }
        int n = n();
        for (int i = 0; i < basis.size(); i++) {
            int off = i * n;
            kernels.mulAccumulatePair(out0.data(), off, out1.data(), off, a0d, a1d, bd, count, off, n, basis.modulus(i));
        }
    }

    // ------------------------------------------------------------------------------------------ lifting, sampling

    /**
     * The RNS image of a polynomial with signed integer coefficients (any long, read as a signed value), in the
     * requested form. Small inputs (every |x| below the smallest prime: keys, errors, weights) are lifted by one
     * branch-free conditional add per residue; otherwise |x| is reduced by the kernels' 64-bit reduction, then
     * negated where x &lt; 0.
     */
    public RnsPoly fromSigned(long[] coeffs, Form form) {
        if (coeffs.length != n()) {
            throw new IllegalArgumentException("expected " + n() + " coefficients, got " + coeffs.length);
        }
        RnsPoly p = zero(Form.COEFF);
        int n = n();
        long[] d = p.data();
        if (isSmall(coeffs)) {
            for (int i = 0; i < basis.size(); i++) {
                long q = basis.prime(i);
                int off = i * n;
                for (int j = 0; j < n; j++) {
                    long x = coeffs[j];
                    d[off + j] = x + ((x >> 63) & q);
                }
            }
            return form == Form.NTT ? toNtt(p) : p;
        }
        long[] abs = new long[n];
        for (int j = 0; j < n; j++) {
            abs[j] = Math.abs(coeffs[j]); // Long.MIN_VALUE stays 2^63 read unsigned, which is its absolute value
        }
        for (int i = 0; i < basis.size(); i++) {
            long q = basis.prime(i);
            int off = i * n;
            kernels.reduceMod(d, off, abs, 0, n, basis.modulus(i), 0, 1);
            for (int j = 0; j < n; j++) { // branch-free: signs are random, a branch would mispredict half the time
                long v = d[off + j];
                long neg = coeffs[j] >> 63; // −1 if x < 0
                long r = (v & ~neg) | ((q - v) & neg); // q − 0 = q is folded back to 0 below
                r -= q;
                d[off + j] = r + ((r >> 63) & q);
            }
        }
        return form == Form.NTT ? toNtt(p) : p;
    }

    /**
     * Whether every |x| is below the smallest prime q: x ^ (x >> 63) is |x| for x ≥ 0 and |x| − 1 for x &lt; 0, so
     * the OR of those (an upper bound of their maximum, pure bit operations that vectorize) below q − 1 proves it.
     * Long.MIN_VALUE maps to 2^63 − 1 and fails.
     */
    private boolean isSmall(long[] coeffs) {
        long or = 0;
        for (long x : coeffs) {
            or |= x ^ (x >> 63);
        }
        return or < minPrime() - 1;
    }

    private long minPrime() {
        long m = Long.MAX_VALUE;
        for (int i = 0; i < basis.size(); i++) {
            m = Math.min(m, basis.prime(i));
        }
        return m;
    }

    /**
     * p += x for a polynomial with signed integer coefficients x (coefficient form, in place): the small errors
     * of encryption and re-randomisation added without building their RNS image first. Inputs beyond the
     * smallest prime take the general {@link #fromSigned} path.
     */
    public void addSigned(RnsPoly p, long[] coeffs) {
        check(p);
        if (p.isNtt()) {
            throw new IllegalArgumentException("addSigned adds integer coefficients: needs coefficient form, got NTT form");
        }
        if (coeffs.length != n()) {
            throw new IllegalArgumentException("expected " + n() + " coefficients, got " + coeffs.length);
        }
        if (!isSmall(coeffs)) {
            add(p, fromSigned(coeffs, Form.COEFF), p);
            return;
        }
        int n = n();
        long[] d = p.data();
        for (int i = 0; i < basis.size(); i++) {
            long q = basis.prime(i);
            int off = i * n;
            for (int j = 0; j < n; j++) { // d + x ∈ (−q, 2q): two branch-free corrections
                long v = d[off + j] + coeffs[j];
                v += (v >> 63) & q;
                v -= q;
                d[off + j] = v + ((v >> 63) & q);
            }
        }
    }

    /**
     * The uniform element of R_Q expanded from a public seed ({@link AesCtrPrg#expandUniform}; the same values as
     * {@link #sampleUniform} on {@code new AesCtrPrg(seed, domain)}), as residues of the requested form.
     */
    public RnsPoly expandUniform(byte[] seed, long domain, Form form) {
        RnsPoly p = zero(form);
        AesCtrPrg.expandUniform(seed, domain, p.data(), n(), basis.primes());
        return p;
    }

    /** A uniform element of R_Q: each limb uniform mod q_i (independent limbs are uniform mod Q by CRT). */
    public RnsPoly sampleUniform(AesCtrPrg prg, Form form) {
        RnsPoly p = zero(form);
        for (int i = 0; i < basis.size(); i++) {
            prg.fillUniform(p.data(), p.offset(i), n(), basis.prime(i));
        }
        return p;
    }

    /** c mod q in [0, q) for a signed c. */
    public static long signedMod(long c, long q) {
        long r = c % q;
        return r < 0 ? r + q : r;
    }

    // ------------------------------------------------------------------------------------------ checks

    private void check(RnsPoly p) {
        if (p == null) {
            throw new IllegalArgumentException("poly must not be null");
        }
        if (!p.basis().equals(basis)) {
            throw new IllegalArgumentException("poly basis " + p.basis() + " differs from ring basis " + basis);
        }
    }

    private void checkSameForm(RnsPoly a, RnsPoly b, RnsPoly out) {
        check(a);
        check(b);
        check(out);
        if (a.form() != b.form() || a.form() != out.form()) {
            throw new IllegalArgumentException("operand forms differ: " + a.form() + ", " + b.form() + ", out " + out.form());
        }
    }

    private static void requireNtt(RnsPoly p, String op) {
        if (!p.isNtt()) {
            throw new IllegalArgumentException(op + " needs NTT-form operands, got " + p.form());
        }
    }
}
