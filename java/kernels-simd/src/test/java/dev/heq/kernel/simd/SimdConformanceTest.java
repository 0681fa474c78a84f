package dev.heq.kernel.simd;

import dev.heq.kernel.KernelConformanceSuite;
import dev.heq.kernel.KernelProvider;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.TierUnavailableException;

/**
 * The shared conformance suite on the simd tier, loaded by name through its service registration. N stops at
 * 2^13 here because Vector API code runs ~1000× slower before C2 compiles it; SimdNttTest covers 2^15 on
 * every path.
 */
class SimdConformanceTest extends KernelConformanceSuite {
    @Override
    protected int maxLogN() {
        return 13;
    }

    @Override
    protected Kernels kernels() throws TierUnavailableException {
        return KernelProvider.load("simd");
    }
}
