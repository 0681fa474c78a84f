package dev.heq.kernel.ffi.loader;

import dev.heq.kernel.TierUnavailableException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Finds libheqkernels: {@code -Dheq.native.path} (a file), then each {@code java.library.path} directory, then the
 * copy packaged in this jar under {@value #RESOURCE}, extracted to a temporary file. The outcome (the file, or why
 * none could be used and what would fix it) is computed once and kept for {@code heq info}.
 *
 * <p>This class only locates the file; binding it is FFM's or JNA's business ({@code dev.heq.kernel.ffi.NativeBinding}).
 * It sits in its own package, below both {@code ffi} (tiers, bindings) and the {@code ffi.ffm} / {@code ffi.jna}
 * downcall classes, because those bind the library in their static initialisers (static final handles, so C2
 * constant-folds them) and so must find it without calling back up into {@code ffi}: the packages form one
 * layering, ffi → ffi.ffm / ffi.jna → ffi.loader, with no cycle (LayeringTest.packagesAreFreeOfCycles).
 */
public final class NativeLibrary {
    /** System property naming the library file explicitly. */
    public static final String PATH_PROPERTY = "heq.native.path";
    /** File name of the library on Linux. */
    public static final String FILE_NAME = "libheqkernels.so";
    /** File name of the optional HEXL shim library (built only where CMake finds Intel HEXL). */
    public static final String HEXL_FILE_NAME = "libheqhexl.so";
    /** Where the Maven build packages the libraries inside the jar. */
    public static final String RESOURCE_DIR = "META-INF/native/linux-x86_64/";
    /** The packaged libheqkernels. */
    public static final String RESOURCE = RESOURCE_DIR + FILE_NAME;

    private NativeLibrary() {}

    /** Where the library came from. */
    public enum Source { PROPERTY, LIBRARY_PATH, PACKAGED }

    /**
     * A located library file, and the HEXL shim next to it ({@code null} when there is none: then the library was
     * built without HEXL). libheqhexl.so finds libheqkernels.so through its RUNPATH $ORIGIN, so the two always
     * sit in one directory (the packaged copies are extracted into one temporary directory under their own names).
     */
    public record Located(Path path, Source source, Path hexl) {
        static Located of(Path lib, Source source) {
            Path h = lib.resolveSibling(HEXL_FILE_NAME);
            return new Located(lib, source, Files.isRegularFile(h) ? h : null);
        }
    }

    private static final class Holder {
        static final Object RESULT = locateOnce();
    }

    private static Object locateOnce() {
        try {
            return locate(System.getProperty(PATH_PROPERTY), System.getProperty("java.library.path", ""),
                    NativeLibrary.class.getClassLoader());
        } catch (TierUnavailableException e) {
            return e;
        }
    }

    /**
     * The library for this JVM (located once).
     *
     * @param tier the tier asking, named in the exception
     * @throws TierUnavailableException with the reason and fix (re-labelled for {@code tier})
     */
    public static Located get(String tier) throws TierUnavailableException {
        Object r = Holder.RESULT;
        if (r instanceof Located l) {
            return l;
        }
        TierUnavailableException e = (TierUnavailableException) r;
        throw new TierUnavailableException(tier, e.getMessage(), e.fix(), e.getCause());
    }

    /**
     * Locates the library from explicit inputs (testable without system properties).
     *
     * @param explicitPath value of heq.native.path or null
     * @param libraryPath  java.library.path
     * @param loader       where to look for the packaged copy
     */
    public static Located locate(String explicitPath, String libraryPath, ClassLoader loader) throws TierUnavailableException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (explicitPath != null && !explicitPath.isBlank()) {
            Path p = Path.of(explicitPath.trim());
            if (!Files.isRegularFile(p)) {
                throw new TierUnavailableException("native", "-D" + PATH_PROPERTY + "=" + explicitPath + " is not a file",
                        "point -D" + PATH_PROPERTY + " at libheqkernels.so (built by `cmake --build`), or drop the property");
            }
            if (!Files.isReadable(p)) {
                throw new TierUnavailableException("native", "-D" + PATH_PROPERTY + "=" + explicitPath + " is not readable",
                        "fix the file permissions");
            }
            return Located.of(p.toAbsolutePath(), Source.PROPERTY);
        }
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new TierUnavailableException("native", "no libheqkernels for " + os + "/" + arch + " (only linux/x86-64 is built)",
                    "build native/ with CMake for this platform and pass -D" + PATH_PROPERTY + "=<file>");
        }
        for (String dir : libraryPath.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path p = Path.of(dir, FILE_NAME);
            if (Files.isRegularFile(p) && Files.isReadable(p)) {
                return Located.of(p.toAbsolutePath(), Source.LIBRARY_PATH);
            }
        }
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new TierUnavailableException("native", "libheqkernels.so is not packaged in heq-kernels-native (the native build was skipped: cmake/gcc missing?)",
                        "apt-get install cmake gcc and rebuild java/kernels-native, or pass -D" + PATH_PROPERTY + "=<file>");
            }
            Path dir = Files.createTempDirectory("heq-native-");
            dir.toFile().deleteOnExit();
            Path lib = dir.resolve(FILE_NAME);
            Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
            lib.toFile().deleteOnExit();
            try (InputStream h = loader.getResourceAsStream(RESOURCE_DIR + HEXL_FILE_NAME)) {
                if (h != null) {
                    Path hexl = dir.resolve(HEXL_FILE_NAME);
                    Files.copy(h, hexl, StandardCopyOption.REPLACE_EXISTING);
                    hexl.toFile().deleteOnExit();
                }
            }
            return Located.of(lib, Source.PACKAGED);
        } catch (IOException e) {
            throw new TierUnavailableException("native", "could not extract the packaged libheqkernels.so: " + e,
                    "make java.io.tmpdir writable, or pass -D" + PATH_PROPERTY + "=<file>", e);
        }
    }
}
