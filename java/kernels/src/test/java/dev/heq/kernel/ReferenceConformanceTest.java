package dev.heq.kernel;

/**
 * The suite run on the reference tier itself: checks the suite's machinery (grids, lazification, sentinels) and
 * the reference's own consistency (round trips, in-place = out-of-place). Small grid: the reference is slow.
 */
class ReferenceConformanceTest extends KernelConformanceSuite {
    @Override
    protected Kernels kernels() {
        return KernelProvider.reference();
    }

    @Override
    protected int maxLogN() {
        return 10;
    }
}
