package dev.heq.bench.ffi;

import dev.heq.kernel.Kernels;
import dev.heq.kernel.Modulus;
import dev.heq.kernel.NttTables;
import dev.heq.kernel.Primes;
import dev.heq.kernel.TierUnavailableException;
import dev.heq.kernel.reference.ReferenceKernels;
import dev.heq.kernel.ffi.Isa;
import dev.heq.kernel.ffi.NativeBinding;
import dev.heq.kernel.ffi.NativeKernels;
import dev.heq.kernel.ffi.ffm.FfmDowncalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A small JMH-free timing harness for the native tiers: every ISA path through FFM (and HEXL when built), the best
 * path through JNA, the cost of an empty downcall, and heap {@code long[]} versus 64-byte-aligned off-heap data.
 * Each measurement warms up, then takes the best (and median) of many short repetitions, which is the
 * reproducible figure on a shared, noisy machine. Every kernel's output is checked against the reference tier once
 * before it is timed. The off-heap and default-linkage calls are made here, straight on {@link FfmDowncalls}'
 * handles: they exist only for these measurements, so the ffm binding binds heap {@code long[]} regions only.
 *
 * <pre>
 *   java --enable-native-access=ALL-UNNAMED -cp ... dev.heq.bench.ffi.NativeKernelsHarness [quick]
 * </pre>
 */
public final class NativeKernelsHarness {
    private NativeKernelsHarness() {}

    private static int reps = 60;
    private static final Kernels REF = ReferenceKernels.INSTANCE;

