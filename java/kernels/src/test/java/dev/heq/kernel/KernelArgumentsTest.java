package dev.heq.kernel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad arguments get IllegalArgumentException naming the value (checked once: the checks are final in Kernels). */
class KernelArgumentsTest {
    private static final Kernels K = KernelProvider.reference();

    private static void rejects(String mustContain, Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(mustContain), "message '" + ex.getMessage() + "' should name '" + mustContain + "'");
    }

    @Test
    void badNttParameters() {
        rejects("N=3", () -> NttTables.of(3, 97));
        rejects("N=1", () -> NttTables.of(1, 97));
        rejects("N=262144", () -> NttTables.of(1 << 18, Primes.nttPrime(60, 1 << 17)));
        rejects("not prime", () -> NttTables.of(8, 17L * 97)); // 1649 ≡ 1 mod 16, composite
        rejects("not ≡ 1", () -> NttTables.of(8, 97 + 2 * 0 + 4)); // 101 ≡ 5 mod 16
        rejects("2^62", () -> NttTables.of(8, 1L << 62));
        rejects("q=1", () -> Modulus.of(1));
        rejects("bit size", () -> Primes.nttPrimes(63, 8, 1));
    }

    @Test
    void badArraysAndFactors() {
        long q = Primes.nttPrime(50, 16);
        NttTables t = NttTables.of(16, q);
        Modulus m = t.modulus();
        long[] a = new long[16];
        rejects("too short", () -> K.forwardNtt(a, 0, new long[15], 0, t, 1, 1));
        rejects("too short", () -> K.forwardNtt(new long[20], 5, a, 0, t, 1, 1));
        rejects("offset -1", () -> K.forwardNtt(a, 0, a, -1, t, 1, 1));
        rejects("input factor=3", () -> K.forwardNtt(a, 0, a, 0, t, 3, 1));
        rejects("output factor=2", () -> K.forwardNtt(a, 0, a, 0, t, 1, 2));
        rejects("input factor=4", () -> K.inverseNtt(a, 0, a, 0, t, 4, 1));
        rejects("output factor=4", () -> K.inverseNtt(a, 0, a, 0, t, 1, 4));
        long[] big = new long[32];
        rejects("partially overlaps", () -> K.forwardNtt(big, 3, big, 0, t, 1, 1));
        rejects("mulMod input factor=8", () -> K.mulMod(a, 0, a, 0, a, 0, 16, m, 8));
        rejects("length n=-1", () -> K.addMod(a, 0, a, 0, a, 0, -1, m));
        rejects("array b must not be null", () -> K.addMod(a, 0, a, 0, null, 0, 16, m));
        rejects("wShoup", () -> K.mulConstMod(a, 0, a, 0, 5, 12345, 16, m, 1));
        rejects("must be < q", () -> K.mulConstMod(a, 0, a, 0, q, m.shoup(0), 16, m, 1));
        rejects("reduceMod input factor=1", () -> K.reduceMod(a, 0, a, 0, 16, m, 1, 1));
        rejects("count=3", () -> K.mulAccumulate(a, 0, new long[][] {a}, new long[][] {a}, 3, 0, 16, m));
        rejects("overlaps", () -> K.mulAccumulate(a, 0, new long[][] {a}, new long[][] {new long[16]}, 1, 0, 16, m));
        long[][] x = {new long[16]};
        rejects("mulAccumulatePair count=2", () -> K.mulAccumulatePair(a, 0, new long[16], 0, x, x, x, 2, 0, 16, m));
        long[] two = new long[32];
        rejects("out0 overlaps out1", () -> K.mulAccumulatePair(two, 0, two, 8, x, x, x, 1, 0, 16, m));
        rejects("out1 overlaps b[0]", () -> K.mulAccumulatePair(new long[16], 0, a, 0, x, x, new long[][] {a}, 1, 0, 16, m));
        rejects("out0 overlaps a1[0]", () -> K.mulAccumulatePair(a, 0, new long[16], 0, x, new long[][] {a}, x, 1, 0, 16, m));
        rejects("array a0[0] too short", () -> K.mulAccumulatePair(a, 0, new long[16], 0, new long[][] {new long[15]}, x, x, 1, 0, 16, m));
        rejects("must not be null", () -> K.mulAccumulatePair(a, 0, new long[16], 0, x, null, x, 1, 0, 16, m));
    }

    @Test
    void forcedUnknownTierFailsWithReason() {
        TierUnavailableException e = assertThrows(TierUnavailableException.class, () -> KernelProvider.load("gpu"));
        assertTrue(e.getMessage().contains("unknown kernel tier 'gpu'"), e.getMessage());
    }
}
