package dev.heq.he;

import dev.heq.primitives.AesCtrPrg;
import dev.heq.ring.RnsPoly;
import dev.heq.ring.RnsPoly.Form;
import dev.heq.ring.RnsRing;
import dev.heq.ring.RnsRounder;
import dev.heq.ring.Sampler;

/**
 * The server's H2A step (Cheetah §4.2, HEQuant §7.6): turns a result ciphertext into a compressed response and
 * the server's additive share, so that share_client + share_server ≡ m (mod t) at the selected coefficients
 * (exactly with {@link CircuitPrivacy.Flood}, up to ±1 with {@link CircuitPrivacy.ApproxReshare}).
 *
 * <p>Order of operations:
 * <ol>
 *   <li>at Q: flood the selected c0 coefficients (Flood only), and re-randomise with a public-key encryption of
 *       zero (without e0 for ApproxReshare), so c1 no longer depends on the weights;</li>
 *   <li>switch to q' (exact scale-and-round, {@link dev.heq.ring.RnsRounder}); only the selected c0 coefficients
 *       are computed;</li>
 *   <li>mask at q': Flood adds ⌊q'·r/t⌉ with r uniform in Z_t, the server keeps −r; ApproxReshare adds R uniform
 *       in Z_q', the server keeps −⌊t·R'/q'⌉ mod t where R' = R + δ0 also absorbs the c0 dropping error δ0;</li>
 *   <li>drop d0 / d1 low bits (rounding).</li>
 * </ol>
 * Masks, flooding and re-randomisation come from the encoder's {@link AesCtrPrg} (SecureRandom-seeded by default).
 * Not thread-safe.
 */
public final class ResponseEncoder {
    private final HeContext ctx;
    private final PublicKey pk;
    private final AesCtrPrg prg;

    public ResponseEncoder(HeContext ctx, PublicKey pk) {
        this(ctx, pk, AesCtrPrg.fromSecureRandom(AesCtrPrg.KEY_BYTES_256));
    }

    public ResponseEncoder(HeContext ctx, PublicKey pk, AesCtrPrg prg) {
        ctx.checkId(pk.paramsId(), "public key");
        this.ctx = ctx;
        this.pk = pk;
        this.prg = prg;
    }

    /** The response and the server's share (in [0, t), one per selected coefficient). */
    public record Result(Response response, long[] serverShare) {}

