package dev.heq.he;

import dev.heq.kernel.KernelProvider;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.Modulus;
import dev.heq.ring.RnsBasis;
import dev.heq.ring.RnsPoly;
import dev.heq.ring.RnsPoly.Form;
import dev.heq.ring.RnsRing;
import dev.heq.ring.RnsRounder;
import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parameters bound to a kernel tier, with the precomputation every party shares: the ring over Q, single-prime
 * rings for response moduli, the scale-up encoder ⌊q·m/t⌉ and the scale-and-round decoders. Thread-safe.
 *
 * <p>The tier is injected ({@link #of(HeParameters, Kernels)}) so tests and benchmarks run the same scheme on
 * each tier; {@link #of(HeParameters)} uses {@link KernelProvider#get()}.
 */
public final class HeContext {
    private final HeParameters params;
    private final Kernels kernels;
    private final RnsRing ring;
    private final Map<Long, RnsRing> primeRings = new ConcurrentHashMap<>();
    private final Map<RnsBasis, ScaleUp> scaleUps = new ConcurrentHashMap<>();
    private final Map<RoundKey, RnsRounder> rounders = new ConcurrentHashMap<>();

    private record RoundKey(RnsBasis basis, long target) {}

    private HeContext(HeParameters params, Kernels kernels) {
        if (params == null || kernels == null) {
            throw new IllegalArgumentException("parameters and kernels must not be null");
        }
        this.params = params;
        this.kernels = kernels;
        this.ring = new RnsRing(RnsBasis.of(params.n(), params.primes()), kernels);
    }

    /** A context on the JVM's chosen kernel tier. */
    public static HeContext of(HeParameters params) {
        return new HeContext(params, KernelProvider.get());
    }

    /** A context on the given kernel tier. */
    public static HeContext of(HeParameters params, Kernels kernels) {
        return new HeContext(params, kernels);
    }

    public HeParameters params() {
        return params;
    }

    public Kernels kernels() {
        return kernels;
    }

    /** The ring over Q. */
    public RnsRing ring() {
        return ring;
    }

    public int n() {
        return params.n();
    }

    /** The ring over the single NTT prime q (a response modulus), cached. */
    public RnsRing primeRing(long q) {
        return primeRings.computeIfAbsent(q, k -> new RnsRing(RnsBasis.of(params.n(), k), kernels));
    }

    /** The scale-and-round decoder from ring r to target T (cached). */
    public RnsRounder rounder(RnsRing r, long target) {
        return rounders.computeIfAbsent(new RoundKey(r.basis(), target), k -> new RnsRounder(r, target));
    }

    /** Throws if an object made under other parameters is used here. */
    void checkId(long id, String what) {
        if (id != params.id()) {
            throw new IllegalArgumentException(what + " was made under parameters " + Long.toHexString(id) + ", this context is "
                    + params.name() + " (" + Long.toHexString(params.id()) + ")");
        }
    }

    /**
     * Whether q may be a response modulus here: the parameters' response prime or one of the chain primes (the
     * "switch to one prime" of Cheetah). A closed set, so a peer cannot make the client build tables for
     * arbitrary primes.
     */
    boolean isResponseModulus(long q) {
        if (q == params.responsePrime()) {
            return true;
        }
        for (long p : params.primes()) {
            if (p == q && p > params.plainModulus()) {
                return true;
            }
        }
        return false;
    }

    /** Throws unless m has this context's N and t. */
    void checkPlain(Plaintext m) {
        if (m.plainBits() != params.plainBits() || m.n() != params.n()) {
            throw new IllegalArgumentException("plaintext (N=" + m.n() + ", t=2^" + m.plainBits() + ") does not match " + params);
        }
    }

    /**
     * ⌊q·m_j/t⌉ mod q for m_j in [0, t) over the basis of r (q = its modulus product), in the requested form:
     * the BFV message encoding (see {@link NoiseModel} for why rounding instead of ⌊q/t⌋·m).
     */
    public RnsPoly scaleUp(long[] m, RnsRing r, Form form) {
        return scaleUp(m, null, r, form);
    }

    /**
     * ⌊q·m_j/t⌉ + e_j mod q with a small error e (|e_j| &lt; every q_i, or null for none) added in the same pass: the
     * encryption path, which saves lifting e separately.
     */
    RnsPoly scaleUp(long[] m, long[] e, RnsRing r, Form form) {
        RnsPoly p = r.zero(Form.COEFF);
        scaleUpInto(m, e, r, p, new long[r.n()]);
        return form == Form.NTT ? r.toNtt(p) : p;
    }

    /**
     * {@link #scaleUp(long[], long[], RnsRing, Form)} into a caller-owned poly (overwritten, left in coefficient
     * form) with a caller-owned scratch of N longs: the encryptor's allocation-free path.
     */
    void scaleUpInto(long[] m, long[] e, RnsRing r, RnsPoly out, long[] rem) {
        if (out.isNtt() || !out.basis().equals(r.basis()) || rem.length < r.n()) {
            throw new IllegalArgumentException("scale-up needs a coefficient-form output over the ring's basis and N scratch slots");
        }
        ScaleUp s = scaleUps.computeIfAbsent(r.basis(), b -> new ScaleUp(b, params.plainBits()));
        s.apply(m, e, r, out.data(), rem);
    }

    /**
     * ⌊q·m/t⌉ = ⌊q·m/t⌋ + [r ≥ t/2] with r = (q·m) mod t = ((q mod t)·m) mod t (64-bit wrap-around is exact
     * mod 2^ℓ), and ⌊q·m/t⌋ = (q·m − r)/t ≡ −r·t^−1 (mod q_i) since q ≡ 0 (mod q_i).
     */
    private static final class ScaleUp {
        final long qModT;
        final long mask;
        final int shift;
        final long[] negTInv;
        final long[] negTInvShoup;
        /** t &lt; q_i, so r &lt; t needs no reduction modulo q_i. */
        final boolean[] fitsBelow;
        /** 64·t ≤ every q_i: the fused encoding of {@link #applyFused} applies. */
        final boolean fused;
        /** N copies of {@link #FUSE_BIAS}, built on first use. */
        volatile long[] bias;
        static final long FUSE_BIAS = 32;

        ScaleUp(RnsBasis b, int plainBits) {
            BigInteger t = BigInteger.ONE.shiftLeft(plainBits);
            qModT = b.product().mod(t).longValue();
            mask = (1L << plainBits) - 1;
            shift = plainBits - 1; // r >>> (ℓ−1) is 1 iff r ≥ t/2, as r < t
            negTInv = new long[b.size()];
            negTInvShoup = new long[b.size()];
            fitsBelow = new boolean[b.size()];
            boolean f = plainBits <= 55;
            for (int i = 0; i < b.size(); i++) {
                f &= plainBits <= 55 && b.prime(i) >= (64L << plainBits);
                fitsBelow[i] = plainBits < 63 && b.prime(i) > (1L << plainBits);
                BigInteger qi = BigInteger.valueOf(b.prime(i));
                negTInv[i] = t.modInverse(qi).negate().mod(qi).longValueExact();
                negTInvShoup[i] = b.modulus(i).shoup(negTInv[i]);
            }
            fused = f;
        }

        void apply(long[] m, long[] e, RnsRing r, long[] d, long[] rem) {
            RnsBasis b = r.basis();
            int n = b.n();
            if (m.length != n) {
                throw new IllegalArgumentException("expected " + n + " plaintext coefficients, got " + m.length);
            }
            if (e != null && fused && applyFused(m, e, r, d, rem)) {
                return;
            }
            applyPlain(m, e, r, d, rem);
        }

        /**
         * With s_j = [r_j ≥ t/2] + e_j and x_j = r_j + t·(B − s_j) for B = {@value #FUSE_BIAS}:
         * −x_j·t^−1 + B ≡ −r_j·t^−1 + s_j ≡ ⌊q·m_j/t⌉ + e_j (mod q_i). While B − s_j ∈ [0, 63], x_j &lt; 64·t ≤ q_i, so
         * each limb is one kernel fmaMod (x·w + c with c the constant B) and the only Java pass is over N, not k·N.
         * Returns false (nothing usable written) if some s_j is out of range, i.e. e was not small.
         */
        private boolean applyFused(long[] m, long[] e, RnsRing r, long[] d, long[] x) {
            RnsBasis b = r.basis();
            int n = b.n();
            long t = mask + 1;
            long bad = 0;
            for (int j = 0; j < n; j++) {
                long rj = (qModT * m[j]) & mask;
                long c = FUSE_BIAS - (rj >>> shift) - e[j]; // B − s_j
                bad |= c & ~63L;
                x[j] = rj + t * c;
            }
            if (bad != 0) {
                return false;
            }
            if (bias == null || bias.length != n) {
                long[] c = new long[n];
                java.util.Arrays.fill(c, FUSE_BIAS);
                bias = c; // benign race: every thread builds the same read-only array
            }
            Kernels k = r.kernels();
            for (int i = 0; i < b.size(); i++) {
                k.fmaMod(d, i * n, x, 0, negTInv[i], bias, 0, n, b.modulus(i), 1);
            }
            return true;
        }

        private void applyPlain(long[] m, long[] e, RnsRing r, long[] d, long[] rem) {
            RnsBasis b = r.basis();
            int n = b.n();
            for (int j = 0; j < n; j++) {
                rem[j] = (qModT * m[j]) & mask;
            }
            Kernels k = r.kernels();
            for (int i = 0; i < b.size(); i++) {
                Modulus mod = b.modulus(i);
                long q = mod.value();
                int off = i * n;
                if (fitsBelow[i]) { // r < t < q_i: already a residue
                    k.mulConstMod(d, off, rem, 0, negTInv[i], negTInvShoup[i], n, mod, 1);
                } else {
                    k.reduceMod(d, off, rem, 0, n, mod, 0, 1);
                    k.mulConstMod(d, off, d, off, negTInv[i], negTInvShoup[i], n, mod, 1);
                }
                if (e == null) {
                    for (int j = 0; j < n; j++) { // + [r ≥ t/2], branch-free (v + 1 ≤ q folds back to [0, q))
                        long v = d[off + j] + (rem[j] >>> shift) - q;
                        d[off + j] = v + ((v >> 63) & q);
                    }
                } else {
                    for (int j = 0; j < n; j++) { // + [r ≥ t/2] + e_j ∈ (−q, 2q): two branch-free corrections
                        long v = d[off + j] + (rem[j] >>> shift) + e[j];
                        v += (v >> 63) & q;
                        v -= q;
                        d[off + j] = v + ((v >> 63) & q);
                    }
                }
            }
        }
    }
}
