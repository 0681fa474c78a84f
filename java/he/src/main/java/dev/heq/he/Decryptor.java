package dev.heq.he;

import dev.heq.ring.RnsPoly;
import dev.heq.ring.RnsPoly.Form;
import dev.heq.ring.RnsRing;
import java.math.BigInteger;

/** Decryption and noise measurement with the secret key (the client). */
public final class Decryptor {
    private final HeContext ctx;
    private final SecretKey sk;

    public Decryptor(HeContext ctx, SecretKey sk) {
        ctx.checkId(sk.paramsId(), "secret key");
        this.ctx = ctx;
        this.sk = sk;
    }

    /** c0 + c1·s over Q in coefficient form. */
    private RnsPoly phase(Ciphertext ct) {
        ctx.checkId(ct.paramsId(), "ciphertext");
        RnsRing r = ctx.ring();
        boolean ntt = ct.form() == Form.NTT; // the usual case: no copies, one product, one sum, k inverse NTTs
        RnsPoly v = r.zero(Form.NTT);
        r.mul(ntt ? ct.c1() : r.toNtt(ct.c1().copy()), sk.ntt(), v);
        r.add(v, ntt ? ct.c0() : r.toNtt(ct.c0().copy()), v);
        return r.toCoeff(v);
    }

    /** m = ⌊t·(c0 + c1·s)/Q⌉ mod t. */
    public Plaintext decrypt(Ciphertext ct) {
        return round(phase(ct));
    }

    /** m = ⌊t·v/Q⌉ mod t for a phase v (coefficient form), which is used as scratch. */
    private Plaintext round(RnsPoly v) {
        long[] m = new long[ctx.n()];
        ctx.rounder(ctx.ring(), ctx.params().plainModulus()).roundDestroying(v, null, m);
        return Plaintext.ofReduced(ctx.params().plainBits(), m); // the rounder's outputs are in [0, t)
    }

    /** Decrypts a query directly: a is expanded into the phase buffer, so no full ciphertext is built. */
    public Plaintext decrypt(SeededCiphertext ct) {
        ctx.checkId(ct.paramsId(), "query");
        RnsRing r = ctx.ring();
        RnsPoly v = r.expandUniform(ct.seed(), 0, Form.NTT); // a
        r.mul(v, sk.ntt(), v);
        r.add(v, ct.c0(), v);
        return round(r.toCoeff(v));
    }

    /**
     * Invariant noise of ct: ν with c0 + c1·s ≡ (Q/t)·m + ν (mod Q), measured exactly with BigInteger as
     * t·(c0 + c1·s) mod Q = t·ν (centred). Slow (tests, reports).
     */
    public Noise noise(Ciphertext ct) {
        RnsPoly v = phase(ct);
        BigInteger q = ctx.ring().basis().product();
        BigInteger half = q.shiftRight(1);
        BigInteger t = BigInteger.valueOf(ctx.params().plainModulus());
        BigInteger max = BigInteger.ZERO;
        for (int j = 0; j < ctx.n(); j++) {
            BigInteger w = v.coefficient(j).multiply(t).mod(q);
            if (w.compareTo(half) > 0) {
                w = q.subtract(w);
            }
            if (w.compareTo(max) > 0) {
                max = w;
            }
        }
        // ‖ν‖ = max/t; budget = log2(Q/(2t)) − log2‖ν‖ = log2 Q − log2(2·max)
        double log2Max = log2(max);
        double log2Q = log2(q);
        return new Noise(log2Max - ctx.params().plainBits(), log2Q - 1 - log2Max);
    }

    /**
     * Noise of a ciphertext.
     *
     * @param log2Noise   log2 ‖ν‖∞ (−∞ for a noiseless ciphertext)
     * @param budgetBits SEAL's invariant noise budget log2(Q/(2t)) − log2 ‖ν‖∞: decryption is correct while it is &gt; 0
     */
    public record Noise(double log2Noise, double budgetBits) {}

    static double log2(BigInteger x) {
        if (x.signum() == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        int shift = Math.max(0, x.bitLength() - 62);
        return Math.log(x.shiftRight(shift).doubleValue()) / Math.log(2) + shift;
    }

    /**
     * The client's shares from a response: for each selected coefficient, ⌊t·(c0 + c1·s)/q'⌉ mod t computed at
     * the response modulus q' from the bit-dropped values (restored as k·2^d).
     */
    public long[] decryptResponse(Response resp) {
        ctx.checkId(resp.paramsId(), "response");
        ResponseFormat f = resp.format();
        long q = f.modulus();
        RnsRing pr = ctx.primeRing(q);
        int n = ctx.n();
        RnsPoly c1 = pr.zero(Form.COEFF);
        long[] c1d = c1.data();
        long[] kept1 = resp.c1();
        for (int j = 0; j < n; j++) {
            c1d[j] = ResponseFormat.restore(kept1[j], f.c1DroppedBits());
        }
        pr.toNtt(c1);
        pr.mul(c1, sk.nttModulo(pr), c1);
        pr.toCoeff(c1);
        int[] sel = resp.selected();
        long[] kept0 = resp.c0();
        long[] v = new long[sel.length];
        for (int k = 0; k < sel.length; k++) {
            long s = ResponseFormat.restore(kept0[k], f.c0DroppedBits()) + c1d[sel[k]];
            v[k] = s >= q ? s - q : s;
        }
        long[] out = new long[sel.length];
        ctx.rounder(pr, ctx.params().plainModulus()).roundResidues(v, sel.length, out);
        return out;
    }
}