    /**
     * @param ct       the result ciphertext (either form; not modified)
     * @param selected strictly increasing coefficient indices the client needs
     * @throws IllegalArgumentException if flooding does not fit below Q/(8t), or on malformed arguments
     */
    public Result respond(Ciphertext ct, int[] selected, ResponseFormat format, CircuitPrivacy privacy) {
        ctx.checkId(ct.paramsId(), "ciphertext");
        int n = ctx.n();
        selected = selected.clone(); // checked once, then owned by the response
        Response.checkSelection(selected, n);
        if (!ctx.isResponseModulus(format.modulus())) {
            throw new IllegalArgumentException("response modulus q'=" + format.modulus() + " is neither the response prime "
                    + ctx.params().responsePrime() + " nor a chain prime above t");
        }
        int ell = ctx.params().plainBits();
        long t = ctx.params().plainModulus();
        RnsRing ring = ctx.ring();
        boolean flood = privacy instanceof CircuitPrivacy.Flood;
        if (privacy instanceof CircuitPrivacy.Flood(int fb)) {
            double room = NoiseModel.log2Q(ctx.params()) - ell - 3;
            if (fb > room) {
                throw new IllegalArgumentException("flooding with 2^" + fb + " noise needs log2 Q ≥ " + (fb + ell + 3) + " (noise ≤ Q/(8t)); "
                        + ctx.params().name() + " has log2 Q = " + String.format("%.1f", NoiseModel.log2Q(ctx.params()))
                        + ": use a flooding preset or approximate resharing");
            }
        }

        // 1. re-randomise with (b·u + e0, a·u + e1): the products in NTT form, the small errors (and flooding) added
        //    after the inverse transform, which saves transforming e0 and e1. Two fresh polys (u becomes a·u); the
        //    input ciphertext is read, not copied (transformed copies only if it is in coefficient form).
        RnsPoly in0 = ct.form() == Form.NTT ? ct.c0() : ring.toNtt(ct.c0().copy());
        RnsPoly in1 = ct.form() == Form.NTT ? ct.c1() : ring.toNtt(ct.c1().copy());
        long[] small = new long[n];
        Sampler.ternary(prg, small, 0, n);
        RnsPoly w1 = ring.fromSigned(small, Form.NTT); // u
        RnsPoly w0 = ring.zero(Form.NTT);
        ring.mul(pk.b(), w1, w0);
        ring.add(w0, in0, w0);
        ring.mul(pk.a(), w1, w1);
        ring.add(w1, in1, w1);
        ring.toCoeff(w0);
        ring.toCoeff(w1);
        Sampler.centeredBinomial(prg, small, 0, n);
        ring.addSigned(w1, small);
        if (privacy instanceof CircuitPrivacy.Flood(int fb)) {
            Sampler.centeredBinomial(prg, small, 0, n);
            ring.addSigned(w0, small);
            ring.add(w0, floodNoise(selected, fb), w0);
        }

        // 2. modulus switch to q' (w0, w1 are scratch from here on)
        long qp = format.modulus();
        RnsRing pr = ctx.primeRing(qp);
        RnsRounder toQp = ctx.rounder(ring, qp);
        long[] c1 = new long[n];
        toQp.roundDestroying(w1, null, c1);
        long[] c0 = new long[selected.length];
        toQp.roundDestroying(w0, selected, c0);

        // 3. mask, 4. drop low bits
        long[] share = new long[selected.length];
        int d0 = format.c0DroppedBits();
        if (flood) {
            long[] r = new long[n];
            for (int k = 0; k < selected.length; k++) {
                r[selected[k]] = prg.nextLong() & (t - 1);
            }
            RnsPoly enc = ctx.scaleUp(r, pr, Form.COEFF);
            for (int k = 0; k < selected.length; k++) {
                long v = c0[k] + enc.data()[selected[k]];
                c0[k] = ResponseFormat.drop(v >= qp ? v - qp : v, d0, qp);
                share[k] = (t - r[selected[k]]) & (t - 1);
            }
        } else {
            // The effective mask is R' = restore(drop(c0 + R)) − c0: the uniform R plus the c0 dropping error δ0,
            // which the server knows. Sharing −⌊t·R'/q'⌉ instead of −⌊t·R/q'⌉ takes δ0 out of the ±1 error, leaving
            // only the noise the server cannot see (ν and δ1·s). The client's view, drop(c0 + R), stays uniform.
            long[] mask = new long[selected.length];
            for (int k = 0; k < selected.length; k++) {
                long v = c0[k] + prg.nextBelow(qp);
                long kept = ResponseFormat.drop(v >= qp ? v - qp : v, d0, qp);
                long eff = ResponseFormat.restore(kept, d0) - c0[k];
                mask[k] = eff < 0 ? eff + qp : eff;
                c0[k] = kept;
            }
            ctx.rounder(pr, t).roundResidues(mask, mask.length, share);
            for (int k = 0; k < share.length; k++) {
                share[k] = (t - share[k]) & (t - 1);
            }
        }
        for (int j = 0; j < n; j++) {
            c1[j] = ResponseFormat.drop(c1[j], format.c1DroppedBits(), qp);
        }
        // selected was copied and checked on entry; c0, c1 are fresh and in range by construction (drop)
        return new Result(Response.owned(ctx.params().id(), format, selected, c0, c1), share);
    }

    /**
     * Uniform noise in [−2^fb, 2^fb) at the selected coefficients, as an RNS poly (coefficient form). Widths above
     * 60 bits are composed as h·2^60 + l with l uniform in [0, 2^60) and h uniform in [−2^(fb−60), 2^(fb−60)).
     */
    private RnsPoly floodNoise(int[] selected, int fb) {
        RnsRing ring = ctx.ring();
        int n = ctx.n();
        long[] lo = new long[n];
        if (fb <= 60) {
            long[] vals = new long[selected.length];
            Sampler.uniformSigned(prg, vals, 0, vals.length, fb);
            for (int k = 0; k < selected.length; k++) {
                lo[selected[k]] = vals[k];
            }
            return ring.fromSigned(lo, Form.COEFF);
        }
        long[] hi = new long[n];
        long[] hv = new long[selected.length];
        Sampler.uniformSigned(prg, hv, 0, hv.length, fb - 60);
        for (int k = 0; k < selected.length; k++) {
            hi[selected[k]] = hv[k];
            lo[selected[k]] = prg.nextLong() >>> 4;
        }
        RnsPoly h = ring.fromSigned(hi, Form.COEFF);
        ring.mulScalar(h, 1L << 60, h);
        ring.add(h, ring.fromSigned(lo, Form.COEFF), h);
        return h;
    }
}
