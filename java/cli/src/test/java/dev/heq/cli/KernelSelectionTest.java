package dev.heq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.heq.kernel.KernelProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * With every tier on the class path (as in the shipped jar), auto-selection must pick the tier named by
 * -Dheq.tests.requireKernels (./heq test sets ffm): a native library that silently failed to build or load fails
 * the run instead of quietly running everything on a slower tier.
 */
class KernelSelectionTest {
    @Test
    void autoSelectionPicksTheRequiredTier() {
        String required = System.getProperty("heq.tests.requireKernels", "").trim();
        Assumptions.assumeFalse(required.isEmpty(), "heq.tests.requireKernels not set");
        assertEquals(required, KernelProvider.get().tier(), "auto-selection chose another tier; survey: " + KernelProvider.survey());
    }
}
