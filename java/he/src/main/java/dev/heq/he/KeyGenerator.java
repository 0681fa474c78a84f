package dev.heq.he;

import dev.heq.primitives.AesCtrPrg;
import dev.heq.ring.RnsPoly;
import dev.heq.ring.RnsPoly.Form;
import dev.heq.ring.RnsRing;
import dev.heq.ring.Sampler;

/** Generates the client's keys: a ternary secret key and the public key (b, a) = (−(a·s + e), a). */
public final class KeyGenerator {
    private final HeContext ctx;
    private final AesCtrPrg prg;

    /** Keys from a {@link java.security.SecureRandom}-seeded generator. */
    public KeyGenerator(HeContext ctx) {
        this(ctx, AesCtrPrg.fromSecureRandom(AesCtrPrg.KEY_BYTES_256));
    }

    /** Keys from the given generator (tests fix its seed). */
    public KeyGenerator(HeContext ctx, AesCtrPrg prg) {
        this.ctx = ctx;
        this.prg = prg;
    }

    public SecretKey secretKey() {
        long[] s = new long[ctx.n()];
        Sampler.ternary(prg, s, 0, s.length);
        return new SecretKey(ctx.params().id(), s, ctx.ring().fromSigned(s, Form.NTT));
    }

    public PublicKey publicKey(SecretKey sk) {
        ctx.checkId(sk.paramsId(), "secret key");
        RnsRing r = ctx.ring();
        byte[] seed = prg.nextKey(SeededCiphertext.SEED_BYTES);
        RnsPoly a = r.expandUniform(seed, 0, Form.NTT);
        long[] e = new long[ctx.n()];
        Sampler.centeredBinomial(prg, e, 0, e.length);
        RnsPoly b = r.fromSigned(e, Form.NTT);
        RnsPoly as = r.zero(Form.NTT);
        r.mul(a, sk.ntt(), as);
        r.add(b, as, b);
        r.neg(b, b);
        return new PublicKey(ctx.params().id(), b, a, seed);
    }

    /** Rebuilds a public key received as b plus seed (a is re-expanded from the seed). */
    public static PublicKey publicKeyFromSeed(HeContext ctx, RnsPoly b, byte[] seed) {
        RnsPoly a = ctx.ring().expandUniform(seed, 0, Form.NTT);
        return new PublicKey(ctx.params().id(), b, a, seed);
    }
}
