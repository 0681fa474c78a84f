package dev.heq.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Validates the oracle itself against BigInteger: modular arithmetic at the edges, the forward NTT against naive
 * O(N²) evaluation at the odd powers of ψ, and negacyclic products against schoolbook multiplication.
 */
class ReferenceKernelsTest {
    private static final long SEED = Long.getLong("heq.tests.seed", System.nanoTime());
    private static final Kernels REF = KernelProvider.reference();
    private static final BigInteger TWO64 = BigInteger.ONE.shiftLeft(64);

    static {
        System.out.println("[ReferenceKernelsTest] seed=" + SEED + " (-Dheq.tests.seed=" + SEED + ")");
    }

    private static BigInteger u(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    @Test
    void mulModMatchesBigIntegerAtEdges() {
        SplittableRandom r = new SplittableRandom(SEED);
        long[] moduli = {2, 3, 65537, (1L << 31) - 1, 4294967291L, (1L << 50) - 27, Primes.nttPrime(60, 1024), (1L << 61) - 1, (1L << 62) - 57};
        for (long q : moduli) {
            long[] vals = {0, 1, q - 1, 2 * q - 1, 4 * q - 1, -1L, Long.MIN_VALUE, r.nextLong(), r.nextLong(q)};
            for (long a : vals) {
                for (long b : vals) {
                    long want = u(a).multiply(u(b)).mod(BigInteger.valueOf(q)).longValue();
                    assertEquals(want, ModArith.mulMod(a, b, q), "mulMod(" + Long.toUnsignedString(a) + ", " + Long.toUnsignedString(b) + ") mod " + q);
                }
                long hi = r.nextLong();
                long want = u(hi).shiftLeft(64).add(u(a)).mod(BigInteger.valueOf(q)).longValue();
                assertEquals(want, ModArith.reduce128(hi, a, q), "reduce128 mod " + q);
            }
            for (int i = 0; i < 200; i++) {
                long w = r.nextLong(q);
                long s = ModArith.shoup(w, q);
                assertEquals(u(w).shiftLeft(64).divide(BigInteger.valueOf(q)).longValue(), s, "shoup");
                assertEquals(s, Modulus.of(q).shoup(w), "Modulus.shoup (division-free) w=" + w + " q=" + q);
                if (q > 2 && Primes.isPrime(q) && w != 0) {
                    assertEquals(1, ModArith.mulMod(w, ModArith.invModPrime(w, q), q));
                }
            }
        }
    }

    /** The division-free Shoup factor at the edges of every modulus size 2..62 bits. */
    @Test
    void fastShoupMatchesBigInteger() {
        SplittableRandom r = new SplittableRandom(SEED + 4);
        for (int b = 2; b <= 62; b++) {
            long lo = 1L << (b - 1);
            long hi = b == 62 ? ModArith.MAX_MODULUS - 1 : (1L << b) - 1;
            for (long q : new long[] {lo, lo + 1, hi, hi - 1, lo + r.nextLong(hi - lo)}) {
                if (q < 2) {
                    continue;
                }
                Modulus m = Modulus.of(q);
                for (long w : new long[] {0, 1 % q, q - 1, q / 2, r.nextLong(q)}) {
                    assertEquals(u(w).shiftLeft(64).divide(BigInteger.valueOf(q)).longValue(), m.shoup(w), "shoup w=" + w + " q=" + q);
                }
            }
        }
    }

    @Test
    void primalityAgreesWithBigInteger() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        for (int i = 0; i < 3000; i++) {
            long n = r.nextLong(1L << (2 + r.nextInt(60)));
            assertEquals(BigInteger.valueOf(n).isProbablePrime(64), Primes.isPrime(n), "isPrime(" + n + ")");
        }
        // strong pseudoprimes to several bases
        for (long n : new long[] {2047L, 3215031751L, 341550071728321L, 3825123056546413051L, 1L << 61, (1L << 61) - 1}) {
            if (n < ModArith.MAX_MODULUS) {
                assertEquals(BigInteger.valueOf(n).isProbablePrime(64), Primes.isPrime(n), "isPrime(" + n + ")");
            }
        }
        for (int bits : new int[] {20, 30, 50, 60, 62}) {
            long[] ps = Primes.nttPrimes(bits, 4096, 3);
            for (int i = 0; i < ps.length; i++) {
                assertTrue(BigInteger.valueOf(ps[i]).isProbablePrime(64));
                assertEquals(1, ps[i] % 8192);
                assertEquals(bits, 64 - Long.numberOfLeadingZeros(ps[i]));
                if (i > 0) {
                    assertTrue(ps[i] < ps[i - 1]);
                }
            }
            // nothing was skipped: no prime ≡ 1 mod 2N lies between ps[0] and 2^bits
            for (long c = ps[0] + 8192; c < (1L << bits); c += 8192) {
                assertTrue(!BigInteger.valueOf(c).isProbablePrime(64), "missed prime " + c);
            }
        }
    }

