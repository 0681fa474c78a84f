package dev.heq.kernel.ffi;

import dev.heq.kernel.Kernels;
import dev.heq.kernel.Modulus;
import dev.heq.kernel.NttTables;
import dev.heq.kernel.TierUnavailableException;
import java.util.Arrays;

/**
 * The native kernel tiers: a library with HEQ's C ABI behind any {@link NativeBinding} (HEQ's kernels through FFM or
 * JNA, or Intel HEXL's through FFM), with no downcast: every kernel, the fused ones included, is a binding call.
 * Arguments were validated by {@link Kernels}; this class only picks the ISA of HEQ's kernels per call, HEXL-style,
 * and forwards:
 * <ul>
 *   <li>NTT: scalar C below N = 16, else AVX-512 IFMA when q &lt; 2^50 (Harvey's lazy 4q must fit 52 bits),
 *       else AVX-512 DQ;</li>
 *   <li>element-wise: IFMA when q &lt; 2^50, else DQ (the vector kernels finish odd lengths in scalar C).</li>
 * </ul>
 * never above {@link #maxIsa()}, which is the best the CPU has, or lower when a test or benchmark binds a
 * specific path ({@link #forIsa}).
 */
public final class NativeKernels extends Kernels {
    /**
     * System property capping the ISA of HEQ's kernels in the ffm, jna and hexl tiers (scalar, avx512dq, avx512ifma);
     * for hexl it caps only the kernels HEXL lacks ({@link HexlBinding}).
     */
    public static final String ISA_PROPERTY = "heq.native.isa";

    private final NativeBinding binding;
    private final Isa maxIsa;
    private final String tableKey;

    NativeKernels(NativeBinding binding, Isa maxIsa) {
        this.binding = binding;
        this.maxIsa = maxIsa;
        this.tableKey = "native-table-" + binding.name();
    }

    /**
     * Binds the native kernels through {@code binding} ("ffm", "jna" or "hexl") capped at {@code isa} ("scalar",
     * "avx512dq", "avx512ifma"; for hexl the cap of the kernels HEXL lacks), so tests and benchmarks can run every
     * code path in one JVM.
     *
     * @throws TierUnavailableException if the binding cannot load or the CPU lacks the ISA
     */
    public static NativeKernels forIsa(String binding, String isa) throws TierUnavailableException {
        NativeBinding b = switch (binding) {
            case "ffm" -> FfmTier.binding();
            case "jna" -> JnaTier.binding();
            case "hexl" -> HexlTier.binding();
            default -> throw new IllegalArgumentException("binding must be ffm, jna or hexl, got '" + binding + "'");
        };
        Isa i = Isa.parse(isa);
        if (!i.supportedBy(b.caps())) {
            throw new TierUnavailableException(binding, "CPU lacks " + (i == Isa.AVX512IFMA ? "AVX-512 IFMA" : "AVX-512 F/DQ/VL/BW")
                    + " (heq_caps()=" + b.caps() + ")", "use a machine with " + i.suffix() + ", or a lower ISA");
        }
        return new NativeKernels(b, i);
    }

    /** The tier over {@code binding} at the best ISA, or the one named by {@value #ISA_PROPERTY}. */
    static NativeKernels best(NativeBinding binding) throws TierUnavailableException {
        String forced = System.getProperty(ISA_PROPERTY, "").trim();
        if (forced.isEmpty()) {
            return new NativeKernels(binding, Isa.best(binding.caps()));
        }
        Isa i;
        try {
            i = Isa.parse(forced);
        } catch (IllegalArgumentException e) {
            throw new TierUnavailableException(binding.name(), e.getMessage(), "fix -D" + ISA_PROPERTY);
        }
        if (!i.supportedBy(binding.caps())) {
            throw new TierUnavailableException(binding.name(), "-D" + ISA_PROPERTY + "=" + forced + " but the CPU lacks it",
                    "drop -D" + ISA_PROPERTY + " or choose a lower ISA");
        }
        return new NativeKernels(binding, i);
    }

    /** The binding in use. */
    public NativeBinding binding() {
        return binding;
    }

    /** The highest ISA this instance uses. */
    public Isa maxIsa() {
        return maxIsa;
    }

    @Override
    public String tier() {
        return binding.name();
    }

    @Override
    public String path(int n, long q) {
        return binding.pathName(Isa.forNtt(maxIsa, n, q));
    }

    @Override
    public String describe() {
        return tier() + " (" + binding.version() + " via " + binding.via() + "; " + binding.paths(maxIsa) + "; " + binding.library()
                + ")";
    }

    private Object table(NttTables t) {
        return t.tierData(tableKey, binding::prepareTables);
    }

    @Override
    protected void implForwardNtt(long[] out, int outOff, long[] in, int inOff, NttTables t, int inFactor, int outFactor) {
        binding.nttForward(Isa.forNtt(maxIsa, t.n(), t.q()), out, outOff, in, inOff, table(t), t.n(), t.q(), inFactor, outFactor);
    }

    @Override
    protected void implInverseNtt(long[] out, int outOff, long[] in, int inOff, NttTables t, int inFactor, int outFactor) {
        binding.nttInverse(Isa.forNtt(maxIsa, t.n(), t.q()), out, outOff, in, inOff, table(t), t.n(), t.q(), inFactor, outFactor);
    }

