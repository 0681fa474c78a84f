package dev.heq.kernel;

/**
 * One tier's bulk kernels: negacyclic NTT and element-wise modular arithmetic over {@code long[]} limbs.
 *
 * <p>Every public method validates its arguments (array bounds, factors, overlap) and then calls the tier's
 * {@code impl*} method, so each tier only implements arithmetic and every tier rejects bad arguments with the
 * same {@link IllegalArgumentException}. Value ranges of the <em>data</em> (e.g. "a in [0, 2q)") are
 * preconditions: they are not checked on the hot path (the reference tier checks them and throws).
 *
 * <h2>Lazy factors (HEXL's convention)</h2>
 * An input factor k means inputs lie in [0, k·q); an output factor k means outputs lie in [0, k·q) and are
 * congruent mod q to the exact result (with factor 1 the result is unique, so all tiers agree bit for bit).
 * <ul>
 *   <li>forward NTT: input factor 1, 2 or 4; output factor 1 or 4;</li>
 *   <li>inverse NTT: input factor 1 or 2; output factor 1 or 2;</li>
 *   <li>mulMod, mulConstMod, fmaMod: input factor 1, 2 or 4 on the multiplicands; output in [0, q);</li>
 *   <li>reduceMod: input factor 0 (any unsigned 64-bit value), 2 or 4; output factor 1 or 2.</li>
 * </ul>
 *
 * <h2>Aliasing</h2>
 * An output may be the same array region as an input (in place, identical offset) but must not partially
 * overlap one.
 *
 * <p>Moduli: any q in [2, 2^62) for element-wise ops; NTTs need an {@link NttTables} (prime q ≡ 1 mod 2N).
 * A tier may run different code paths by modulus size (e.g. IFMA only for q &lt; 2^50): {@link #path} names the
 * one it takes.
 */
public abstract class Kernels {

    /** Tier name: reference, scalar, simd, ffm, jna or hexl. */
    public abstract String tier();

    /** The code path this tier runs for degree n and modulus q, e.g. "avx512ifma" or "java-double50". */
    public abstract String path(int n, long q);

    /** One line describing the tier for logs and {@code heq info} (ISA, library, version). */
    public String describe() {
        return tier();
    }

    // ------------------------------------------------------------------------------------------------ NTT

    /**
     * Forward negacyclic NTT (natural order in, bit-reversed order out; see {@link NttTables}). Output first, like
     * every element-wise kernel here and the native ABI ({@code heq_ntt_fwd_*(out, in, …)}).
     *
     * @param out       N evaluations written from {@code outOff}, in [0, outFactor·q); may equal in (in place)
     * @param in        N coefficients from {@code inOff}, in [0, inFactor·q)
     * @param inFactor  1, 2 or 4
     * @param outFactor 1 or 4
     */
    public final void forwardNtt(long[] out, int outOff, long[] in, int inOff, NttTables t, int inFactor, int outFactor) {
        checkTables(t);
        checkFactor("forward NTT input factor", inFactor, 1, 2, 4);
        checkFactor("forward NTT output factor", outFactor, 1, 4);
        checkRegion("in", in, inOff, t.n());
        checkRegion("out", out, outOff, t.n());
        checkAlias("out", out, outOff, "in", in, inOff, t.n());
        implForwardNtt(out, outOff, in, inOff, t, inFactor, outFactor);
    }

    /**
     * Inverse negacyclic NTT (bit-reversed order in, natural order out), including the N^−1 scaling. Output first,
     * like {@link #forwardNtt}.
     *
     * @param out       N coefficients written from {@code outOff}, in [0, outFactor·q); may equal in (in place)
     * @param in        N evaluations from {@code inOff}, in [0, inFactor·q)
     * @param inFactor  1 or 2
     * @param outFactor 1 or 2
     */
    public final void inverseNtt(long[] out, int outOff, long[] in, int inOff, NttTables t, int inFactor, int outFactor) {
        checkTables(t);
        checkFactor("inverse NTT input factor", inFactor, 1, 2);
        checkFactor("inverse NTT output factor", outFactor, 1, 2);
        checkRegion("in", in, inOff, t.n());
        checkRegion("out", out, outOff, t.n());
        checkAlias("out", out, outOff, "in", in, inOff, t.n());
        implInverseNtt(out, outOff, in, inOff, t, inFactor, outFactor);
    }

