package dev.heq.kernel.ffi;

import dev.heq.kernel.KernelProvider;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.TierUnavailableException;

/** Run in a forked JVM by {@link NativeLoaderTest}: prints each native tier's status and the auto choice. */
public final class LoaderProbe {
    private LoaderProbe() {}

    public static void main(String[] args) {
        for (String t : new String[] {"ffm", "jna", "hexl"}) {
            try {
                Kernels k = KernelProvider.load(t);
                System.out.println(t + ": OK " + k.describe());
                System.out.println(t + " path: " + k.path(4096, dev.heq.kernel.Primes.nttPrimes(50, 4096, 1)[0]));
            } catch (TierUnavailableException e) {
                System.out.println(t + ": UNAVAILABLE " + e.getMessage() + " | fix: " + e.fix());
            }
        }
        System.out.println("auto: " + KernelProvider.get().tier());
    }
}
