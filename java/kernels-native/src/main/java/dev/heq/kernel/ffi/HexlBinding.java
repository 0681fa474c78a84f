package dev.heq.kernel.ffi;

import static dev.heq.kernel.ffi.FfmBinding.rethrow;
import static dev.heq.kernel.ffi.FfmBinding.seg;

import dev.heq.kernel.NttTables;
import dev.heq.kernel.ffi.ffm.FfmHexlDowncalls;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Intel HEXL's kernels behind HEQ's C ABI: the {@code heq_*_hexl} symbols of libheqhexl.so
 * (native/src/hexl_shim.cpp), called through FFM critical downcalls ({@link FfmHexlDowncalls}) exactly like
 * HEQ's own kernels. HEXL is a library, not an ISA: it picks its own code path (AVX-512 IFMA, AVX-512 DQ or
 * portable C++) per call, so the {@code isa} argument is ignored by every kernel the shim exports. The shim itself
 * runs HEQ's avx512dq (or scalar) kernels where HEXL's documented limits are narrower than HEQ's: mul/fma for
 * q ≥ 2^61, and negation, reduction and the 128-bit accumulator, which HEXL lacks or got wrong in native/tests.
 *
 * <p>Two kernels have no HEXL counterpart and are not exported by the shim: heq_mul_add_mod (a·b + c, the
 * encryptor's c0) and heq_mac_pair (the fused Σ ct×pt pair of HomConv). For those this binding calls HEQ's own
 * kernels in libheqkernels through {@link FfmBinding}, at the {@code isa} the caller passes (NativeKernels: the best
 * the CPU has, or {@code -Dheq.native.isa}), rather than rebuilding them from two HEXL passes; {@link #paths} says
 * so in {@code heq info}. Twiddle tables are HEQ's (the shim takes ψ from them and HEXL derives its own).
 */
@SuppressWarnings("restricted")
public final class HexlBinding implements NativeBinding {
    /** HEQ's kernels through FFM: caps, twiddle tables, and the two kernels HEXL lacks. */
    private final FfmBinding heq;
    private final String version;

    /**
     * Binds libheqhexl.so (loading {@link FfmHexlDowncalls}); a missing shim or libhexl.so surfaces as that class's
     * {@link ExceptionInInitializerError} or {@link NoClassDefFoundError}, which HexlTier reports.
     */
    HexlBinding(FfmBinding heq) {
        this.heq = heq;
        this.version = heq.version() + " + " + FfmHexlDowncalls.version();
    }

    @Override
    public String name() {
        return "hexl";
    }

    @Override
    public String via() {
        return "FFM";
    }

    @Override
    public int caps() {
        return heq.caps();
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Path library() {
        return FfmHexlDowncalls.LIBRARY;
    }

    /** Every transform is HEXL's, whatever the ISA cap. */
    @Override
    public String pathName(Isa isa) {
        return "hexl";
    }

    @Override
    public String paths(Isa maxIsa) {
        return "Intel HEXL NTT/mul/fma/add/sub, HEQ avx512dq (scalar-c without AVX-512) for neg/reduce/mac128 and outside HEXL's limits; "
                + "HEQ's own mulAdd and mac-pair kernels (no HEXL counterpart) at " + maxIsa.pathName();
    }

    @Override
    public Object prepareTables(NttTables t) {
        return heq.prepareTables(t);
    }

    @Override
    public void nttForward(Isa isa, long[] out, int outOff, long[] in, int inOff, Object table, int n, long q, int inFactor, int outFactor) {
        try {
            FfmHexlDowncalls.FWD.invokeExact(seg(out, outOff), seg(in, inOff), (MemorySegment) table, (long) n, q, (long) inFactor,
                    (long) outFactor);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void nttInverse(Isa isa, long[] out, int outOff, long[] in, int inOff, Object table, int n, long q, int inFactor, int outFactor) {
        try {
            FfmHexlDowncalls.INV.invokeExact(seg(out, outOff), seg(in, inOff), (MemorySegment) table, (long) n, q, (long) inFactor,
                    (long) outFactor);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void mulMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long q, int inFactor) {
        try {
            FfmHexlDowncalls.MUL.invokeExact(seg(out, outOff), seg(a, aOff), seg(b, bOff), (long) n, q, (long) inFactor);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void mulConstMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long w, long wShoup, int n, long q, int inFactor) {
        try {
            FfmHexlDowncalls.MULC.invokeExact(seg(out, outOff), seg(a, aOff), w, wShoup, (long) n, q, (long) inFactor);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void fmaMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long w, long[] c, int cOff, int n, long q, int inFactor) {
        MemorySegment z = c == null ? MemorySegment.NULL : seg(c, cOff);
        try {
            FfmHexlDowncalls.FMA.invokeExact(seg(out, outOff), seg(a, aOff), w, z, (long) n, q, (long) inFactor);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** No HEXL kernel (HEXL's FMA takes a scalar multiplier only): HEQ's heq_mul_add_mod_{isa}, one pass. */
    @Override
    public void mulAddMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, long[] c, int cOff, int n, long q) {
        heq.mulAddMod(isa, out, outOff, a, aOff, b, bOff, c, cOff, n, q);
    }

    @Override
    public void addMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long q) {
        try {
            FfmHexlDowncalls.ADD.invokeExact(seg(out, outOff), seg(a, aOff), seg(b, bOff), (long) n, q);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void subMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long q) {
        try {
            FfmHexlDowncalls.SUB.invokeExact(seg(out, outOff), seg(a, aOff), seg(b, bOff), (long) n, q);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void negMod(Isa isa, long[] out, int outOff, long[] a, int aOff, int n, long q) {
        try {
            FfmHexlDowncalls.NEG.invokeExact(seg(out, outOff), seg(a, aOff), (long) n, q);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void reduceMod(Isa isa, long[] out, int outOff, long[] a, int aOff, int n, long q, int inFactor, int outFactor) {
        try {
            FfmHexlDowncalls.RED.invokeExact(seg(out, outOff), seg(a, aOff), (long) n, q, (long) inFactor, (long) outFactor);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void mac128(Isa isa, long[] acc, long[] a, int aOff, long[] b, int bOff, int n) {
        try {
            FfmHexlDowncalls.MAC.invokeExact(MemorySegment.ofArray(acc), seg(a, aOff), seg(b, bOff), (long) n);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void mac128Reduce(Isa isa, long[] out, int outOff, long[] acc, int n, long q) {
        try {
            FfmHexlDowncalls.MACRED.invokeExact(seg(out, outOff), MemorySegment.ofArray(acc), (long) n, q);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** The accumulator of HEQ's heq_mac_pair, which this binding runs (see {@link #macPair}). */
    @Override
    public Object macPairAccumulator(int n) {
        return heq.macPairAccumulator(n);
    }

    /** No HEXL kernel (HEXL has no vector multiply-accumulate): HEQ's heq_mac_pair_{isa}, one pass over each b[j]. */
    @Override
    public void macPair(Isa isa, long[] out0, int out0Off, long[] out1, int out1Off, Object acc, int n, long q, int k, int flags,
            long[][] a0, long[][] a1, long[][] b, int j0, int off) {
        heq.macPair(isa, out0, out0Off, out1, out1Off, acc, n, q, k, flags, a0, a1, b, j0, off);
    }

    /** The empty downcall of libheqkernels (the shim's calls cost the same: same linker options, same signature). */
    @Override
    public void noop(long[] a) {
        heq.noop(a);
    }
}
