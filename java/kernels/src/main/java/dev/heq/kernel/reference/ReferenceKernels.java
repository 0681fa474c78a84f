package dev.heq.kernel.reference;

import dev.heq.kernel.KernelTier;
import dev.heq.kernel.Kernels;
import dev.heq.kernel.ModArith;
import dev.heq.kernel.Modulus;
import dev.heq.kernel.NttTables;

/**
 * The oracle tier, written for clarity: every value is kept fully reduced in [0, q), every product goes through
 * {@link ModArith#mulMod} (schoolbook 128-bit remainder), and the NTT is the textbook iterative Cooley–Tukey /
 * Gentleman–Sande pair over the tables of {@link NttTables}. It also <em>checks</em> the documented input ranges
 * and throws {@link IllegalArgumentException} naming the first value outside them, so a test that feeds it
 * out-of-contract data fails loudly instead of comparing against garbage.
 *
 * <p>It is validated against BigInteger (naive O(N²) negacyclic evaluation) in ReferenceKernelsTest; every other
 * tier is validated against it. Outputs are always fully reduced, which satisfies every output factor.
 */
public final class ReferenceKernels extends Kernels {
    public static final ReferenceKernels INSTANCE = new ReferenceKernels();

    private ReferenceKernels() {}

    /** Service registration (never chosen by auto; force it with -Dheq.kernels=reference). */
    public static final class Tier implements KernelTier {
        @Override
        public String name() {
            return "reference";
        }

        @Override
        public int autoPriority() {
            return -1;
        }

        @Override
        public Kernels load() {
            return INSTANCE;
        }
    }

    @Override
    public String tier() {
        return "reference";
    }

    @Override
    public String path(int n, long q) {
        return "java-reference";
    }

    @Override
    public String describe() {
        return "reference (pure Java, clarity first; the oracle)";
    }

    /** Copies in[inOff..] to a fresh array, reducing each value after checking it is below factor·q. */
    private static long[] reducedCopy(String what, long[] in, int off, int n, long q, int factor) {
        long[] a = new long[n];
        long bound = factor * q; // factor ≤ 4 and q < 2^62, so bound < 2^64 fits as unsigned
        for (int i = 0; i < n; i++) {
            long v = in[off + i];
            if (factor != 0 && Long.compareUnsigned(v, bound) >= 0) {
                throw new IllegalArgumentException(what + "[" + i + "]=" + Long.toUnsignedString(v) + " is outside [0, " + factor + "·q) for q=" + q);
            }
            a[i] = Long.remainderUnsigned(v, q);
        }
        return a;
    }

    @Override
    protected void implForwardNtt(long[] out, int outOff, long[] in, int inOff, NttTables t, int inFactor, int outFactor) {
        int n = t.n();
        long q = t.q();
        long[] a = reducedCopy("forward NTT input", in, inOff, n, q, inFactor);
        long[] w = t.rootPowers();
        // Cooley–Tukey, decimation in time: stage m has m groups of 2·len elements, twiddle ψ^brv(m+i).
        for (int m = 1, len = n / 2; m < n; m *= 2, len /= 2) {
            for (int i = 0; i < m; i++) {
                long wi = w[m + i];
                int start = 2 * i * len;
                for (int j = start; j < start + len; j++) {
                    long x = a[j];
                    long y = ModArith.mulMod(a[j + len], wi, q);
                    a[j] = ModArith.addMod(x, y, q);
                    a[j + len] = ModArith.subMod(x, y, q);
                }
            }
        }
        System.arraycopy(a, 0, out, outOff, n);
    }

    @Override
    protected void implInverseNtt(long[] out, int outOff, long[] in, int inOff, NttTables t, int inFactor, int outFactor) {
        int n = t.n();
        long q = t.q();
        long[] a = reducedCopy("inverse NTT input", in, inOff, n, q, inFactor);
        long[] w = t.invRootPowers();
        // Gentleman–Sande, decimation in frequency: undoes the forward stages in reverse order.
        for (int m = n / 2, len = 1; m >= 1; m /= 2, len *= 2) {
            for (int i = 0; i < m; i++) {
                long wi = w[m + i];
                int start = 2 * i * len;
                for (int j = start; j < start + len; j++) {
                    long x = a[j];
                    long y = a[j + len];
                    a[j] = ModArith.addMod(x, y, q);
                    a[j + len] = ModArith.mulMod(ModArith.subMod(x, y, q), wi, q);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            out[outOff + i] = ModArith.mulMod(a[i], t.nInv(), q);
        }
    }

    @Override
    protected void implMulMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Modulus m, int inFactor) {
        long q = m.value();
        long[] x = reducedCopy("mulMod a", a, aOff, n, q, inFactor);
        long[] y = reducedCopy("mulMod b", b, bOff, n, q, inFactor);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = ModArith.mulMod(x[i], y[i], q);
        }
    }

    @Override
    protected void implMulConstMod(long[] out, int outOff, long[] a, int aOff, long w, long wShoup, int n, Modulus m, int inFactor) {
        long q = m.value();
        long[] x = reducedCopy("mulConstMod a", a, aOff, n, q, inFactor);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = ModArith.mulMod(x[i], w, q);
        }
    }

    @Override
    protected void implAddMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Modulus m) {
        long q = m.value();
        long[] x = reducedCopy("addMod a", a, aOff, n, q, 1);
        long[] y = reducedCopy("addMod b", b, bOff, n, q, 1);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = ModArith.addMod(x[i], y[i], q);
        }
    }

    @Override
    protected void implSubMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Modulus m) {
        long q = m.value();
        long[] x = reducedCopy("subMod a", a, aOff, n, q, 1);
        long[] y = reducedCopy("subMod b", b, bOff, n, q, 1);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = ModArith.subMod(x[i], y[i], q);
        }
    }

    @Override
    protected void implNegMod(long[] out, int outOff, long[] a, int aOff, int n, Modulus m) {
        long q = m.value();
        long[] x = reducedCopy("negMod a", a, aOff, n, q, 1);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = ModArith.subMod(0, x[i], q);
        }
    }

    @Override
    protected void implFmaMod(long[] out, int outOff, long[] a, int aOff, long w, long[] c, int cOff, int n, Modulus m, int inFactor) {
        long q = m.value();
        long[] x = reducedCopy("fmaMod a", a, aOff, n, q, inFactor);
        long[] z = c == null ? new long[n] : reducedCopy("fmaMod c", c, cOff, n, q, 1);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = ModArith.addMod(ModArith.mulMod(x[i], w, q), z[i], q);
        }
    }

    @Override
    protected void implReduceMod(long[] out, int outOff, long[] a, int aOff, int n, Modulus m, int inFactor, int outFactor) {
        long[] x = reducedCopy("reduceMod a", a, aOff, n, m.value(), inFactor);
        System.arraycopy(x, 0, out, outOff, n);
    }

    @Override
    protected void implMulAccumulate(long[] out, int outOff, long[][] a, long[][] b, int count, int off, int n, Modulus m) {
        long q = m.value();
        long[] acc = new long[n];
        for (int j = 0; j < count; j++) {
            long[] x = reducedCopy("mulAccumulate a[" + j + "]", a[j], off, n, q, 1);
            long[] y = reducedCopy("mulAccumulate b[" + j + "]", b[j], off, n, q, 1);
            for (int i = 0; i < n; i++) {
                acc[i] = ModArith.addMod(acc[i], ModArith.mulMod(x[i], y[i], q), q);
            }
        }
        System.arraycopy(acc, 0, out, outOff, n);
    }
}