    @Override
    protected void implMulMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Modulus q, int inFactor) {
        if (n > 0) {
            binding.mulMod(Isa.forModulus(maxIsa, q.value()), out, outOff, a, aOff, b, bOff, n, q.value(), inFactor);
        }
    }

    /** heq_mul_add_mod_* in one pass (IFMA below 2^50, else DQ or scalar C), through every binding. */
    @Override
    protected void implMulAddMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, long[] c, int cOff, int n, Modulus q) {
        if (n > 0) {
            binding.mulAddMod(Isa.forModulus(maxIsa, q.value()), out, outOff, a, aOff, b, bOff, c, cOff, n, q.value());
        }
    }

    @Override
    protected void implMulConstMod(long[] out, int outOff, long[] a, int aOff, long w, long wShoup, int n, Modulus q, int inFactor) {
        if (n > 0) {
            binding.mulConstMod(Isa.forModulus(maxIsa, q.value()), out, outOff, a, aOff, w, wShoup, n, q.value(), inFactor);
        }
    }

    @Override
    protected void implAddMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Modulus q) {
        if (n > 0) {
            binding.addMod(Isa.forModulus(maxIsa, q.value()), out, outOff, a, aOff, b, bOff, n, q.value());
        }
    }

    @Override
    protected void implSubMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Modulus q) {
        if (n > 0) {
            binding.subMod(Isa.forModulus(maxIsa, q.value()), out, outOff, a, aOff, b, bOff, n, q.value());
        }
    }

    @Override
    protected void implNegMod(long[] out, int outOff, long[] a, int aOff, int n, Modulus q) {
        if (n > 0) {
            binding.negMod(Isa.forModulus(maxIsa, q.value()), out, outOff, a, aOff, n, q.value());
        }
    }

    @Override
    protected void implFmaMod(long[] out, int outOff, long[] a, int aOff, long w, long[] c, int cOff, int n, Modulus q, int inFactor) {
        if (n > 0) {
            binding.fmaMod(Isa.forModulus(maxIsa, q.value()), out, outOff, a, aOff, w, c, cOff, n, q.value(), inFactor);
        }
    }

    @Override
    protected void implReduceMod(long[] out, int outOff, long[] a, int aOff, int n, Modulus q, int inFactor, int outFactor) {
        if (n > 0) {
            binding.reduceMod(Isa.forModulus(maxIsa, q.value()), out, outOff, a, aOff, n, q.value(), inFactor, outFactor);
        }
    }

    /**
     * Products accumulate as exact 128-bit sums (heq_mac128: each product of values below q &lt; 2^62 is below
     * 2^124), reduced once at the end. To stay below 2^128 the accumulator is folded back to its residue
     * (&lt; q) after every {@value #MAC_FOLD} products: residue + 15 products &lt; 2^62 + 15·2^124 &lt; 2^128.
     */
    @Override
    protected void implMulAccumulate(long[] out, int outOff, long[][] a, long[][] b, int count, int off, int n, Modulus m) {
        if (n == 0) {
            return;
        }
        long q = m.value();
        Isa isa = Isa.forModulus(maxIsa, q);
        if (count == 0) {
            Arrays.fill(out, outOff, outOff + n, 0L);
            return;
        }
        long[] acc = new long[2 * n];
        long[] folded = null;
        int pending = 0;
        for (int j = 0; j < count; j++) {
            if (pending == MAC_FOLD) {
                if (folded == null) {
                    folded = new long[n];
                }
                binding.mac128Reduce(isa, folded, 0, acc, n, q);
                System.arraycopy(folded, 0, acc, 0, n);
                Arrays.fill(acc, n, 2 * n, 0L);
                pending = 0;
            }
            binding.mac128(isa, acc, a[j], off, b[j], off, n);
            pending++;
        }
        binding.mac128Reduce(isa, out, outOff, acc, n, q);
    }

    private static final int MAC_FOLD = 15;

    /**
     * The fused c0/c1 kernel (heq_mac_pair_*, through every binding): batches of
     * {@value NativeBinding#MAC_PAIR_BATCH} products per call with the running sums in registers within a batch and
     * in the binding's per-thread accumulator between batches; each b[j] is read once for both components. AVX-512
     * IFMA is used for every q &lt; 2^62 when the CPU has it (52-bit lazy sums below 2^50, a three-digit split
     * above; see native/src/avx512ifma.c); else DQ or scalar C (exact 128-bit sums). The lazy IFMA sums are folded
     * to their residue before they exceed {@value NativeBinding#MAC_PAIR_MAX_TERMS} terms.
     */
    @Override
    protected void implMulAccumulatePair(long[] out0, int out0Off, long[] out1, int out1Off, long[][] a0, long[][] a1, long[][] b,
            int count, int off, int n, Modulus m) {
        if (n == 0) {
            return;
        }
        if (count == 0) {
            Arrays.fill(out0, out0Off, out0Off + n, 0L);
            Arrays.fill(out1, out1Off, out1Off + n, 0L);
            return;
        }
        // one batch is a single FIRST|LAST call, which neither reads nor writes an accumulator
        Object acc = count > NativeBinding.MAC_PAIR_BATCH ? binding.macPairAccumulator(n) : null;
        int terms = 0;
        for (int j = 0; j < count; j += NativeBinding.MAC_PAIR_BATCH) {
            int k = Math.min(NativeBinding.MAC_PAIR_BATCH, count - j);
            int flags = (j == 0 ? NativeBinding.MAC_PAIR_FIRST : 0) | (j + k == count ? NativeBinding.MAC_PAIR_LAST : 0);
            terms += k;
            if ((flags & NativeBinding.MAC_PAIR_LAST) == 0 && terms + NativeBinding.MAC_PAIR_BATCH > NativeBinding.MAC_PAIR_MAX_TERMS) {
                flags |= NativeBinding.MAC_PAIR_FOLD;
                terms = 1;
            }
            binding.macPair(maxIsa, out0, out0Off, out1, out1Off, acc, n, m.value(), k, flags, a0, a1, b, j, off);
        }
    }
}
