package dev.heq.he;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heq.kernel.Kernels;
import dev.heq.primitives.AesCtrPrg;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Mask + modulus switch + bit dropping reconstructs share_client + share_server = m (mod t), per preset and mode. */
class ResponseTest {

    static int[] selection(Random rnd, int n, int count) {
        boolean[] pick = new boolean[n];
        int k = 0;
        while (k < count) {
            int i = rnd.nextInt(n);
            if (!pick[i]) {
                pick[i] = true;
                k++;
            }
        }
        int[] sel = new int[count];
        for (int i = 0, c = 0; i < n; i++) {
            if (pick[i]) {
                sel[c++] = i;
            }
        }
        return sel;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        // every preset and mode on the JVM's tier; one case per mode on each other tier (keeps the suite short)
        Kernels chosen = TestTiers.chosen();
        out.add(Arguments.of(chosen, HeParameters.cheetah(), false));
        out.add(Arguments.of(chosen, HeParameters.cheetah(), true));
        out.add(Arguments.of(chosen, HeParameters.quantized(12), false));
        out.add(Arguments.of(chosen, HeParameters.quantized(16, true), true));
        out.add(Arguments.of(chosen, HeParameters.quantized(24), false));
        out.add(Arguments.of(chosen, HeParameters.quantized(24, true), true));
        for (Kernels k : TestTiers.available()) {
            if (!k.tier().equals(chosen.tier())) {
                out.add(Arguments.of(k, HeParameters.cheetah(), false));
                out.add(Arguments.of(k, HeParameters.quantized(16, true), true));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} flood={2}")
    @MethodSource("cases")
    void sharesReconstructTheResult(Kernels k, HeParameters p, boolean flood) {
        Random rnd = TestTiers.random("response/" + k.tier() + "/" + p.name() + "/" + flood);
        HeContext ctx = HeContext.of(p, k);
        KeyGenerator kg = new KeyGenerator(ctx, new AesCtrPrg(AesCtrPrg.keyFromLong(rnd.nextLong())));
        SecretKey sk = kg.secretKey();
        PublicKey pk = kg.publicKey(sk);
        // weights: 4-bit for the quantized presets; 12-bit fixed point (Cheetah's f = 12) scaled down under flooding so 40-bit flooding fits
        int wMax = p.plainBits() == 37 ? (flood ? 15 : 1 << 11) : 7;
        TestTiers.Workload w = TestTiers.workload(ctx, sk, rnd, 8, wMax);
        CircuitPrivacy privacy = flood ? CircuitPrivacy.Flood.forNoise(NoiseModel.productBound(w.weightL1()), p.n()) : CircuitPrivacy.approx();
        ResponseEncoder server = new ResponseEncoder(ctx, pk, new AesCtrPrg(AesCtrPrg.keyFromLong(rnd.nextLong())));
        Decryptor client = new Decryptor(ctx, sk);
        HeCodec codec = new HeCodec(ctx);
        long mask = p.plainModulus() - 1;
        for (ResponseFormat f : new ResponseFormat[] {ResponseFormat.exact(p), ResponseFormat.standard(p), ResponseFormat.cheetah(p)}) {
            for (int used : new int[] {16, 1024}) {
                int[] sel = selection(rnd, p.n(), used);
                ResponseEncoder.Result r = server.respond(w.result(), sel, f, privacy);
                byte[] wire = codec.writeResponse(r.response());
                assertEquals(codec.responseBytes(f, used), wire.length);
                long[] clientShare = client.decryptResponse(codec.readResponse(wire));
                int off = 0;
                for (int i = 0; i < used; i++) {
                    long got = (clientShare[i] + r.serverShare()[i]) & mask;
                    long err = (got - w.expected()[sel[i]]) & mask;
                    if (err != 0) {
                        assertTrue(!flood && (err == 1 || err == mask), "coefficient " + sel[i] + " off by " + err + " under " + f);
                        off++;
                    }
                }
                System.out.printf("[response] %s %s %s used=%d: %d B, %d shares off by ±1%n", p.name(), flood ? "flood" : "approx", f, used,
                        wire.length, off);
            }
        }
    }

    /** Bit dropping: restore(drop(c)) ≡ c + δ (mod q') with |δ| ≤ 2^(d−1), values within the advertised width, at the edges. */
    @Test
    void dropRestoreErrorIsAtMostHalfAStep() {
        Random rnd = TestTiers.random("drop");
        for (long q : new long[] {HeParameters.cheetah().responsePrime(), HeParameters.quantized(16).responsePrime(), (1L << 40) + 1 + 8192 * 3}) {
            for (int d = 0; d < 64 - Long.numberOfLeadingZeros(q) - 1; d++) {
                ResponseFormat f = new ResponseFormat(q, d, d);
                long[] cs = {0, 1, q - 1, q - 2, q / 2, (q - 1) & ~((1L << d) - 1), rnd.nextLong(q), rnd.nextLong(q)};
                for (long c : cs) {
                    long k = ResponseFormat.drop(c, d, q);
                    assertTrue(k >= 0 && 64 - Long.numberOfLeadingZeros(k) <= f.c0Width(), "width at d=" + d);
                    long r = ResponseFormat.restore(k, d);
                    assertTrue(r >= 0 && r < q);
                    long delta = Math.floorMod(r - c, q);
                    delta = Math.min(delta, q - delta);
                    assertTrue(d == 0 ? delta == 0 : delta <= (1L << (d - 1)), "q=" + q + " d=" + d + " c=" + c + " δ=" + delta);
                }
            }
        }
        assertEquals(38, ResponseFormat.cheetah(HeParameters.cheetah()).c0Width(), "OpenCheetah keeps 38 bits of c0 at ℓ = 37");
        assertEquals(50, ResponseFormat.cheetah(HeParameters.cheetah()).c1Width(), "and 50 bits of c1");
    }

    @Test
    void everyFloodingPresetFitsItsDocumentedFlooding() {
        for (HeParameters p : HeParameters.presets()) {
            if (p.name().endsWith("-flood")) {
                int fb = NoiseModel.floodBits(NoiseModel.productBound(NoiseModel.presetWeightL1(p.plainBits())), p.n());
                assertTrue(fb <= NoiseModel.log2Q(p) - p.plainBits() - 3, p + " cannot hold 2^" + fb + " flooding");
            }
        }
    }

    /** Switching to a chain prime other than the default response prime works; a foreign prime is refused on both sides. */
    @Test
    void responseModulusIsAChainPrimeOrTheResponsePrime() {
        Random rnd = TestTiers.random("responseModulus");
        HeParameters p = HeParameters.quantized(16, true);
        HeContext ctx = HeContext.of(p, TestTiers.chosen());
        KeyGenerator kg = new KeyGenerator(ctx, new AesCtrPrg(AesCtrPrg.keyFromLong(rnd.nextLong())));
        SecretKey sk = kg.secretKey();
        ResponseEncoder server = new ResponseEncoder(ctx, kg.publicKey(sk), new AesCtrPrg(AesCtrPrg.keyFromLong(rnd.nextLong())));
        TestTiers.Workload w = TestTiers.workload(ctx, sk, rnd, 2, 7);
        long chainPrime = p.primes()[1];
        int[] sel = selection(rnd, p.n(), 100);
        ResponseFormat f = new ResponseFormat(chainPrime, 46 - 16 - 3, 46 - 16 - 3 - 12);
        ResponseEncoder.Result r = server.respond(w.result(), sel, f, CircuitPrivacy.Flood.forNoise(NoiseModel.productBound(w.weightL1()), p.n()));
        HeCodec codec = new HeCodec(ctx);
        long[] client = new Decryptor(ctx, sk).decryptResponse(codec.readResponse(codec.writeResponse(r.response())));
        for (int i = 0; i < sel.length; i++) {
            assertEquals(w.expected()[sel[i]], (client[i] + r.serverShare()[i]) & (p.plainModulus() - 1));
        }
        long foreign = dev.heq.kernel.Primes.nttPrime(44, p.n());
        assertThrows(IllegalArgumentException.class, () -> server.respond(w.result(), sel, new ResponseFormat(foreign, 0, 0), CircuitPrivacy.approx()));
    }

    @Test
    void floodingThatDoesNotFitIsRefused() {
        HeParameters p = HeParameters.cheetah();
        HeContext ctx = HeContext.of(p, TestTiers.chosen());
        KeyGenerator kg = new KeyGenerator(ctx, new AesCtrPrg(AesCtrPrg.keyFromLong(1)));
        SecretKey sk = kg.secretKey();
        ResponseEncoder server = new ResponseEncoder(ctx, kg.publicKey(sk), new AesCtrPrg(AesCtrPrg.keyFromLong(2)));
        Ciphertext ct = new Evaluator(ctx).expand(new Encryptor(ctx, new AesCtrPrg(AesCtrPrg.keyFromLong(3))).encryptSymmetric(Plaintext.zero(37, 4096), sk));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> server.respond(ct, new int[] {0}, ResponseFormat.standard(p), new CircuitPrivacy.Flood(80)));
        assertTrue(e.getMessage().contains("flooding"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> server.respond(ct, new int[] {3, 3}, ResponseFormat.standard(p), CircuitPrivacy.approx()));
        assertThrows(IllegalArgumentException.class, () -> server.respond(ct, new int[] {4096}, ResponseFormat.standard(p), CircuitPrivacy.approx()));
    }
}
