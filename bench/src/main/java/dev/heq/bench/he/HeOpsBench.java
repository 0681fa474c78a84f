package dev.heq.bench.he;

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
import dev.heq.he.Response;
import dev.heq.he.ResponseEncoder;
import dev.heq.he.ResponseFormat;
import dev.heq.he.SecretKey;
import dev.heq.he.SeededCiphertext;
import dev.heq.kernel.KernelProvider;
import dev.heq.kernel.TierUnavailableException;
import dev.heq.primitives.AesCtrPrg;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * BFV operations of the linear-layer path per kernel tier, N and prime chain: seeded symmetric encryption, ct×pt
 * in NTT form, Σ of 64 ct×pt (reported per product), the response path (re-randomise + modulus switch + mask +
 * bit dropping, N/4 coefficients used), decryption of a query and of a response, and (de)serialization.
 * Setup checks Dec(Enc(m)) = m and that a response reconstructs m·w before anything is timed, and prints the
 * tier. Targets (native tier, N = 4096, two primes): Σ ct×pt ≤ 2 µs per product, encryption ≤ 40 µs.
 *
 * <pre>  bench/run.sh HeOpsBench -p tier=scalar,ffm -p n=4096</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1) // JVM flags: forks inherit bench/run.sh's, which come from pom.xml
public class HeOpsBench {
    static final int PRODUCTS = 64;

    @Param({"scalar", "simd", "ffm", "jna"})
    public String tier;

    @Param({"4096", "8192"})
    public int n;

    /** Prime chain: "50.50" (every fast tier's native size) or "60.49" (Cheetah's). */
    @Param({"50.50", "60.49"})
    public String chain;

    Encryptor enc;
    Evaluator ev;
    Decryptor dec;
    HeCodec codec;
    ResponseEncoder server;
    SecretKey sk;
    Plaintext m;
    SeededCiphertext query;
    Ciphertext ct;
    NttPlaintext w;
    Ciphertext[] cts;
    NttPlaintext[] pts;
    Ciphertext result;
    int[] selected;
    ResponseFormat format;
    Response response;
    byte[] queryBytes;
    byte[] responseBytes;

    @Setup(Level.Trial)
    public void setup() throws TierUnavailableException {
        int[] bits = Arrays.stream(chain.split("\\.")).mapToInt(Integer::parseInt).toArray();
        long[] q = HeParameters.chain(n, bits);
        HeParameters p = HeParameters.of("bench-" + chain, n, q, 37, q[0], false);
        HeContext ctx = HeContext.of(p, KernelProvider.load(tier));
        AesCtrPrg prg = new AesCtrPrg(AesCtrPrg.keyFromLong(42));
        KeyGenerator kg = new KeyGenerator(ctx, prg);
        sk = kg.secretKey();
        PublicKey pk = kg.publicKey(sk);
        enc = new Encryptor(ctx, new AesCtrPrg(AesCtrPrg.keyFromLong(43)));
        ev = new Evaluator(ctx);
        dec = new Decryptor(ctx, sk);
        codec = new HeCodec(ctx);
        server = new ResponseEncoder(ctx, pk, new AesCtrPrg(AesCtrPrg.keyFromLong(44)));
        long[] mv = new long[n];
        long[] wv = new long[n];
        for (int i = 0; i < n; i++) {
            mv[i] = prg.nextLong() & (p.plainModulus() - 1);
            wv[i] = i < 9 ? (prg.nextLong() % 2048) : 0; // a 3×3 kernel of 12-bit fixed-point weights
        }
        m = Plaintext.of(37, mv);
        query = enc.encryptSymmetric(m, sk);
        ct = ev.expand(query);
        w = ev.prepare(Plaintext.of(37, wv));
        cts = new Ciphertext[PRODUCTS];
        pts = new NttPlaintext[PRODUCTS];
        for (int j = 0; j < PRODUCTS; j++) {
            cts[j] = ev.expand(enc.encryptSymmetric(m, sk));
            pts[j] = w;
        }
        result = ev.mulAccumulate(cts, pts, PRODUCTS);
        selected = new int[n / 4];
        for (int i = 0; i < selected.length; i++) {
            selected[i] = 4 * i;
        }
        format = ResponseFormat.standard(p);
        ResponseEncoder.Result r = server.respond(result, selected, format, CircuitPrivacy.approx());
        response = r.response();
        queryBytes = codec.writeQuery(query);
        responseBytes = codec.writeResponse(response);
        // correctness before timing
        if (!dec.decrypt(query).equals(m)) {
            throw new IllegalStateException("Dec(Enc(m)) != m on tier " + tier);
        }
        long[] want = dec.decrypt(result).toUnsigned();
        long[] client = dec.decryptResponse(codec.readResponse(responseBytes));
        for (int i = 0; i < selected.length; i++) {
            long err = (client[i] + r.serverShare()[i] - want[selected[i]]) & (p.plainModulus() - 1);
            if (err > 1 && err < p.plainModulus() - 1) {
                throw new IllegalStateException("response does not reconstruct at coefficient " + selected[i] + " on tier " + tier);
            }
        }
        System.err.println("[HeOpsBench] tier=" + tier + " (" + ctx.kernels().describe() + ") " + p + ": checked; query " + queryBytes.length
                + " B, response " + responseBytes.length + " B");
    }

    @Benchmark
    public SeededCiphertext encryptSymmetric() {
        return enc.encryptSymmetric(m, sk);
    }

    @Benchmark
    public Ciphertext mulPlainNtt() {
        return ev.mulPlain(ct, w);
    }

    @Benchmark
    @OperationsPerInvocation(PRODUCTS)
    public Ciphertext mulAccumulate64() {
        return ev.mulAccumulate(cts, pts, PRODUCTS);
    }

    @Benchmark
    public ResponseEncoder.Result respondApprox() {
        return server.respond(result, selected, format, CircuitPrivacy.approx());
    }

    @Benchmark
    public Plaintext decrypt() {
        return dec.decrypt(ct);
    }

    @Benchmark
    public long[] decryptResponse() {
        return dec.decryptResponse(response);
    }

    @Benchmark
    public byte[] serializeQuery() {
        return codec.writeQuery(query);
    }

    @Benchmark
    public SeededCiphertext deserializeQuery() {
        return codec.readQuery(queryBytes);
    }

    @Benchmark
    public byte[] serializeResponse() {
        return codec.writeResponse(response);
    }

    @Benchmark
    public Response deserializeResponse() {
        return codec.readResponse(responseBytes);
    }
}
