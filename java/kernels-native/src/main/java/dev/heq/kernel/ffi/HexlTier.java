package dev.heq.kernel.ffi;

import dev.heq.kernel.KernelTier;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.TierUnavailableException;

/**
 * The "hexl" tier: Intel HEXL's kernels behind the same C ABI, present only when native/ was configured with
 * {@code find_package(HEXL)} succeeding (heq_caps() bit 2). Never chosen automatically (priority −1).
 */
public final class HexlTier implements KernelTier {
    /** heq_caps() bit: the library was built against Intel HEXL. */
    static final int CAP_HEXL = 0x4;

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
        if ((b.caps() & CAP_HEXL) == 0) {
            throw new TierUnavailableException("hexl", "libheqkernels was not built with HEXL (" + b.version() + ")",
                    "install Intel HEXL so CMake's find_package(HEXL) succeeds (e.g. -DHEXL_DIR=<prefix>/lib/cmake/hexl-1.2.5) and rebuild native/");
        }
        return new NativeKernels(b, Isa.HEXL);
    }
}
