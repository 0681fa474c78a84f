package dev.heq.cli.base;

import dev.heq.kernel.KernelProvider;
import dev.heq.kernel.Kernels;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code heq --version}: HEQ version and commit, the JVM, and the kernel tier this JVM chose (or why none). */
public final class HeqVersion implements CommandLine.IVersionProvider {
    private static final Properties BUILD = load();

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = HeqVersion.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // a build without the resource reports "unknown"
        }
        return p;
    }

    /** The project version this jar was built as ("0.1.0-SNAPSHOT"), or "unknown". */
    public static String version() {
        return BUILD.getProperty("version", "unknown");
    }

    /** The git commit the jar was built from (12 hex digits, "+dirty" with uncommitted changes), or "unknown". */
    public static String commit() {
        String c = BUILD.getProperty("commit", "").trim();
        return c.isEmpty() || c.startsWith("${") ? "unknown" : c;
    }

    public static String jvm() {
        return System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")";
    }

    /** The tier {@link KernelProvider#get()} chose, with its description, or the reason it could not choose. */
    public static String chosenTier() {
        try {
            Kernels k = KernelProvider.get();
            return k.describe();
        } catch (RuntimeException e) {
            return "none: " + oneLine(e.getMessage());
        }
    }

    /** The first line of a message, trimmed (messages are shown as one line). */
    public static String oneLine(String s) {
        String t = s == null ? "" : s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "heq " + version() + " (commit " + commit() + ")",
            "JVM " + jvm(),
            "kernel tier " + chosenTier(),
        };
    }
}
