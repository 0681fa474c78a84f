package dev.heq.kernel.ffi;

import dev.heq.kernel.NttTables;
import java.nio.file.Path;

/**
 * How Java reaches a library with HEQ's C ABI (native/include/heq/heq_kernels.h): HEQ's own kernels through FFM
 * downcalls ({@link FfmBinding}) or JNA direct mapping ({@link JnaBinding}), or Intel HEXL's kernels behind the
 * same ABI in libheqhexl.so ({@link HexlBinding}, FFM). All three take heap {@code long[]} regions (array +
 * offset) and implement every kernel, so {@link NativeKernels} implements the kernel API once on top of any of
 * them, with no downcast and no silent fallback; where a library lacks a kernel, its binding says so and what it
 * runs instead ({@link HexlBinding}).
 *
 * <p>Arguments are validated by {@link dev.heq.kernel.Kernels} before they get here; implementations do not
 * re-check them (the C side only asserts in debug builds). The {@code isa} argument names the symbol family of
 * HEQ's kernels; callers pass only ISAs that {@link #caps()} reports and whose modulus bound holds ({@link Isa}).
 * A binding whose library picks its own paths (HEXL) ignores it except where it runs HEQ's kernels.
 */
public sealed interface NativeBinding permits FfmBinding, JnaBinding, HexlBinding {

    /** heq_mac_pair_* flag HEQ_MAC_PAIR_FIRST: the sums start at 0 (acc is not read). */
    int MAC_PAIR_FIRST = 1;
    /** heq_mac_pair_* flag HEQ_MAC_PAIR_LAST: write the reduced sums to out0/out1 (acc is not written). */
    int MAC_PAIR_LAST = 2;
    /** heq_mac_pair_* flag HEQ_MAC_PAIR_FOLD: leave the sums reduced mod q in acc. */
    int MAC_PAIR_FOLD = 4;
    /** HEQ_MAC_PAIR_BATCH: products (operand slots a0_j, a1_j, b_j) per heq_mac_pair_* call. */
    int MAC_PAIR_BATCH = 8;
    /**
     * HEQ_MAC_PAIR_MAX_TERMS: terms a lazy IFMA sum absorbs since FIRST or the last FOLD (a folded residue counts as
     * one): the wide path's middle digit grows by &lt; 3·2^52 per product, and 1024 of them stay &lt; 2^64.
     */
    int MAC_PAIR_MAX_TERMS = 1024;

    /** HEQ_MAC_PAIR_ACC_WORDS(n): words of the accumulator a heq_mac_pair_* sequence keeps between calls. */
    static long macPairAccWords(int n) {
        return 6L * n + 16;
    }

    /** The tier this binding is: "ffm", "jna" or "hexl". */
    String name();

    /** How the calls cross into C, for {@code describe()}: "FFM" or "JNA". */
    String via();

    /** heq_caps() of libheqkernels: bit 0 AVX-512 F/DQ/VL/BW usable, bit 1 AVX-512 IFMA usable. */
    int caps();

    /** heq_version(), and the HEXL shim's version where one is bound. */
    String version();

    /** The library file whose kernels this binding calls. */
    Path library();

    /** The name {@code Kernels.path} reports for a transform this binding runs at {@code isa}. */
    default String pathName(Isa isa) {
        return isa.pathName();
    }

    /** Which code paths the kernels take when capped at {@code maxIsa}, for {@code describe()}. */
    default String paths(Isa maxIsa) {
        return switch (maxIsa) {
            case AVX512IFMA -> "avx512ifma for q < 2^50, avx512dq above, scalar-c for N < 16";
            case AVX512DQ -> "avx512dq, scalar-c for N < 16";
            case SCALAR -> "scalar-c";
        };
    }

    /** Builds the native twiddle table for {@code t} (heq_ntt_table_init); the result is cached per tables. */
    Object prepareTables(NttTables t);

    void nttForward(Isa isa, long[] out, int outOff, long[] in, int inOff, Object table, int n, long q, int inFactor, int outFactor);

    void nttInverse(Isa isa, long[] out, int outOff, long[] in, int inOff, Object table, int n, long q, int inFactor, int outFactor);

    void mulMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long q, int inFactor);

    void mulConstMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long w, long wShoup, int n, long q, int inFactor);

    /** c may be null (then out = a·w mod q). */
    void fmaMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long w, long[] c, int cOff, int n, long q, int inFactor);

    /** heq_mul_add_mod_*: out = a·b + c mod q in one pass; a, b, c in [0, q), out in [0, q); out may be a, b or c exactly. */
    void mulAddMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, long[] c, int cOff, int n, long q);

    void addMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long q);

    void subMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long q);

    void negMod(Isa isa, long[] out, int outOff, long[] a, int aOff, int n, long q);

    void reduceMod(Isa isa, long[] out, int outOff, long[] a, int aOff, int n, long q, int inFactor, int outFactor);

    /** acc (2n words: low plane, high plane, from index 0) += a∘b as 128-bit sums. */
    void mac128(Isa isa, long[] acc, long[] a, int aOff, long[] b, int bOff, int n);

    /** out = (acc high·2^64 + acc low) mod q. */
    void mac128Reduce(Isa isa, long[] out, int outOff, long[] acc, int n, long q);

    /**
     * The calling thread's accumulator for a heq_mac_pair_* sequence on n-word operands: at least
     * {@link #macPairAccWords} words, off-heap and 64-byte aligned (a heap long[] would put every zmm load/store of
     * it across two cache lines, measured ≈ 20% of the kernel time at N = 4096). Reused by the thread, so no
     * 200 KB is zeroed per sum; opaque to the caller, who only passes it back to {@link #macPair}. A thread must
     * finish one sequence (FIRST … LAST) before it starts another.
     */
    Object macPairAccumulator(int n);

    /**
     * One heq_mac_pair_* call on products j0 … j0+k−1 (k in [1, {@value #MAC_PAIR_BATCH}]) at offset {@code off} of
     * each operand: (S0, S1) += Σ (a0[j]·b[j], a1[j]·b[j]), operands in [0, q), q &lt; 2^62. With
     * {@link #MAC_PAIR_LAST} out0/out1 get S0 mod q, S1 mod q in [0, q). {@code acc} is {@link #macPairAccumulator}'s,
     * or null for a single FIRST|LAST call; flags and the term bound as in heq_kernels.h. One sequence uses one ISA,
     * one q and one acc.
     */
    void macPair(Isa isa, long[] out0, int out0Off, long[] out1, int out1Off, Object acc, int n, long q, int k, int flags,
            long[][] a0, long[][] a1, long[][] b, int j0, int off);

    /** heq_noop(a, a.length): an empty downcall, for measuring call overhead. */
    void noop(long[] a);
}
