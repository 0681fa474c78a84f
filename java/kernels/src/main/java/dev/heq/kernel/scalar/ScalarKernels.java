package dev.heq.kernel.scalar;

import dev.heq.kernel.KernelTier;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.Modulus;
import dev.heq.kernel.NttTables;

/**
 * The optimised pure-Java tier: Harvey lazy NTT butterflies with Shoup twiddles ({@link ScalarNtt}), one-word
 * Barrett products, Shoup multiplication by constants, 128-bit lazy multiply-accumulate and branch-free
 * add/sub/neg that C2 auto-vectorises ({@link ScalarEltwise}). Needs nothing beyond {@code java.base}, so it is
 * always available and is the fallback of {@code auto} when no faster tier loads.
 *
 * <p>Supports every modulus the API accepts (q &lt; 2^62: the forward NTT keeps values in [0, 4q) &lt; 2^64).
 * Fully reduced outputs (factor 1) are bit-identical to the reference tier; lazy outputs are congruent and in
 * the documented range. The hot paths do not check data ranges (the reference tier does).
 */
public final class ScalarKernels extends Kernels {
    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {}

    /** Service registration: always loadable; chosen by {@code auto} after the native and simd tiers. */
    public static final class Tier implements KernelTier {
        @Override
        public String name() {
            return "scalar";
        }

        @Override
        public int autoPriority() {
            return 10;
        }

        @Override
        public Kernels load() {
            return INSTANCE;
        }
    }

    @Override
    public String tier() {
        return "scalar";
    }

    @Override
    public String path(int n, long q) {
        return "java-scalar";
    }

    @Override
    public String describe() {
        return "scalar (pure Java: Harvey/Shoup NTT, Barrett, lazy 128-bit accumulation; Java "
                + Runtime.version().feature() + ")";
    }

    @Override
    protected void implForwardNtt(long[] out, int outOff, long[] in, int inOff, NttTables t, int inFactor, int outFactor) {
        // Every stage accepts inputs in [0, 4q), so the input factor needs no special handling.
        ScalarNtt.forward(out, outOff, in, inOff, t, outFactor);
    }

    @Override
    protected void implInverseNtt(long[] out, int outOff, long[] in, int inOff, NttTables t, int inFactor, int outFactor) {
        // Every stage accepts inputs in [0, 2q), so the input factor needs no special handling.
        ScalarNtt.inverse(out, outOff, in, inOff, t, outFactor);
    }

    @Override
    protected void implMulMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Modulus q, int inFactor) {
        ScalarEltwise.mulMod(out, outOff, a, aOff, b, bOff, n, ScalarModulus.of(q), inFactor);
    }

    @Override
    protected void implMulConstMod(long[] out, int outOff, long[] a, int aOff, long w, long wShoup, int n, Modulus q, int inFactor) {
        ScalarEltwise.mulConstMod(out, outOff, a, aOff, w, wShoup, n, q.value());
    }

    @Override
    protected void implAddMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Modulus q) {
        ScalarEltwise.addMod(out, outOff, a, aOff, b, bOff, n, q.value());
    }

    @Override
    protected void implSubMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Modulus q) {
        ScalarEltwise.subMod(out, outOff, a, aOff, b, bOff, n, q.value());
    }

    @Override
    protected void implNegMod(long[] out, int outOff, long[] a, int aOff, int n, Modulus q) {
        ScalarEltwise.negMod(out, outOff, a, aOff, n, q.value());
    }

    @Override
    protected void implFmaMod(long[] out, int outOff, long[] a, int aOff, long w, long[] c, int cOff, int n, Modulus q, int inFactor) {
        // Shoup's factor for w is computed here (one BigInteger division per call, amortised over n elements).
        long ws = q.shoup(w);
        if (c == null) {
            ScalarEltwise.mulConstMod(out, outOff, a, aOff, w, ws, n, q.value());
        } else {
            ScalarEltwise.fmaMod(out, outOff, a, aOff, w, ws, c, cOff, n, q.value());
        }
    }

    @Override
    protected void implReduceMod(long[] out, int outOff, long[] a, int aOff, int n, Modulus q, int inFactor, int outFactor) {
        ScalarEltwise.reduceMod(out, outOff, a, aOff, n, ScalarModulus.of(q), inFactor, outFactor);
    }

    @Override
    protected void implMulAccumulate(long[] out, int outOff, long[][] a, long[][] b, int count, int off, int n, Modulus q) {
        ScalarEltwise.mulAccumulate(out, outOff, a, b, count, off, n, ScalarModulus.of(q));
    }
}
