package dev.heq.kernel.simd;

import dev.heq.kernel.KernelTier;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.TierUnavailableException;

/**
 * Service registration of the Vector API tier ("simd").
 *
 * <p>This class deliberately names no {@code jdk.incubator.vector} type in its signatures or static
 * initialiser, so {@link java.util.ServiceLoader} can instantiate it in a JVM started without
 * {@code --add-modules jdk.incubator.vector}. {@link #load()} is the first place that links the Vector API; it
 * turns a missing module, a non-512-bit vector shape and any {@link LinkageError} into a
 * {@link TierUnavailableException} carrying the reason and the fix.
 */
public final class SimdTier implements KernelTier {
    static final String MODULE = "jdk.incubator.vector";
    static final String FIX_MODULE = "pass --add-modules " + MODULE + " to the JVM";

    @Override
    public String name() {
        return "simd";
    }

    @Override
    public int autoPriority() {
        return 20;
    }

    @Override
    public Kernels load() throws TierUnavailableException {
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            throw new TierUnavailableException("simd", "module " + MODULE + " is not in the boot layer", FIX_MODULE);
        }
        try {
            // First touch of the Vector API; SimdKernels' static initialiser builds the species and index vectors.
            String refusal = SimdKernels.unsupportedReason();
            if (refusal != null) {
                throw new TierUnavailableException("simd", refusal,
                        "run on a CPU/JVM with 512-bit vectors (AVX-512, -XX:MaxVectorSize=64), or use the scalar tier");
            }
            return SimdKernels.INSTANCE;
        } catch (LinkageError e) {
            throw new TierUnavailableException("simd", "Vector API failed to link: " + e, FIX_MODULE, e);
        }
    }
}
