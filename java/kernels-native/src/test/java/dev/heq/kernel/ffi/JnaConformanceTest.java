package dev.heq.kernel.ffi;

import dev.heq.kernel.KernelConformanceSuite;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.TierUnavailableException;

/** The conformance suite on libheqkernels through JNA at the best ISA this CPU has. */
class JnaConformanceTest extends KernelConformanceSuite {
    @Override
    protected Kernels kernels() throws TierUnavailableException {
        return NativeKernels.best(JnaTier.binding());
    }

    /** The large-N grid is covered by the vector-path classes; this binding/path runs to 2^13 to keep the suite short. */
    @Override
    protected int maxLogN() {
        return 13;
    }
}
