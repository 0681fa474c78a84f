package dev.heq.kernel.ffi.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.heq.kernel.TierUnavailableException;
import dev.heq.kernel.ffi.loader.NativeLibrary;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * The FFM downcall handles of libheqkernels, one {@code static final} per exported symbol so C2 constant-folds
 * them (a handle in an instance field or array would not be inlined).
 *
 * <p>Kernel handles use {@code Linker.Option.critical(true)}: heap {@code long[]} segments
 * ({@code MemorySegment.ofArray}) are passed by address with no copy, and no thread-state transition happens
 * (the GC is held off for the µs a kernel runs; kernels never call back into Java). Loading this class binds the
 * library; a failure surfaces as {@link ExceptionInInitializerError} with the cause, which the ffm tier turns into
 * a {@link TierUnavailableException}.
 */
@SuppressWarnings("restricted")
public final class FfmDowncalls {
    private FfmDowncalls() {}

    private static final Linker LINKER = Linker.nativeLinker();
    /** The bound library file. */
    public static final Path LIBRARY;
    private static final SymbolLookup LOOKUP;

    static {
        try {
            LIBRARY = NativeLibrary.get("ffm").path();
        } catch (TierUnavailableException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        LOOKUP = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
    }

    private static MethodHandle h(String name, boolean critical, MemoryLayout ret, MemoryLayout... args) {
        var sym = LOOKUP.find(name).orElseThrow(() -> new IllegalStateException(
                "symbol " + name + " missing from " + LIBRARY + " (stale library? rebuild native/)"));
        FunctionDescriptor fd = ret == null ? FunctionDescriptor.ofVoid(args) : FunctionDescriptor.of(ret, args);
        return critical ? LINKER.downcallHandle(sym, fd, Linker.Option.critical(true)) : LINKER.downcallHandle(sym, fd);
    }

    private static final MemoryLayout A = ADDRESS;
    private static final MemoryLayout L = JAVA_LONG;

    public static final MethodHandle CAPS = h("heq_caps", false, JAVA_INT);
    public static final MethodHandle VERSION = h("heq_version", false, ADDRESS);
    /** heq_noop(ptr, long), critical with heap access (what every kernel call pays). */
    public static final MethodHandle NOOP = h("heq_noop", true, null, A, L);
    /** heq_noop(ptr, long), default (non-critical) linkage, for comparison. */
    public static final MethodHandle NOOP_DEFAULT = h("heq_noop", false, null, A, L);
    public static final MethodHandle TABLE_WORDS = h("heq_ntt_table_words", false, L, L);
    public static final MethodHandle TABLE_INIT = h("heq_ntt_table_init", true, JAVA_INT, A, L, L, A, A, L);

    private static MethodHandle ntt(String dir, String isa) {
        return h("heq_ntt_" + dir + "_" + isa, true, null, A, A, A, L, L, L, L);
    }

    private static MethodHandle mul(String isa) {
        return h("heq_mul_mod_" + isa, true, null, A, A, A, L, L, L);
    }

    private static MethodHandle mulc(String isa) {
        return h("heq_mul_const_mod_" + isa, true, null, A, A, L, L, L, L, L);
    }

    private static MethodHandle fma(String isa) {
        return h("heq_fma_mod_" + isa, true, null, A, A, L, A, L, L, L);
    }

    private static MethodHandle mulAdd(String isa) {
        return h("heq_mul_add_mod_" + isa, true, null, A, A, A, A, L, L);
    }

    private static MethodHandle bin(String op, String isa) {
        return h("heq_" + op + "_mod_" + isa, true, null, A, A, A, L, L);
    }

    private static MethodHandle neg(String isa) {
        return h("heq_neg_mod_" + isa, true, null, A, A, L, L);
    }

    private static MethodHandle red(String isa) {
        return h("heq_reduce_mod_" + isa, true, null, A, A, L, L, L, L);
    }

    private static MethodHandle mac(String isa) {
        return h("heq_mac128_" + isa, true, null, A, A, A, L);
    }

    private static MethodHandle macRed(String isa) {
        return h("heq_mac128_reduce_" + isa, true, null, A, A, L, L);
    }

    /** Operand slots per heq_mac_pair_* call (HEQ_MAC_PAIR_BATCH): a0_j, a1_j, b_j for each. */
    public static final int MAC_PAIR_BATCH = 8;

    private static MethodHandle macPair(String isa) {
        MemoryLayout[] args = new MemoryLayout[7 + 3 * MAC_PAIR_BATCH];
        java.util.Arrays.fill(args, A);
        args[3] = L; // n
        args[4] = L; // q
        args[5] = L; // k
        args[6] = L; // flags
        return h("heq_mac_pair_" + isa, true, null, args);
    }

    // (out, in, tab, n, q, inFactor, outFactor)
    public static final MethodHandle FWD_SCALAR = ntt("fwd", "scalar");
    public static final MethodHandle FWD_DQ = ntt("fwd", "avx512dq");
    public static final MethodHandle FWD_IFMA = ntt("fwd", "avx512ifma");
    public static final MethodHandle INV_SCALAR = ntt("inv", "scalar");
    public static final MethodHandle INV_DQ = ntt("inv", "avx512dq");
    public static final MethodHandle INV_IFMA = ntt("inv", "avx512ifma");
    // (out, a, b, n, q, inFactor)
    public static final MethodHandle MUL_SCALAR = mul("scalar");
    public static final MethodHandle MUL_DQ = mul("avx512dq");
    public static final MethodHandle MUL_IFMA = mul("avx512ifma");
    // (out, a, w, wShoup, n, q, inFactor)
    public static final MethodHandle MULC_SCALAR = mulc("scalar");
    public static final MethodHandle MULC_DQ = mulc("avx512dq");
    public static final MethodHandle MULC_IFMA = mulc("avx512ifma");
    // (out, a, w, c, n, q, inFactor)
    public static final MethodHandle FMA_SCALAR = fma("scalar");
    public static final MethodHandle FMA_DQ = fma("avx512dq");
    public static final MethodHandle FMA_IFMA = fma("avx512ifma");
    // (out, a, b, n, q)
    public static final MethodHandle ADD_SCALAR = bin("add", "scalar");
    public static final MethodHandle ADD_DQ = bin("add", "avx512dq");
    public static final MethodHandle ADD_IFMA = bin("add", "avx512ifma");
    public static final MethodHandle SUB_SCALAR = bin("sub", "scalar");
    public static final MethodHandle SUB_DQ = bin("sub", "avx512dq");
    public static final MethodHandle SUB_IFMA = bin("sub", "avx512ifma");
    // (out, a, n, q)
    public static final MethodHandle NEG_SCALAR = neg("scalar");
    public static final MethodHandle NEG_DQ = neg("avx512dq");
    public static final MethodHandle NEG_IFMA = neg("avx512ifma");
    // (out, a, n, q, inFactor, outFactor)
    public static final MethodHandle RED_SCALAR = red("scalar");
    public static final MethodHandle RED_DQ = red("avx512dq");
    public static final MethodHandle RED_IFMA = red("avx512ifma");
    // (acc, a, b, n)
    public static final MethodHandle MAC_SCALAR = mac("scalar");
    public static final MethodHandle MAC_DQ = mac("avx512dq");
    public static final MethodHandle MAC_IFMA = mac("avx512ifma");
    // (out, acc, n, q)
    public static final MethodHandle MACRED_SCALAR = macRed("scalar");
    public static final MethodHandle MACRED_DQ = macRed("avx512dq");
    public static final MethodHandle MACRED_IFMA = macRed("avx512ifma");
    // (out, a, b, c, n, q): HEQ's ISAs only
    public static final MethodHandle MULADD_SCALAR = mulAdd("scalar");
    public static final MethodHandle MULADD_DQ = mulAdd("avx512dq");
    public static final MethodHandle MULADD_IFMA = mulAdd("avx512ifma");
    // (out0, out1, acc, n, q, k, flags, a0_0, a1_0, b_0, ..., a0_7, a1_7, b_7)
    public static final MethodHandle MACP_SCALAR = macPair("scalar");
    public static final MethodHandle MACP_DQ = macPair("avx512dq");
    public static final MethodHandle MACP_IFMA = macPair("avx512ifma");
}
