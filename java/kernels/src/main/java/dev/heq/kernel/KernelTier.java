package dev.heq.kernel;

/**
 * Service-provider interface of a kernel tier, registered in {@code META-INF/services/dev.heq.kernel.KernelTier}.
 *
 * <p>Implementations must be loadable without the tier's optional APIs (no reference to
 * {@code jdk.incubator.vector} or {@code java.lang.foreign} types in their signatures or static initialisers):
 * {@link #load()} is where the tier touches them, and it turns every linkage failure into a
 * {@link TierUnavailableException} with the reason and the fix.
 */
public interface KernelTier {
    /** Tier name, e.g. "simd". */
    String name();

    /** Preference in {@code auto} selection (higher first); negative = never chosen automatically. */
    int autoPriority();

    /** Loads the tier (once; callers cache). */
    Kernels load() throws TierUnavailableException;
}
