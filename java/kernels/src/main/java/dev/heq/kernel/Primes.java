package dev.heq.kernel;

import java.util.ArrayList;
import java.util.List;

/** Primality and NTT-friendly prime generation. */
public final class Primes {
    private Primes() {}

    /**
     * Deterministic Miller–Rabin for all 64-bit inputs below 2^62: the first 12 prime bases are a proven witness
     * set for n < 3.3·10^24 (Sorenson &amp; Webster 2015), which covers every modulus HEQ accepts.
     */
    public static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        long[] small = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
        for (long p : small) {
            if (n % p == 0) {
                return n == p;
            }
        }
        if (n >= ModArith.MAX_MODULUS) {
            throw new IllegalArgumentException("isPrime supports n < 2^62, got " + Long.toUnsignedString(n));
        }
        long d = n - 1;
        int s = Long.numberOfTrailingZeros(d);
        d >>>= s;
        outer:
        for (long a : small) {
            long x = ModArith.powMod(a % n, d, n);
            if (x == 1 || x == n - 1) {
                continue;
            }
            for (int r = 1; r < s; r++) {
                x = ModArith.mulMod(x, x, n);
                if (x == n - 1) {
                    continue outer;
                }
            }
            return false;
        }
        return true;
    }

    /**
     * The {@code count} largest primes q &lt; 2^bits with q ≡ 1 (mod 2n), in decreasing order (the convention of
     * HEXL's GeneratePrimes and SEAL's CoeffModulus: deterministic, so both parties derive the same chain).
     *
     * @param bits bit size, 2 ≤ bits ≤ 62 (q ≥ 2^(bits−1) is required, so every prime has exactly {@code bits} bits)
     * @param n    ring degree, a power of two in [2, 2^17]
     * @throws IllegalArgumentException if fewer than {@code count} such primes exist
     */
    public static long[] nttPrimes(int bits, int n, int count) {
        if (bits < 2 || bits > 62) {
            throw new IllegalArgumentException("prime bit size must be in [2, 62], got " + bits);
        }
        NttTables.checkDegree(n);
        if (count < 1) {
            throw new IllegalArgumentException("count must be ≥ 1, got " + count);
        }
        long step = 2L * n;
        long upper = bits == 62 ? ModArith.MAX_MODULUS - 1 : (1L << bits) - 1;
        long lower = 1L << (bits - 1);
        // largest candidate ≤ upper with candidate ≡ 1 (mod 2n)
        long q = upper - ((upper - 1) % step);
        List<Long> found = new ArrayList<>(count);
        while (q > lower && found.size() < count) {
            if (isPrime(q)) {
                found.add(q);
            }
            q -= step;
        }
        if (found.size() < count) {
            throw new IllegalArgumentException("only " + found.size() + " primes of " + bits + " bits are ≡ 1 mod 2n for n=" + n
                    + "; asked for " + count);
        }
        return found.stream().mapToLong(Long::longValue).toArray();
    }

    /** The largest prime q &lt; 2^bits with q ≡ 1 (mod 2n). */
    public static long nttPrime(int bits, int n) {
        return nttPrimes(bits, n, 1)[0];
    }
}
