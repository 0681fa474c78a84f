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
 * Downcall handles of the {@code heq_*_hexl} symbols, which exist only in a library built with Intel HEXL
 * (heq_caps() bit 2). A separate class so that {@link FfmDowncalls} binds on libraries without them; it is loaded
 * only when the hexl path is first called. Same signatures and critical linkage as the other ISA families.
 */
@SuppressWarnings("restricted")
public final class FfmHexlDowncalls {
    private FfmHexlDowncalls() {}

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = SymbolLookup.libraryLookup(FfmDowncalls.LIBRARY, Arena.global());
    private static final MemoryLayout A = ADDRESS;
    private static final MemoryLayout L = JAVA_LONG;

    private static MethodHandle h(String name, MemoryLayout... args) {
        var sym = LOOKUP.find(name).orElseThrow(() -> new IllegalStateException(
                "symbol " + name + " missing from " + FfmDowncalls.LIBRARY + ": the library was not built with HEXL"));
        return LINKER.downcallHandle(sym, FunctionDescriptor.ofVoid(args), Linker.Option.critical(true));
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
