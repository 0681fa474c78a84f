package dev.heq.bench.kernels;

import dev.heq.kernel.KernelProvider;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.Modulus;
import dev.heq.kernel.NttTables;
import dev.heq.kernel.Primes;
import dev.heq.kernel.TierUnavailableException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every kernel × tier × N × modulus size. Setup checks one output of each kernel against the reference tier and
 * prints the tier and code path it measures; a tier that is not available here fails its own parameter rows
 * (pass {@code -p tier=...} to restrict). Many short iterations so median and best can be read from the raw data
 * (bench/format prints them).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 10, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1) // JVM flags: forks inherit bench/run.sh's, which come from pom.xml
public class KernelBench {
    @Param({"scalar", "simd", "ffm", "jna"})
    public String tier;

    @Param({"4096", "8192", "16384"})
    public int n;

    @Param({"30", "50", "60"})
    public int bits;

    Kernels k;
    NttTables t;
    Modulus m;
    long[] a;
    long[] b;
    long[] c;
    long[] out;
    long w;
    long wShoup;
    long[][] as;
    long[][] bs;
    /** Second ciphertext component for {@link #mulAccumulatePair64} (as = c0 parts, a1s = c1 parts, bs = plaintexts). */
    long[][] a1s;
    long[] out1;

    @Setup(Level.Trial)
    public void setup() throws TierUnavailableException {
        k = KernelProvider.load(tier);
        long q = Primes.nttPrime(bits, n);
        t = NttTables.of(n, q);
        m = t.modulus();
        SplittableRandom r = new SplittableRandom(42);
        a = r.longs(n, 0, q).toArray();
        b = r.longs(n, 0, q).toArray();
        c = r.longs(n, 0, q).toArray();
        out = new long[n];
        w = r.nextLong(q);
        wShoup = m.shoup(w);
        as = new long[64][];
        bs = new long[64][];
        for (int j = 0; j < 64; j++) {
            as[j] = r.longs(n, 0, q).toArray();
            bs[j] = r.longs(n, 0, q).toArray();
        }
        a1s = new long[64][];
        for (int j = 0; j < 64; j++) {
            a1s[j] = r.longs(n, 0, q).toArray();
        }
        out1 = new long[n];
        verify();
        System.err.println("[KernelBench] tier=" + tier + " path=" + k.path(n, q) + " (" + k.describe() + ") N=" + n + " q=" + q + ": outputs match the reference");
    }

    private void verify() {
        Kernels ref = KernelProvider.reference();
        long[] e = new long[n];
        long[] g = new long[n];
        ref.forwardNtt(e, 0, a, 0, t, 1, 1);
        k.forwardNtt(g, 0, a, 0, t, 1, 1);
        check("forwardNtt", e, g);
        ref.inverseNtt(e, 0, a, 0, t, 1, 1);
        k.inverseNtt(g, 0, a, 0, t, 1, 1);
        check("inverseNtt", e, g);
        ref.mulMod(e, 0, a, 0, b, 0, n, m, 1);
        k.mulMod(g, 0, a, 0, b, 0, n, m, 1);
        check("mulMod", e, g);
        ref.mulConstMod(e, 0, a, 0, w, wShoup, n, m, 1);
        k.mulConstMod(g, 0, a, 0, w, wShoup, n, m, 1);
        check("mulConstMod", e, g);
        ref.fmaMod(e, 0, a, 0, w, c, 0, n, m, 1);
        k.fmaMod(g, 0, a, 0, w, c, 0, n, m, 1);
        check("fmaMod", e, g);
        ref.mulAccumulate(e, 0, as, bs, 64, 0, n, m);
        k.mulAccumulate(g, 0, as, bs, 64, 0, n, m);
        check("mulAccumulate", e, g);
        long[] e1 = new long[n];
        long[] g1 = new long[n];
        ref.mulAccumulate(e1, 0, a1s, bs, 64, 0, n, m);
        k.mulAccumulatePair(g, 0, g1, 0, as, a1s, bs, 64, 0, n, m);
        check("mulAccumulatePair c0", e, g);
        check("mulAccumulatePair c1", e1, g1);
    }

    private void check(String op, long[] e, long[] g) {
        if (!Arrays.equals(e, g)) {
            throw new IllegalStateException(tier + " " + op + " differs from the reference at N=" + n + " bits=" + bits);
        }
    }

    @Benchmark
    public long[] forwardNtt() {
        k.forwardNtt(out, 0, a, 0, t, 1, 1);
        return out;
    }

    @Benchmark
    public long[] forwardNttLazy() {
        k.forwardNtt(out, 0, a, 0, t, 4, 4);
        return out;
    }

    @Benchmark
    public long[] inverseNtt() {
        k.inverseNtt(out, 0, a, 0, t, 1, 1);
        return out;
    }

    @Benchmark
    public long[] mulMod() {
        k.mulMod(out, 0, a, 0, b, 0, n, m, 1);
        return out;
    }

    @Benchmark
    public long[] mulConstMod() {
        k.mulConstMod(out, 0, a, 0, w, wShoup, n, m, 1);
        return out;
    }

    @Benchmark
    public long[] fmaMod() {
        k.fmaMod(out, 0, a, 0, w, c, 0, n, m, 1);
        return out;
    }

    @Benchmark
    public long[] addMod() {
        k.addMod(out, 0, a, 0, b, 0, n, m);
        return out;
    }

    /** 64 products accumulated (HomConv's inner loop); divide by 64 for the per-product cost. */
    @Benchmark
    public long[] mulAccumulate64() {
        k.mulAccumulate(out, 0, as, bs, 64, 0, n, m);
        return out;
    }

    /**
     * 64 ciphertext-shaped products, both components fused (each bs[j] read once); divide by 64 for the per-product
     * cost of one limb and compare with two {@link #mulAccumulate64} (the unfused path).
     */
    @Benchmark
    public long[] mulAccumulatePair64() {
        k.mulAccumulatePair(out, 0, out1, 0, as, a1s, bs, 64, 0, n, m);
        return out1;
    }
}
