package dev.heq.he;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heq.kernel.Kernels;
import dev.heq.primitives.AesCtrPrg;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BfvTest {

    /** Presets and secure custom parameters covering N = 2048…16384, 30-bit chains and 51–60-bit primes. */
    static List<HeParameters> allParameters() {
        List<HeParameters> l = new ArrayList<>(HeParameters.presets());
        l.add(HeParameters.of("n2048-30x1", 2048, HeParameters.chain(2048, 54), 20, HeParameters.chain(2048, 54)[0], false));
        l.add(HeParameters.of("n4096-30x3", 4096, HeParameters.chain(4096, 30, 30, 30), 24, HeParameters.chain(4096, 30)[0], false));
        long[] q8 = HeParameters.chain(8192, 60, 60, 50, 48);
        l.add(HeParameters.of("n8192-60.60.50.48", 8192, q8, 45, q8[0], false));
        long[] q16 = HeParameters.chain(16384, 50, 50, 50, 50, 50, 50, 50, 50, 38);
        l.add(HeParameters.of("n16384-50x8.38", 16384, q16, 60, HeParameters.chain(16384, 61)[0], false));
        l.add(HeParameters.of("n2048-l2", 2048, HeParameters.chain(2048, 30), 2, HeParameters.chain(2048, 30)[0], false));
        return l;
    }

    static Stream<Arguments> tiersAndParameters() {
        List<Arguments> out = new ArrayList<>();
        for (Kernels k : TestTiers.available()) {
            for (HeParameters p : allParameters()) {
                // the reference tier (the oracle, ~20× slower) skips N = 16384; the other tiers cover it
                if (!(k.tier().equals("reference") && p.n() > 8192)) {
                    out.add(Arguments.of(k, p));
                }
            }
        }
        return out.stream();
    }

    static List<Kernels> tiers() {
        return TestTiers.available();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tiersAndParameters")
    void decryptInvertsEncrypt(Kernels k, HeParameters p) {
        Random rnd = TestTiers.random("roundTrip/" + k.tier() + "/" + p.name());
        HeContext ctx = HeContext.of(p, k);
        KeyGenerator kg = new KeyGenerator(ctx, new AesCtrPrg(AesCtrPrg.keyFromLong(rnd.nextLong())));
        SecretKey sk = kg.secretKey();
        Encryptor enc = new Encryptor(ctx, new AesCtrPrg(AesCtrPrg.keyFromLong(rnd.nextLong())));
        Decryptor dec = new Decryptor(ctx, sk);
        long[] m = TestTiers.uniform(rnd, p.n(), p.plainBits());
        m[0] = 0;
        m[1] = p.plainModulus() - 1;
        m[2] = p.plainModulus() / 2;
        Plaintext pt = Plaintext.of(p.plainBits(), m);
        SeededCiphertext q = enc.encryptSymmetric(pt, sk);
        assertEquals(pt, dec.decrypt(q));
        // public-key encryption too
        Ciphertext pub = enc.encryptPublic(pt, kg.publicKey(sk));
        assertEquals(pt, dec.decrypt(pub));
        if (p.n() <= 4096) { // BigInteger noise measurement is slow; N = 4096 covers every preset
            Decryptor.Noise noise = dec.noise(new Evaluator(ctx).expand(q));
            assertTrue(noise.log2Noise() <= NoiseModel.log2(NoiseModel.queryBound()), "fresh noise 2^" + noise.log2Noise());
            assertTrue(dec.noise(pub).log2Noise() <= NoiseModel.log2(NoiseModel.rerandomizeBound(p.n()) + 1));
        }
    }

    /**
     * The encoder ⌊Q·m/t⌉ + e against BigInteger, on its fused path (64·t ≤ every q_i, small e), its plain path
     * (t close to or above the primes) and the fused path's fallback (an e too large for it).
     */
    @ParameterizedTest
    @MethodSource("tiers")
    void scaleUpMatchesBigInteger(Kernels k) {
        Random rnd = TestTiers.random("scaleUp/" + k.tier());
        int n = 64;
        HeParameters[] ps = {
            TestTiers.tiny(n, 20, 50, 50, 40), // fused
            TestTiers.tiny(n, 37, 60, 49), // fused (Cheetah's shape)
            TestTiers.tiny(n, 45, 50, 46), // 64·t > q_1: plain path
            TestTiers.tiny(n, 2, 30), // t = 4
        };
        for (HeParameters p : ps) {
            HeContext ctx = HeContext.of(p, k);
            java.math.BigInteger q = ctx.ring().basis().product();
            java.math.BigInteger t = java.math.BigInteger.valueOf(p.plainModulus());
            long[] m = TestTiers.uniform(rnd, n, p.plainBits());
            m[0] = 0;
            m[1] = p.plainModulus() - 1;
            m[2] = p.plainModulus() / 2;
            for (long eBound : new long[] {0, 21, 1L << 20}) {
                long[] e = new long[n];
                for (int j = 0; j < n; j++) {
                    e[j] = eBound == 0 ? 0 : rnd.nextLong(2 * eBound + 1) - eBound;
                }
                e[3] = -eBound;
                e[4] = eBound;
                dev.heq.ring.RnsPoly got = ctx.scaleUp(m, eBound == 0 ? null : e, ctx.ring(), dev.heq.ring.RnsPoly.Form.COEFF);
                for (int j = 0; j < n; j++) {
                    // ⌊Q·m/t⌉ = ⌊(2·Q·m + t) / 2t⌋
                    java.math.BigInteger want = q.multiply(java.math.BigInteger.valueOf(m[j])).shiftLeft(1).add(t).divide(t.shiftLeft(1))
                            .add(java.math.BigInteger.valueOf(e[j])).mod(q);
                    assertEquals(want, got.coefficient(j), p.name() + " e ≤ " + eBound + " j=" + j);
                }
            }
        }
    }

    @Test
    void defaultTierRoundTrip() {
        HeContext ctx = HeContext.of(HeParameters.cheetah());
        System.out.println("[tier] default " + ctx.kernels().describe());
        String required = System.getProperty("heq.tests.requireKernels", "");
        if (!required.isBlank()) {
            assertEquals(required, ctx.kernels().tier(), "heq.tests.requireKernels: another tier was chosen");
        }
        SecretKey sk = new KeyGenerator(ctx).secretKey();
        Random rnd = TestTiers.random("defaultTier");
        Plaintext pt = Plaintext.of(37, TestTiers.uniform(rnd, 4096, 37));
        assertEquals(pt, new Decryptor(ctx, sk).decrypt(new Encryptor(ctx).encryptSymmetric(pt, sk)));
    }

    /** Homomorphic results equal plaintext polynomial arithmetic mod t (BigInteger schoolbook at N = 256). */
    @ParameterizedTest
    @MethodSource("tiers")
    void homomorphicOpsMatchPlainArithmetic(Kernels k) {
        Random rnd = TestTiers.random("homOps/" + k.tier());
        HeParameters p = TestTiers.tiny(256, 20, 50, 50, 40);
        int n = p.n();
        int ell = p.plainBits();
        HeContext ctx = HeContext.of(p, k);
        SecretKey sk = new KeyGenerator(ctx, new AesCtrPrg(AesCtrPrg.keyFromLong(rnd.nextLong()))).secretKey();
        Encryptor enc = new Encryptor(ctx, new AesCtrPrg(AesCtrPrg.keyFromLong(rnd.nextLong())));
        Decryptor dec = new Decryptor(ctx, sk);
        Evaluator ev = new Evaluator(ctx);
        long[] a = TestTiers.uniform(rnd, n, ell);
        long[] b = TestTiers.uniform(rnd, n, ell);
        long[] w = TestTiers.uniform(rnd, n, ell); // full-range plaintext multiplier (centred lift)
        Ciphertext ca = ev.expand(enc.encryptSymmetric(Plaintext.of(ell, a), sk));
        Ciphertext cb = ev.expand(enc.encryptSymmetric(Plaintext.of(ell, b), sk));
        long mask = p.plainModulus() - 1;
        long[] sum = new long[n];
        long[] diff = new long[n];
        long[] scaled = new long[n];
        for (int j = 0; j < n; j++) {
            sum[j] = (a[j] + b[j]) & mask;
            diff[j] = (a[j] - b[j]) & mask;
            scaled[j] = (a[j] * -777) & mask;
        }
        assertArrayEquals(sum, dec.decrypt(ev.add(ca, cb)).toUnsigned(), "ct+ct");
        assertArrayEquals(diff, dec.decrypt(ev.sub(ca, cb)).toUnsigned(), "ct-ct");
        assertArrayEquals(sum, dec.decrypt(ev.addPlain(ca, Plaintext.of(ell, b))).toUnsigned(), "ct+pt");
        assertArrayEquals(diff, dec.decrypt(ev.subPlain(ca, Plaintext.of(ell, b))).toUnsigned(), "ct-pt");
        assertArrayEquals(sum, dec.decrypt(ev.addPlain(ev.toCoeff(ca), Plaintext.of(ell, b))).toUnsigned(), "ct+pt, coefficient form");
        assertArrayEquals(scaled, dec.decrypt(ev.mulScalar(ca, -777)).toUnsigned(), "scalar×ct");
        long[] prod = TestTiers.negacyclicBig(a, Plaintext.of(ell, w).toSigned(), ell);
        assertArrayEquals(prod, dec.decrypt(ev.mulPlain(ca, ev.prepare(Plaintext.of(ell, w)))).toUnsigned(), "ct×pt");
        // Σ ct_j × pt_j over 8 products
        int count = 8;
        Ciphertext[] cts = new Ciphertext[count];
        NttPlaintext[] pts = new NttPlaintext[count];
        long[] acc = new long[n];
        for (int j = 0; j < count; j++) {
            long[] m = TestTiers.uniform(rnd, n, ell);
            long[] wj = TestTiers.small(rnd, n, 1 << 10);
            cts[j] = ev.expand(enc.encryptSymmetric(Plaintext.of(ell, m), sk));
            pts[j] = ev.prepare(Plaintext.of(ell, wj));
            long[] pj = TestTiers.negacyclicBig(m, wj, ell);
            for (int i = 0; i < n; i++) {
                acc[i] = (acc[i] + pj[i]) & mask;
            }
        }
        assertArrayEquals(acc, dec.decrypt(ev.mulAccumulate(cts, pts, count)).toUnsigned(), "Σ ct×pt");
        assertThrows(IllegalArgumentException.class, () -> ev.mulPlain(ev.toCoeff(ca), pts[0]), "ct×pt needs NTT form");
        HeContext other = HeContext.of(TestTiers.tiny(256, 21, 50, 50, 40), k);
        assertThrows(IllegalArgumentException.class, () -> new Evaluator(other).add(ca, ca), "parameter mismatch");
    }

    /**
     * A conv-shaped Σ_{j<64} ct_j × pt_j with 4-bit weights on 3×3 kernels (Σ‖p_j‖₁ ≤ 64·9·8 = 4608 ≤ 2^15) under the
     * ℓ = 16 preset: decrypts to the plaintext result and its measured noise is below the documented bound.
     */
    @Test
    void convShapedAccumulationStaysDecryptable() {
        Random rnd = TestTiers.random("conv");
        HeParameters p = HeParameters.quantized(16);
        HeContext ctx = HeContext.of(p, TestTiers.chosen());
        SecretKey sk = new KeyGenerator(ctx, new AesCtrPrg(AesCtrPrg.keyFromLong(rnd.nextLong()))).secretKey();
        Decryptor dec = new Decryptor(ctx, sk);
        TestTiers.Workload w = TestTiers.workload(ctx, sk, rnd, 64, 8);
        Ciphertext res = w.result();
        double weightL1 = w.weightL1();
        assertArrayEquals(w.expected(), dec.decrypt(res).toUnsigned());
        Decryptor.Noise noise = dec.noise(res);
        double bound = NoiseModel.log2(NoiseModel.productBound(weightL1));
        System.out.printf("[noise] conv 64 products, Σ‖w‖₁=%.0f: measured 2^%.1f, bound 2^%.1f, budget left %.1f bits%n",
                weightL1, noise.log2Noise(), bound, noise.budgetBits());
        assertTrue(noise.log2Noise() <= bound);
        assertTrue(noise.budgetBits() > 10);
    }

    @Test
    void wrapOracleMatchesBigIntegerOracle() {
        Random rnd = TestTiers.random("wrapOracle");
        long[] a = TestTiers.uniform(rnd, 64, 40);
        long[] b = TestTiers.small(rnd, 64, 1L << 20);
        assertArrayEquals(TestTiers.negacyclicBig(a, b, 40), TestTiers.negacyclicWrap(a, b, 40));
        long[] sparse = new long[64];
        sparse[3] = -5;
        sparse[60] = 7;
        assertArrayEquals(TestTiers.negacyclicBig(a, sparse, 40), TestTiers.negacyclicSparse(a, sparse, 40));
    }

    @Test
    void insecureParametersAreRefusedNamingTheBound() {
        long[] q = HeParameters.chain(4096, 60, 50);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HeParameters.of("x", 4096, q, 37, q[0], false));
        assertTrue(e.getMessage().contains("109") && e.getMessage().contains("110"), e.getMessage());
        long[] q2 = HeParameters.chain(2048, 30, 25);
        e = assertThrows(IllegalArgumentException.class, () -> HeParameters.of("x", 2048, q2, 20, q2[0], false));
        assertTrue(e.getMessage().contains("54"), e.getMessage());
        long[] q3 = HeParameters.chain(1024, 20);
        e = assertThrows(IllegalArgumentException.class, () -> HeParameters.of("x", 1024, q3, 10, q3[0], false));
        assertTrue(e.getMessage().contains("N=1024"), e.getMessage());
        HeParameters.of("x", 1024, q3, 10, q3[0], true); // allowed when explicitly insecure
        assertThrows(IllegalArgumentException.class, () -> HeParameters.of("x", 4096, q, 61, q[0], true), "ℓ > 60");
        assertThrows(IllegalArgumentException.class, () -> HeParameters.of("x", 4096, new long[] {q[0], q[0]}, 20, q[0], true), "repeated prime");
        assertThrows(IllegalArgumentException.class, () -> HeParameters.of("x", 4096, new long[] {(1L << 40) + 1}, 20, q[0], true), "not NTT prime");
        assertEquals(109, HeParameters.cheetah().logQ());
        for (HeParameters p : HeParameters.presets()) {
            assertTrue(p.logQ() <= HeParameters.maxLogQ(p.n()), p.toString());
            for (long pr : p.primes()) {
                assertTrue(p.name().startsWith("cheetah") || pr < (1L << 50), "preset primes ≤ 50 bits: " + p);
            }
        }
    }
}
