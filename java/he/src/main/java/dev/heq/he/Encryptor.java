package dev.heq.he;

import dev.heq.primitives.AesCtrPrg;
import dev.heq.ring.RnsPoly;
import dev.heq.ring.RnsPoly.Form;
import dev.heq.ring.RnsRing;
import dev.heq.ring.Sampler;

/**
 * BFV encryption. Symmetric (the client's query): c = (⌊Q·m/t⌉ + e − a·s, a) with a expanded from a fresh seed,
 * so only c0 and the seed are sent. Public-key: (b·u + e0 + ⌊Q·m/t⌉, a·u + e1) with u ternary. Results are in
 * NTT form. Not thread-safe (one generator).
 */
public final class Encryptor {
    private final HeContext ctx;
    private final AesCtrPrg prg;
    /** Scratch for the error polynomial (N small integers), reused across calls (the encryptor is single-threaded). */
    private final long[] err;
    /** Scratch for the scale-up's (Q·m) mod t. */
    private final long[] rem;
    /** Scratch for the uniform a over Q (NTT form), reused across calls: only c0 leaves an encryption. */
    private final RnsPoly scratch;

    /**
     * −s in NTT form for {@link #negSKey}, so that c0 = (Δm + e) + a·(−s) is one fused multiply-add pass; keys are
     * immutable, so the cache is keyed by identity. Holds secret material exactly as long as the key itself is
     * referenced by this encryptor.
     */
    private SecretKey negSKey;
    private RnsPoly negS;

    /** An encryptor drawing errors and seeds from a {@link java.security.SecureRandom}-seeded generator. */
    public Encryptor(HeContext ctx) {
        this(ctx, AesCtrPrg.fromSecureRandom(AesCtrPrg.KEY_BYTES_256));
    }

    /** An encryptor on the given generator (tests fix its seed). */
    public Encryptor(HeContext ctx, AesCtrPrg prg) {
        this.ctx = ctx;
        this.prg = prg;
        this.err = new long[ctx.n()];
        this.rem = new long[ctx.n()];
        this.scratch = ctx.ring().zero(Form.NTT);
    }

    public HeContext context() {
        return ctx;
    }

    /** ⌊Q·m/t⌉ + e in NTT form, e ~ CBD(η) (|e| ≤ 21, so the fused encoder applies). */
    private RnsPoly messagePlusError(Plaintext m) {
        Sampler.centeredBinomial(prg, err, 0, err.length);
        RnsPoly p = ctx.ring().zero(Form.COEFF);
        ctx.scaleUpInto(m.raw(), err, ctx.ring(), p, rem);
        return ctx.ring().toNtt(p);
    }

    /** Symmetric encryption with a seeded uniform a: the query encoding (c0, seed). */
    public SeededCiphertext encryptSymmetric(Plaintext m, SecretKey sk) {
        ctx.checkPlain(m);
        ctx.checkId(sk.paramsId(), "secret key");
        RnsRing r = ctx.ring();
        byte[] seed = prg.nextKey(SeededCiphertext.SEED_BYTES);
        RnsPoly c0 = messagePlusError(m);
        // a is uniform in either domain, so it is expanded directly as NTT-form residues (no transform)
        RnsPoly a = scratch;
        AesCtrPrg.expandUniform(seed, 0, a.data(), ctx.n(), ctx.params().primes());
        r.mulAdd(a, negS(sk), c0, c0); // c0 = (Δm + e) − a·s in one pass per limb
        return new SeededCiphertext(ctx.params().id(), c0, seed);
    }

    private RnsPoly negS(SecretKey sk) {
        if (sk != negSKey) {
            RnsPoly neg = ctx.ring().zero(Form.NTT);
            ctx.ring().neg(sk.ntt(), neg);
            negS = neg;
            negSKey = sk;
        }
        return negS;
    }

    /** Public-key encryption of m. */
    public Ciphertext encryptPublic(Plaintext m, PublicKey pk) {
        ctx.checkPlain(m);
        Ciphertext z = encryptZero(pk, true);
        RnsRing r = ctx.ring();
        r.add(z.c0(), ctx.scaleUp(m.raw(), r, Form.NTT), z.c0());
        return z;
    }

    /**
     * A public-key encryption of zero (b·u + e0, a·u + e1), NTT form; without e0 when {@code withE0} is false
     * (approximate resharing, where a uniform mask hides c0 anyway).
     */
    public Ciphertext encryptZero(PublicKey pk, boolean withE0) {
        ctx.checkId(pk.paramsId(), "public key");
        RnsRing r = ctx.ring();
        int n = ctx.n();
        long[] u = new long[n];
        Sampler.ternary(prg, u, 0, n);
        RnsPoly un = r.fromSigned(u, Form.NTT);
        long[] e = new long[n];
        RnsPoly c0 = r.zero(Form.NTT);
        r.mul(pk.b(), un, c0);
        if (withE0) {
            Sampler.centeredBinomial(prg, e, 0, n);
            r.add(c0, r.fromSigned(e, Form.NTT), c0);
        }
        RnsPoly c1 = r.zero(Form.NTT);
        r.mul(pk.a(), un, c1);
        Sampler.centeredBinomial(prg, e, 0, n);
        r.add(c1, r.fromSigned(e, Form.NTT), c1);
        return new Ciphertext(ctx.params().id(), c0, c1);
    }
}
