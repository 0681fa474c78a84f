package dev.heq.he;

import dev.heq.ring.RnsPoly;
import dev.heq.ring.RnsPoly.Form;
import dev.heq.ring.RnsRing;

/**
 * Homomorphic operations for coefficient-encoded linear layers (the server). Every method returns a new
 * ciphertext and leaves its inputs untouched. Products need NTT-form ciphertexts (the form queries arrive in);
 * sums accept either form as long as both operands agree.
 *
 * <p>Noise (see {@link NoiseModel}): add/sub add the noises; ct ± pt adds ≤ 1/2; ct×p multiplies by ‖p‖₁ of the
 * centred lift; scalar c multiplies by |c|.
 */
public final class Evaluator {
    private final HeContext ctx;
    private final RnsRing ring;

    public Evaluator(HeContext ctx) {
        this.ctx = ctx;
        this.ring = ctx.ring();
    }

    public HeContext context() {
        return ctx;
    }

    /** The full ciphertext (c0, a) of a seeded query, a re-expanded from the seed (NTT form). */
    public Ciphertext expand(SeededCiphertext q) {
        ctx.checkId(q.paramsId(), "query");
        RnsPoly a = ring.expandUniform(q.seed(), 0, Form.NTT);
        return new Ciphertext(q.paramsId(), q.c0().copy(), a);
    }

    /**
     * Prepares a plaintext for ct×pt: centred lift of each coefficient to [−t/2, t/2), RNS, forward NTT. Do it once
     * per weight polynomial and reuse it across queries.
     */
    public NttPlaintext prepare(Plaintext p) {
        ctx.checkPlain(p);
        return new NttPlaintext(ctx.params().id(), ring.fromSigned(p.toSigned(), Form.NTT));
    }

    public Ciphertext add(Ciphertext a, Ciphertext b) {
        check(a);
        check(b);
        Ciphertext out = blank(a);
        ring.add(a.c0(), b.c0(), out.c0());
        ring.add(a.c1(), b.c1(), out.c1());
        return out;
    }

    public Ciphertext sub(Ciphertext a, Ciphertext b) {
        check(a);
        check(b);
        Ciphertext out = blank(a);
        ring.sub(a.c0(), b.c0(), out.c0());
        ring.sub(a.c1(), b.c1(), out.c1());
        return out;
    }

    /** ct + m: adds ⌊Q·m/t⌉ to c0 (in ct's form). */
    public Ciphertext addPlain(Ciphertext ct, Plaintext m) {
        check(ct);
        ctx.checkPlain(m);
        Ciphertext out = new Ciphertext(ct.paramsId(), ring.zero(ct.form()), ct.c1().copy());
        ring.add(ct.c0(), ctx.scaleUp(m.raw(), ring, ct.form()), out.c0());
        return out;
    }

    /** ct − m. */
    public Ciphertext subPlain(Ciphertext ct, Plaintext m) {
        check(ct);
        ctx.checkPlain(m);
        Ciphertext out = new Ciphertext(ct.paramsId(), ring.zero(ct.form()), ct.c1().copy());
        ring.sub(ct.c0(), ctx.scaleUp(m.raw(), ring, ct.form()), out.c0());
        return out;
    }

    /** ct × p for an NTT-form ciphertext: element-wise products of both components. */
    public Ciphertext mulPlain(Ciphertext ct, NttPlaintext p) {
        checkNtt(ct);
        ctx.checkId(p.paramsId(), "plaintext");
        Ciphertext out = blank(ct);
        ring.mul(ct.c0(), p.poly(), out.c0());
        ring.mul(ct.c1(), p.poly(), out.c1());
        return out;
    }

    /** c·ct for a signed integer c (encrypts c·m mod t). */
    public Ciphertext mulScalar(Ciphertext ct, long c) {
        check(ct);
        Ciphertext out = blank(ct);
        ring.mulScalar(ct.c0(), c, out.c0());
        ring.mulScalar(ct.c1(), c, out.c1());
        return out;
    }

    /**
     * Σ_{j &lt; count} ct_j × p_j (NTT form), accumulated lazily by the kernel tier with one reduction per output
     * limb: HomConv's inner loop. Both components in one fused kernel call per limb, so each plaintext is read once.
     */
    public Ciphertext mulAccumulate(Ciphertext[] cts, NttPlaintext[] pts, int count) {
        if (count < 1 || count > cts.length || count > pts.length) {
            throw new IllegalArgumentException("mulAccumulate count=" + count + " out of range (" + cts.length + " ciphertexts, "
                    + pts.length + " plaintexts)");
        }
        RnsPoly[] a0 = new RnsPoly[count];
        RnsPoly[] a1 = new RnsPoly[count];
        RnsPoly[] b = new RnsPoly[count];
        for (int j = 0; j < count; j++) {
            checkNtt(cts[j]);
            ctx.checkId(pts[j].paramsId(), "plaintext " + j);
            a0[j] = cts[j].c0();
            a1[j] = cts[j].c1();
            b[j] = pts[j].poly();
        }
        RnsPoly c0 = ring.zero(Form.NTT);
        RnsPoly c1 = ring.zero(Form.NTT);
        ring.mulAccumulatePair(c0, c1, a0, a1, b, count);
        return new Ciphertext(ctx.params().id(), c0, c1);
    }

    /** A copy of ct in NTT form. */
    public Ciphertext toNtt(Ciphertext ct) {
        check(ct);
        Ciphertext out = ct.copy();
        ring.toNtt(out.c0());
        ring.toNtt(out.c1());
        return out;
    }

    /** A copy of ct in coefficient form. */
    public Ciphertext toCoeff(Ciphertext ct) {
        check(ct);
        Ciphertext out = ct.copy();
        ring.toCoeff(out.c0());
        ring.toCoeff(out.c1());
        return out;
    }

    /** A zero ciphertext shaped like ct, for results that overwrite every residue (cheaper than copying ct). */
    private Ciphertext blank(Ciphertext ct) {
        return new Ciphertext(ct.paramsId(), ring.zero(ct.form()), ring.zero(ct.form()));
    }

    private void check(Ciphertext ct) {
        ctx.checkId(ct.paramsId(), "ciphertext");
        if (!ct.c0().basis().equals(ring.basis())) {
            throw new IllegalArgumentException("ciphertext basis differs from the context's Q");
        }
    }

    private void checkNtt(Ciphertext ct) {
        check(ct);
        if (ct.form() != Form.NTT) {
            throw new IllegalArgumentException("ct×pt needs an NTT-form ciphertext (use toNtt once)");
        }
    }
}
