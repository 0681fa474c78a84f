package dev.heq.kernel.ffi;

import dev.heq.kernel.KernelTier;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.TierUnavailableException;
import dev.heq.kernel.ffi.loader.NativeLibrary;

/**
 * The "jna" tier: the same C kernels through JNA direct mapping. Chosen by {@code auto} when FFM cannot be used
 * (priority 30, below ffm), or forced with {@code -Dheq.kernels=jna} for comparison. No JNA type appears in this
 * class's signatures or static initialiser.
 */
public final class JnaTier implements KernelTier {
    private static Object binding; // JnaBinding or TierUnavailableException, guarded by JnaTier.class

    @Override
    public String name() {
        return "jna";
    }

    @Override
    public int autoPriority() {
        return 30;
    }

    @Override
    public Kernels load() throws TierUnavailableException {
        return NativeKernels.best(binding());
    }

    /** The JNA binding of this JVM, bound once; the failure is kept and rethrown. */
    static synchronized JnaBinding binding() throws TierUnavailableException {
        if (binding == null) {
            binding = bind();
        }
        if (binding instanceof JnaBinding b) {
            return b;
        }
        TierUnavailableException e = (TierUnavailableException) binding;
        throw new TierUnavailableException("jna", e.getMessage(), e.fix(), e);
    }

    private static Object bind() {
        NativeLibrary.Located lib;
        try {
            lib = NativeLibrary.get("jna");
        } catch (TierUnavailableException e) {
            return e;
        }
        try {
            return new JnaBinding();
        } catch (ExceptionInInitializerError | NoClassDefFoundError | UnsatisfiedLinkError | IllegalStateException
                 | IllegalArgumentException | IllegalCallerException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String fix = root instanceof NoClassDefFoundError
                    ? "put jna-5.17.0.jar on the class path"
                    : "rebuild native/ (cmake --build) or point -D" + NativeLibrary.PATH_PROPERTY + " at a working libheqkernels.so";
            return new TierUnavailableException("jna", "could not bind " + lib.path() + " (" + lib.source() + ") through JNA: " + root, fix, e);
        }
    }
}
