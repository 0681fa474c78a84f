package dev.heq.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heq.kernel.KernelProvider;
import dev.heq.kernel.TierUnavailableException;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.Primes;
import dev.heq.primitives.AesCtrPrg;
import dev.heq.ring.RnsPoly.Form;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RingTest {
    // ring tests must not depend on dev.heq.he (layering), so they carry their own small helpers

    static List<Kernels> tiers() {
        List<Kernels> out = new java.util.ArrayList<>();
        for (String name : KernelProvider.KNOWN_TIERS) {
            try {
                out.add(KernelProvider.load(name));
            } catch (TierUnavailableException e) {
                System.out.println("[tiers] skipping " + name + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** Distinct NTT primes of the given sizes (largest first per size). */
    static long[] chain(int n, int... bits) {
        long[] out = new long[bits.length];
        for (int i = 0; i < bits.length; i++) {
            int same = 0;
            for (int j = 0; j < i; j++) {
                same += bits[j] == bits[i] ? 1 : 0;
            }
            out[i] = Primes.nttPrimes(bits[i], n, same + 1)[same];
        }
        return out;
    }

    static Random random(String test) {
        long seed = Long.getLong("heq.tests.seed", System.nanoTime());
        System.out.println("[seed] " + test + " seed=" + seed + " (replay with -Dheq.tests.seed=" + seed + ")");
        return new Random(seed);
    }

    static long[] uniform(Random rnd, int n, int bits) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextLong() & ((1L << bits) - 1);
        }
        return v;
    }

    static long[] small(Random rnd, int n, long bound) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextLong(2 * bound + 1) - bound;
        }
        return v;
    }

    @Test
    void prgUniformIsInRangeAndRoughlyBalanced() {
        AesCtrPrg p = new AesCtrPrg(AesCtrPrg.keyFromLong(7));
        long q = Primes.nttPrime(49, 4096);
        long[] v = new long[1 << 16];
        p.fillUniform(v, 0, v.length, q);
        double mean = 0;
        for (long x : v) {
            assertTrue(x >= 0 && x < q);
            mean += (double) x / q;
        }
        mean /= v.length;
        // mean of U[0,1) over 65536 samples: σ ≈ 0.289/256 ≈ 0.0011; 6σ
        assertEquals(0.5, mean, 0.007);
        long[] small = new long[1 << 14];
        Sampler.centeredBinomial(p, small, 0, small.length);
        double var = 0;
        for (long e : small) {
            assertTrue(Math.abs(e) <= Sampler.ETA);
            var += e * e;
        }
        var /= small.length;
        assertEquals(10.5, var, 0.6); // CBD(21): σ² = 10.5
        Sampler.ternary(p, small, 0, small.length);
        int[] hist = new int[3];
        for (long e : small) {
            hist[(int) e + 1]++;
        }
        for (int h : hist) {
            assertEquals(small.length / 3.0, h, 400);
        }
    }

    /**
     * CBD(21) packs three samples per two keystream words (see {@link Sampler#centeredBinomial}): with G = ⌊n/3⌋ and
     * the stream words w_0, w_1, ..., sample G + g is CBD of w_g's bits [0, 42), sample 2G + g of w_{G+g}'s bits
     * [0, 42), sample g of the 44-bit w_g ≫ 42 + 2^22·(w_{G+g} ≫ 42) (its low 42 bits), and sample 3G + k of w_{2G+k}.
     * Checked against that definition on BigInteger bits of the raw stream, for every length mod 3, at an offset
     * inside a larger array (the in-place expansion must not touch anything outside its range).
     */
    @Test
    void centeredBinomialMatchesBitLevelDefinition() {
        Random rnd = random("centeredBinomialMatchesBitLevelDefinition");
        for (int n : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 100, 1000, 4096, 4097, 4098, 3001 + rnd.nextInt(3000)}) {
            long s = rnd.nextLong();
            int off = rnd.nextInt(5);
            long[] out = new long[off + n + 3];
            java.util.Arrays.fill(out, 0x7777L);
            Sampler.centeredBinomial(new AesCtrPrg(AesCtrPrg.keyFromLong(s)), out, off, n);
            AesCtrPrg ref = new AesCtrPrg(AesCtrPrg.keyFromLong(s));
            int groups = n / 3;
            BigInteger[] w = new BigInteger[n - groups];
            for (int i = 0; i < w.length; i++) {
                w[i] = new BigInteger(Long.toUnsignedString(ref.nextLong()));
            }
            long[] want = new long[n];
            for (int g = 0; g < groups; g++) {
                want[groups + g] = cbdOfBits(w[g]);
                want[2 * groups + g] = cbdOfBits(w[groups + g]);
                want[g] = cbdOfBits(w[g].shiftRight(42).or(w[groups + g].shiftRight(42).shiftLeft(22)));
            }
            for (int k = 0; 3 * groups + k < n; k++) {
                want[3 * groups + k] = cbdOfBits(w[2 * groups + k]);
            }
            for (int i = 0; i < off; i++) {
                assertEquals(0x7777L, out[i], "n=" + n + ": slot before the range was written");
            }
            for (int i = off + n; i < out.length; i++) {
                assertEquals(0x7777L, out[i], "n=" + n + ": slot after the range was written");
            }
            assertArrayEquals(want, java.util.Arrays.copyOfRange(out, off, off + n), "n=" + n + " seed=" + s);
        }
    }

    private static long cbdOfBits(BigInteger b) {
        int plus = 0;
        int minus = 0;
        for (int k = 0; k < Sampler.ETA; k++) {
            plus += b.testBit(k) ? 1 : 0;
            minus += b.testBit(Sampler.ETA + k) ? 1 : 0;
        }
        return plus - minus;
    }

    /**
     * The fast paths of fillUniform, nextLongs and ternary give exactly the streams of the one-word-at-a-time
     * definitions (a wire format for a, reproducibility for keys), including after an unaligned nextBytes, for
     * moduli that almost never reject and ones that reject often.
     */
    @Test
    void bulkSamplersEqualWordByWordDefinitions() {
        Random rnd = random("bulkSamplers");
        for (long q : new long[] {Primes.nttPrime(49, 4096), Primes.nttPrime(60, 4096), (1L << 40) + 1, 3, (1L << 61) + 12345}) {
            for (int skip : new int[] {0, 3, 32}) {
                byte[] seed = AesCtrPrg.keyFromLong(rnd.nextLong());
                AesCtrPrg fast = new AesCtrPrg(seed, 5);
                AesCtrPrg slow = new AesCtrPrg(seed, 5);
                fast.nextBytes(new byte[skip]);
                slow.nextBytes(new byte[skip]);
                int n = 3000 + rnd.nextInt(3000);
                long[] got = new long[n + 7];
                fast.fillUniform(got, 7, n, q);
                long mask = -1L >>> Long.numberOfLeadingZeros(q - 1);
                for (int i = 0; i < n; i++) {
                    long v;
                    do {
                        v = slow.nextLong() & mask;
                    } while (v >= q);
                    assertEquals(v, got[7 + i], "q=" + q + " skip=" + skip + " i=" + i);
                }
                assertEquals(slow.nextLong(), fast.nextLong(), "stream position after fillUniform, q=" + q);
                long[] words = new long[1500];
                fast.nextLongs(words, 0, words.length);
                for (long w : words) {
                    assertEquals(slow.nextLong(), w);
                }
                long[] tern = new long[2000 + rnd.nextInt(100)];
                Sampler.ternary(fast, tern, 0, tern.length);
                int i = 0;
                while (i < tern.length) { // the definition: 2-bit fields of each word, 3 rejected, rest of last word dropped
                    long r = slow.nextLong();
                    for (int f = 0; f < 32 && i < tern.length; f++, r >>>= 2) {
                        if ((r & 3) != 3) {
                            assertEquals((r & 3) - 1, tern[i++], "ternary " + i);
                        }
                    }
                }
                assertEquals(slow.nextLong(), fast.nextLong(), "stream position after ternary");
            }
        }
        // the per-thread seed expansion equals a fresh generator's per-limb fillUniform
        long[] primes = chain(1024, 50, 49, 30);
        byte[] seed = AesCtrPrg.keyFromLong(rnd.nextLong());
        long[] a = new long[3 * 1024];
        AesCtrPrg.expandUniform(seed, 9, a, 1024, primes);
        AesCtrPrg ref = new AesCtrPrg(seed, 9);
        long[] b = new long[3 * 1024];
        for (int i = 0; i < 3; i++) {
            ref.fillUniform(b, i * 1024, 1024, primes[i]);
        }
        assertArrayEquals(b, a);
        RnsRing ring = new RnsRing(RnsBasis.of(1024, primes), RingTest.tiers().get(0));
        assertArrayEquals(b, ring.expandUniform(seed, 9, Form.NTT).data());
        assertEquals(ring.sampleUniform(new AesCtrPrg(seed, 9), Form.NTT), ring.expandUniform(seed, 9, Form.NTT));
    }

    /** fromSigned's small-input path and addSigned against BigInteger, with inputs at the smallest prime's edge. */
    @ParameterizedTest
    @MethodSource("tiers")
    void smallSignedLiftsMatchBigInteger(Kernels k) {
        Random rnd = random("smallSigned/" + k.tier());
        int n = 64;
        RnsBasis basis = RnsBasis.of(n, chain(n, 50, 30, 61));
        RnsRing ring = new RnsRing(basis, k);
        BigInteger q = basis.product();
        long q30 = basis.prime(1);
        for (long bound : new long[] {1, 21, q30 - 1, q30, 1L << 40}) {
            long[] x = small(rnd, n, bound);
            x[0] = bound;
            x[1] = -bound;
            long[] base = small(rnd, n, 1L << 61);
            RnsPoly lifted = ring.fromSigned(x, Form.COEFF);
            RnsPoly sum = ring.fromSigned(base, Form.COEFF);
            ring.addSigned(sum, x);
            for (int j = 0; j < n; j++) {
                assertEquals(BigInteger.valueOf(x[j]).mod(q), lifted.coefficient(j), "bound " + bound + " j=" + j);
                assertEquals(BigInteger.valueOf(x[j]).add(BigInteger.valueOf(base[j])).mod(q), sum.coefficient(j), "sum, bound " + bound);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ring.addSigned(ring.zero(Form.NTT), new long[n]), "addSigned in NTT form");
    }

    @ParameterizedTest
    @MethodSource("tiers")
    void nttProductEqualsSchoolbookNegacyclic(Kernels k) {
        Random rnd = random("nttProduct/" + k.tier());
        int n = 64;
        RnsBasis basis = RnsBasis.of(n, chain(n, 30, 50, 61));
        RnsRing ring = new RnsRing(basis, k);
        long[] a = small(rnd, n, 1L << 40);
        long[] b = small(rnd, n, 1L << 40);
        RnsPoly pa = ring.fromSigned(a, Form.NTT);
        RnsPoly pb = ring.fromSigned(b, Form.NTT);
        RnsPoly prod = ring.zero(Form.NTT);
        ring.mul(pa, pb, prod);
        ring.toCoeff(prod);
        BigInteger q = basis.product();
        for (int j = 0; j < n; j++) {
            BigInteger want = BigInteger.ZERO;
            for (int i = 0; i < n; i++) {
                int other = j - i;
                BigInteger p = BigInteger.valueOf(a[i]);
                want = other >= 0 ? want.add(p.multiply(BigInteger.valueOf(b[other])))
                        : want.subtract(p.multiply(BigInteger.valueOf(b[other + n])));
            }
            assertEquals(want.mod(q), prod.coefficient(j), "coefficient " + j);
        }
        // mulAdd: a·b + c in one pass per limb, in place on c (the encryptor's use), against the checked product
        long[] c = small(rnd, n, 1L << 61);
        RnsPoly fused = ring.fromSigned(c, Form.NTT);
        ring.mulAdd(pa, pb, fused, fused);
        ring.toCoeff(fused);
        for (int j = 0; j < n; j++) {
            assertEquals(prod.coefficient(j).add(BigInteger.valueOf(c[j])).mod(q), fused.coefficient(j), "mulAdd coefficient " + j);
        }
        // round trip and signed lift of extremes
        long[] edge = new long[n];
        edge[0] = Long.MIN_VALUE;
        edge[1] = Long.MAX_VALUE;
        edge[2] = -1;
        RnsPoly pe = ring.fromSigned(edge, Form.NTT);
        ring.toCoeff(pe);
        assertEquals(BigInteger.valueOf(Long.MIN_VALUE).mod(q), pe.coefficient(0));
        assertEquals(BigInteger.valueOf(Long.MAX_VALUE).mod(q), pe.coefficient(1));
        assertEquals(q.subtract(BigInteger.ONE), pe.coefficient(2));
    }

    @ParameterizedTest
    @MethodSource("tiers")
    void rounderMatchesExactRounding(Kernels k) {
        Random rnd = random("rounder/" + k.tier());
        int n = 64;
        for (int[] bits : new int[][] {{30, 30, 30}, {60, 49}, {50}, {36, 61, 45}}) {
            RnsBasis basis = RnsBasis.of(n, chain(n, bits));
            RnsRing ring = new RnsRing(basis, k);
            BigInteger q = basis.product();
            // a basis prime as target: with two primes that is the exact rescaling path (switching to a chain prime)
            for (long target : new long[] {1L << 2, 1L << 13, 1L << 37, 1L << 60, Primes.nttPrime(40, n), Primes.nttPrime(61, n), basis.prime(0),
                basis.prime(basis.size() - 1)}) {
                if (BigInteger.valueOf(target).compareTo(q) >= 0) {
                    continue;
                }
                // random x, plus x placed exactly at and next to rounding boundaries
                BigInteger[] xs = new BigInteger[n];
                for (int j = 0; j < n; j++) {
                    xs[j] = new BigInteger(q.bitLength() + 8, rnd).mod(q);
                }
                BigInteger tt = BigInteger.valueOf(target);
                for (int j = 0; j < 8; j++) { // x ≈ (m + 1/2)·Q/T ± 1
                    BigInteger m = new BigInteger(60, rnd).mod(tt);
                    BigInteger x = m.shiftLeft(1).add(BigInteger.ONE).multiply(q).divide(tt.shiftLeft(1));
                    xs[j] = x.add(BigInteger.valueOf(j % 3 - 1)).mod(q);
                }
                xs[9] = BigInteger.ZERO;
                xs[10] = q.subtract(BigInteger.ONE);
                long[] data = new long[basis.size() * n];
                for (int i = 0; i < basis.size(); i++) {
                    for (int j = 0; j < n; j++) {
                        data[i * n + j] = xs[j].mod(BigInteger.valueOf(basis.prime(i))).longValue();
                    }
                }
                long[] out = new long[n];
                RnsRounder rounder = new RnsRounder(ring, target);
                rounder.round(new RnsPoly(basis, data, Form.COEFF), out);
                // the other entry points give the same values: selected indices, scratch-destroying, residues
                int[] sel = {0, 5, 9, 10, n - 1};
                long[] picked = new long[sel.length];
                rounder.round(new RnsPoly(basis, data, Form.COEFF), sel, picked);
                long[] destroyed = new long[sel.length];
                rounder.roundDestroying(new RnsPoly(basis, data.clone(), Form.COEFF), sel, destroyed);
                for (int c = 0; c < sel.length; c++) {
                    assertEquals(out[sel[c]], picked[c]);
                    assertEquals(out[sel[c]], destroyed[c]);
                }
                if (basis.size() == 1) {
                    long[] viaResidues = new long[n];
                    rounder.roundResidues(data, n, viaResidues);
                    assertArrayEquals(out, viaResidues);
                }
                for (int j = 0; j < n; j++) {
                    // ⌊T·x/Q⌉ = ⌊(2·T·x + Q) / 2Q⌋
                    BigInteger[] qr = tt.multiply(xs[j]).shiftLeft(1).add(q).divideAndRemainder(q.shiftLeft(1));
                    long want = qr[0].mod(tt).longValue();
                    // documented tolerance: within k·2^-63 above a half, the rounder may round down
                    boolean nearTie = qr[1].shiftLeft(63).compareTo(q.shiftLeft(1).multiply(BigInteger.valueOf(basis.size()))) < 0;
                    if (nearTie && out[j] == Math.floorMod(want - 1, target)) {
                        continue;
                    }
                    assertEquals(want, out[j], "T=" + target + " basis " + basis + " j=" + j);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("tiers")
    void elementwiseOpsMatchBigInteger(Kernels k) {
        Random rnd = random("eltwise/" + k.tier());
        int n = 32;
        RnsBasis basis = RnsBasis.of(n, chain(n, 40, 40));
        RnsRing ring = new RnsRing(basis, k);
        long[] a = small(rnd, n, 1L << 50);
        long[] b = small(rnd, n, 1L << 50);
        RnsPoly pa = ring.fromSigned(a, Form.COEFF);
        RnsPoly pb = ring.fromSigned(b, Form.COEFF);
        RnsPoly s = ring.zero(Form.COEFF);
        RnsPoly d = ring.zero(Form.COEFF);
        RnsPoly m = ring.zero(Form.COEFF);
        ring.add(pa, pb, s);
        ring.sub(pa, pb, d);
        ring.mulScalar(pa, -12345, m);
        BigInteger q = basis.product();
        for (int j = 0; j < n; j++) {
            assertEquals(BigInteger.valueOf(a[j]).add(BigInteger.valueOf(b[j])).mod(q), s.coefficient(j));
            assertEquals(BigInteger.valueOf(a[j]).subtract(BigInteger.valueOf(b[j])).mod(q), d.coefficient(j));
            assertEquals(BigInteger.valueOf(a[j]).multiply(BigInteger.valueOf(-12345)).mod(q), m.coefficient(j));
        }
        assertThrows(IllegalArgumentException.class, () -> ring.mul(pa, pb, m), "mul of coefficient-form polys");
        RnsPoly other = new RnsRing(RnsBasis.of(n, chain(n, 41)), k).zero(Form.COEFF);
        assertThrows(IllegalArgumentException.class, () -> ring.add(pa, other, s), "basis mismatch");
    }
}
