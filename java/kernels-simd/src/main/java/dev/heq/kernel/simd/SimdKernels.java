package dev.heq.kernel.simd;

import dev.heq.kernel.KernelProvider;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.Modulus;
import dev.heq.kernel.NttTables;
import dev.heq.kernel.TierUnavailableException;
import jdk.incubator.vector.LongVector;

/**
 * The Vector API tier. NTT paths by modulus (see {@link #path}):
 * <ul>
 *   <li>q &lt; 2^32: {@link LongNtt} long32 (Shoup with 32-bit factors in 64-bit lanes);</li>
 *   <li>2^32 ≤ q &lt; 2^50: {@link DoubleNtt} (exact FMA modular multiplication in double lanes);</li>
 *   <li>2^50 ≤ q &lt; 2^62: {@link LongNtt} limb62 (Shoup with an approximate 32-bit-limb high product);</li>
 *   <li>N &lt; 16 (fewer coefficients than two vectors): the scalar tier, or the reference tier if the scalar
 *       tier is not on the class path ("scalar-fallback").</li>
 * </ul>
 * Element-wise kernels are in {@link Eltwise}; they accept every q in [2, 2^62).
 */
final class SimdKernels extends Kernels {
    static final SimdKernels INSTANCE = new SimdKernels();

    /** Smallest N the vector NTT handles: one small-stride block is two vectors. */
    static final int MIN_VECTOR_N = Lanes.BLOCK;

    private volatile Kernels fallback;

    private SimdKernels() {}

    /** Null if this JVM/CPU can run the tier, else why not. */
    static String unsupportedReason() {
        int lanes = LongVector.SPECIES_PREFERRED.length();
        if (lanes != Lanes.LANES) {
            return "the preferred vector shape has " + lanes + " long lanes (" + LongVector.SPECIES_PREFERRED.vectorBitSize()
                    + " bits); the simd tier is written for 512-bit vectors (8 lanes)";
        }
        return null;
    }

    @Override
    public String tier() {
        return "simd";
    }

    @Override
    public String path(int n, long q) {
        if (n < MIN_VECTOR_N) {
            return "scalar-fallback";
        }
        if (q < LongNtt.MAX_Q_LONG32) {
            return "simd-long32";
        }
        if (q < DoubleNtt.MAX_Q) {
            return "simd-double50";
        }
        return "simd-limb62";
    }

    @Override
    public String describe() {
        return "simd (Vector API, " + LongVector.SPECIES_PREFERRED.vectorBitSize() + "-bit: long32 q<2^32, double50 q<2^50, limb62 q<2^62)";
    }

    /** The tier small transforms are delegated to: scalar if registered, else the reference. */
    Kernels fallback() {
        Kernels f = fallback;
        if (f == null) {
            try {
                f = KernelProvider.load("scalar");
            } catch (TierUnavailableException e) {
                f = KernelProvider.reference();
            }
            fallback = f;
        }
        return f;
    }

    // ------------------------------------------------------------------------------------------------ NTT

    @Override
    protected void implForwardNtt(long[] out, int outOff, long[] in, int inOff, NttTables t, int inFactor, int outFactor) {
        int n = t.n();
        long q = t.q();
        if (n < MIN_VECTOR_N) {
            fallback().forwardNtt(out, outOff, in, inOff, t, inFactor, outFactor);
        } else if (q < LongNtt.MAX_Q_LONG32) {
            LongNtt.forward(out, outOff, in, inOff, LongNtt.planLong32(t), outFactor);
        } else if (q < DoubleNtt.MAX_Q) {
            DoubleNtt.forward(out, outOff, in, inOff, DoubleNtt.plan(t), inFactor);
        } else {
            LongNtt.forward(out, outOff, in, inOff, LongNtt.planLimb62(t), outFactor);
        }
    }

    @Override
    protected void implInverseNtt(long[] out, int outOff, long[] in, int inOff, NttTables t, int inFactor, int outFactor) {
        int n = t.n();
        long q = t.q();
        if (n < MIN_VECTOR_N) {
            fallback().inverseNtt(out, outOff, in, inOff, t, inFactor, outFactor);
        } else if (q < LongNtt.MAX_Q_LONG32) {
            LongNtt.inverse(out, outOff, in, inOff, LongNtt.planLong32(t), outFactor);
        } else if (q < DoubleNtt.MAX_Q) {
            DoubleNtt.inverse(out, outOff, in, inOff, DoubleNtt.plan(t), inFactor);
        } else {
            LongNtt.inverse(out, outOff, in, inOff, LongNtt.planLimb62(t), outFactor);
        }
    }

    // ------------------------------------------------------------------------------------------ element-wise
    // Eltwise works on whole vectors; the last n mod 8 elements go to the fallback tier (same contract, and with
    // output factor 1 the same bits).

