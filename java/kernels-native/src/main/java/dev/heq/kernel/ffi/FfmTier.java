package dev.heq.kernel.ffi;

import dev.heq.kernel.KernelTier;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.TierUnavailableException;
import dev.heq.kernel.ffi.loader.NativeLibrary;

/**
 * The "ffm" tier: HEQ's C kernels through FFM downcalls. First choice in {@code auto} (priority 40). Nothing in
 * this class's signatures or static initialiser touches {@code java.lang.foreign}; {@link #load()} does.
 */
public final class FfmTier implements KernelTier {
    private static Object binding; // FfmBinding or TierUnavailableException, guarded by FfmTier.class

    @Override
    public String name() {
        return "ffm";
    }

    @Override
    public int autoPriority() {
        return 40;
    }

    @Override
    public Kernels load() throws TierUnavailableException {
        return NativeKernels.best(binding());
    }

    /** The FFM binding of this JVM, bound once; the failure is kept and rethrown. */
    static synchronized FfmBinding binding() throws TierUnavailableException {
        if (binding == null) {
            binding = bind();
        }
        if (binding instanceof FfmBinding b) {
            return b;
        }
        TierUnavailableException e = (TierUnavailableException) binding;
        throw new TierUnavailableException("ffm", e.getMessage(), e.fix(), e);
    }

    private static Object bind() {
        NativeLibrary.Located lib;
        try {
            lib = NativeLibrary.get("ffm");
        } catch (TierUnavailableException e) {
            return e;
        }
        if (!FfmTier.class.getModule().isNativeAccessEnabled()) {
            return new TierUnavailableException("ffm", "native access not enabled for " + describe(FfmTier.class.getModule()),
                    "pass --enable-native-access=ALL-UNNAMED (or the module name) to java");
        }
        try {
            return new FfmBinding();
        } catch (ExceptionInInitializerError | NoClassDefFoundError | UnsatisfiedLinkError | IllegalStateException
                 | IllegalArgumentException | IllegalCallerException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return new TierUnavailableException("ffm", "could not bind " + lib.path() + " (" + lib.source() + ") through FFM: " + root,
                    "rebuild native/ (cmake --build) or point -D" + NativeLibrary.PATH_PROPERTY + " at a working libheqkernels.so", e);
        }
    }

    private static String describe(Module m) {
        return m.isNamed() ? "module " + m.getName() : "the unnamed module";
    }
}
