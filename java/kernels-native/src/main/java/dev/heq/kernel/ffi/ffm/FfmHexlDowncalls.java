package dev.heq.kernel.ffi.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Downcall handles of the {@code heq_*_hexl} symbols in libheqhexl.so (built only where CMake finds Intel HEXL;
 * it sits next to libheqkernels.so). A separate class, loaded only when the hexl tier binds, so that nothing else ever
 * needs the shim or libhexl. Same signatures and critical linkage as HEQ's own kernels ({@link FfmDowncalls});
 * {@code dev.heq.kernel.ffi.HexlBinding} calls them.
 */
@SuppressWarnings("restricted")
public final class FfmHexlDowncalls {
    private FfmHexlDowncalls() {}

    private static final Linker LINKER = Linker.nativeLinker();
    /** libheqhexl.so. */
    public static final java.nio.file.Path LIBRARY;
    private static final SymbolLookup LOOKUP;

    static {
        try {
            LIBRARY = dev.heq.kernel.ffi.loader.NativeLibrary.get("hexl").hexl();
        } catch (dev.heq.kernel.TierUnavailableException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (LIBRARY == null) {
            throw new IllegalStateException("no " + dev.heq.kernel.ffi.loader.NativeLibrary.HEXL_FILE_NAME + " next to libheqkernels.so");
        }
        LOOKUP = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
    }
    private static final MemoryLayout A = ADDRESS;
    private static final MemoryLayout L = JAVA_LONG;

    private static MethodHandle h(String name, MemoryLayout... args) {
        var sym = LOOKUP.find(name).orElseThrow(() -> new IllegalStateException(
                "symbol " + name + " missing from " + LIBRARY + " (stale library? rebuild native/)"));
        return LINKER.downcallHandle(sym, FunctionDescriptor.ofVoid(args), Linker.Option.critical(true));
    }

    private static final MethodHandle VERSION = LINKER.downcallHandle(
            LOOKUP.find("heq_hexl_version").orElseThrow(() -> new IllegalStateException("heq_hexl_version missing from " + LIBRARY)),
            FunctionDescriptor.of(ADDRESS));

    /** heq_hexl_version(), e.g. "heqhexl 0.1.0 (Intel HEXL 1.2.5, gcc 12.2.0)". */
    public static String version() {
        try {
            return ((java.lang.foreign.MemorySegment) VERSION.invokeExact()).reinterpret(256).getString(0);
        } catch (Throwable e) {
            throw new IllegalStateException("heq_hexl_version failed", e);
        }
    }

    public static final MethodHandle FWD = h("heq_ntt_fwd_hexl", A, A, A, L, L, L, L);
    public static final MethodHandle INV = h("heq_ntt_inv_hexl", A, A, A, L, L, L, L);
    public static final MethodHandle MUL = h("heq_mul_mod_hexl", A, A, A, L, L, L);
    public static final MethodHandle MULC = h("heq_mul_const_mod_hexl", A, A, L, L, L, L, L);
    public static final MethodHandle FMA = h("heq_fma_mod_hexl", A, A, L, A, L, L, L);
    public static final MethodHandle ADD = h("heq_add_mod_hexl", A, A, A, L, L);
    public static final MethodHandle SUB = h("heq_sub_mod_hexl", A, A, A, L, L);
    public static final MethodHandle NEG = h("heq_neg_mod_hexl", A, A, L, L);
    public static final MethodHandle RED = h("heq_reduce_mod_hexl", A, A, L, L, L, L);
    public static final MethodHandle MAC = h("heq_mac128_hexl", A, A, A, L);
    public static final MethodHandle MACRED = h("heq_mac128_reduce_hexl", A, A, L, L);
}
