package dev.heq.kernel.ffi;

import static dev.heq.kernel.ffi.ffm.FfmDowncalls.*;

import dev.heq.kernel.NttTables;
import dev.heq.kernel.ffi.ffm.FfmDowncalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * libheqkernels through FFM downcalls ({@link FfmDowncalls}). Heap arrays cross as
 * {@code MemorySegment.ofArray(long[])} (sliced at the offset) through critical handles: no copy, no pinning
 * API, about 5 ns per call on this machine. Twiddle tables live off-heap, 64-byte aligned, in an automatic arena
 * that is freed with the {@link NttTables} that caches them.
 *
 * <p>Storage note: HEQ's API is heap {@code long[]}, which the JVM aligns to 16 bytes only; the kernels use
 * unaligned loads, so this is correct, and the measured cost of the misalignment is reported by
 * {@code dev.heq.bench.ffi.NativeKernelsHarness}, which makes its off-heap calls on {@link FfmDowncalls} itself.
 */
@SuppressWarnings("restricted")
public final class FfmBinding implements NativeBinding {
    private final int caps;
    private final String version;

    FfmBinding() {
        try {
            this.caps = (int) CAPS.invokeExact();
            MemorySegment v = (MemorySegment) VERSION.invokeExact();
            this.version = v.reinterpret(256).getString(0);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new IllegalStateException("native call failed", e);
    }

    static MemorySegment seg(long[] a, int off) {
        MemorySegment s = MemorySegment.ofArray(a);
        return off == 0 ? s : s.asSlice(8L * off);
    }

    @Override
    public String name() {
        return "ffm";
    }

    @Override
    public String via() {
        return "FFM";
    }

    @Override
    public int caps() {
        return caps;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Path library() {
        return FfmDowncalls.LIBRARY;
    }

    @Override
    public Object prepareTables(NttTables t) {
        try {
            long words = (long) TABLE_WORDS.invokeExact((long) t.n());
            MemorySegment tab = Arena.ofAuto().allocate(8 * words, 64);
            int rc = (int) TABLE_INIT.invokeExact(tab, (long) t.n(), t.q(), MemorySegment.ofArray(t.rootPowers()),
                    MemorySegment.ofArray(t.invRootPowers()), t.nInv());
            if (rc != 0) {
                throw new IllegalStateException("heq_ntt_table_init rejected " + t);
            }
            return tab;
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void nttForward(Isa isa, long[] out, int outOff, long[] in, int inOff, Object table, int n, long q, int inFactor, int outFactor) {
        MemorySegment o = seg(out, outOff), i = seg(in, inOff), tab = (MemorySegment) table;
        try {
            switch (isa) {
                case SCALAR -> FWD_SCALAR.invokeExact(o, i, tab, (long) n, q, (long) inFactor, (long) outFactor);
                case AVX512DQ -> FWD_DQ.invokeExact(o, i, tab, (long) n, q, (long) inFactor, (long) outFactor);
                case AVX512IFMA -> FWD_IFMA.invokeExact(o, i, tab, (long) n, q, (long) inFactor, (long) outFactor);
            }
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void nttInverse(Isa isa, long[] out, int outOff, long[] in, int inOff, Object table, int n, long q, int inFactor, int outFactor) {
        MemorySegment o = seg(out, outOff), i = seg(in, inOff), tab = (MemorySegment) table;
        try {
            switch (isa) {
                case SCALAR -> INV_SCALAR.invokeExact(o, i, tab, (long) n, q, (long) inFactor, (long) outFactor);
                case AVX512DQ -> INV_DQ.invokeExact(o, i, tab, (long) n, q, (long) inFactor, (long) outFactor);
                case AVX512IFMA -> INV_IFMA.invokeExact(o, i, tab, (long) n, q, (long) inFactor, (long) outFactor);
            }
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void mulMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long q, int inFactor) {
        MemorySegment o = seg(out, outOff), x = seg(a, aOff), y = seg(b, bOff);
        try {
            switch (isa) {
                case SCALAR -> MUL_SCALAR.invokeExact(o, x, y, (long) n, q, (long) inFactor);
                case AVX512DQ -> MUL_DQ.invokeExact(o, x, y, (long) n, q, (long) inFactor);
                case AVX512IFMA -> MUL_IFMA.invokeExact(o, x, y, (long) n, q, (long) inFactor);
            }
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void mulConstMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long w, long wShoup, int n, long q, int inFactor) {
        MemorySegment o = seg(out, outOff), x = seg(a, aOff);
        try {
            switch (isa) {
                case SCALAR -> MULC_SCALAR.invokeExact(o, x, w, wShoup, (long) n, q, (long) inFactor);
                case AVX512DQ -> MULC_DQ.invokeExact(o, x, w, wShoup, (long) n, q, (long) inFactor);
                case AVX512IFMA -> MULC_IFMA.invokeExact(o, x, w, wShoup, (long) n, q, (long) inFactor);
            }
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void fmaMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long w, long[] c, int cOff, int n, long q, int inFactor) {
        MemorySegment o = seg(out, outOff), x = seg(a, aOff), z = c == null ? MemorySegment.NULL : seg(c, cOff);
        try {
            switch (isa) {
                case SCALAR -> FMA_SCALAR.invokeExact(o, x, w, z, (long) n, q, (long) inFactor);
                case AVX512DQ -> FMA_DQ.invokeExact(o, x, w, z, (long) n, q, (long) inFactor);
                case AVX512IFMA -> FMA_IFMA.invokeExact(o, x, w, z, (long) n, q, (long) inFactor);
            }
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void mulAddMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, long[] c, int cOff, int n, long q) {
        MemorySegment o = seg(out, outOff), x = seg(a, aOff), y = seg(b, bOff), z = seg(c, cOff);
        try {
            switch (isa) {
                case SCALAR -> MULADD_SCALAR.invokeExact(o, x, y, z, (long) n, q);
                case AVX512DQ -> MULADD_DQ.invokeExact(o, x, y, z, (long) n, q);
                case AVX512IFMA -> MULADD_IFMA.invokeExact(o, x, y, z, (long) n, q);
            }
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void addMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long q) {
        MemorySegment o = seg(out, outOff), x = seg(a, aOff), y = seg(b, bOff);
        try {
            switch (isa) {
                case SCALAR -> ADD_SCALAR.invokeExact(o, x, y, (long) n, q);
                case AVX512DQ -> ADD_DQ.invokeExact(o, x, y, (long) n, q);
                case AVX512IFMA -> ADD_IFMA.invokeExact(o, x, y, (long) n, q);
            }
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void subMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long q) {
        MemorySegment o = seg(out, outOff), x = seg(a, aOff), y = seg(b, bOff);
        try {
            switch (isa) {
                case SCALAR -> SUB_SCALAR.invokeExact(o, x, y, (long) n, q);
                case AVX512DQ -> SUB_DQ.invokeExact(o, x, y, (long) n, q);
                case AVX512IFMA -> SUB_IFMA.invokeExact(o, x, y, (long) n, q);
            }
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void negMod(Isa isa, long[] out, int outOff, long[] a, int aOff, int n, long q) {
        MemorySegment o = seg(out, outOff), x = seg(a, aOff);
        try {
            switch (isa) {
                case SCALAR -> NEG_SCALAR.invokeExact(o, x, (long) n, q);
                case AVX512DQ -> NEG_DQ.invokeExact(o, x, (long) n, q);
                case AVX512IFMA -> NEG_IFMA.invokeExact(o, x, (long) n, q);
            }
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void reduceMod(Isa isa, long[] out, int outOff, long[] a, int aOff, int n, long q, int inFactor, int outFactor) {
        MemorySegment o = seg(out, outOff), x = seg(a, aOff);
        try {
            switch (isa) {
                case SCALAR -> RED_SCALAR.invokeExact(o, x, (long) n, q, (long) inFactor, (long) outFactor);
                case AVX512DQ -> RED_DQ.invokeExact(o, x, (long) n, q, (long) inFactor, (long) outFactor);
                case AVX512IFMA -> RED_IFMA.invokeExact(o, x, (long) n, q, (long) inFactor, (long) outFactor);
            }
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void mac128(Isa isa, long[] acc, long[] a, int aOff, long[] b, int bOff, int n) {
        MemorySegment s = MemorySegment.ofArray(acc), x = seg(a, aOff), y = seg(b, bOff);
        try {
            switch (isa) {
                case SCALAR -> MAC_SCALAR.invokeExact(s, x, y, (long) n);
                case AVX512DQ -> MAC_DQ.invokeExact(s, x, y, (long) n);
                case AVX512IFMA -> MAC_IFMA.invokeExact(s, x, y, (long) n);
            }
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void mac128Reduce(Isa isa, long[] out, int outOff, long[] acc, int n, long q) {
        MemorySegment o = seg(out, outOff), s = MemorySegment.ofArray(acc);
        try {
            switch (isa) {
                case SCALAR -> MACRED_SCALAR.invokeExact(o, s, (long) n, q);
                case AVX512DQ -> MACRED_DQ.invokeExact(o, s, (long) n, q);
                case AVX512IFMA -> MACRED_IFMA.invokeExact(o, s, (long) n, q);
            }
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** See {@link NativeBinding#macPairAccumulator}: a per-thread automatic-arena segment, freed with the thread's entry. */
    private static final ThreadLocal<MemorySegment> MAC_PAIR_ACC = new ThreadLocal<>();

    @Override
    public Object macPairAccumulator(int n) {
        long bytes = 8L * NativeBinding.macPairAccWords(n);
        MemorySegment acc = MAC_PAIR_ACC.get();
        if (acc == null || acc.byteSize() < bytes) {
            acc = Arena.ofAuto().allocate(bytes, 64);
            MAC_PAIR_ACC.set(acc);
        }
        return acc;
    }

    /**
     * 31 arguments, 24 of them heap-array slices, in one critical downcall: no copy (the operands are read in place
     * while the GC is held off for the µs the batch takes). Unused slots (j ≥ k) and, without LAST, the outputs
     * are passed as NULL.
     */
    @Override
    public void macPair(Isa isa, long[] out0, int out0Off, long[] out1, int out1Off, Object acc, int n, long q, int k, int flags,
            long[][] a0, long[][] a1, long[][] b, int j0, int off) {
        MemorySegment[] p = new MemorySegment[3 * NativeBinding.MAC_PAIR_BATCH];
        for (int t = 0; t < NativeBinding.MAC_PAIR_BATCH; t++) {
            boolean used = t < k;
            p[3 * t] = used ? seg(a0[j0 + t], off) : MemorySegment.NULL;
            p[3 * t + 1] = used ? seg(a1[j0 + t], off) : MemorySegment.NULL;
            p[3 * t + 2] = used ? seg(b[j0 + t], off) : MemorySegment.NULL;
        }
        MemorySegment o0 = (flags & MAC_PAIR_LAST) != 0 ? seg(out0, out0Off) : MemorySegment.NULL;
        MemorySegment o1 = (flags & MAC_PAIR_LAST) != 0 ? seg(out1, out1Off) : MemorySegment.NULL;
        MemorySegment s = acc == null ? MemorySegment.NULL : (MemorySegment) acc;
        try {
            switch (isa) {
                case SCALAR -> MACP_SCALAR.invokeExact(o0, o1, s, (long) n, q, (long) k, (long) flags, p[0], p[1], p[2], p[3], p[4], p[5],
                        p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15], p[16], p[17], p[18], p[19], p[20], p[21],
                        p[22], p[23]);
                case AVX512DQ -> MACP_DQ.invokeExact(o0, o1, s, (long) n, q, (long) k, (long) flags, p[0], p[1], p[2], p[3], p[4], p[5],
                        p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15], p[16], p[17], p[18], p[19], p[20], p[21],
                        p[22], p[23]);
                case AVX512IFMA -> MACP_IFMA.invokeExact(o0, o1, s, (long) n, q, (long) k, (long) flags, p[0], p[1], p[2], p[3], p[4],
                        p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15], p[16], p[17], p[18], p[19], p[20],
                        p[21], p[22], p[23]);
            }
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void noop(long[] a) {
        try {
            NOOP.invokeExact(MemorySegment.ofArray(a), (long) a.length);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }
}
