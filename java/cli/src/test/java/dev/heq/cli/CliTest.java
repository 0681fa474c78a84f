package dev.heq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heq.cli.bench.Json;
import dev.heq.cli.bench.Results;
import dev.heq.cli.bench.Timer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command surface: help everywhere, one-line usage errors with status 2, results files and their comparison. */
class CliTest {
    @TempDir
    Path dir;

    /** Every command of the tree, as the words that name it ("bench kernels"). */
    static List<String> allCommands() {
        List<String> names = new ArrayList<>();
        CommandLine root = Main.commandLine(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        walk(root, "", names);
        return names;
    }

    private static void walk(CommandLine c, String prefix, List<String> names) {
        for (Map.Entry<String, CommandLine> e : c.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            String name = (prefix + " " + e.getKey()).trim();
            names.add(name);
            walk(e.getValue(), name, names);
        }
    }

    @Test
    void helpListsEveryCommandWithASummary() {
        String top = Heq.expect(0, "help").out();
        List<String> all = allCommands();
        assertTrue(all.containsAll(List.of("info", "demo", "bench", "bench kernels", "bench he", "bench noise", "bench ot", "bench ferret",
                "bench nonlinear", "bench inference", "bench compare", "train")), all.toString());
        for (String c : all) {
            String[] words = c.split(" ");
            String parent = words.length == 1 ? top : Heq.expect(0, words[0], "--help").out();
            String leaf = words[words.length - 1];
            assertTrue(parent.lines().anyMatch(l -> l.matches("\\s+" + leaf + "\\s+\\S.*")), "no one-line summary of '" + c + "' in\n" + parent);
            assertTrue(top.lines().anyMatch(l -> l.matches("\\s+" + c + "\\s+\\S.*")), "'heq help' does not list '" + c + "':\n" + top);
        }
    }

    @Test
    void everyCommandAnswersHelpAndRejectsABogusOptionInOneLine() {
        for (String c : allCommands()) {
            List<String> args = new ArrayList<>(List.of(c.split(" ")));
            args.add("--help");
            Heq help = Heq.expect(0, args.toArray(String[]::new));
            assertTrue(help.out().contains("Usage: heq " + c + " "), help.out());
            args.set(args.size() - 1, "--bogus-option");
            Heq bad = Heq.expect(2, args.toArray(String[]::new));
            assertEquals(1, bad.err().lines().count(), "one line:\n" + bad.err());
            assertTrue(bad.err().startsWith("heq " + c + ": Unknown option: '--bogus-option'"), bad.err());
            assertEquals("", bad.out());
        }
    }

    @Test
    void unknownCommandAndMissingCommandAreUsageErrors() {
        Heq h = Heq.expect(2, "frobnicate");
        assertTrue(h.err().contains("Unmatched argument at index 0: 'frobnicate'"), h.err());
        assertTrue(Heq.expect(2, "bench").err().contains("name a benchmark: kernels, he"));
        assertTrue(Heq.expect(2).err().contains("Usage: heq"));
    }

    @Test
    void versionNamesCommitJvmAndTier() {
        String v = Heq.expect(0, "--version").out();
        assertTrue(v.startsWith("heq "), v);
        assertTrue(v.contains("(commit "), v);
        assertTrue(v.contains("JVM "), v);
        assertTrue(v.contains("kernel tier "), v);
    }

    @Test
    void unknownForcedTierFailsAtStartUpInOneLine() {
        String before = System.getProperty("heq.kernels");
        System.setProperty("heq.kernels", "turbo");
        try {
            Heq h = Heq.expect(2, "bench", "kernels", "--quick");
            assertEquals(1, h.err().lines().count(), h.err());
            assertTrue(h.err().contains("-Dheq.kernels=turbo is not a kernel tier; valid: auto, reference, scalar"), h.err());
            assertTrue(h.err().contains("HEQ_JAVA_OPTS"), h.err());
        } finally {
            if (before == null) {
                System.clearProperty("heq.kernels");
            } else {
                System.setProperty("heq.kernels", before);
            }
        }
    }

    @Test
    void infoListsEveryTierWithStatus() {
        String out = Heq.expect(0, "info").out();
        for (String tier : new String[] {"reference", "scalar", "simd", "ffm", "jna", "hexl"}) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(tier + " ")), "info should list tier " + tier + ":\n" + out);
        }
        assertTrue(out.contains("CHOSEN"), out);
        assertTrue(out.contains("Intel HEXL"), out);
    }

    private static String[] tinyKernels(String tiers, int n, Path json) {
        return new String[] {"bench", "kernels", "--tiers", tiers, "--ops", "fwd,mulmod", "--bits", "50", "--n", String.valueOf(n),
            "--warmup-ms", "0", "--rounds", "1", "--round-ms", "1", "--json", json.toString()};
    }

    @Test
    void kernelsJsonOnTwoTierSetsThenCompare() throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        String out = Heq.expect(0, tinyKernels("reference,scalar", 64, a)).out();
        assertTrue(out.contains("fwd NTT") && out.contains("mulMod"), out);
        assertFalse(out.contains("WRONG RESULT"), out);
        Heq.expect(0, tinyKernels("scalar", 64, b));
        Results ra = Results.read(a);
        assertEquals(4, ra.rows().size());   // 2 ops × 2 tiers
        assertEquals("kernels", ra.bench());
        for (String field : new String[] {"cpu_model", "cpu_family", "cpu_stepping", "cores", "cpu_flags", "kernel_tiers", "jvm", "hexl",
            "heq_commit", "date", "command"}) {
            assertTrue(ra.machine().containsKey(field), "fingerprint lacks " + field + ": " + ra.machine());
        }
        assertTrue(ra.machine().get("command").toString().startsWith("heq bench kernels --tiers reference,scalar"), ra.machine().toString());
        Results.Row first = ra.rows().get(0);
        assertEquals("fwd NTT", first.op());
        assertEquals(64L, ((Number) first.params().get("n")).longValue());
        assertEquals(dev.heq.kernel.Primes.nttPrime(50, 64), ((Number) first.params().get("modulus")).longValue());

        String cmp = Heq.expect(0, "bench", "compare", a.toString(), b.toString()).out();
        List<String> rows = cmp.lines().filter(l -> l.startsWith("fwd NTT n=64") || l.startsWith("mulMod n=64")).toList();
        assertEquals(2, rows.size(), cmp);
        for (String r : rows) {
            assertEquals(3, r.chars().filter(ch -> ch == '|').count(), r);   // [1] reference, [1] scalar, [2] scalar
            assertEquals(2, r.split("×", -1).length - 1, r);                 // two ratios to the first column
        }
        assertTrue(cmp.contains("[1] reference") && cmp.contains("[2] scalar"), cmp);
    }

    @Test
    void compareRefusesRowsThatAreNotComparable() throws Exception {
        Path a = dir.resolve("a.json");
        Path c = dir.resolve("c.json");
        Heq.expect(0, tinyKernels("scalar", 64, a));
        Heq.expect(0, tinyKernels("scalar", 128, c));
        Heq h = Heq.expect(1, "bench", "compare", a.toString(), c.toString());
        assertTrue(h.out().contains("no row is in every file"), h.out());
        assertTrue(h.out().contains("fwd NTT n=64") && h.out().contains("missing in " + c), h.out());
        Path junk = dir.resolve("junk.json");
        Files.writeString(junk, "{\"format\": \"other\"}");
        Heq bad = Heq.expect(2, "bench", "compare", a.toString(), junk.toString());
        assertTrue(bad.err().contains("is not a heq bench results file: format is other"), bad.err());
        assertTrue(Heq.expect(2, "bench", "compare", a.toString()).err().contains("FILE"));
    }

    @Test
    void kernelsRejectsBadValuesNamingTheOption() {
        assertTrue(Heq.expect(2, "bench", "kernels", "--n", "1000").err().contains("--n: "));
        assertTrue(Heq.expect(2, "bench", "kernels", "--bits", "70").err().contains("--bits: 70 is outside 20..62"));
        assertTrue(Heq.expect(2, "bench", "kernels", "--tiers", "turbo").err().contains("unknown tier 'turbo' (valid: reference"));
        assertTrue(Heq.expect(2, "bench", "kernels", "--ops", "fft").err().contains("expected one of [FWD, INV, MULMOD"));
        assertTrue(Heq.expect(2, "bench", "kernels", "--quick", "--full").err().contains("exclude each other"));
    }

    @Test
    void jsonRoundTripsAndRejectsMalformedInput() {
        Object v = Json.parse(Json.write(Map.of("a", List.of(1L, 2.5, "x\"y\n", true), "b", Map.of())));
        assertEquals(Map.of("a", List.of(1L, 2.5, "x\"y\n", true), "b", Map.of()), v);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": [1, }"));
        assertTrue(e.getMessage().contains("offset 10"), e.getMessage());
    }

    @Test
    void statsAreExactOnKnownSamples() {
        Timer.Stats s = Timer.Stats.of(5, 1, 4, 2, 3, 9, 7, 8, 6, 10);
        assertEquals(new Timer.Stats(10, 6, 1, 10, 10), s);
        assertEquals(new Timer.Stats(1, 3, 3, 3, 3), Timer.Stats.of(3));
        assertEquals(new Timer.Stats(3, 2, 1, 3, 3), Timer.Stats.of(3, 1, 2));
    }
}