    /** Runs {@code body} {@code inner} times per repetition; returns {best, median} ns per call. */
    private static double[] time(int inner, Runnable body) {
        for (int i = 0; i < Math.max(2000, 20 * inner); i++) {
            body.run();
        }
        double[] t = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < inner; i++) {
                body.run();
            }
            t[r] = (System.nanoTime() - t0) / (double) inner;
        }
        Arrays.sort(t);
        return new double[] {t[0], t[reps / 2]};
    }

    private static String fmt(double[] bm) {
        return String.format("%9.0f / %9.0f", bm[0], bm[1]);
    }

    private static String fmt1(double[] bm) {
        return String.format("%7.1f / %7.1f", bm[0], bm[1]);
    }

    private static long[] random(SplittableRandom r, int n, long q) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextLong(q);
        }
        return a;
    }

    private static Kernels tryBind(String binding, String isa) {
        try {
            return NativeKernels.forIsa(binding, isa);
        } catch (TierUnavailableException e) {
            System.out.println("  (" + binding + "/" + isa + " unavailable: " + e.getMessage() + ")");
            return null;
        }
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("quick");
        if (quick) {
            reps = 15;
        }
        SplittableRandom rnd = new SplittableRandom(42);
        NativeKernels ffmBest = NativeKernels.forIsa("ffm", Isa.best(NativeKernels.forIsa("ffm", "scalar").binding().caps()).suffix());
        System.out.println("NativeKernelsHarness: " + ffmBest.describe());
        System.out.println("JVM " + Runtime.version() + ", best / median ns per call over " + reps + " repetitions");

        // ------------------------------------------------------------------------------ empty downcalls
        NativeBinding ffm = ffmBest.binding();
        Kernels jnaK = tryBind("jna", "scalar");
        long[] small = new long[8];
        MemorySegment off = Arena.global().allocate(64, 64);
        System.out.println("\nempty downcall heq_noop(ptr, n), ns");
        System.out.println("  ffm critical(true), heap long[] segment : " + fmt1(time(100_000, () -> ffm.noop(small))));
        System.out.println("  ffm default linkage, global-arena segment: " + fmt1(time(100_000, () -> noopDefault(off))));
        if (jnaK != null) {
            var jb = ((NativeKernels) jnaK).binding();
            System.out.println("  jna direct mapping, long[]               : " + fmt1(time(20_000, () -> jb.noop(small))));
        }

        // ------------------------------------------------------------------------------ NTT per path
        String[] isas = {"scalar", "avx512dq", "avx512ifma", "hexl"};
        int[] bitsList = {30, 50, 60};
        for (int n : new int[] {4096, 16384}) {
            System.out.println("\nNTT N=" + n + " in place, factors 1/1, ns per call: best / median");
            for (int bits : bitsList) {
                long q = Primes.nttPrimes(bits, n, 1)[0];
                NttTables t = NttTables.of(n, q);
                long[] x0 = random(rnd, n, q);
                long[] want = x0.clone();
                REF.forwardNtt(want, 0, t);
                for (String isa : isas) {
                    Kernels k = bindPath(isa, ffm);
                    if (k == null || (isa.equals("avx512ifma") && q >= Isa.IFMA_MAX_Q)) {
                        continue;
                    }
                    bench(k, k.tier() + " " + isa, bits, t, x0, want);
                }
                if (jnaK != null) {
                    Kernels jb = NativeKernels.forIsa("jna", Isa.best(ffm.caps()).suffix());
                    bench(jb, "jna " + jb.path(n, q), bits, t, x0, want);
                }
            }
        }

        // ------------------------------------------------------------------------------ element-wise
        int n = 4096;
        System.out.println("\nelement-wise n=" + n + ", ns per call: best / median");
        for (int bits : bitsList) {
            long q = Primes.nttPrimes(bits, n, 1)[0];
            Modulus m = Modulus.of(q);
            long[] a = random(rnd, n, q), b = random(rnd, n, q), out = new long[n], want = new long[n];
            long w = rnd.nextLong(q), ws = m.shoup(w);
            REF.mulMod(want, 0, a, 0, b, 0, n, m, 1);
            long[] wantC = new long[n];
            REF.mulConstMod(wantC, 0, a, 0, w, ws, n, m, 1);
            for (String isa : isas) {
                Kernels k = bindPath(isa, ffm);
                if (k == null || (isa.equals("avx512ifma") && q >= Isa.IFMA_MAX_Q)) {
                    continue;
                }
                k.mulMod(out, 0, a, 0, b, 0, n, m, 1);
                check(out, want, isa + " mulMod");
                double[] mul = time(200, () -> k.mulMod(out, 0, a, 0, b, 0, n, m, 1));
                k.mulConstMod(out, 0, a, 0, w, ws, n, m, 1);
                check(out, wantC, isa + " mulConstMod");
                double[] mulc = time(200, () -> k.mulConstMod(out, 0, a, 0, w, ws, n, m, 1));
                double[] add = time(200, () -> k.addMod(out, 0, a, 0, b, 0, n, m));
                System.out.printf("  %d-bit %-4s %-10s mulMod %s | mulConstMod %s | addMod %s%n", bits, k.tier(), isa, fmt(mul), fmt(mulc), fmt(add));
            }
            if (jnaK != null) {
                Kernels jb = NativeKernels.forIsa("jna", Isa.best(ffm.caps()).suffix());
                jb.mulMod(out, 0, a, 0, b, 0, n, m, 1);
                check(out, want, "jna mulMod");
                System.out.printf("  %d-bit jna %-10s mulMod %s | mulConstMod %s%n", bits, jb.path(n, q),
                        fmt(time(200, () -> jb.mulMod(out, 0, a, 0, b, 0, n, m, 1))),
                        fmt(time(200, () -> jb.mulConstMod(out, 0, a, 0, w, ws, n, m, 1))));
            }
        }

        // ------------------------------------------------------------------------------ heap vs off-heap
        System.out.println("\nstorage: heap long[] (16-byte aligned, critical downcall) vs off-heap 64-byte aligned vs off-heap +16 bytes");
        for (int bits : new int[] {50, 60}) {
            for (int nn : new int[] {4096, 16384}) {
                long q = Primes.nttPrimes(bits, nn, 1)[0];
                NttTables t = NttTables.of(nn, q);
                Isa isa = Isa.forNtt(ffmBest.maxIsa(), nn, q);
                Object tab = ffm.prepareTables(t);
                long[] x = random(rnd, nn, q), y = random(rnd, nn, q), o = new long[nn];
                Arena arena = Arena.ofAuto();
                MemorySegment al = arena.allocate(8L * nn + 64, 64).asSlice(0, 8L * nn);
                MemorySegment mis = arena.allocate(8L * nn + 64, 64).asSlice(16, 8L * nn);
                MemorySegment ya = arena.allocate(8L * nn, 64), oa = arena.allocate(8L * nn, 64);
                MemorySegment.copy(x, 0, al, ValueLayout.JAVA_LONG, 0, nn);
                MemorySegment.copy(x, 0, mis, ValueLayout.JAVA_LONG, 0, nn);
                MemorySegment.copy(y, 0, ya, ValueLayout.JAVA_LONG, 0, nn);
                // NTT in place repeatedly keeps values in [0, q) (output factor 1), so repeated calls stay in contract
                double[] heapNtt = time(50, () -> ffm.nttForward(isa, x, 0, x, 0, tab, nn, q, 1, 1));
                double[] alNtt = time(50, () -> nttForward(isa, al, tab, nn, q));
                double[] misNtt = time(50, () -> nttForward(isa, mis, tab, nn, q));
                Isa ei = Isa.forModulus(ffmBest.maxIsa(), q);
                double[] heapMul = time(200, () -> ffm.mulMod(ei, o, 0, x, 0, y, 0, nn, q, 1));
                double[] alMul = time(200, () -> mulMod(ei, oa, al, ya, nn, q));
                double[] misMul = time(200, () -> mulMod(ei, oa, mis, ya, nn, q));
                System.out.printf("  %d-bit N=%5d %-10s fwd NTT heap %s | aligned %s | +16B %s%n", bits, nn, isa.pathName(), fmt(heapNtt), fmt(alNtt), fmt(misNtt));
                System.out.printf("  %d-bit N=%5d %-10s mulMod  heap %s | aligned %s | +16B %s%n", bits, nn, ei.pathName(), fmt(heapMul), fmt(alMul), fmt(misMul));
            }
        }
    }

    /** "scalar", "avx512dq", "avx512ifma" through ffm, or "hexl" (HEQ's kernels it lacks at the best ISA); null if unavailable. */
    private static Kernels bindPath(String path, NativeBinding ffm) {
        try {
            return path.equals("hexl") ? NativeKernels.forIsa("hexl", Isa.best(ffm.caps()).suffix()) : NativeKernels.forIsa("ffm", path);
        } catch (TierUnavailableException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ off-heap and default-linkage calls (measurement only)

    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new IllegalStateException("native call failed", e);
    }

    /** An empty downcall through a default (non-critical) handle on an off-heap segment, for comparison. */
    private static void noopDefault(MemorySegment s) {
        try {
            FfmDowncalls.NOOP_DEFAULT.invokeExact(s, s.byteSize());
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** In-place forward NTT, factors 1/1, on an off-heap segment (the "aligned off-heap" side of the storage measurement). */
    private static void nttForward(Isa isa, MemorySegment data, Object table, int n, long q) {
        MemorySegment tab = (MemorySegment) table;
        try {
            switch (isa) {
                case SCALAR -> FfmDowncalls.FWD_SCALAR.invokeExact(data, data, tab, (long) n, q, 1L, 1L);
                case AVX512DQ -> FfmDowncalls.FWD_DQ.invokeExact(data, data, tab, (long) n, q, 1L, 1L);
                case AVX512IFMA -> FfmDowncalls.FWD_IFMA.invokeExact(data, data, tab, (long) n, q, 1L, 1L);
            }
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** mulMod, input factor 1, on off-heap segments. */
    private static void mulMod(Isa isa, MemorySegment out, MemorySegment a, MemorySegment b, int n, long q) {
        try {
            switch (isa) {
                case SCALAR -> FfmDowncalls.MUL_SCALAR.invokeExact(out, a, b, (long) n, q, 1L);
                case AVX512DQ -> FfmDowncalls.MUL_DQ.invokeExact(out, a, b, (long) n, q, 1L);
                case AVX512IFMA -> FfmDowncalls.MUL_IFMA.invokeExact(out, a, b, (long) n, q, 1L);
            }
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    private static void check(long[] got, long[] want, String what) {
        if (!Arrays.equals(got, want)) {
            throw new AssertionError(what + " disagrees with the reference tier");
        }
    }

    private static void bench(Kernels k, String label, int bits, NttTables t, long[] x0, long[] want) {
        int n = t.n();
        long[] x = x0.clone();
        k.forwardNtt(x, 0, t);
        check(x, want, label + " forward NTT");
        k.inverseNtt(x, 0, t);
        check(x, x0, label + " inverse NTT");
        double[] f = time(50, () -> k.forwardNtt(x, 0, t));
        double[] i = time(50, () -> k.inverseNtt(x, 0, t));
        System.out.printf("  %d-bit %-16s fwd %s | inv %s%n", bits, label, fmt(f), fmt(i));
    }
}
