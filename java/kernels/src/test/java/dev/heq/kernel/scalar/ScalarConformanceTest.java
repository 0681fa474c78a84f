package dev.heq.kernel.scalar;

import dev.heq.kernel.KernelConformanceSuite;
import dev.heq.kernel.KernelProvider;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.TierUnavailableException;

/** The shared conformance suite on the scalar tier, loaded through the service registration. */
class ScalarConformanceTest extends KernelConformanceSuite {
    @Override
    protected Kernels kernels() throws TierUnavailableException {
        return KernelProvider.load("scalar");
    }
}
