package dev.heq.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The one-way layering of architecture.md: protocol → {he, ring, quant, ot, net}. Main sources of this module may
 * import only the JDK, their own packages and those; in particular not dev.heq.nn (the model and its reference engine,
 * which tests use as an oracle) nor dev.heq.engine / dev.heq.cli.
 */
class LayeringTest {
    private static final List<String> ALLOWED = List.of("java.", "javax.", "dev.heq.protocol", "dev.heq.net.", "dev.heq.ot.",
            "dev.heq.quant.", "dev.heq.he.", "dev.heq.ring.");

    @Test
    void mainSourcesImportOnlyLowerLayers() throws IOException {
        Path root = Path.of("src/main/java");
        Pattern imp = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
        Pattern fq = Pattern.compile("\\bdev\\.heq\\.(\\w+)\\.");
        List<String> bad = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                files++;
                // comments may name other layers (e.g. the reference engine a protocol mirrors); code may not
                String src = Files.readString(p).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
                Matcher m = imp.matcher(src);
                while (m.find()) {
                    String name = m.group(1);
                    if (ALLOWED.stream().noneMatch(name::startsWith)) bad.add(p + ": import " + name);
                }
                Matcher f = fq.matcher(src);
                while (f.find()) {
                    String pkg = f.group(1);
                    if (!List.of("protocol", "net", "ot", "quant", "he", "ring").contains(pkg)) bad.add(p + ": uses dev.heq." + pkg);
                }
            }
        }
        assertTrue(files > 10, "scanned only " + files + " files from " + root.toAbsolutePath());
        assertTrue(bad.isEmpty(), "layering violations:\n" + String.join("\n", bad));
    }
}
