package dev.heq.kernel.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heq.kernel.TierUnavailableException;
import dev.heq.kernel.ffi.loader.NativeLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loader behaviour: the search order, and that every way of failing ends in a {@link TierUnavailableException}
 * that names the problem and the fix. End-to-end cases run {@link LoaderProbe} in a fresh JVM, because the
 * library is located and bound once per JVM.
 */
class NativeLoaderTest {

    @TempDir
    Path tmp;

    @Test
    void explicitPathThatIsNotAFileIsRejectedWithTheProperty() {
        TierUnavailableException e = assertThrows(TierUnavailableException.class,
                () -> NativeLibrary.locate("/nonexistent/libheqkernels.so", "", getClass().getClassLoader()));
        assertTrue(e.getMessage().contains("-Dheq.native.path=/nonexistent/libheqkernels.so is not a file"), e.getMessage());
        assertTrue(e.fix().contains("heq.native.path"), e.fix());
    }

    @Test
    void explicitPathWinsOverEverythingElse() throws Exception {
        Path f = Files.writeString(tmp.resolve("custom.so"), "x");
        NativeLibrary.Located l = NativeLibrary.locate(f.toString(), "", getClass().getClassLoader());
        assertEquals(NativeLibrary.Source.PROPERTY, l.source());
        assertEquals(f.toAbsolutePath(), l.path());
    }

    @Test
    void libraryPathIsSearchedBeforeThePackagedCopy() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("lib"));
        Files.writeString(dir.resolve(NativeLibrary.FILE_NAME), "x");
        NativeLibrary.Located l = NativeLibrary.locate(null, "/nonexistent-dir:" + dir, getClass().getClassLoader());
        assertEquals(NativeLibrary.Source.LIBRARY_PATH, l.source());
        assertEquals(dir.resolve(NativeLibrary.FILE_NAME).toAbsolutePath(), l.path());
    }

    @Test
    void missingPackagedCopySaysTheNativeBuildWasSkipped() {
        ClassLoader empty = new ClassLoader(null) {};
        TierUnavailableException e = assertThrows(TierUnavailableException.class, () -> NativeLibrary.locate(null, "", empty));
        assertTrue(e.getMessage().contains("not packaged"), e.getMessage());
        assertTrue(e.fix().contains("apt-get install cmake gcc"), e.fix());
    }

    @Test
    void packagedCopyIsExtracted() throws Exception {
        NativeLibrary.Located l = NativeLibrary.locate(null, "", getClass().getClassLoader());
        assertEquals(NativeLibrary.Source.PACKAGED, l.source(), "the Maven build packages " + NativeLibrary.RESOURCE);
        assertTrue(Files.size(l.path()) > 10_000, "extracted library has " + Files.size(l.path()) + " bytes");
    }

    // ---------------------------------------------------------------------------------- forked JVMs

    private static List<String> probe(String... jvmArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmArgs));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(LoaderProbe.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("probe JVM did not finish: " + cmd);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "probe JVM failed:\n" + out);
        return out.lines().toList();
    }

    private static String line(List<String> out, String prefix) {
        return out.stream().filter(s -> s.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no '" + prefix + "' in " + out));
    }

    @Test
    void badNativePathMakesBothBindingsUnavailableWithTheReason() throws Exception {
        List<String> out = probe("--enable-native-access=ALL-UNNAMED", "-Dheq.native.path=/nonexistent/libheqkernels.so");
        for (String t : List.of("ffm: ", "jna: ")) {
            String l = line(out, t);
            assertTrue(l.contains("UNAVAILABLE -Dheq.native.path=/nonexistent/libheqkernels.so is not a file"), l);
        }
        assertTrue(line(out, "auto: ").matches("auto: (simd|scalar|reference)"), out.toString());
    }

    @Test
    void fileThatIsNotALibraryIsReportedAsABindFailure() throws Exception {
        Path junk = Files.writeString(tmp.resolve("libheqkernels.so"), "not an ELF file");
        List<String> out = probe("--enable-native-access=ALL-UNNAMED", "-Dheq.native.path=" + junk);
        String ffm = line(out, "ffm: ");
        assertTrue(ffm.contains("UNAVAILABLE could not bind " + junk + " (PROPERTY) through FFM"), ffm);
        String jna = line(out, "jna: ");
        assertTrue(jna.contains("UNAVAILABLE could not bind " + junk + " (PROPERTY) through JNA"), jna);
    }

    @Test
    void withoutNativeAccessFfmStepsAsideAndAutoPicksJna() throws Exception {
        List<String> out = probe();
        String ffm = line(out, "ffm: ");
        assertTrue(ffm.contains("UNAVAILABLE native access not enabled") && ffm.contains("--enable-native-access=ALL-UNNAMED"), ffm);
        assertTrue(line(out, "jna: ").startsWith("jna: OK"), out.toString());
        assertEquals("auto: jna", line(out, "auto: "));
    }

    @Test
    void normallyAutoPicksFfm() throws Exception {
        List<String> out = probe("--enable-native-access=ALL-UNNAMED");
        assertTrue(line(out, "ffm: ").startsWith("ffm: OK ffm ("), out.toString());
        assertEquals("auto: ffm", line(out, "auto: "));
    }

    @Test
    void isaPropertyCapsTheAutomaticTiers() throws Exception {
        List<String> out = probe("--enable-native-access=ALL-UNNAMED", "-Dheq.native.isa=scalar");
        assertEquals("ffm path: scalar-c", line(out, "ffm path: "));
        assertEquals("jna path: scalar-c", line(out, "jna path: "));
        List<String> bad = probe("--enable-native-access=ALL-UNNAMED", "-Dheq.native.isa=sse9");
        assertTrue(line(bad, "ffm: ").contains("UNAVAILABLE unknown native ISA 'sse9'"), bad.toString());
    }

    @Test
    void libraryWithoutTheHexlShimKeepsFfmAndExplainsHexl() throws Exception {
        Path lib = tmp.resolve(NativeLibrary.FILE_NAME);
        try (var in = getClass().getClassLoader().getResourceAsStream(NativeLibrary.RESOURCE)) {
            Assumptions.assumeTrue(in != null, "native build skipped");
            Files.copy(in, lib);
        }
        List<String> out = probe("--enable-native-access=ALL-UNNAMED", "-Dheq.native.path=" + lib);
        assertTrue(line(out, "ffm: ").startsWith("ffm: OK"), out.toString());
        String hexl = line(out, "hexl: ");
        assertTrue(hexl.contains("UNAVAILABLE libheqkernels was not built with HEXL (no libheqhexl.so next to " + lib + ")"), hexl);
    }
}
