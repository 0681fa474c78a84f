package dev.heq.kernel.ffi;

import dev.heq.kernel.KernelTier;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.TierUnavailableException;
import dev.heq.kernel.ffi.loader.NativeLibrary;

/**
 * The "hexl" tier: Intel HEXL's kernels behind the same C ABI, in libheqhexl.so next to libheqkernels.so, which
 * exists only when native/ was configured with {@code find_package(HEXL)} succeeding. Bound through FFM; never
 * chosen automatically (priority −1).
 */
public final class HexlTier implements KernelTier {
    private static Object checked; // Boolean.TRUE or TierUnavailableException, guarded by HexlTier.class

    @Override
    public String name() {
        return "hexl";
    }

    @Override
    public int autoPriority() {
        return -1;
    }

    @Override
    public Kernels load() throws TierUnavailableException {
        FfmBinding b;
        try {
            b = FfmTier.binding();
        } catch (TierUnavailableException e) {
            throw new TierUnavailableException("hexl", e.getMessage(), e.fix(), e);
        }
        return kernels(b);
    }

    /** The hexl tier over an FFM binding, or why the library cannot provide it. */
    static NativeKernels kernels(NativeBinding b) throws TierUnavailableException {
        if (!(b instanceof FfmBinding)) {
            throw new TierUnavailableException("hexl", "the hexl path is bound through FFM only", "use NativeKernels.forIsa(\"ffm\", \"hexl\")");
        }
        checkShim();
        return new NativeKernels(b, Isa.HEXL);
    }

    /** Binds libheqhexl.so once; keeps the failure (no shim, or libhexl.so missing on this machine). */
    private static synchronized void checkShim() throws TierUnavailableException {
        if (checked == null) {
            checked = bindShim();
        }
        if (checked instanceof TierUnavailableException e) {
            throw new TierUnavailableException("hexl", e.getMessage(), e.fix(), e);
        }
    }

    private static Object bindShim() {
        NativeLibrary.Located lib;
        try {
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
            dev.heq.kernel.ffi.ffm.FfmHexlDowncalls.version();
            return Boolean.TRUE;
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
