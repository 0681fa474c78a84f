package dev.heq.kernel.ffi;

import dev.heq.kernel.NttTables;
import java.nio.file.Path;

/**
 * How Java reaches libheqkernels: FFM downcalls ({@link FfmBinding}) or JNA direct mapping ({@link JnaBinding}).
 * Both expose the same C ABI (native/include/heq/heq_kernels.h) over heap {@code long[]} regions
 * (array + offset); {@link NativeKernels} implements the kernel API once on top of either.
 *
 * <p>Arguments are validated by {@link dev.heq.kernel.Kernels} before they get here; implementations do not
 * re-check them (the C side only asserts in debug builds). The {@code isa} argument names the exported symbol
 * family; callers pass only ISAs that {@link #caps()} reports and whose modulus bound holds ({@link Isa}).
 */
public sealed interface NativeBinding permits FfmBinding, JnaBinding {

    /** "ffm" or "jna". */
    String name();

    /** heq_caps(): bit 0 AVX-512 F/DQ/VL/BW usable, bit 1 AVX-512 IFMA usable. */
    int caps();

    /** heq_version(). */
    String version();

    /** The library file that was bound. */
    Path library();

    /** Builds the native twiddle table for {@code t} (heq_ntt_table_init); the result is cached per tables. */
    Object prepareTables(NttTables t);

    void nttForward(Isa isa, long[] out, int outOff, long[] in, int inOff, Object table, int n, long q, int inFactor, int outFactor);

    void nttInverse(Isa isa, long[] out, int outOff, long[] in, int inOff, Object table, int n, long q, int inFactor, int outFactor);

    void mulMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long q, int inFactor);

    void mulConstMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long w, long wShoup, int n, long q, int inFactor);

    /** c may be null (then out = a·w mod q). */
    void fmaMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long w, long[] c, int cOff, int n, long q, int inFactor);

    void addMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long q);

    void subMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long q);

    void negMod(Isa isa, long[] out, int outOff, long[] a, int aOff, int n, long q);

    void reduceMod(Isa isa, long[] out, int outOff, long[] a, int aOff, int n, long q, int inFactor, int outFactor);

    /** acc (2n words: low plane, high plane, from index 0) += a∘b as 128-bit sums. */
    void mac128(Isa isa, long[] acc, long[] a, int aOff, long[] b, int bOff, int n);

    /** out = (acc high·2^64 + acc low) mod q. */
    void mac128Reduce(Isa isa, long[] out, int outOff, long[] acc, int n, long q);

    /** heq_noop(a, a.length): an empty downcall, for measuring call overhead. */
    void noop(long[] a);
}
