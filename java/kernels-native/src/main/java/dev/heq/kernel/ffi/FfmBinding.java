package dev.heq.kernel.ffi;

import static dev.heq.kernel.ffi.ffm.FfmDowncalls.*;

import dev.heq.kernel.NttTables;
import dev.heq.kernel.ffi.ffm.FfmDowncalls;
import dev.heq.kernel.ffi.ffm.FfmHexlDowncalls;
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
 * {@code dev.heq.bench.ffi.NativeKernelsHarness}.
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

    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new IllegalStateException("native call failed", e);
    }

    private static MemorySegment seg(long[] a, int off) {
        MemorySegment s = MemorySegment.ofArray(a);
        return off == 0 ? s : s.asSlice(8L * off);
    }

    @Override
    public String name() {
        return "ffm";
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
                case HEXL -> FfmHexlDowncalls.FWD.invokeExact(o, i, tab, (long) n, q, (long) inFactor, (long) outFactor);
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
                case HEXL -> FfmHexlDowncalls.INV.invokeExact(o, i, tab, (long) n, q, (long) inFactor, (long) outFactor);
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
                case HEXL -> FfmHexlDowncalls.MUL.invokeExact(o, x, y, (long) n, q, (long) inFactor);
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
                case HEXL -> FfmHexlDowncalls.MULC.invokeExact(o, x, w, wShoup, (long) n, q, (long) inFactor);
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
                case HEXL -> FfmHexlDowncalls.FMA.invokeExact(o, x, w, z, (long) n, q, (long) inFactor);
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
                case HEXL -> FfmHexlDowncalls.ADD.invokeExact(o, x, y, (long) n, q);
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
                case HEXL -> FfmHexlDowncalls.SUB.invokeExact(o, x, y, (long) n, q);
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
                case HEXL -> FfmHexlDowncalls.NEG.invokeExact(o, x, (long) n, q);
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
                case HEXL -> FfmHexlDowncalls.RED.invokeExact(o, x, (long) n, q, (long) inFactor, (long) outFactor);
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
                case HEXL -> FfmHexlDowncalls.MAC.invokeExact(s, x, y, (long) n);
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
                case HEXL -> FfmHexlDowncalls.MACRED.invokeExact(o, s, (long) n, q);
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

    /** An empty downcall through a default (non-critical) handle on an off-heap segment, for comparison. */
    public void noopDefault(MemorySegment s) {
        try {
            NOOP_DEFAULT.invokeExact(s, s.byteSize());
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    // ------------------------------------------------------------------ off-heap variants (measurement only)

    /** Forward NTT on an off-heap segment (the "aligned off-heap" side of the storage measurement). */
    public void nttForward(Isa isa, MemorySegment data, Object table, int n, long q) {
        MemorySegment tab = (MemorySegment) table;
        try {
            switch (isa) {
                case SCALAR -> FWD_SCALAR.invokeExact(data, data, tab, (long) n, q, 1L, 1L);
                case AVX512DQ -> FWD_DQ.invokeExact(data, data, tab, (long) n, q, 1L, 1L);
                case AVX512IFMA -> FWD_IFMA.invokeExact(data, data, tab, (long) n, q, 1L, 1L);
                case HEXL -> FfmHexlDowncalls.FWD.invokeExact(data, data, tab, (long) n, q, 1L, 1L);
            }
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** mulMod on off-heap segments (measurement only). */
    public void mulMod(Isa isa, MemorySegment out, MemorySegment a, MemorySegment b, int n, long q) {
        try {
            switch (isa) {
                case SCALAR -> MUL_SCALAR.invokeExact(out, a, b, (long) n, q, 1L);
                case AVX512DQ -> MUL_DQ.invokeExact(out, a, b, (long) n, q, 1L);
                case AVX512IFMA -> MUL_IFMA.invokeExact(out, a, b, (long) n, q, 1L);
                case HEXL -> FfmHexlDowncalls.MUL.invokeExact(out, a, b, (long) n, q, 1L);
            }
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }
}
