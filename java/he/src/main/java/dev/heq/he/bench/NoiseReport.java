package dev.heq.he.bench;

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
import dev.heq.ring.Prg;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

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
 * <pre>  java ... dev.heq.he.bench.NoiseReport [--trials 100000] [--preset all|cheetah-37|quant-16|...] [--tier scalar]</pre>
 */
public final class NoiseReport {
    private NoiseReport() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the report; returns 0 on success, 1 if a preset failed, 2 on bad arguments. */
    public static int run(String[] args, PrintStream out) {
        int trials = 100_000;
        String preset = "all";
        String tier = null;
        long seed = System.nanoTime();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                out.println("missing value for " + a);
                return 2;
            }
            switch (a) {
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                case "--preset" -> preset = args[++i];
                case "--tier" -> tier = args[++i];
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    out.println("unknown option " + a + " (use --trials, --preset, --tier, --seed)");
                    return 2;
                }
            }
        }
        Kernels k;
        try {
            k = tier == null ? KernelProvider.get() : KernelProvider.load(tier);
        } catch (TierUnavailableException e) {
            out.println("tier " + tier + " unavailable: " + e.getMessage());
            return 2;
        }
        List<HeParameters> ps = new ArrayList<>();
        for (HeParameters p : HeParameters.presets()) {
            if (preset.equals("all") || p.name().equals(preset)) {
                ps.add(p);
            }
        }
        if (ps.isEmpty()) {
            out.println("no preset named " + preset);
            return 2;
        }
        out.println("# HEQ noise report: tier " + k.describe() + ", " + trials + " trials per format, seed " + seed);
        Prg master = new Prg(Prg.seedFromLong(seed));
        int rc = 0;
        for (HeParameters p : ps) {
            try {
                report(p, k, trials, master, out);
            } catch (RuntimeException e) {
                out.println("FAILED " + p.name() + ": " + e);
                rc = 1;
            }
        }
        return rc;
    }

    /** The workload each preset is documented for: Σ‖p‖₁ = 2^(ℓ−1) (quantized), 2^24 for Cheetah (12-bit weights, 4096 taps). */
    static double weightL1(HeParameters p) {
        return p.name().startsWith("cheetah") ? Math.scalb(1.0, 24) : NoiseModel.presetWeightL1(p.plainBits());
    }

    private static void report(HeParameters p, Kernels k, int trials, Prg master, PrintStream out) {
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
        KeyGenerator kg = new KeyGenerator(ctx, new Prg(master.nextSeed()));
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
        String[] names = {"exact", "standard", "cheetah", "standard+1/+2", "standard+2/+4", "standard+3/+6", "standard+4/+8"};
        CircuitPrivacy privacy = flood ? CircuitPrivacy.Flood.forNoise(comp, n) : CircuitPrivacy.approx();
        Encryptor enc = new Encryptor(ctx, new Prg(master.nextSeed()));
        Evaluator ev = new Evaluator(ctx);
        Decryptor dec = new Decryptor(ctx, sk);
        ResponseEncoder server = new ResponseEncoder(ctx, pk, new Prg(master.nextSeed()));
        Prg data = new Prg(master.nextSeed());
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        long mask = p.plainModulus() - 1;
        int taps = 64;
        long mag = Math.max(1, (long) (w1 / taps));
        for (int f = 0; f < formats.length; f++) {
            ResponseFormat fmt = formats[f];
            long failures = 0;
            long offByOne = 0;
            long failedTrials = 0;
            long t0 = System.nanoTime();
            for (int trial = 0; trial < trials; trial++) {
                long[] m = new long[n];
                for (int i = 0; i < n; i++) {
                    m[i] = data.nextLong() & mask;
                }
                long[] w = new long[n];
                int[] pos = new int[taps];
                for (int j = 0; j < taps; j++) {
                    pos[j] = (int) data.nextBelow(n);
                    w[pos[j]] += (data.nextLong() & 1) == 0 ? mag : -mag;
                }
                Ciphertext ct = ev.mulPlain(ev.expand(enc.encryptSymmetric(Plaintext.of(p.plainBits(), m), sk)),
                        ev.prepare(Plaintext.of(p.plainBits(), w)));
                long[] want = sparseProduct(m, w, mask);
                ResponseEncoder.Result r = server.respond(ct, all, fmt, privacy);
                long[] c = dec.decryptResponse(r.response());
                boolean bad = false;
                for (int i = 0; i < n; i++) {
                    long err = (c[i] + r.serverShare()[i] - want[i]) & mask;
                    if (err == 0) {
                        continue;
                    }
                    if (!flood && (err == 1 || err == mask)) {
                        offByOne++;
                    } else {
                        failures++;
                        bad = true;
                    }
                }
                if (bad) {
                    failedTrials++;
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            long samples = (long) trials * n;
            out.printf("%-14s d0=%2d d1=%2d c0 %2d bits, c1 %2d bits | response %6d B (N used), %6d B (N/4 used) | %s: failures %d / %d coefficients (%.2e), "
                    + "%d failed responses, ±1: %d (%.2e) | %.1f s%n",
                    names[f], fmt.c0DroppedBits(), fmt.c1DroppedBits(), fmt.c0Width(), fmt.c1Width(), codec.responseBytes(fmt, n),
                    codec.responseBytes(fmt, n / 4), flood ? "flood" : "approx", failures, samples, (double) failures / samples, failedTrials,
                    offByOne, (double) offByOne / samples, secs);
        }
    }

    private static String pow2(double x) {
        return x == 0 ? "none" : String.format("2^%.1f", NoiseModel.log2(x));
    }

    /** m·w mod t in Z[X]/(X^N+1) for a sparse w. */
    static long[] sparseProduct(long[] m, long[] w, long mask) {
        int n = m.length;
        long[] out = new long[n];
        for (int k = 0; k < n; k++) {
            long wk = w[k];
            if (wk == 0) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                int j = i + k;
                if (j < n) {
                    out[j] += m[i] * wk;
                } else {
                    out[j - n] -= m[i] * wk;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            out[i] &= mask;
        }
        return out;
    }
}