    private static int whole(int n) {
        return n & -Lanes.LANES;
    }

    @Override
    protected void implMulMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Modulus q, int inFactor) {
        int nv = whole(n);
        if (q.value() < DoubleNtt.MAX_Q) {
            Eltwise.mulModDouble(out, outOff, a, aOff, b, bOff, nv, Eltwise.constants(q), inFactor);
        } else {
            Eltwise.mulModBarrett(out, outOff, a, aOff, b, bOff, nv, Eltwise.constants(q), inFactor);
        }
        if (nv < n) {
            fallback().mulMod(out, outOff + nv, a, aOff + nv, b, bOff + nv, n - nv, q, inFactor);
        }
    }

    @Override
    protected void implMulConstMod(long[] out, int outOff, long[] a, int aOff, long w, long wShoup, int n, Modulus q, int inFactor) {
        int nv = whole(n);
        if (q.value() < DoubleNtt.MAX_Q) {
            Eltwise.mulConstModDouble(out, outOff, a, aOff, w, null, 0, nv, Eltwise.constants(q), inFactor);
        } else {
            Eltwise.mulConstMod(out, outOff, a, aOff, w, wShoup, null, 0, nv, q.value());
        }
        if (nv < n) {
            fallback().mulConstMod(out, outOff + nv, a, aOff + nv, w, wShoup, n - nv, q, inFactor);
        }
    }

    @Override
    protected void implAddMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Modulus q) {
        int nv = whole(n);
        Eltwise.addMod(out, outOff, a, aOff, b, bOff, nv, q.value());
        if (nv < n) {
            fallback().addMod(out, outOff + nv, a, aOff + nv, b, bOff + nv, n - nv, q);
        }
    }

    @Override
    protected void implSubMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Modulus q) {
        int nv = whole(n);
        Eltwise.subMod(out, outOff, a, aOff, b, bOff, nv, q.value());
        if (nv < n) {
            fallback().subMod(out, outOff + nv, a, aOff + nv, b, bOff + nv, n - nv, q);
        }
    }

    @Override
    protected void implNegMod(long[] out, int outOff, long[] a, int aOff, int n, Modulus q) {
        int nv = whole(n);
        Eltwise.negMod(out, outOff, a, aOff, nv, q.value());
        if (nv < n) {
            fallback().negMod(out, outOff + nv, a, aOff + nv, n - nv, q);
        }
    }

    @Override
    protected void implFmaMod(long[] out, int outOff, long[] a, int aOff, long w, long[] c, int cOff, int n, Modulus q, int inFactor) {
        int nv = whole(n);
        if (q.value() < DoubleNtt.MAX_Q) {
            Eltwise.mulConstModDouble(out, outOff, a, aOff, w, c, cOff, nv, Eltwise.constants(q), inFactor);
        } else if (nv > 0) {
            Eltwise.mulConstMod(out, outOff, a, aOff, w, q.shoup(w), c, cOff, nv, q.value());
        }
        if (nv < n) {
            fallback().fmaMod(out, outOff + nv, a, aOff + nv, w, c, cOff + nv, n - nv, q, inFactor);
        }
    }

    @Override
    protected void implReduceMod(long[] out, int outOff, long[] a, int aOff, int n, Modulus q, int inFactor, int outFactor) {
        int nv = whole(n);
        Eltwise.reduceMod(out, outOff, a, aOff, nv, Eltwise.constants(q), inFactor, outFactor);
        if (nv < n) {
            fallback().reduceMod(out, outOff + nv, a, aOff + nv, n - nv, q, inFactor, outFactor);
        }
    }

    @Override
    protected void implMulAccumulate(long[] out, int outOff, long[][] a, long[][] b, int count, int off, int n, Modulus q) {
        if (q.value() >= DoubleNtt.MAX_Q) {
            // Above 2^50 a full limb Barrett per product loses to the scalar tier's lazy 128-bit accumulation
            // (heq bench kernels, mulAcc x64 N=4096 60-bit, same run: simd 1090 µs best vs scalar 488 µs).
            fallback().mulAccumulate(out, outOff, a, b, count, off, n, q);
            return;
        }
        int nv = whole(n);
        Eltwise.mulAccumulateDouble(out, outOff, a, b, count, off, nv, Eltwise.constants(q));
        if (nv < n) {
            // the fallback writes out[outOff + nv ..] and reads a[j][off + nv ..]: the same disjoint regions
            long[] tail = new long[n - nv];
            fallback().mulAccumulate(tail, 0, a, b, count, off + nv, n - nv, q);
            System.arraycopy(tail, 0, out, outOff + nv, n - nv);
        }
    }
}
