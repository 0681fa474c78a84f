package dev.heq.cli.bench;

import dev.heq.cli.base.HeqVersion;
import dev.heq.kernel.KernelProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The rows of one {@code heq bench} run and the machine they were measured on, as written by {@code --json FILE}
 * and read by {@code heq bench compare}.
 *
 * <p>A row is one measured figure: the operation ({@code op}), the parameters that make two figures comparable
 * ({@code params}: sizes, modulus, bit widths — the row's identity across files), the {@code variant} that was
 * measured (kernel tier, OT back end, mode; a column of the comparison), the code path it took, and its statistics
 * in {@code unit}. Format {@value #FORMAT}:
 * <pre>{"format": "heq-bench/1", "bench": "kernels", "command": "heq bench kernels --quick --json a.json",
 *  "machine": {...fingerprint...}, "rows": [{"op": "fwd NTT", "params": {"n": 4096, "modulus": 1125899906826241, "bits": 50},
 *  "variant": "ffm", "path": "avx512ifma", "unit": "us", "median": 6.62, "min": 6.31, "p95": 7.9, "samples": 5}, ...]}</pre>
 */
public final class Results {
    public static final String FORMAT = "heq-bench/1";

    /**
     * One measured figure.
     *
     * @param op      operation ("fwd NTT", "encrypt", "relu")
     * @param params  what must match for two rows to be compared (ordered)
     * @param variant what was measured in this column (tier, back end, mode)
     * @param path    code path taken (e.g. "avx512ifma"), or "" where not applicable
     * @param unit    unit of the statistics ("us", "s", "B/elem", ...)
     * @param stats   the statistics
     * @param extra   further values of the row, shown but not compared (bytes, flights, ...)
     */
    public record Row(String op, Map<String, Object> params, String variant, String path, String unit, Timer.Stats stats,
                      Map<String, Object> extra) {
        public Row {
            Objects.requireNonNull(op, "op");
            params = new LinkedHashMap<>(params);
            extra = new LinkedHashMap<>(extra);
        }

        /** "fwd NTT n=4096 modulus=1125899906826241 bits=50": the row's identity across files. */
        public String key() {
            StringBuilder sb = new StringBuilder(op);
            params.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            return sb.toString();
        }
    }

    private final String bench;
    private final String command;
    private final Map<String, Object> machine;
    private final List<Row> rows = new ArrayList<>();

    public Results(String bench, String command, Map<String, Object> machine) {
        this.bench = bench;
        this.command = command;
        this.machine = machine;
    }

    /** A results collector for a run on this machine, fingerprinted now. */
    public static Results here(String bench, String command, int n) {
        return new Results(bench, command, Fingerprint.collect(command, n));
    }

    public void add(Row r) {
        rows.add(r);
    }

    public String bench() {
        return bench;
    }

    public String command() {
        return command;
    }

    public Map<String, Object> machine() {
        return machine;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The results as JSON (format {@value #FORMAT}). */
    public String toJson() {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("format", FORMAT);
        top.put("bench", bench);
        top.put("command", command);
        top.put("machine", machine);
        List<Object> rs = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("op", r.op());
            m.put("params", r.params());
            m.put("variant", r.variant());
            m.put("path", r.path());
            m.put("unit", r.unit());
            m.put("median", r.stats().median());
            m.put("min", r.stats().min());
            m.put("p95", r.stats().p95());
            m.put("max", r.stats().max());
            m.put("samples", r.stats().count());
            if (!r.extra().isEmpty()) {
                m.put("extra", r.extra());
            }
            rs.add(m);
        }
        top.put("rows", rs);
        return Json.write(top);
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    /** Reads a results file; throws IllegalArgumentException naming the file and what is wrong with it. */
    @SuppressWarnings("unchecked")
    public static Results read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            if (!(Json.parse(text) instanceof Map<?, ?> top)) {
                throw new IllegalArgumentException("not a JSON object");
            }
            if (!FORMAT.equals(top.get("format"))) {
                throw new IllegalArgumentException("format is " + top.get("format") + ", expected " + FORMAT
                        + " (a file written by heq bench ... --json)");
            }
            Results r = new Results(str(top, "bench"), str(top, "command"), (Map<String, Object>) top.get("machine"));
            if (!(top.get("rows") instanceof List<?> rows)) {
                throw new IllegalArgumentException("no \"rows\" array");
            }
            for (Object o : rows) {
                if (!(o instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException("a row is not an object");
                }
                Object params = m.get("params");
                Object extra = m.get("extra");
                r.add(new Row(str(m, "op"), params instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of(), str(m, "variant"),
                        m.get("path") == null ? "" : String.valueOf(m.get("path")), str(m, "unit"),
                        new Timer.Stats(((Number) m.get("samples")).intValue(), num(m, "median"), num(m, "min"), num(m, "p95"), num(m, "max")),
                        extra instanceof Map<?, ?> x ? (Map<String, Object>) x : Map.of()));
            }
            return r;
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException(file + " is not a heq bench results file: " + e.getMessage(), e);
        }
    }

    private static String str(Map<?, ?> m, String k) {
        Object v = m.get(k);
        if (v == null) {
            throw new IllegalArgumentException("missing \"" + k + "\"");
        }
        return v.toString();
    }

    private static double num(Map<?, ?> m, String k) {
        Object v = m.get(k);
        if (v == null) {
            return Double.NaN;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("\"" + k + "\" is not a number");
        }
        return n.doubleValue();
    }

    /** The machine fingerprint written with every results file, so figures can be compared across machines. */
    public static final class Fingerprint {
        private Fingerprint() {}

        /**
         * CPU model/vendor/family/model/stepping and flags (/proc/cpuinfo), cores, the kernel tiers with the ISA
         * the native library found and the paths it takes at N (n), HEXL if present, JVM, OS, HEQ version and
         * commit, date, and the command line.
         */
        public static Map<String, Object> collect(String command, int n) {
            Map<String, Object> m = new LinkedHashMap<>();
            Map<String, String> cpu = cpuInfo();
            m.put("cpu_model", cpu.getOrDefault("model name", "unknown"));
            m.put("cpu_vendor", cpu.getOrDefault("vendor_id", "unknown"));
            m.put("cpu_family", cpu.getOrDefault("cpu family", "unknown"));
            m.put("cpu_model_number", cpu.getOrDefault("model", "unknown"));
            m.put("cpu_stepping", cpu.getOrDefault("stepping", "unknown"));
            m.put("cores", Runtime.getRuntime().availableProcessors());
            m.put("cpu_flags", cpuFlags(cpu.getOrDefault("flags", "")));
            List<Object> tiers = new ArrayList<>();
            String hexl = null;
            for (KernelProvider.TierStatus s : KernelProvider.survey()) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("name", s.name());
                t.put("available", s.available());
                t.put("description", s.available() ? s.description() : s.reason());
                if (s.available()) {
                    try {
                        var k = KernelProvider.load(s.name());
                        Map<String, Object> paths = new LinkedHashMap<>();
                        for (int bits : new int[] {30, 50, 60}) {
                            paths.put(bits + "-bit", k.path(n, dev.heq.kernel.Primes.nttPrime(bits, n)));
                        }
                        t.put("paths_n" + n, paths);
                    } catch (dev.heq.kernel.TierUnavailableException e) {
                        t.put("load_error", e.getMessage());
                    }
                }
                if (s.name().equals("hexl") && s.available()) {
                    hexl = s.description();
                }
                tiers.add(t);
            }
            m.put("kernel_tiers", tiers);
            m.put("chosen_tier", HeqVersion.chosenTier());
            m.put("hexl", hexl == null ? "absent" : hexl);
            m.put("jvm", HeqVersion.jvm());
            m.put("jvm_args", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
            m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
            m.put("heq_version", HeqVersion.version());
            m.put("heq_commit", HeqVersion.commit());
            m.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            m.put("command", command);
            return m;
        }

        /** The fields of the first processor in /proc/cpuinfo (empty where there is none). */
        public static Map<String, String> cpuInfo() {
            Map<String, String> m = new LinkedHashMap<>();
            try {
                for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                    if (line.isBlank() && !m.isEmpty()) {
                        break;
                    }
                    int c = line.indexOf(':');
                    if (c > 0) {
                        m.putIfAbsent(line.substring(0, c).trim().toLowerCase(Locale.ROOT), line.substring(c + 1).trim());
                    }
                }
            } catch (IOException e) {
                // not Linux: the fingerprint says "unknown"
            }
            return m;
        }

        /** The flags that matter to HEQ's kernels, in a fixed order. */
        public static List<String> cpuFlags(String flags) {
            List<String> have = List.of(flags.split("\\s+"));
            List<String> out = new ArrayList<>();
            for (String w : List.of("avx2", "fma", "bmi2", "adx", "aes", "vaes", "avx512f", "avx512dq", "avx512bw", "avx512vl",
                    "avx512ifma", "avx512vbmi", "avx512_vbmi2")) {
                if (have.contains(w)) {
                    out.add(w);
                }
            }
            return out;
        }
    }
}
