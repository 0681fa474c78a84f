package dev.heq.cli.bench;

import dev.heq.he.CircuitPrivacy;
import dev.heq.he.Ciphertext;
import dev.heq.he.Decryptor;
import dev.heq.he.Encryptor;
import dev.heq.he.Evaluator;
import dev.heq.he.HeCodec;
import dev.heq.he.HeContext;
import dev.heq.he.HeParameters;
import dev.heq.he.KeyGenerator;
import dev.heq.he.NoiseModel;
import dev.heq.he.Plaintext;
import dev.heq.he.PublicKey;
import dev.heq.he.ResponseEncoder;
import dev.heq.he.ResponseFormat;
import dev.heq.he.SecretKey;
import dev.heq.kernel.KernelProvider;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.TierUnavailableException;
import dev.heq.primitives.AesCtrPrg;
import dev.heq.cli.base.HeqCommand;
import dev.heq.cli.base.Progress;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Per preset: the documented worst-case noise bounds, the wire sizes of queries and responses, and the measured
 * decryption-failure rate of the response path for each response precision.
 *
 * <p>One trial = a fresh symmetric query of a uniform m, one ct×pt with the preset's worst-case weight L1 norm
 * (64 taps of equal magnitude, random signs), re-randomise + modulus switch + mask + bit dropping with all N
 * coefficients selected, client decryption; a coefficient fails when share_client + share_server differs from m·p
 * mod t by more than the mode's tolerance (0 for flooding, ±1 for approximate resharing). So {@code trials} trials
 * test trials·N coefficients.
 *
 * <p>Trials run on {@code --threads} threads (default: available processors). Each trial draws everything (m, the
 * weights, the encryption's and the server's randomness) from its own generator, AES-CTR under the row's seed with
 * the trial index as domain, so the counts depend only on {@code --seed}, not on the thread count or scheduling.
 * {@code --formats} restricts the rows (names as printed, comma-separated).
 *
 * <pre>  heq bench noise [--trials 100000] [--preset all|cheetah-37|quant-16|...] [--tier scalar]
 *      [--seed 7] [--threads 2] [--formats standard,cheetah] [--json FILE]</pre>
 */
@Command(name = "noise", header = "decryption-failure rates per preset and response precision", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decryption-failure rates of the response path per preset and response precision (trials × N coefficients).",
            "Default: 200 trials per row on every preset (about a minute on 2 cores); the README's table uses --trials 100000 "
                + "(hours)."})
public final class NoiseReport extends HeqCommand {
    @Option(names = "--trials", defaultValue = "200", paramLabel = "T", description = "trials per preset and format (default: ${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--preset", defaultValue = "all", paramLabel = "NAME", description = "all, or one preset name (cheetah-37, quant-16, ...)")
    String preset;