    /** In-place forward NTT, inputs in [0, q), outputs in [0, q). */
    public final void forwardNtt(long[] a, int off, NttTables t) {
        forwardNtt(a, off, a, off, t, 1, 1);
    }

    /** In-place inverse NTT, inputs in [0, q), outputs in [0, q). */
    public final void inverseNtt(long[] a, int off, NttTables t) {
        inverseNtt(a, off, a, off, t, 1, 1);
    }

    // ------------------------------------------------------------------------------------------ element-wise

    /** out[i] = a[i]·b[i] mod q; a, b in [0, inFactor·q), inFactor ∈ {1, 2, 4}; out in [0, q). */
    public final void mulMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Modulus q, int inFactor) {
        checkModulus(q);
        checkFactor("mulMod input factor", inFactor, 1, 2, 4);
        checkLength(n);
        checkRegion("a", a, aOff, n);
        checkRegion("b", b, bOff, n);
        checkRegion("out", out, outOff, n);
        checkAlias("out", out, outOff, "a", a, aOff, n);
        checkAlias("out", out, outOff, "b", b, bOff, n);
        implMulMod(out, outOff, a, aOff, b, bOff, n, q, inFactor);
    }

    /**
     * out[i] = a[i]·w mod q with Shoup's precomputed factor wShoup = ⌊w·2^64/q⌋ ({@link Modulus#shoup}).
     * w in [0, q); a in [0, inFactor·q), inFactor ∈ {1, 2, 4}; out in [0, q).
     */
    public final void mulConstMod(long[] out, int outOff, long[] a, int aOff, long w, long wShoup, int n, Modulus q, int inFactor) {
        checkModulus(q);
        checkFactor("mulConstMod input factor", inFactor, 1, 2, 4);
        checkLength(n);
        checkShoup(w, wShoup, q);
        checkRegion("a", a, aOff, n);
        checkRegion("out", out, outOff, n);
        checkAlias("out", out, outOff, "a", a, aOff, n);
        implMulConstMod(out, outOff, a, aOff, w, wShoup, n, q, inFactor);
    }

    /**
     * Fused multiply-add of two vectors: out[i] = (a[i]·b[i] + c[i]) mod q; a, b, c in [0, q); out in [0, q).
     * out may be a, b or c at the identical offset (in place). One pass where a tier has a kernel for it (the
     * encryptor's c0 = (Δm + e) + a·(−s) in NTT form); the default is {@link #mulMod} then {@link #addMod} per
     * block of {@value #MUL_ADD_BLOCK}, so in-place use stays correct.
     */
    public final void mulAddMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, long[] c, int cOff, int n, Modulus q) {
        checkModulus(q);
        checkLength(n);
        checkRegion("a", a, aOff, n);
        checkRegion("b", b, bOff, n);
        checkRegion("c", c, cOff, n);
        checkRegion("out", out, outOff, n);
        checkAlias("out", out, outOff, "a", a, aOff, n);
        checkAlias("out", out, outOff, "b", b, bOff, n);
        checkAlias("out", out, outOff, "c", c, cOff, n);
        implMulAddMod(out, outOff, a, aOff, b, bOff, c, cOff, n, q);
    }

    /** Block of the default {@link #implMulAddMod}: its product buffer (2 KiB) stays in L1 for the addition. */
    private static final int MUL_ADD_BLOCK = 256;

    /** out[i] = (a[i] + b[i]) mod q; a, b in [0, q); out in [0, q). */
    public final void addMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Modulus q) {
        checkBinary(out, outOff, a, aOff, b, bOff, n, q);
        implAddMod(out, outOff, a, aOff, b, bOff, n, q);
    }

    /** out[i] = (a[i] − b[i]) mod q; a, b in [0, q); out in [0, q). */
    public final void subMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Modulus q) {
        checkBinary(out, outOff, a, aOff, b, bOff, n, q);
        implSubMod(out, outOff, a, aOff, b, bOff, n, q);
    }

    /** out[i] = (−a[i]) mod q; a in [0, q); out in [0, q) (so −0 = 0). */
    public final void negMod(long[] out, int outOff, long[] a, int aOff, int n, Modulus q) {
        checkModulus(q);
        checkLength(n);
        checkRegion("a", a, aOff, n);
        checkRegion("out", out, outOff, n);
        checkAlias("out", out, outOff, "a", a, aOff, n);
        implNegMod(out, outOff, a, aOff, n, q);
    }

    /**
     * Fused multiply-add (HEXL's EltwiseFMAMod): out[i] = (a[i]·w + c[i]) mod q, or a[i]·w mod q when c is null.
     * w in [0, q); a in [0, inFactor·q), inFactor ∈ {1, 2, 4}; c in [0, q); out in [0, q).
     */
    public final void fmaMod(long[] out, int outOff, long[] a, int aOff, long w, long[] c, int cOff, int n, Modulus q, int inFactor) {
        checkModulus(q);
        checkFactor("fmaMod input factor", inFactor, 1, 2, 4);
        checkLength(n);
        if (Long.compareUnsigned(w, q.value()) >= 0) {
            throw new IllegalArgumentException("fmaMod scalar w=" + Long.toUnsignedString(w) + " must be < q=" + q.value());
        }
        checkRegion("a", a, aOff, n);
        checkRegion("out", out, outOff, n);
        checkAlias("out", out, outOff, "a", a, aOff, n);
        if (c != null) {
            checkRegion("c", c, cOff, n);
            checkAlias("out", out, outOff, "c", c, cOff, n);
        }
        implFmaMod(out, outOff, a, aOff, w, c, cOff, n, q, inFactor);
    }

    /**
     * out[i] = a[i] reduced: inFactor 0 means a[i] is any unsigned 64-bit value, 2 or 4 means a[i] in
     * [0, inFactor·q); out in [0, outFactor·q), outFactor ∈ {1, 2}, congruent to a[i] mod q.
     */
    public final void reduceMod(long[] out, int outOff, long[] a, int aOff, int n, Modulus q, int inFactor, int outFactor) {
        checkModulus(q);
        checkFactor("reduceMod input factor", inFactor, 0, 2, 4);
        checkFactor("reduceMod output factor", outFactor, 1, 2);
        checkLength(n);
        checkRegion("a", a, aOff, n);
        checkRegion("out", out, outOff, n);
        checkAlias("out", out, outOff, "a", a, aOff, n);
        implReduceMod(out, outOff, a, aOff, n, q, inFactor, outFactor);
    }

    /**
     * NTT-domain multiply-accumulate of many products (HomConv's hot loop):
     * out[outOff + i] = Σ_{j &lt; count} a[j][off + i] · b[j][off + i] mod q, for i in [0, n).
     * All a[j], b[j] values in [0, q); out in [0, q). Tiers accumulate lazily (wide sums, one final reduction).
     * {@code out} must not overlap any a[j] or b[j] region.
     */
    public final void mulAccumulate(long[] out, int outOff, long[][] a, long[][] b, int count, int off, int n, Modulus q) {
        checkModulus(q);
        checkLength(n);
        checkRegion("out", out, outOff, n);
        if (a == null || b == null) {
            throw new IllegalArgumentException("mulAccumulate operand arrays must not be null");
        }
        if (count < 0 || count > a.length || count > b.length) {
            throw new IllegalArgumentException("mulAccumulate count=" + count + " exceeds operands (a: " + a.length + ", b: " + b.length + ")");
        }
        for (int j = 0; j < count; j++) {
            checkRegion("a", j, a[j], off, n);
            checkRegion("b", j, b[j], off, n);
            checkDisjoint("out", out, outOff, "a", j, a[j], off, n);
            checkDisjoint("out", out, outOff, "b", j, b[j], off, n);
        }
        implMulAccumulate(out, outOff, a, b, count, off, n, q);
    }

    /**
     * The ciphertext-shaped multiply-accumulate of HomConv (Σ_j ct_j × pt_j on one RNS limb): both components at once,
     * out0[out0Off + i] = Σ_{j &lt; count} a0[j][off + i]·b[j][off + i] mod q and
     * out1[out1Off + i] = Σ_{j &lt; count} a1[j][off + i]·b[j][off + i] mod q, for i in [0, n).
     * All a0[j], a1[j], b[j] values in [0, q); outputs in [0, q), so every tier agrees bit for bit with two
     * {@link #mulAccumulate} calls. Fusing lets a tier read each b[j] once for both components and keep both
     * accumulators in registers. Neither output may overlap the other or any operand region; a0[j], a1[j] and
     * b[j] may be the same array (e.g. a ciphertext times itself).
     */
    public final void mulAccumulatePair(long[] out0, int out0Off, long[] out1, int out1Off, long[][] a0, long[][] a1, long[][] b,
            int count, int off, int n, Modulus q) {
        checkModulus(q);
        checkLength(n);
        checkRegion("out0", out0, out0Off, n);
        checkRegion("out1", out1, out1Off, n);
        checkDisjoint("out0", out0, out0Off, "out1", out1, out1Off, n);
        if (a0 == null || a1 == null || b == null) {
            throw new IllegalArgumentException("mulAccumulatePair operand arrays must not be null");
        }
        if (count < 0 || count > a0.length || count > a1.length || count > b.length) {
            throw new IllegalArgumentException("mulAccumulatePair count=" + count + " exceeds operands (a0: " + a0.length + ", a1: "
                    + a1.length + ", b: " + b.length + ")");
        }
        for (int j = 0; j < count; j++) {
            checkRegion("a0", j, a0[j], off, n);
            checkRegion("a1", j, a1[j], off, n);
            checkRegion("b", j, b[j], off, n);
            checkDisjoint("out0", out0, out0Off, "a0", j, a0[j], off, n);
            checkDisjoint("out0", out0, out0Off, "a1", j, a1[j], off, n);
            checkDisjoint("out0", out0, out0Off, "b", j, b[j], off, n);
            checkDisjoint("out1", out1, out1Off, "a0", j, a0[j], off, n);
            checkDisjoint("out1", out1, out1Off, "a1", j, a1[j], off, n);
            checkDisjoint("out1", out1, out1Off, "b", j, b[j], off, n);
        }
        implMulAccumulatePair(out0, out0Off, out1, out1Off, a0, a1, b, count, off, n, q);
    }

    // ------------------------------------------------------------------------------------------ tier hooks

    /** The NTT hooks take the output first, like {@link #forwardNtt} and every other hook. */
    protected abstract void implForwardNtt(long[] out, int outOff, long[] in, int inOff, NttTables t, int inFactor, int outFactor);

    protected abstract void implInverseNtt(long[] out, int outOff, long[] in, int inOff, NttTables t, int inFactor, int outFactor);

    protected abstract void implMulMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Modulus q, int inFactor);

    protected abstract void implMulConstMod(long[] out, int outOff, long[] a, int aOff, long w, long wShoup, int n, Modulus q, int inFactor);

    protected abstract void implAddMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Modulus q);

    protected abstract void implSubMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Modulus q);

    protected abstract void implNegMod(long[] out, int outOff, long[] a, int aOff, int n, Modulus q);

    protected abstract void implFmaMod(long[] out, int outOff, long[] a, int aOff, long w, long[] c, int cOff, int n, Modulus q, int inFactor);

    protected abstract void implReduceMod(long[] out, int outOff, long[] a, int aOff, int n, Modulus q, int inFactor, int outFactor);

    protected abstract void implMulAccumulate(long[] out, int outOff, long[][] a, long[][] b, int count, int off, int n, Modulus q);

    /**
     * Default: two {@link #implMulAccumulate} passes (each b[j] is read twice). Arguments were validated by
     * {@link #mulAccumulatePair}; tiers with a fused kernel override this.
     */
    protected void implMulAccumulatePair(long[] out0, int out0Off, long[] out1, int out1Off, long[][] a0, long[][] a1, long[][] b,
            int count, int off, int n, Modulus q) {
        implMulAccumulate(out0, out0Off, a0, b, count, off, n, q);
        implMulAccumulate(out1, out1Off, a1, b, count, off, n, q);
    }

    /**
     * Default: per block, the products into a scratch buffer ({@link #implMulMod}), then {@link #implAddMod} into out;
     * a block's inputs are all read before its outputs are written, so exact aliasing is safe. Arguments were
     * validated by {@link #mulAddMod}; tiers with a fused kernel override this.
     */
    protected void implMulAddMod(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, long[] c, int cOff, int n, Modulus q) {
        long[] tmp = new long[Math.min(n, MUL_ADD_BLOCK)];
        for (int i = 0; i < n; i += MUL_ADD_BLOCK) {
            int m = Math.min(MUL_ADD_BLOCK, n - i);
            implMulMod(tmp, 0, a, aOff + i, b, bOff + i, m, q, 1);
            implAddMod(out, outOff + i, tmp, 0, c, cOff + i, m, q);
        }
    }

    // ------------------------------------------------------------------------------------------ validation

    private static void checkTables(NttTables t) {
        if (t == null) {
            throw new IllegalArgumentException("NTT tables must not be null");
        }
    }

    private static void checkModulus(Modulus q) {
        if (q == null) {
            throw new IllegalArgumentException("modulus must not be null");
        }
    }

    private static void checkLength(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("length n=" + n + " must be ≥ 0");
        }
    }

    private static void checkFactor(String what, int factor, int... allowed) {
        for (int a : allowed) {
            if (a == factor) {
                return;
            }
        }
        throw new IllegalArgumentException(what + "=" + factor + " not allowed; allowed: " + java.util.Arrays.toString(allowed));
    }

    private static void checkRegion(String name, long[] arr, int off, int n) {
        if (arr == null) {
            throw new IllegalArgumentException("array " + name + " must not be null");
        }
        if (off < 0 || n > arr.length - off) {
            throw new IllegalArgumentException("array " + name + " too short: offset " + off + " + length " + n + " > " + arr.length);
        }
    }

    /**
     * {@link #checkRegion} for operand {@code name[j]}: the name is only built when the check fails (the
     * multiply-accumulate ops check 2–3 regions per product, and eager string building cost ≈ 1 µs per call).
     */
    private static void checkRegion(String name, int j, long[] arr, int off, int n) {
        if (arr == null || off < 0 || n > arr.length - off) {
            checkRegion(name + "[" + j + "]", arr, off, n);
        }
    }

    /** {@link #checkDisjoint} against operand {@code inName[j]}, naming it only on failure. */
    private static void checkDisjoint(String outName, long[] out, int outOff, String inName, int j, long[] in, int inOff, int n) {
        if (out == in && Math.abs(outOff - inOff) < n && n > 0) {
            checkDisjoint(outName, out, outOff, inName + "[" + j + "]", in, inOff, n);
        }
    }

    private static void checkAlias(String outName, long[] out, int outOff, String inName, long[] in, int inOff, int n) {
        if (out == in && outOff != inOff && Math.abs(outOff - inOff) < n) {
            throw new IllegalArgumentException(outName + " partially overlaps " + inName + " (offsets " + outOff + " and " + inOff
                    + ", length " + n + "); use identical offsets for in-place operation");
        }
    }

    private static void checkDisjoint(String outName, long[] out, int outOff, String inName, long[] in, int inOff, int n) {
        if (out == in && Math.abs(outOff - inOff) < n && n > 0) {
            throw new IllegalArgumentException(outName + " overlaps " + inName + " (offsets " + outOff + " and " + inOff + ", length " + n + ")");
        }
    }

    private static void checkBinary(long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, Modulus q) {
        checkModulus(q);
        checkLength(n);
        checkRegion("a", a, aOff, n);
        checkRegion("b", b, bOff, n);
        checkRegion("out", out, outOff, n);
        checkAlias("out", out, outOff, "a", a, aOff, n);
        checkAlias("out", out, outOff, "b", b, bOff, n);
    }

    /** Checks w &lt; q and wShoup = ⌊w·2^64/q⌋ with two multiplies: wShoup·q ≤ w·2^64 &lt; (wShoup+1)·q. */
    private static void checkShoup(long w, long wShoup, Modulus m) {
        long q = m.value();
        if (Long.compareUnsigned(w, q) >= 0) {
            throw new IllegalArgumentException("constant w=" + Long.toUnsignedString(w) + " must be < q=" + q);
        }
        // wShoup·q as 128 bits must have high word w - (something): exactly, floor(w·2^64/q) = s  iff  s·q ≤ w·2^64 and w·2^64 − s·q < q.
        long lo = wShoup * q;
        long hi = Math.unsignedMultiplyHigh(wShoup, q);
        // remainder r = w·2^64 − s·q as 128 bits: (w − hi − borrow)·2^64 + (0 − lo)
        long rLo = -lo;
        long rHi = w - hi - (lo != 0 ? 1 : 0);
        boolean ok = rHi == 0 && Long.compareUnsigned(rLo, q) < 0;
        if (!ok) {
            throw new IllegalArgumentException("wShoup=" + Long.toUnsignedString(wShoup) + " is not ⌊w·2^64/q⌋ for w=" + w + ", q=" + q
                    + " (use Modulus.shoup(w))");
        }
    }
}
