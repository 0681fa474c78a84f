package dev.heq.he;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** he → ring → kernel only: ring never names he, and neither names anything above (protocol, net, nn, cli). */
class LayeringTest {
    private static List<String> violations(Path dir, String... forbidden) throws IOException {
        List<String> bad = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    String l = line.trim();
                    if (l.startsWith("import ") || l.startsWith("package ")) {
                        for (String x : forbidden) {
                            if (l.contains(x)) {
                                bad.add(f.getFileName() + ": " + l);
                            }
                        }
                    }
                }
            }
        }
        return bad;
    }

    @Test
    void layersPointDownOnly() throws IOException {
        Path main = Path.of("src/main/java/dev/heq");
        List<String> bad = violations(main.resolve("ring"), "dev.heq.he", "dev.heq.protocol", "dev.heq.net", "dev.heq.nn", "dev.heq.cli");
        bad.addAll(violations(Path.of("src/test/java/dev/heq/ring"), "dev.heq.he"));
        bad.addAll(violations(main.resolve("he"), "dev.heq.protocol", "dev.heq.net", "dev.heq.nn", "dev.heq.cli", "dev.heq.engine"));
        assertTrue(bad.isEmpty(), "layering violations: " + bad);
    }
}
