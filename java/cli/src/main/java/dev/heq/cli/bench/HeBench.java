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
import dev.heq.he.NttPlaintext;
import dev.heq.he.Plaintext;
import dev.heq.he.PublicKey;
import dev.heq.he.ResponseEncoder;
import dev.heq.he.ResponseFormat;
import dev.heq.he.SecretKey;
import dev.heq.he.SeededCiphertext;
import dev.heq.kernel.KernelProvider;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.TierUnavailableException;
import dev.heq.primitives.AesCtrPrg;
import dev.heq.ring.RnsPoly;
import dev.heq.ring.RnsRing;
import dev.heq.cli.base.HeqCommand;
import dev.heq.cli.base.Progress;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code heq bench he}: BFV operation timings per kernel tier and parameter preset, and the bytes of a query and a
 * response. Every operation is checked once (decrypt(encrypt(m)) = m) and warmed to its plateau by {@link Timer}
 * before it is timed, so the order of tiers and rows does not change the figures. The fused and the two-pass
 * Σ ct×pt are timed in alternating batches. The JMH classes in bench/ are the careful measurement.
 */
@Command(name = "he", header = "BFV encrypt, ct×pt, Σ ct×pt, response, decrypt, codec per tier", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"BFV operations per tier and preset: encrypt, ct×pt, Σ 64 ct×pt (fused vs two-pass), response, decrypt, codec; "
                + "median / best µs.",
            "Default: the chosen tier on n4096-2x50 and cheetah-37 (about 30-60 s). --full: every available tier and preset."})
public final class HeBench extends HeqCommand {
    static final List<String> PRESETS = List.of("cheetah-37", "n4096-2x50", "quant-16", "n8192-2x50");

    @Option(names = "--tiers", split = ",", paramLabel = "TIER", description = "tiers (default: the chosen one; --full: every available one but reference)")
    List<String> tiers;

    @Option(names = "--params", split = ",", paramLabel = "PRESET", description = "presets: cheetah-37, n4096-2x50, quant-16, n8192-2x50")
    List<String> presets;

    @Option(names = "--full", description = "every available tier and preset, longer timing")
    boolean full;

    @Option(names = "--seconds", paramLabel = "S", description = "timing per row after warm-up (default 0.3, --full 1.5)")
    Double seconds;

    @Mixin
    BenchOptions bench;

    private Results results;

    @Override
    public Integer call() throws Exception {
        String unknown = tiers == null ? null : BenchOptions.unknownTier(tiers);
        if (unknown != null) {
            throw bad("--tiers: unknown tier '" + unknown + "' (valid: " + BenchOptions.validTiers() + ")");
        }
        List<String> names = tiers != null ? tiers : full ? BenchOptions.availableTiersButReference() : List.of(KernelProvider.get().tier());
        List<String> wanted = presets != null ? presets : full ? PRESETS : List.of("n4096-2x50", "cheetah-37");
        for (String w : wanted) {
            if (!PRESETS.contains(w)) {
                throw bad("--params: unknown preset '" + w + "' (valid: " + String.join(", ", PRESETS) + ")");
            }
        }
        double sec = seconds != null ? seconds : full ? 1.5 : 0.3;
        if (!(sec > 0)) {
            throw bad("--seconds must be > 0");
        }
        // batches of ~50 ms; enough of them to fill the requested time
        Timer.Budget budget = Timer.Budget.ofMillis(full ? 1000 : 200, (int) Math.max(3, Math.round(sec / 0.05)), 50);
        PrintStream out = out();
        results = Results.here("he", commandLineText(), 4096);
        out.println("heq bench he: median / best µs per operation; warm-up to a plateau per row, then ~" + sec + " s of 50-ms batches; "
                + results.machine().get("cpu_model"));
        List<Kernels> ks = new ArrayList<>();
        for (String name : names) {
            try {
                ks.add(KernelProvider.load(name));
            } catch (TierUnavailableException e) {
                out.println("# tier " + name + " unavailable: " + e.getMessage());
            }
        }
        try (Progress progress = Progress.start("bench he", ks.size() * wanted.size())) {
            for (Kernels k : ks) {
                out.println("# tier " + k.describe());
                for (String name : wanted) {
                    progress.step(k.tier() + " " + name);
                    bench(preset(name), k, budget, out);
                }
            }
        }
        bench.write(results, out);
        return 0;
    }

