package dev.heq.kernel.ffi;

/**
 * The ISA families of HEQ's own kernels in libheqkernels: one exported C symbol per kernel per ISA
 * ({@code heq_ntt_fwd_avx512ifma}, …). Order matters: a higher ordinal is a faster path, and {@link #best} walks
 * down from the top. Intel HEXL is not here: it is another library behind the same C ABI, not an instruction set
 * (see {@link HexlBinding}).
 */
public enum Isa {
    /** Portable C with unsigned __int128; any q &lt; 2^62, any N. */
    SCALAR("scalar", "scalar-c", 0),
    /** AVX-512 F/DQ/VL/BW, 64-bit lanes with emulated 64×64 high products; any q &lt; 2^62, N ≥ 16. */
    AVX512DQ("avx512dq", "avx512dq", 0x1),
    /** AVX-512 IFMA (52-bit multipliers); q &lt; 2^50 so Harvey's lazy values 4q stay below 2^52, N ≥ 16. */
    AVX512IFMA("avx512ifma", "avx512ifma", 0x2);

    /** Largest q (exclusive) the IFMA kernels accept: 4q &lt; 2^52. */
    public static final long IFMA_MAX_Q = 1L << 50;
    /** Smallest N the vector NTTs handle (their unit is a block of 16 coefficients in two registers). */
    public static final int VECTOR_MIN_N = 16;

    private final String suffix;
    private final String pathName;
    private final int capBit;

    Isa(String suffix, String pathName, int capBit) {
        this.suffix = suffix;
        this.pathName = pathName;
        this.capBit = capBit;
    }

    /** The C symbol suffix, e.g. "avx512ifma" in heq_ntt_fwd_avx512ifma. */
    public String suffix() {
        return suffix;
    }

    /** The name {@code Kernels.path} reports. */
    public String pathName() {
        return pathName;
    }

    /** Whether heq_caps() bits allow this ISA. */
    public boolean supportedBy(int caps) {
        return (caps & capBit) == capBit;
    }

    /** The best ISA supported by {@code caps}. */
    public static Isa best(int caps) {
        Isa[] all = values();
        for (int i = all.length - 1; i > 0; i--) {
            if (all[i].supportedBy(caps)) {
                return all[i];
            }
        }
        return SCALAR;
    }

    /**
     * The ISA to run an element-wise kernel on for modulus q, at most {@code cap} (HEXL's rule: IFMA only where
     * its 52-bit range holds).
     */
    public static Isa forModulus(Isa cap, long q) {
        if (cap == AVX512IFMA && q >= IFMA_MAX_Q) {
            return AVX512DQ;
        }
        return cap;
    }

    /** The ISA to run an NTT of degree n on: as {@link #forModulus}, and scalar C below {@link #VECTOR_MIN_N}. */
    public static Isa forNtt(Isa cap, int n, long q) {
        return n < VECTOR_MIN_N ? SCALAR : forModulus(cap, q);
    }

    /** Parses "scalar", "scalar-c", "avx512dq" or "avx512ifma". */
    public static Isa parse(String s) {
        for (Isa i : values()) {
            if (i.suffix.equalsIgnoreCase(s) || i.pathName.equalsIgnoreCase(s)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown native ISA '" + s + "'; use scalar, avx512dq or avx512ifma"
                + (s.equalsIgnoreCase("hexl") ? " (Intel HEXL is a library, not an ISA: it is the hexl tier, -Dheq.kernels=hexl)" : ""));
    }
}
