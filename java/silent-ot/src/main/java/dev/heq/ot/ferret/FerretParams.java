package dev.heq.ot.ferret;

/**
 * One Ferret parameter set: a main primal-LPN instance (n outputs, k secret blocks, t regular-noise bins of 2^h
 * positions, n = t·2^h) and a smaller "pre" instance that is run once at setup, on IKNP-made COTs, to produce the
 * first main reserve (Yang, Weng, Lan, Zhang, Wang, "Ferret: Fast Extension for coRRElated oT with small
 * communication", CCS 2020, ePrint 2020/924: the semi-honest primal-LPN COT protocol and its bootstrapping).
 *
 * <p>Every iteration of an instance consumes {@link #reserve()} = k + t·h COTs (k for the LPN secret, h per GGM
 * tree) and outputs n; the first k + t·h outputs are kept as the next iteration's input, the rest
 * ({@link #usable()}) are handed out. Communication per iteration is t·(2h + 1) blocks of 16 bytes, sender to
 * receiver ({@link #iterationBytes()}).
 *
 * @param name        label for reports
 * @param n           LPN outputs per iteration, = t·2^h
 * @param k           LPN secret length (number of base COTs feeding the local code)
 * @param t           noise weight = number of GGM trees / regular bins
 * @param h           log2 of the bin size (GGM tree depth), 1..20
 * @param nPre        outputs of the bootstrap instance, = tPre·2^hPre, must be ≥ reserve()
 * @param kPre        LPN secret length of the bootstrap instance
 * @param tPre        noise weight of the bootstrap instance
 * @param hPre        bin size exponent of the bootstrap instance
 * @param secure      false for the small test sets (no security claim at all)
 */
public record FerretParams(String name, int n, int k, int t, int h, int nPre, int kPre, int tPre, int hPre,
                           boolean secure) {

    /** Non-zeros per row of the local linear code (Ferret's local linear code: d = 10). */
    public static final int D = 10;

    /**
     * The default, 128-bit set: n = 10,485,760 (≈ 10^7 outputs), k = 452,000, t = 1,280, bins of 2^13; bootstrap
     * set n = 470,016, k = 32,768, t = 918, bins of 2^9. These are the regular-noise primal-LPN values the Ferret
     * authors ship as the 128-bit default of their implementation (emp-ot {@code ferret/constants.h},
     * {@code ferret_b13}), chosen with the LPN-hardness analysis of the paper (128-bit computational security
     * against the known LPN attacks, with the local code of d = 10). An earlier emp-ot release used
     * n = 10,608,640, k = 589,824, t = 1,295 (also 2^13 bins). Per iteration: 10,017,120 usable COTs for
     * 552,960 bytes (0.44 bits per COT).
     */
    public static final FerretParams B13 =
            new FerretParams("ferret-b13", 10_485_760, 452_000, 1_280, 13, 470_016, 32_768, 918, 9, true);

    /**
     * The authors' other 128-bit set with bins of 2^12 ({@code ferret_b12}): n = 10,268,672, k = 238,000,
     * t = 2,507; bootstrap n = 268,800, k = 17,384, t = 1,050, bins 2^8. Half the LPN secret of {@link #B13} (a
     * 3.8 MB gather table instead of 7.2 MB: faster LPN where the cache is contended) for twice the noise, i.e.
     * 1,002,800 bytes per iteration for 10,000,588 COTs (0.80 bits per COT).
     */
    public static final FerretParams B12 =
            new FerretParams("ferret-b12", 10_268_672, 238_000, 2_507, 12, 268_800, 17_384, 1_050, 8, true);

    /**
     * A small set for unit tests: same algorithm, same code paths, NO security (k and t far too small).
     * n = 64·2^10 = 65,536, k = 4,096, reserve 4,736; bootstrap 24·2^8 = 6,144 outputs from 1,024 + 192 IKNP COTs.
     */
    public static final FerretParams TEST_SMALL =
            new FerretParams("test-small(insecure)", 65_536, 4_096, 64, 10, 6_144, 1_024, 24, 8, false);

    /**
     * The set a user names: "b13" ({@link #B13}), "b12" ({@link #B12}) or "small" ({@link #TEST_SMALL}, insecure,
     * for quick checks only).
     *
     * @throws IllegalArgumentException naming the valid names
     */
    public static FerretParams named(String name) {
        return switch (name) {
            case "b13" -> B13;
            case "b12" -> B12;
            case "small" -> TEST_SMALL;
            default -> throw new IllegalArgumentException("Ferret parameters must be b13, b12 or small (insecure, tests only), got '"
                    + name + "'");
        };
    }

    public FerretParams {
        check(n, k, t, h, "main");
        check(nPre, kPre, tPre, hPre, "bootstrap");
        if (nPre < (long) k + (long) t * h) {
            throw new IllegalArgumentException("bootstrap outputs nPre=" + nPre + " < main reserve k + t·h = "
                    + ((long) k + (long) t * h));
        }
    }

    private static void check(int n, int k, int t, int h, String which) {
        if (h < 1 || h > 20) {
            throw new IllegalArgumentException(which + ": h must be in 1..20, got " + h);
        }
        if (t < 1 || k < D) {
            throw new IllegalArgumentException(which + ": need t ≥ 1 and k ≥ " + D + ", got t=" + t + ", k=" + k);
        }
        if ((long) t << h != n) {
            throw new IllegalArgumentException(which + ": n must equal t·2^h = " + ((long) t << h) + ", got " + n);
        }
        if ((long) k + (long) t * h >= n) {
            throw new IllegalArgumentException(which + ": reserve k + t·h = " + ((long) k + (long) t * h)
                    + " leaves no output of n = " + n);
        }
        if (n > (1 << 27)) {
            throw new IllegalArgumentException(which + ": n = " + n + " exceeds 2^27 (buffer is one long[2n])");
        }
    }

    /** COTs one main iteration consumes: k + t·h. */
    public int reserve() {
        return k + t * h;
    }

    /** COTs the bootstrap iteration consumes (made by IKNP): kPre + tPre·hPre. */
    public int reservePre() {
        return kPre + tPre * hPre;
    }

    /** COTs handed out per main iteration: n − reserve(). */
    public int usable() {
        return n - reserve();
    }

    /** Bytes per main iteration, sender → receiver: t·(2h + 1)·16 (two masked level sums per level, one leaf fix). */
    public long iterationBytes() {
        return (long) t * (2L * h + 1) * 16;
    }

    /** The communication profile of this parameter set: the iteration message amortised over its usable COTs. */
    public dev.heq.ot.OtCost cost() {
        return dev.heq.ot.OtCost.silent(name(), iterationBytes(), usable());
    }

    /** Bytes of the bootstrap iteration: tPre·(2hPre + 1)·16. */
    public long preIterationBytes() {
        return (long) tPre * (2L * hPre + 1) * 16;
    }
}