    @Option(names = "--tier", paramLabel = "TIER", description = "kernel tier (default: the chosen one)")
    String tier;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the trials (default: random, printed)")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: available processors); counts do not depend on it")
    Integer threads;

    @Option(names = "--formats", split = ",", paramLabel = "F",
            description = "rows to run: exact, standard, cheetah, standard+1/+2, standard+2/+4, standard+3/+6, standard+4/+8")
    Set<String> formats;

    @Mixin
    BenchOptions bench;

    /** Runs the report; 0 on success, 1 if a preset failed. */
    @Override
    public Integer call() throws Exception {
        long sd = seed != null ? seed : new java.security.SecureRandom().nextLong();
        int th = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (trials < 1 || th < 1) {
            throw bad("--trials and --threads must be ≥ 1");
        }
        if (formats != null) {
            for (String f : formats) {
                if (!FORMAT_NAMES.contains(f)) {
                    throw bad("--formats: unknown format '" + f + "' (valid: " + String.join(", ", FORMAT_NAMES) + ")");
                }
            }
        }
        Kernels k;
        try {
            k = tier == null ? KernelProvider.get() : KernelProvider.load(tier);
        } catch (TierUnavailableException e) {
            throw bad("--tier " + tier + " is unavailable: " + e.getMessage());
        }
        List<HeParameters> ps = new ArrayList<>();
        for (HeParameters p : HeParameters.presets()) {
            if (preset.equals("all") || p.name().equals(preset)) {
                ps.add(p);
            }
        }
        if (ps.isEmpty()) {
            throw bad("--preset: no preset named '" + preset + "' (valid: all, "
                    + String.join(", ", HeParameters.presets().stream().map(HeParameters::name).toList()) + ")");
        }
        PrintStream out = out();
        Results results = Results.here("noise", commandLineText(), 4096);
        out.println("# HEQ noise report: tier " + k.describe() + ", " + trials + " trials per format, seed " + sd + ", " + th
                + " threads (per-trial generators: counts do not depend on the thread count)");
        AesCtrPrg master = new AesCtrPrg(AesCtrPrg.keyFromLong(sd));
        int rc = 0;
        try (Progress progress = Progress.start("bench noise", ps.size())) {
            for (HeParameters p : ps) {
                progress.step(p.name());
                try {
                    report(p, k, trials, master, th, formats, out, results);
                } catch (RuntimeException e) {
                    out.println("FAILED " + p.name() + ": " + e);
                    rc = 1;
                }
            }
        }
        bench.write(results, out);
        return rc;
    }

    static final List<String> FORMAT_NAMES = List.of("exact", "standard", "cheetah", "standard+1/+2", "standard+2/+4", "standard+3/+6",
            "standard+4/+8");

    /** The workload each preset is documented for: Σ‖p‖₁ = 2^(ℓ−1) (quantized), 2^24 for Cheetah (12-bit weights, 4096 taps). */
    static double weightL1(HeParameters p) {
        return p.name().startsWith("cheetah") ? Math.scalb(1.0, 24) : NoiseModel.presetWeightL1(p.plainBits());
    }

    private static void report(HeParameters p, Kernels k, int trials, AesCtrPrg master, int threads, Set<String> only, PrintStream out,
                               Results results) {
        HeContext ctx = HeContext.of(p, k);
        int n = p.n();
        boolean flood = p.name().endsWith("-flood");
        double w1 = weightL1(p);
        double comp = NoiseModel.productBound(w1);
        out.printf("%n## %s%n", p);
        out.printf("worst case: query noise ≤ %.0f; workload Σ‖p‖₁ = 2^%.1f → product noise ≤ 2^%.1f; re-randomisation ≤ 2^%.1f;%s "
                + "full-Q budget Q/(8t) = 2^%.1f; max Σ‖p‖₁ supported: %s (approx. reshare), %s (flooding)%n",
                NoiseModel.queryBound(), NoiseModel.log2(w1), NoiseModel.log2(comp), NoiseModel.log2(NoiseModel.rerandomizeBound(n)),
                flood ? String.format(" flooding 2^%d;", NoiseModel.floodBits(comp, n)) : "",
                NoiseModel.log2Q(p) - p.plainBits() - 3, pow2(NoiseModel.maxWeightL1(p, false)), pow2(NoiseModel.maxWeightL1(p, true)));
        HeCodec codec = new HeCodec(ctx);
        KeyGenerator kg = new KeyGenerator(ctx, new AesCtrPrg(master.nextKey(AesCtrPrg.KEY_BYTES_256)));
        SecretKey sk = kg.secretKey();
        PublicKey pk = kg.publicKey(sk);
        out.printf("bytes: query %d (c0 + seed), public key %d%n", codec.queryBytes(), codec.writePublicKey(pk).length);
        ResponseFormat std = ResponseFormat.standard(p);
        ResponseFormat[] formats = {
            ResponseFormat.exact(p),
            std,
            ResponseFormat.cheetah(p),
            new ResponseFormat(std.modulus(), std.c0DroppedBits() + 1, std.c1DroppedBits() + 2),
            new ResponseFormat(std.modulus(), std.c0DroppedBits() + 2, std.c1DroppedBits() + 4),
            new ResponseFormat(std.modulus(), std.c0DroppedBits() + 3, std.c1DroppedBits() + 6),
            new ResponseFormat(std.modulus(), std.c0DroppedBits() + 4, std.c1DroppedBits() + 8),
        };
        String[] names = FORMAT_NAMES.toArray(String[]::new);
        CircuitPrivacy privacy = flood ? CircuitPrivacy.Flood.forNoise(comp, n) : CircuitPrivacy.approx();
        Decryptor dec = new Decryptor(ctx, sk);
        for (int f = 0; f < formats.length; f++) {
            // drawn for every row, so a row's seed does not depend on --formats
            byte[] rowSeed = master.nextKey(AesCtrPrg.KEY_BYTES_256);
            if (only != null && !only.contains(names[f])) {
                continue;
            }
            ResponseFormat fmt = formats[f];
            long t0 = System.nanoTime();
            Counts total = new Counts();
            int workers = Math.min(threads, trials);
            List<Future<Counts>> parts = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            try {
                for (int w = 0; w < workers; w++) {
                    int from = (int) ((long) trials * w / workers);
                    int to = (int) ((long) trials * (w + 1) / workers);
                    parts.add(pool.submit(() -> runTrials(ctx, sk, pk, dec, rowSeed, from, to, w1, fmt, privacy, flood)));
                }
                for (Future<Counts> c : parts) {
                    total.add(c.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("trial failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            long samples = (long) trials * n;
            out.printf("%-14s d0=%2d d1=%2d c0 %2d bits, c1 %2d bits | response %6d B (N used), %6d B (N/4 used) | %s: failures %d / %d coefficients (%.2e), "
                    + "%d failed responses, ±1: %d (%.2e) | %.1f s%n",
                    names[f], fmt.c0DroppedBits(), fmt.c1DroppedBits(), fmt.c0Width(), fmt.c1Width(), codec.responseBytes(fmt, n),
                    codec.responseBytes(fmt, n / 4), flood ? "flood" : "approx", total.failures, samples, (double) total.failures / samples,
                    total.failedTrials, total.offByOne, (double) total.offByOne / samples, secs);
            out.flush();
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("preset", p.name());
            params.put("format", names[f]);
            params.put("trials", trials);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("failures", total.failures);
            extra.put("coefficients", samples);
            extra.put("off_by_one", total.offByOne);
            extra.put("response_bytes_n", codec.responseBytes(fmt, n));
            extra.put("seconds", secs);
            results.add(new Results.Row("failure rate", params, k.tier(), flood ? "flood" : "approx", "fraction",
                    Timer.Stats.of((double) total.failures / samples), extra));
        }
    }

    /** Error counts of a range of trials. */
    private static final class Counts {
        long failures;
        long offByOne;
        long failedTrials;

        void add(Counts o) {
            failures += o.failures;
            offByOne += o.offByOne;
            failedTrials += o.failedTrials;
        }
    }

    /** Trials [from, to) of one row; trial i draws from AES-CTR under rowSeed with domain i (three child seeds). */
    private static Counts runTrials(HeContext ctx, SecretKey sk, PublicKey pk, Decryptor dec, byte[] rowSeed, int from, int to, double w1,
            ResponseFormat fmt, CircuitPrivacy privacy, boolean flood) {
        HeParameters p = ctx.params();
        int n = p.n();
        AesCtrPrg data = new AesCtrPrg(rowSeed, 0);
        AesCtrPrg encPrg = new AesCtrPrg(rowSeed, 0);
        AesCtrPrg serverPrg = new AesCtrPrg(rowSeed, 0);
        Encryptor enc = new Encryptor(ctx, encPrg);
        ResponseEncoder server = new ResponseEncoder(ctx, pk, serverPrg);
        Evaluator ev = new Evaluator(ctx);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        long mask = p.plainModulus() - 1;
        int taps = 64;
        long mag = Math.max(1, (long) (w1 / taps));
        Counts c = new Counts();
        long[] m = new long[n];
        long[] w = new long[n];
        long[] want = new long[n];
        for (int trial = from; trial < to; trial++) {
            data.reset(rowSeed, trial);
            encPrg.reset(data.nextKey(AesCtrPrg.KEY_BYTES_256), 0);
            serverPrg.reset(data.nextKey(AesCtrPrg.KEY_BYTES_256), 0);
            for (int i = 0; i < n; i++) {
                m[i] = data.nextLong() & mask;
            }
            java.util.Arrays.fill(w, 0);
            for (int j = 0; j < taps; j++) {
                int pos = (int) data.nextBelow(n);
                w[pos] += (data.nextLong() & 1) == 0 ? mag : -mag;
            }
            Ciphertext ct = ev.mulPlain(ev.expand(enc.encryptSymmetric(Plaintext.of(p.plainBits(), m), sk)),
                    ev.prepare(Plaintext.of(p.plainBits(), w)));
            sparseProduct(m, w, mask, want);
            ResponseEncoder.Result r = server.respond(ct, all, fmt, privacy);
            long[] got = dec.decryptResponse(r.response());
            long[] share = r.serverShare();
            boolean bad = false;
            for (int i = 0; i < n; i++) {
                long err = (got[i] + share[i] - want[i]) & mask;
                if (err == 0) {
                    continue;
                }
                if (!flood && (err == 1 || err == mask)) {
                    c.offByOne++;
                } else {
                    c.failures++;
                    bad = true;
                }
            }
            if (bad) {
                c.failedTrials++;
            }
        }
        return c;
    }

    private static String pow2(double x) {
        return x == 0 ? "none" : String.format("2^%.1f", NoiseModel.log2(x));
    }

    /** m·w mod t in Z[X]/(X^N+1) for a sparse w. */
    static long[] sparseProduct(long[] m, long[] w, long mask) {
        long[] out = new long[m.length];
        sparseProduct(m, w, mask, out);
        return out;
    }

    /** m·w mod t into out (overwritten); two straight loops per tap (no wrap test inside), which C2 vectorizes. */
    static void sparseProduct(long[] m, long[] w, long mask, long[] out) {
        int n = m.length;
        java.util.Arrays.fill(out, 0);
        for (int k = 0; k < n; k++) {
            long wk = w[k];
            if (wk == 0) {
                continue;
            }
            for (int i = 0, j = k; j < n; i++, j++) { // X^(i+k) with i + k < N
                out[j] += m[i] * wk;
            }
            for (int i = n - k, j = 0; i < n; i++, j++) { // i + k ≥ N wraps with a sign flip
                out[j] -= m[i] * wk;
            }
        }
        for (int i = 0; i < n; i++) {
            out[i] &= mask;
        }
    }
}