    @Test
    void minimalPrimitiveRootIsMinimal() {
        for (int n : new int[] {2, 4, 8, 16, 64}) {
            long q = Primes.nttPrime(20, n);
            long psi = NttTables.of(n, q).psi();
            assertEquals(q - 1, ModArith.powMod(psi, n, q), "ψ^N = −1");
            for (long g = 2; g < psi; g++) {
                boolean primitive2n = ModArith.powMod(g, 2L * n, q) == 1 && ModArith.powMod(g, n, q) == q - 1;
                assertTrue(!primitive2n, g + " is a smaller primitive 2N-th root than " + psi);
            }
        }
    }

    /** y[j] = Σ a_i·ψ^((2·brv(j)+1)·i) mod q, evaluated with BigInteger. */
    @Test
    void forwardNttMatchesNaiveEvaluation() {
        SplittableRandom r = new SplittableRandom(SEED + 2);
        for (int logN = 1; logN <= 8; logN++) {
            int n = 1 << logN;
            for (int bits : new int[] {30, 50, 61}) {
                long q = Primes.nttPrime(bits, n);
                NttTables t = NttTables.of(n, q);
                BigInteger bq = BigInteger.valueOf(q);
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = r.nextLong(q);
                }
                a[0] = q - 1;
                long[] y = new long[n];
                REF.forwardNtt(y, 0, a, 0, t, 1, 1);
                for (int j = 0; j < n; j++) {
                    BigInteger x = BigInteger.valueOf(t.psi()).modPow(BigInteger.valueOf(2L * ModArith.bitReverse(j, logN) + 1), bq);
                    BigInteger acc = BigInteger.ZERO;
                    BigInteger xp = BigInteger.ONE;
                    for (int i = 0; i < n; i++) {
                        acc = acc.add(BigInteger.valueOf(a[i]).multiply(xp));
                        xp = xp.multiply(x).mod(bq);
                    }
                    assertEquals(acc.mod(bq).longValue(), y[j], "N=" + n + " q=" + q + " j=" + j);
                }
                long[] back = new long[n];
                REF.inverseNtt(back, 0, y, 0, t, 1, 1);
                assertArrayEquals(a, back, "inverse(forward(a)) N=" + n + " q=" + q);
            }
        }
    }

    /** INTT(NTT(a) ∘ NTT(b)) = a·b mod (X^N + 1), schoolbook in BigInteger. */
    @Test
    void nttProductIsNegacyclicConvolution() {
        SplittableRandom r = new SplittableRandom(SEED + 3);
        for (int n : new int[] {2, 8, 64, 256}) {
            for (int bits : new int[] {31, 50, 62}) {
                long q = Primes.nttPrime(bits, n);
                NttTables t = NttTables.of(n, q);
                Modulus m = t.modulus();
                long[] a = new long[n];
                long[] b = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = r.nextLong(q);
                    b[i] = r.nextLong(q);
                }
                BigInteger[] c = new BigInteger[n];
                java.util.Arrays.fill(c, BigInteger.ZERO);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        BigInteger p = BigInteger.valueOf(a[i]).multiply(BigInteger.valueOf(b[j]));
                        int kk = i + j;
                        c[kk % n] = kk < n ? c[kk].add(p) : c[kk - n].subtract(p);
                    }
                }
                long[] fa = a.clone();
                long[] fb = b.clone();
                REF.forwardNtt(fa, 0, t);
                REF.forwardNtt(fb, 0, t);
                REF.mulMod(fa, 0, fa, 0, fb, 0, n, m, 1);
                REF.inverseNtt(fa, 0, t);
                for (int i = 0; i < n; i++) {
                    assertEquals(c[i].mod(BigInteger.valueOf(q)).longValue(), fa[i], "coefficient " + i + " N=" + n + " q=" + q);
                }
            }
        }
    }

    @Test
    void referenceRejectsOutOfRangeInputs() {
        long q = Primes.nttPrime(50, 16);
        NttTables t = NttTables.of(16, q);
        long[] a = new long[16];
        a[3] = q; // not < 1·q
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> REF.forwardNtt(new long[16], 0, a, 0, t, 1, 1));
        assertTrue(e.getMessage().contains("[3]"), e.getMessage());
        REF.forwardNtt(new long[16], 0, a, 0, t, 2, 1); // fine with factor 2
        assertNotEquals(0, q);
    }
}
