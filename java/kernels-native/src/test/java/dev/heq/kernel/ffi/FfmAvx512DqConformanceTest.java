package dev.heq.kernel.ffi;

import dev.heq.kernel.KernelConformanceSuite;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.TierUnavailableException;

/** The conformance suite on libheqkernels through ffm, capped at the avx512dq path (skipped with the reason if unavailable). */
class FfmAvx512DqConformanceTest extends KernelConformanceSuite {
    @Override
    protected Kernels kernels() throws TierUnavailableException {
        return NativeKernels.forIsa("ffm", "avx512dq");
    }
}
