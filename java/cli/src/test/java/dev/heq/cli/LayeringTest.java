package dev.heq.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Enforces the one-way layering of architecture.md on every main source file of every module: a package group may
 * only mention (import or fully qualify) the groups listed for it. Maven module dependencies already forbid most
 * back-edges; this also covers edges inside a module (ring ↛ he, net ↛ ot, quant ↛ nn, kernel ↛ simd/ffi) and
 * "nothing below protocol knows a Channel".
 */
class LayeringTest {
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("kernel", Set.of("kernel")),
            Map.entry("kernel.simd", Set.of("kernel", "kernel.simd")),
            Map.entry("kernel.ffi", Set.of("kernel", "kernel.ffi")),
            Map.entry("ring", Set.of("kernel", "ring")),
            Map.entry("he", Set.of("kernel", "ring", "he")),
            Map.entry("quant", Set.of("quant")),
            Map.entry("nn", Set.of("quant", "nn")),
            Map.entry("net", Set.of("net")),
            Map.entry("ot", Set.of("net", "ot")),
            Map.entry("protocol", Set.of("kernel", "ring", "he", "quant", "net", "ot", "protocol")),
            Map.entry("engine", Set.of("kernel", "ring", "he", "quant", "nn", "net", "ot", "protocol", "engine")),
            Map.entry("cli", Set.of("kernel", "kernel.simd", "kernel.ffi", "ring", "he", "quant", "nn", "net", "ot", "protocol", "engine", "cli")));

    private static final Pattern REF = Pattern.compile("\\bdev\\.heq\\.([a-z][a-z0-9]*(?:\\.(?:simd|ffi))?)");
    private static final Pattern PKG = Pattern.compile("^package\\s+dev\\.heq\\.([a-z][a-z0-9]*(?:\\.(?:simd|ffi))?)", Pattern.MULTILINE);

    static String group(String raw) {
        return raw.startsWith("kernel.simd") ? "kernel.simd" : raw.startsWith("kernel.ffi") ? "kernel.ffi" : raw.split("\\.")[0];
    }

    @Test
    void packagesOnlyDependDownwards() throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
        Path java = root.resolve("java");
        assertTrue(Files.isDirectory(java), "cannot find the java/ source tree from " + root);
        List<String> violations = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.walk(java)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/")).toList()) {
                files++;
                String src = Files.readString(p);
                Matcher pm = PKG.matcher(src);
                if (!pm.find()) {
                    violations.add(p + ": no dev.heq package declaration");
                    continue;
                }
                String from = group(pm.group(1));
                Set<String> allowed = ALLOWED.get(from);
                if (allowed == null) {
                    violations.add(p + ": package group '" + from + "' has no layering rule; add one to LayeringTest");
                    continue;
                }
                // comments may name other layers (documentation links); only code counts
                String code = src.substring(pm.end()).replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
                Matcher m = REF.matcher(code);
                while (m.find()) {
                    String to = group(m.group(1));
                    if (!allowed.contains(to)) {
                        violations.add(root.relativize(p) + ": " + from + " → " + to + " (dev.heq." + m.group(1) + ")");
                    }
                }
            }
        }
        assertTrue(files > 10, "found only " + files + " source files under " + java);
        assertTrue(violations.isEmpty(), "layering violations:\n  " + String.join("\n  ", violations));
    }
}
