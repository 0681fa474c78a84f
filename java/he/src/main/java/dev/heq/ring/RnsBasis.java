package dev.heq.ring;

import dev.heq.kernel.Modulus;
import dev.heq.kernel.NttTables;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * An RNS basis: ring degree N and distinct NTT primes q_0, …, q_{k−1} (each ≡ 1 mod 2N, below 2^62), with
 * their kernel tables and the CRT constants. Q = Π q_i. Immutable.
 */
public final class RnsBasis {
    private final int n;
    private final long[] primes;
    private final Modulus[] moduli;
    private final NttTables[] tables;
    private final BigInteger product;
    /** (Q/q_i)^−1 mod q_i and its Shoup factor: the first step of CRT reconstruction. */
    private final long[] qHatInv;
    private final long[] qHatInvShoup;
    /** Q/q_i, for BigInteger CRT reconstruction (tests, noise measurement). */
    private final BigInteger[] qHat;
    /** Cached: bases key the per-context caches (rounders, scale-up tables) looked up on every response. */
    private final int hash;

    private RnsBasis(int n, long[] primes) {
        this.n = n;
        this.primes = primes;
        this.hash = 31 * n + Arrays.hashCode(primes);
        int k = primes.length;
        this.moduli = new Modulus[k];
        this.tables = new NttTables[k];
        this.qHatInv = new long[k];
        this.qHatInvShoup = new long[k];
        this.qHat = new BigInteger[k];
        BigInteger p = BigInteger.ONE;
        for (long q : primes) {
            p = p.multiply(BigInteger.valueOf(q));
        }
        this.product = p;
        for (int i = 0; i < k; i++) {
            tables[i] = NttTables.of(n, primes[i]);
            moduli[i] = tables[i].modulus();
            BigInteger qi = BigInteger.valueOf(primes[i]);
            qHat[i] = p.divide(qi);
            qHatInv[i] = qHat[i].mod(qi).modInverse(qi).longValueExact();
            qHatInvShoup[i] = moduli[i].shoup(qHatInv[i]);
        }
    }

    /**
     * @throws IllegalArgumentException if there is no prime, a prime repeats, or a prime is not an NTT prime for N
     *                                  (the message names it)
     */
    public static RnsBasis of(int n, long... primes) {
        if (primes == null || primes.length == 0) {
            throw new IllegalArgumentException("an RNS basis needs at least one prime");
        }
        NttTables.checkDegree(n);
        long[] p = primes.clone();
        for (int i = 0; i < p.length; i++) {
            NttTables.checkNttModulus(n, p[i]);
            for (int j = 0; j < i; j++) {
                if (p[j] == p[i]) {
                    throw new IllegalArgumentException("prime " + p[i] + " appears twice in the RNS basis");
                }
            }
        }
        return new RnsBasis(n, p);
    }

    public int n() {
        return n;
    }

    /** Number of primes k. */
    public int size() {
        return primes.length;
    }

    public long prime(int i) {
        return primes[i];
    }

    public long[] primes() {
        return primes.clone();
    }

    public Modulus modulus(int i) {
        return moduli[i];
    }

    public NttTables tables(int i) {
        return tables[i];
    }

    /** Q = Π q_i. */
    public BigInteger product() {
        return product;
    }

    /** Σ ⌈log2 q_i⌉: the bit count the HE Standard table is compared with (as SEAL's CoeffModulus does). */
    public int totalBits() {
        int b = 0;
        for (long q : primes) {
            b += 64 - Long.numberOfLeadingZeros(q);
        }
        return b;
    }

    /** Bits needed to store a residue mod q_i: ⌈log2 q_i⌉ (values are in [0, q_i)). */
    public int residueBits(int i) {
        return 64 - Long.numberOfLeadingZeros(primes[i] - 1);
    }

    /** (Q/q_i)^−1 mod q_i. */
    public long qHatInv(int i) {
        return qHatInv[i];
    }

    public long qHatInvShoup(int i) {
        return qHatInvShoup[i];
    }

    /** Q/q_i. */
    public BigInteger qHat(int i) {
        return qHat[i];
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof RnsBasis b && b.n == n && Arrays.equals(b.primes, primes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "RnsBasis[N=" + n + ", primes=" + Arrays.toString(primes) + ", " + totalBits() + " bits]";
    }
}
