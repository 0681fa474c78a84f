package dev.heq.kernel.ffi;

import dev.heq.kernel.KernelTier;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.TierUnavailableException;
import dev.heq.kernel.ffi.loader.NativeLibrary;

/**
 * The "hexl" tier: Intel HEXL's kernels behind HEQ's C ABI ({@link HexlBinding}), in libheqhexl.so next to
 * libheqkernels.so, which exists only when native/ was configured with {@code find_package(HEXL)} succeeding.
 * Bound through FFM; never chosen automatically (priority −1). Like {@link FfmTier}, nothing in this class's
 * signatures or static initialiser touches {@code java.lang.foreign}.
 */
public final class HexlTier implements KernelTier {
    private static Object binding; // HexlBinding or TierUnavailableException, guarded by HexlTier.class

    @Override
    public String name() {
        return "hexl";
    }

    @Override
    public int autoPriority() {
        return -1;
    }

    /** HEXL's kernels; the two HEXL lacks run on HEQ's at the best ISA, or the one named by heq.native.isa. */
    @Override
    public Kernels load() throws TierUnavailableException {
        return NativeKernels.best(binding());
    }

    /** The HEXL binding of this JVM, bound once; the failure (no FFM, no shim, no libhexl.so) is kept and rethrown. */
    static synchronized HexlBinding binding() throws TierUnavailableException {
        if (binding == null) {
            binding = bind();
        }
        if (binding instanceof HexlBinding b) {
            return b;
        }
        TierUnavailableException e = (TierUnavailableException) binding;
        throw new TierUnavailableException("hexl", e.getMessage(), e.fix(), e);
    }

    private static Object bind() {
        FfmBinding heq;
        NativeLibrary.Located lib;
        try {
            heq = FfmTier.binding();
            lib = NativeLibrary.get("hexl");
        } catch (TierUnavailableException e) {
            return e;
        }
        if (lib.hexl() == null) {
            return new TierUnavailableException("hexl", "libheqkernels was not built with HEXL (no " + NativeLibrary.HEXL_FILE_NAME
                    + " next to " + lib.path() + ")",
                    "install Intel HEXL so CMake's find_package(HEXL) succeeds (e.g. -DHEXL_DIR=<prefix>/lib/cmake/hexl-1.2.5) and rebuild native/");
        }
        try {
            return new HexlBinding(heq);
        } catch (ExceptionInInitializerError | NoClassDefFoundError | IllegalArgumentException | IllegalStateException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return new TierUnavailableException("hexl", "could not load " + lib.hexl() + ": " + root,
                    "install the Intel HEXL shared library it was built against (libhexl.so) where the dynamic loader finds it", e);
        }
    }
}
