package dev.heq.cli.bench;

import dev.heq.cli.base.HeqCommand;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code heq bench compare A.json B.json …}: one side-by-side table of results files written by
 * {@code heq bench … --json}. A row is an operation at one set of parameters (size, modulus, bit widths); a column
 * is one variant (tier, back end) of one file; each cell is the median (and best) in the row's unit, with its ratio
 * to the first column. Rows whose parameters do not appear in every file are refused with a message naming the
 * file that lacks them, and files of different benchmarks or units are not mixed.
 */
@Command(name = "compare", header = "side-by-side table of --json results files, ratios to the first", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Side-by-side table of results files written with --json: one row per op and size, one column per file "
                + "and variant, ratios to the first column.",
            "Rows that are not in every file (another op, size or modulus) are refused with a message."})
public final class CompareCommand extends HeqCommand {

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "results files (heq bench ... --json FILE), the first is the baseline")
    List<Path> files;

    @Option(names = "--metric", defaultValue = "median", description = "statistic to compare: median, min or p95 (default: ${DEFAULT-VALUE})")
    String metric;

    @Override
    public Integer call() throws Exception {
        if (files == null || files.size() < 2) {
            throw bad("name at least two results FILEs (written by heq bench ... --json FILE)");
        }
        if (!List.of("median", "min", "p95").contains(metric)) {
            throw bad("--metric must be median, min or p95, got '" + metric + "'");
        }
        List<Results> all = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isReadable(f)) {
                throw bad("cannot read " + f);
            }
            all.add(Results.read(f));
        }
        Set<String> benches = new LinkedHashSet<>();
        all.forEach(r -> benches.add(r.bench()));
        if (benches.size() > 1) {
            throw new IllegalArgumentException("the files come from different benchmarks " + benches + "; compare files of one kind");
        }
        PrintStream out = out();
        out.println("heq bench compare (" + metric + "; ratio = column ÷ first column, < 1 is faster):");
        for (int i = 0; i < all.size(); i++) {
            Map<String, Object> m = all.get(i).machine();
            out.printf(Locale.ROOT, "  [%d] %s: %s, %s cores, %s, HEQ %s, %s%n", i + 1, files.get(i), get(m, "cpu_model"), get(m, "cores"),
                    get(m, "jvm"), get(m, "heq_commit"), get(m, "date"));
        }
        // columns: (file, variant) in order of appearance; rows: key in order of first appearance
        record Col(int file, String variant) {}
        List<Col> cols = new ArrayList<>();
        Map<String, Map<Col, Results.Row>> rows = new LinkedHashMap<>();
        Map<String, String> unitOf = new LinkedHashMap<>();
        List<Set<String>> keysPerFile = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Set<String> keys = new LinkedHashSet<>();
            for (Results.Row r : all.get(i).rows()) {
                Col c = new Col(i, r.variant());
                if (!cols.contains(c)) {
                    cols.add(c);
                }
                String u = unitOf.putIfAbsent(r.key(), r.unit());
                if (u != null && !u.equals(r.unit())) {
                    throw new IllegalArgumentException("row '" + r.key() + "' is in " + u + " in one file and " + r.unit() + " in "
                            + files.get(i) + "; not comparable");
                }
                rows.computeIfAbsent(r.key(), k -> new LinkedHashMap<>()).put(c, r);
                keys.add(r.key());
            }
            keysPerFile.add(keys);
        }
        List<String> refused = new ArrayList<>();
        List<String> common = new ArrayList<>();
        for (String key : rows.keySet()) {
            List<String> lacking = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (!keysPerFile.get(i).contains(key)) {
                    lacking.add(files.get(i).toString());
                }
            }
            if (lacking.isEmpty()) {
                common.add(key);
            } else {
                refused.add(key + " (missing in " + String.join(", ", lacking) + ")");
            }
        }
        if (common.isEmpty()) {
            out.println("no row is in every file: nothing comparable (different ops, sizes or moduli). Refused rows:");
            refused.forEach(r -> out.println("  " + r));
            return 1;
        }
        int keyWidth = Math.max(10, common.stream().mapToInt(k -> label(rows.get(k)).length()).max().orElse(10));
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-" + keyWidth + "s %-5s", "op", "unit"));
        for (Col c : cols) {
            h.append(String.format(Locale.ROOT, " | %-22s", "[" + (c.file() + 1) + "] " + c.variant()));
        }
        out.println(h);
        out.println("-".repeat(h.length()));
        for (String key : common) {
            Map<Col, Results.Row> byCol = rows.get(key);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + keyWidth + "s %-5s", label(byCol), unitOf.get(key)));
            Double base = null;
            for (Col c : cols) {
                Results.Row r = byCol.get(c);
                String cell;
                if (r == null) {
                    cell = "—";
                } else {
                    double v = pick(r.stats());
                    if (base == null) {
                        base = v;
                        cell = Timer.fmt(v);
                    } else {
                        cell = Timer.fmt(v) + String.format(Locale.ROOT, " (%.2f×)", v / base);
                    }
                }
                line.append(String.format(Locale.ROOT, " | %-22s", cell));
            }
            out.println(line);
        }
        if (!refused.isEmpty()) {
            out.println();
            out.println("refused " + refused.size() + " rows that are not in every file (different op, size or modulus):");
            refused.forEach(r -> out.println("  " + r));
        }
        return 0;
    }

    private double pick(Timer.Stats s) {
        return switch (metric) {
            case "min" -> s.min();
            case "p95" -> s.p95();
            default -> s.median();
        };
    }

    /** "fwd NTT n=4096 bits=50": the op and its parameters, without the long modulus (bits stands for it). */
    private static String label(Map<?, Results.Row> byCol) {
        Results.Row r = byCol.values().iterator().next();
        StringBuilder sb = new StringBuilder(r.op());
        r.params().forEach((k, v) -> {
            if (!k.equals("modulus")) {
                sb.append(' ').append(k).append('=').append(v);
            }
        });
        return sb.toString();
    }

    private static Object get(Map<String, Object> m, String k) {
        return m == null ? "?" : m.getOrDefault(k, "?");
    }
}
