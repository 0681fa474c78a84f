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
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A quick side-by-side timing of the BFV operations on each available tier (indicative; the JMH classes in
 * {@code bench/src/main/java/dev/heq/bench/he} are the reference measurement). Each operation is warmed up,
 * then timed in batches; the median batch time per operation is printed. Results are checked once before timing.
 *
 * <pre>  java ... dev.heq.he.bench.HeBench [--tiers scalar,simd,ffm] [--seconds 2] [--params n4096-2x50]</pre>
 */
public final class HeBench {
    private HeBench() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) {
        List<String> tierNames = new ArrayList<>(KernelProvider.KNOWN_TIERS);
        tierNames.remove("reference");
        double seconds = 2;
        String only = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--tiers" -> tierNames = Arrays.asList(args[i + 1].split(","));
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--params" -> only = args[i + 1];
                default -> {
                    out.println("unknown option " + args[i]);
                    return 2;
                }
            }
        }
        List<HeParameters> params = List.of(HeParameters.cheetah(),
                HeParameters.of("n4096-2x50", 4096, HeParameters.chain(4096, 50, 50), 37, HeParameters.chain(4096, 50)[0], false),
                HeParameters.quantized(16),
                HeParameters.of("n8192-2x50", 8192, HeParameters.chain(8192, 50, 50), 37, HeParameters.chain(8192, 50)[0], false));
        for (String name : tierNames) {
            Kernels k;
            try {
                k = KernelProvider.load(name);
            } catch (TierUnavailableException e) {
                out.println("# tier " + name + " unavailable: " + e.getMessage());
                continue;
            }
            out.println("# tier " + k.describe());
            for (HeParameters p : params) {
                if (only != null && !p.name().equals(only)) {
                    continue;
                }
                bench(p, k, seconds, out);
            }
        }
        return 0;
    }

    private static void bench(HeParameters p, Kernels k, double seconds, PrintStream out) {
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
        row(out, "encrypt (symmetric, seeded)", 1, seconds, () -> enc.encryptSymmetric(m, sk).paramsId());
        row(out, "ct×pt (NTT form)", 1, seconds, () -> ev.mulPlain(ct, w).paramsId());
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
        rows(out, "Σ 64 ct×pt, per product", "Σ 64 ct×pt two-pass (before)", count, seconds,
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
        rows(out, "Σ 64 distinct ct×pt, per prod", "Σ 64 distinct two-pass (before)", count, seconds,
                () -> ev.mulAccumulate(dcts, dpts, count).paramsId(), () -> {
                    ring.mulAccumulate(s0, d0, dp, count);
                    ring.mulAccumulate(s1, d1, dp, count);
                    return s0.data()[0] + s1.data()[0];
                });
        Ciphertext res = ev.mulAccumulate(cts, pts, count);
        row(out, "response approx (N/4 used)", 1, seconds, () -> server.respond(res, sel, fmt, CircuitPrivacy.approx()).serverShare()[0]);
        ResponseEncoder.Result r = server.respond(res, sel, fmt, CircuitPrivacy.approx());
        row(out, "decrypt query", 1, seconds, () -> dec.decrypt(ct).unsigned(0));
        row(out, "decrypt response", 1, seconds, () -> dec.decryptResponse(r.response())[0]);
        byte[] rw = codec.writeResponse(r.response());
        row(out, "serialize query", 1, seconds, () -> codec.writeQuery(q).length);
        row(out, "deserialize query", 1, seconds, () -> codec.readQuery(wire).paramsId());
        row(out, "serialize response", 1, seconds, () -> codec.writeResponse(r.response()).length);
        row(out, "deserialize response", 1, seconds, () -> codec.readResponse(rw).paramsId());
    }

    private static long sink;

    /** Two operations timed in alternating batches (same batch size, same seconds), one row each. */
    private static void rows(PrintStream out, String nameA, String nameB, int perCall, double seconds, LongSupplier a, LongSupplier b) {
        long warmEnd = System.nanoTime() + (long) (seconds * 0.5e9);
        while (System.nanoTime() < warmEnd) {
            sink += a.getAsLong() + b.getAsLong();
        }
        int batch = 1;
        while (true) {
            long t0 = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                sink += a.getAsLong();
            }
            if (System.nanoTime() - t0 > 25_000_000L || batch > 1 << 20) {
                break;
            }
            batch *= 2;
        }
        List<Double> perA = new ArrayList<>();
        List<Double> perB = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end || perA.size() < 3) {
            long t0 = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                sink += a.getAsLong();
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                sink += b.getAsLong();
            }
            long t2 = System.nanoTime();
            perA.add((t1 - t0) / 1e3 / batch / perCall);
            perB.add((t2 - t1) / 1e3 / batch / perCall);
        }
        for (int k = 0; k < 2; k++) {
            List<Double> per = k == 0 ? perA : perB;
            per.sort(null);
            out.printf("  %-30s %10.2f µs (median of %d batches, min %.2f; alternating)%n", k == 0 ? nameA : nameB, per.get(per.size() / 2),
                    per.size(), per.get(0));
        }
    }

    private static void row(PrintStream out, String name, int perCall, double seconds, LongSupplier op) {
        long warmEnd = System.nanoTime() + (long) (seconds * 0.5e9);
        while (System.nanoTime() < warmEnd) {
            sink += op.getAsLong();
        }
        // calibrate a batch of ~50 ms, then take the median of batches for `seconds`
        int batch = 1;
        while (true) {
            long t0 = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                sink += op.getAsLong();
            }
            if (System.nanoTime() - t0 > 50_000_000L || batch > 1 << 20) {
                break;
            }
            batch *= 2;
        }
        List<Double> per = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end || per.size() < 3) {
            long t0 = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                sink += op.getAsLong();
            }
            per.add((System.nanoTime() - t0) / 1e3 / batch / perCall);
        }
        per.sort(null);
        out.printf("  %-30s %10.2f µs (median of %d batches, min %.2f)%n", name, per.get(per.size() / 2), per.size(), per.get(0));
    }
}
