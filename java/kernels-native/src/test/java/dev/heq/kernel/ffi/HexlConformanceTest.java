package dev.heq.kernel.ffi;

import dev.heq.kernel.KernelConformanceSuite;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.TierUnavailableException;

/** The conformance suite on the hexl tier (Intel HEXL behind libheqkernels); skipped when not built with HEXL. */
class HexlConformanceTest extends KernelConformanceSuite {
    @Override
    protected Kernels kernels() throws TierUnavailableException {
        return NativeKernels.forIsa("ffm", "hexl");
    }

    @Override
    protected int maxLogN() {
        return 13;
    }
}
