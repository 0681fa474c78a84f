package dev.heq.kernel.ffi;

import dev.heq.kernel.KernelConformanceSuite;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.TierUnavailableException;

/**
 * The conformance suite on the hexl tier (Intel HEXL behind HEQ's ABI in libheqhexl.so, and HEQ's own kernels for
 * mulAddMod and mulAccumulatePair, which HEXL lacks); skipped when not built with HEXL.
 */
class HexlConformanceTest extends KernelConformanceSuite {
    @Override
    protected Kernels kernels() throws TierUnavailableException {
        return new HexlTier().load();
    }

    @Override
    protected int maxLogN() {
        return 13;
    }
}
