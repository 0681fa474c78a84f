package dev.heq.he;

import dev.heq.kernel.NttTables;
import dev.heq.kernel.Primes;
import dev.heq.ring.RnsBasis;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BFV parameters for coefficient-encoded linear layers: ring degree N, the ciphertext modulus Q as a chain of
 * NTT primes, the plaintext modulus t = 2^ℓ, and the prime q' that responses are switched to.
 *
 * <h2>Security</h2>
 * Unless {@code insecureForTesting} is set, N must be one of 2048, 4096, 8192, 16384 and Σ⌈log2 q_i⌉ must not
 * exceed the Homomorphic Encryption Standard's 128-bit classical bound for a ternary secret (Albrecht et al.,
 * HomomorphicEncryption.org, 2018, Table 1): {@value #BOUND_2048}, {@value #BOUND_4096}, {@value #BOUND_8192},
 * {@value #BOUND_16384} bits (the table SEAL's {@code CoeffModulus::MaxBitCount} uses). The response prime q'
 * is below Q, so switching to it does not weaken the key. Errors are CBD(21), σ ≈ 3.24 ≥ 3.2 (see
 * {@code dev.heq.ring.Sampler}).
 *
 * <h2>Identity</h2>
 * {@link #id()} is a 64-bit fingerprint (SHA-256 prefix) of (N, primes, ℓ, q'); every serialized object carries
 * it so a message made under other parameters is rejected.
 */
public final class HeParameters {
    public static final int BOUND_2048 = 54;
    public static final int BOUND_4096 = 109;
    public static final int BOUND_8192 = 218;
    public static final int BOUND_16384 = 438;

    private final String name;
    private final int n;
    private final long[] primes;
    private final int plainBits;
    private final long responsePrime;
    private final boolean insecureForTesting;
    private final long id;

    private HeParameters(String name, int n, long[] primes, int plainBits, long responsePrime, boolean insecure) {
        this.name = name;
        this.n = n;
        this.primes = primes;
        this.plainBits = plainBits;
        this.responsePrime = responsePrime;
        this.insecureForTesting = insecure;
        validate();
        this.id = fingerprint();
    }

    /**
     * Parameters from explicit values.
     *
     * @param name               a label for reports (not part of {@link #id()})
     * @param n                  ring degree N
     * @param primes             distinct NTT primes for N (each ≡ 1 mod 2N, &lt; 2^62)
     * @param plainBits          ℓ in [2, 60]: t = 2^ℓ
     * @param responsePrime      NTT prime q' for responses, t &lt; q' &lt; 2^62, q' ≤ Q (responses decrypt only when
     *                           q' ≫ t·N, see {@link NoiseModel#responsePrimeBits})
     * @param insecureForTesting accept parameters outside the HE Standard bounds (tests with tiny N)
     * @throws IllegalArgumentException naming the violated bound
     */
    public static HeParameters of(String name, int n, long[] primes, int plainBits, long responsePrime, boolean insecureForTesting) {
        return new HeParameters(name, n, primes.clone(), plainBits, responsePrime, insecureForTesting);
    }

    /** HE Standard 128-bit classical bound on Σ log q for N (ternary secret), or −1 if N is not in the table. */
    public static int maxLogQ(int n) {
        return switch (n) {
            case 2048 -> BOUND_2048;
            case 4096 -> BOUND_4096;
            case 8192 -> BOUND_8192;
            case 16384 -> BOUND_16384;
            default -> -1;
        };
    }

    private void validate() {
        if (plainBits < 2 || plainBits > 60) {
            throw new IllegalArgumentException("plaintext modulus t = 2^" + plainBits + ": ℓ must be in [2, 60]");
        }
        NttTables.checkDegree(n);
        RnsBasis b = RnsBasis.of(n, primes); // checks NTT primes, distinctness
        int bound = maxLogQ(n);
        int logQ = b.totalBits();
        if (!insecureForTesting) {
            if (bound < 0) {
                throw new IllegalArgumentException("N=" + n + " is not covered by the HE Standard 128-bit table (N ∈ {2048, 4096, 8192, 16384});"
                        + " set insecureForTesting to use it anyway");
            }
            if (logQ > bound) {
                throw new IllegalArgumentException("log q = " + logQ + " bits exceeds the HE Standard 128-bit classical bound of " + bound
                        + " bits for N=" + n + " (ternary secret); set insecureForTesting to use it anyway");
            }
        }
        if (logQ < plainBits + 3) {
            throw new IllegalArgumentException("log q = " + logQ + " bits leaves no noise room above t = 2^" + plainBits);
        }
        NttTables.checkNttModulus(n, responsePrime);
        if (64 - Long.numberOfLeadingZeros(responsePrime) <= plainBits) {
            throw new IllegalArgumentException("response prime q'=" + responsePrime + " must exceed t = 2^" + plainBits);
        }
        if (java.math.BigInteger.valueOf(responsePrime).compareTo(b.product()) > 0) {
            throw new IllegalArgumentException("response prime q'=" + responsePrime + " must not exceed Q");
        }
    }

    private long fingerprint() {
        ByteBuffer bb = ByteBuffer.allocate(32 + 8 * primes.length);
        bb.put("HEQ-BFV1".getBytes(StandardCharsets.US_ASCII));
        bb.putInt(n).putInt(plainBits).putLong(responsePrime).putInt(primes.length);
        for (long p : primes) {
            bb.putLong(p);
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(bb.array(), bb.position()));
            return ByteBuffer.wrap(h).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    // ------------------------------------------------------------------------------------------ presets

    /**
     * Cheetah's parameters (OpenCheetah cheetah-api.cpp, scripts/common.sh): N = 4096, Q = 60-bit · 49-bit
     * primes (109 bits, the 128-bit maximum), t = 2^37; responses switched to the 60-bit prime.
     */
    public static HeParameters cheetah() {
        long[] q = chain(4096, 60, 49);
        return new HeParameters("cheetah-37", 4096, q, 37, q[0], false);
    }

    /** Smallest and largest ℓ of the quantized presets. */
    public static final int QUANT_MIN_BITS = 12;
    public static final int QUANT_MAX_BITS = 24;

    /**
     * A quantized preset for t = 2^ℓ, ℓ ∈ [12, 24], N = 4096, with Q sized from {@link NoiseModel}'s worst-case
     * bound for the preset workload (weights with Σ|w| ≤ 2^(ℓ−1) per output, see
     * {@link NoiseModel#presetWeightL1}) plus the public-key re-randomisation, and {@code flooding} room of
     * {@link NoiseModel#floodBits} when requested:
     * log Q = ⌊ℓ + 3 + log2(bound)⌋ + 1 bits (so the noise stays below Q/(8t), leaving room for the response
     * path). The fewest primes of ≤ 50 bits (the size every fast tier handles natively), of about equal size. The response prime has ℓ + log2 N + 4 bits (see {@link NoiseModel}).
     */
    public static HeParameters quantized(int plainBits, boolean flooding) {
        if (plainBits < QUANT_MIN_BITS || plainBits > QUANT_MAX_BITS) {
            throw new IllegalArgumentException("quantized presets cover ℓ in [" + QUANT_MIN_BITS + ", " + QUANT_MAX_BITS + "], got " + plainBits);
        }
        int n = 4096;
        double bound = NoiseModel.presetFullBound(n, plainBits, flooding);
        // ⌊·⌋ + 1 rather than ⌈·⌉: each prime of b bits is just below 2^b, so Σ b must exceed the target strictly
        int logQ = (int) Math.floor(plainBits + 3 + NoiseModel.log2(bound)) + 1;
        int count = (logQ + 49) / 50;
        int[] bits = new int[count];
        for (int i = 0; i < count; i++) { // split as evenly as possible, larger primes first
            bits[i] = logQ / count + (i < logQ % count ? 1 : 0);
        }
        long[] q = chain(n, bits);
        int rBits = NoiseModel.responsePrimeBits(n, plainBits);
        long qr = Primes.nttPrime(rBits, n);
        String name = "quant-" + plainBits + (flooding ? "-flood" : "");
        return new HeParameters(name, n, q, plainBits, qr, false);
    }

    /** The quantized preset without flooding room (for approximate resharing). */
    public static HeParameters quantized(int plainBits) {
        return quantized(plainBits, false);
    }

    /** Every preset, for reports: Cheetah, then quantized ℓ = 12, 16, 20, 24 (approx. resharing and flooding). */
    public static List<HeParameters> presets() {
        List<HeParameters> l = new ArrayList<>();
        l.add(cheetah());
        for (int b : new int[] {12, 16, 20, 24}) {
            l.add(quantized(b, false));
            l.add(quantized(b, true));
        }
        return l;
    }

    /**
     * A prime chain: for each requested bit size, the largest NTT prime of that size for N not already taken
     * (so repeated sizes give distinct primes), in the order requested.
     */
    public static long[] chain(int n, int... bits) {
        long[] out = new long[bits.length];
        for (int i = 0; i < bits.length; i++) {
            int same = 0;
            for (int j = 0; j < i; j++) {
                if (bits[j] == bits[i]) {
                    same++;
                }
            }
            out[i] = Primes.nttPrimes(bits[i], n, same + 1)[same];
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ accessors

    public String name() {
        return name;
    }

    public int n() {
        return n;
    }

    public long[] primes() {
        return primes.clone();
    }

    /** ℓ: t = 2^ℓ. */
    public int plainBits() {
        return plainBits;
    }

    /** t = 2^ℓ. */
    public long plainModulus() {
        return 1L << plainBits;
    }

    public long responsePrime() {
        return responsePrime;
    }

    public boolean insecureForTesting() {
        return insecureForTesting;
    }

    /** Σ⌈log2 q_i⌉. */
    public int logQ() {
        int b = 0;
        for (long p : primes) {
            b += 64 - Long.numberOfLeadingZeros(p);
        }
        return b;
    }

    /** 64-bit parameter fingerprint carried by every serialized object. */
    public long id() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeParameters p && p.id == id && p.n == n && p.plainBits == plainBits && p.responsePrime == responsePrime
                && Arrays.equals(p.primes, primes) && p.insecureForTesting == insecureForTesting;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(name).append("[N=").append(n).append(", q=");
        for (int i = 0; i < primes.length; i++) {
            s.append(i == 0 ? "" : "·").append(64 - Long.numberOfLeadingZeros(primes[i]));
        }
        s.append(" bits (").append(logQ()).append("), t=2^").append(plainBits).append(", q'=")
                .append(64 - Long.numberOfLeadingZeros(responsePrime)).append(" bits");
        if (insecureForTesting) {
            s.append(", INSECURE");
        }
        return s.append(']').toString();
    }
}
