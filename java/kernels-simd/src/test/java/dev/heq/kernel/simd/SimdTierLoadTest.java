package dev.heq.kernel.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heq.kernel.KernelProvider;
import dev.heq.kernel.KernelTier;
import dev.heq.kernel.TierUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Registration and the refusal path: without the incubator module the tier must say why and how to fix it. */
class SimdTierLoadTest {

    @Test
    void registeredUnderItsNameWithPriority20() throws Exception {
        KernelTier t = KernelProvider.tiers().get("simd");
        assertTrue(t instanceof SimdTier, "simd tier registered through META-INF/services");
        assertEquals(20, t.autoPriority());
        assertEquals("simd", KernelProvider.load("simd").tier());
    }

    /** Runs {@link Probe} in a JVM started without --add-modules jdk.incubator.vector. */
    @Test
    void refusesWithReasonAndFixWithoutTheModule() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"), Probe.class.getName()))
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("unavailable: module jdk.incubator.vector is not in the boot layer"), out);
        assertTrue(out.contains("fix: pass --add-modules jdk.incubator.vector"), out);
    }

    /** Entry point of the probe JVM. */
    public static final class Probe {
        public static void main(String[] args) {
            try {
                System.out.println("loaded: " + KernelProvider.load("simd").describe());
            } catch (TierUnavailableException e) {
                System.out.println("unavailable: " + e.getMessage() + " fix: " + e.fix());
            }
        }
    }
}
