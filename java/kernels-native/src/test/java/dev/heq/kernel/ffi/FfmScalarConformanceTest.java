package dev.heq.kernel.ffi;

import dev.heq.kernel.KernelConformanceSuite;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.TierUnavailableException;

/** The conformance suite on libheqkernels through ffm, capped at the scalar path (skipped with the reason if unavailable). */
class FfmScalarConformanceTest extends KernelConformanceSuite {
    @Override
    protected Kernels kernels() throws TierUnavailableException {
        return NativeKernels.forIsa("ffm", "scalar");
    }

    /** The large-N grid is covered by the vector-path classes; this binding/path runs to 2^13 to keep the suite short. */
    @Override
    protected int maxLogN() {
        return 13;
    }
}