    static HeParameters preset(String name) {
        return switch (name) {
            case "cheetah-37" -> HeParameters.cheetah();
            case "n4096-2x50" -> HeParameters.of("n4096-2x50", 4096, HeParameters.chain(4096, 50, 50), 37, HeParameters.chain(4096, 50)[0], false);
            case "quant-16" -> HeParameters.quantized(16);
            case "n8192-2x50" -> HeParameters.of("n8192-2x50", 8192, HeParameters.chain(8192, 50, 50), 37, HeParameters.chain(8192, 50)[0], false);
            default -> throw new IllegalArgumentException("unknown preset " + name);
        };
    }

    private void bench(HeParameters p, Kernels k, Timer.Budget budget, PrintStream out) {
        HeContext ctx = HeContext.of(p, k);
        AesCtrPrg prg = new AesCtrPrg(AesCtrPrg.keyFromLong(1));
        KeyGenerator kg = new KeyGenerator(ctx, prg);
        SecretKey sk = kg.secretKey();
        PublicKey pk = kg.publicKey(sk);
        Encryptor enc = new Encryptor(ctx, new AesCtrPrg(AesCtrPrg.keyFromLong(2)));
        Evaluator ev = new Evaluator(ctx);
        Decryptor dec = new Decryptor(ctx, sk);
        HeCodec codec = new HeCodec(ctx);
        ResponseEncoder server = new ResponseEncoder(ctx, pk, new AesCtrPrg(AesCtrPrg.keyFromLong(3)));
        int n = p.n();
        long[] mv = new long[n];
        long[] wv = new long[n];
        for (int i = 0; i < n; i++) {
            mv[i] = prg.nextLong() & (p.plainModulus() - 1);
            wv[i] = (prg.nextLong() % 16);
        }
        Plaintext m = Plaintext.of(p.plainBits(), mv);
        SeededCiphertext q = enc.encryptSymmetric(m, sk);
        Ciphertext ct = ev.expand(q);
        NttPlaintext w = ev.prepare(Plaintext.of(p.plainBits(), wv));
        int count = 64;
        Ciphertext[] cts = new Ciphertext[count];
        NttPlaintext[] pts = new NttPlaintext[count];
        Arrays.fill(cts, ct);
        Arrays.fill(pts, w);
        int[] sel = new int[n / 4];
        for (int i = 0; i < sel.length; i++) {
            sel[i] = 4 * i;
        }
        if (!dec.decrypt(q).equals(m)) {
            throw new IllegalStateException("self-check failed: decrypt(encrypt(m)) != m on " + k.tier());
        }
        ResponseFormat fmt = ResponseFormat.standard(p);
        byte[] wire = codec.writeQuery(q);
        out.printf("%s  (query %d B)%n", p, wire.length);
        row(out, p, k, "encrypt (symmetric, seeded)", 1, budget, () -> enc.encryptSymmetric(m, sk).paramsId());
        row(out, p, k, "ct×pt (NTT form)", 1, budget, () -> ev.mulPlain(ct, w).paramsId());
        // The same sum the pre-fusion way (two single-component passes, each plaintext read twice), for before/after;
        // the two are timed in alternating batches so a noisy neighbour hurts both alike.
        RnsRing ring = ctx.ring();
        RnsPoly[] a0 = new RnsPoly[count], a1 = new RnsPoly[count], bp = new RnsPoly[count];
        for (int j = 0; j < count; j++) {
            a0[j] = cts[j].c0();
            a1[j] = cts[j].c1();
            bp[j] = pts[j].poly();
        }
        RnsPoly s0 = ring.zero(RnsPoly.Form.NTT), s1 = ring.zero(RnsPoly.Form.NTT);
        rows(out, p, k, "Σ 64 ct×pt, per product", "Σ 64 ct×pt two-pass (before)", count, budget,
                () -> ev.mulAccumulate(cts, pts, count).paramsId(), () -> {
                    ring.mulAccumulate(s0, a0, bp, count);
                    ring.mulAccumulate(s1, a1, bp, count);
                    return s0.data()[0] + s1.data()[0];
                });
        // The rows above reuse one ct and one pt 64 times (cache-resident); HomConv streams distinct ones.
        Ciphertext[] dcts = new Ciphertext[count];
        NttPlaintext[] dpts = new NttPlaintext[count];
        for (int j = 0; j < count; j++) {
            dcts[j] = ev.expand(enc.encryptSymmetric(m, sk));
            long[] wj = new long[n];
            for (int i = 0; i < n; i++) {
                wj[i] = prg.nextLong() % 16;
            }
            dpts[j] = ev.prepare(Plaintext.of(p.plainBits(), wj));
        }
        RnsPoly[] d0 = new RnsPoly[count], d1 = new RnsPoly[count], dp = new RnsPoly[count];
        for (int j = 0; j < count; j++) {
            d0[j] = dcts[j].c0();
            d1[j] = dcts[j].c1();
            dp[j] = dpts[j].poly();
        }
        rows(out, p, k, "Σ 64 distinct ct×pt, per prod", "Σ 64 distinct two-pass (before)", count, budget,
                () -> ev.mulAccumulate(dcts, dpts, count).paramsId(), () -> {
                    ring.mulAccumulate(s0, d0, dp, count);
                    ring.mulAccumulate(s1, d1, dp, count);
                    return s0.data()[0] + s1.data()[0];
                });
        Ciphertext res = ev.mulAccumulate(cts, pts, count);
        row(out, p, k, "response approx (N/4 used)", 1, budget, () -> server.respond(res, sel, fmt, CircuitPrivacy.approx()).serverShare()[0]);
        ResponseEncoder.Result r = server.respond(res, sel, fmt, CircuitPrivacy.approx());
        row(out, p, k, "decrypt query", 1, budget, () -> dec.decrypt(ct).unsigned(0));
        row(out, p, k, "decrypt response", 1, budget, () -> dec.decryptResponse(r.response())[0]);
        byte[] rw = codec.writeResponse(r.response());
        row(out, p, k, "serialize query", 1, budget, () -> codec.writeQuery(q).length);
        row(out, p, k, "deserialize query", 1, budget, () -> codec.readQuery(wire).paramsId());
        row(out, p, k, "serialize response", 1, budget, () -> codec.writeResponse(r.response()).length);
        row(out, p, k, "deserialize response", 1, budget, () -> codec.readResponse(rw).paramsId());
    }

    private void rows(PrintStream out, HeParameters p, Kernels k, String nameA, String nameB, int perCall, Timer.Budget b,
                      LongSupplier a, LongSupplier bOp) {
        List<Timer.Stats> s = Timer.interleaved(List.of(a, bOp), new int[] {perCall, perCall}, b);
        report(out, p, k, nameA, s.get(0), " (alternating)");
        report(out, p, k, nameB, s.get(1), " (alternating)");
    }

    private void row(PrintStream out, HeParameters p, Kernels k, String name, int perCall, Timer.Budget b, LongSupplier op) {
        report(out, p, k, name, Timer.time(op, perCall, b), "");
    }

    private void report(PrintStream out, HeParameters p, Kernels k, String name, Timer.Stats s, String note) {
        out.printf(Locale.ROOT, "  %-32s %10s µs  (median / best of %d batches%s)%n", name, s.medianMin(), s.count(), note);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("preset", p.name());
        params.put("n", p.n());
        results.add(new Results.Row(name, params, k.tier(), k.path(p.n(), p.primes()[0]), "us", s, Map.of()));
    }
}
