package dev.heq.kernel.scalar;

/**
 * Element-wise kernels of the scalar tier. All conditional subtractions are in sign-mask form (see
 * {@link ScalarNtt}); the add/sub/neg loops are kept free of calls and multiplies so C2's SuperWord pass
 * vectorises them.
 *
 * <h2>Barrett product reduction (mulMod)</h2>
 * For a, b in [0, q) the product x = a·b &lt; q² &lt; 2^(2nb) is reduced with the shift s = nb − 2 and
 * mu = ⌊2^(s+64)/q⌋ ≤ 2^63 (Barrett 1986, with the quotient estimate taken from the top word only):
 * c1 = ⌊x/2^s⌋ &lt; 2^(nb+2) ≤ 2^64 and qhat = ⌊c1·mu/2^64⌋ ≤ x/q. Since c1 &gt; x/2^s − 1 and
 * mu &gt; 2^(s+64)/q − 1, x/q − qhat &lt; 1 + x/2^(s+64) + 2^s/q &lt; 1 + 2^(nb−62) + 1/2, so the remainder
 * r = x − qhat·q lies in [0, 2q) for nb ≤ 61 and in [0, 2.5q) for nb = 62: one or two corrections. Four
 * multiplies per element (two for x, one for qhat, one for qhat·q), against five for the classic two-word
 * Barrett. Inputs in [0, k·q), k ∈ {2, 4}, are used directly while nb + 2·log2(k) ≤ 62 (see
 * {@link #mulLazyDirect}); for larger moduli they are first brought to [0, q) with sign-mask corrections.
 */
final class ScalarEltwise {
    private ScalarEltwise() {}

    // ------------------------------------------------------------------------------------ helpers (inlined)

    /** ⌊(hi·2^64 + lo) / 2^s⌋ for 0 ≤ s ≤ 63 when the result fits 64 bits; the double shift makes s = 0 work. */
    private static long shiftRight128(long hi, long lo, int s) {
        return ((hi << 1) << (63 - s)) | (lo >>> s);
    }

    /**
     * (h·2^64 + l) mod q for h in [0, q), any l: the wide Barrett with s = nb, mu = ⌊(2^(nb+64) − 1)/q⌋ in
     * [2^64, 2^65) (only its low word is stored). c1 = ⌊x/2^nb⌋ &lt; 2^64 because h &lt; 2^nb, and
     * qhat = c1 + ⌊c1·muLow/2^64⌋ = ⌊c1·mu/2^64⌋ ≤ x/q &lt; 2^64. The estimate undershoots x/q by less than
     * 1 + x/2^(nb+64) + 2^nb/q &lt; 4 (mu is one below the exact quotient at most), so r = x − qhat·q lies in
     * [0, 4q) ⊂ [0, 2^64) and is exact in the low word; two corrections bring it to [0, q).
     */
    static long reduce128(long h, long l, ScalarModulus m) {
        final long q = m.q;
        final long q2 = m.q2;
        long c1 = shiftRight128(h, l, m.bits); // bits ≤ 62
        long qhat = c1 + Math.unsignedMultiplyHigh(c1, m.muWideLow);
        long r = l - qhat * q;
        r -= q2;
        r += (r >> 63) & q2;
        r -= q;
        return r + ((r >> 63) & q);
    }

    /** x mod q for any unsigned 64-bit x: Barrett with mu64 gives [0, 2q), one correction. */
    static long reduce64(long x, ScalarModulus m) {
        final long q = m.q;
        long r = x - Math.unsignedMultiplyHigh(x, m.mu64) * q;
        r -= q;
        return r + ((r >> 63) & q);
    }

    // ------------------------------------------------------------------------------------ multiplication

    static void mulMod(long[] out, int oo, long[] a, int ao, long[] b, int bo, int n, ScalarModulus m, int inFactor) {
        if (inFactor == 1) {
            if (m.mulTwoCorrections) {
                mulLazyDirect(out, oo, a, ao, b, bo, n, m); // nb = 62, k = 1: r in [0, 2.5q)
            } else {
                mulReduced1(out, oo, a, ao, b, bo, n, m);
            }
        } else if (m.bits + 2 * (inFactor == 2 ? 1 : 2) <= 62) {
            mulLazyDirect(out, oo, a, ao, b, bo, n, m);
        } else {
            if (m.mulTwoCorrections) {
                mulLazy2(out, oo, a, ao, b, bo, n, m);
            } else {
                mulLazy1(out, oo, a, ao, b, bo, n, m);
            }
        }
    }

    /** a, b in [0, q), nb ≤ 61: r in [0, 2q), one correction. */
    private static void mulReduced1(long[] out, int oo, long[] a, int ao, long[] b, int bo, int n, ScalarModulus m) {
        final long q = m.q;
        final long mu = m.mulMu;
        final int s = m.mulShift;
        for (int i = 0; i < n; i++) {
            long x = a[ao + i];
            long y = b[bo + i];
            long lo = x * y;
            long hi = Math.unsignedMultiplyHigh(x, y);
            long qhat = Math.unsignedMultiplyHigh(shiftRight128(hi, lo, s), mu);
            long r = lo - qhat * q - q;
            out[oo + i] = r + ((r >> 63) & q);
        }
    }

    /**
     * a, b in [0, k·q) with nb + 2·log2(k) ≤ 62, no pre-reduction: x &lt; k²q² &lt; 2^(nb+62), so c1 = ⌊x/2^s⌋
     * still fits a word and x/2^(s+64) &lt; 1; the estimate undershoots by less than 2.5, r in [0, 2.5q):
     * two corrections (2q, then q). Saves the four corrections of the inputs.
     */
    private static void mulLazyDirect(long[] out, int oo, long[] a, int ao, long[] b, int bo, int n, ScalarModulus m) {
        final long q = m.q;
        final long q2 = m.q2;
        final long mu = m.mulMu;
        final int s = m.mulShift;
        for (int i = 0; i < n; i++) {
            long x = a[ao + i];
            long y = b[bo + i];
            long lo = x * y;
            long hi = Math.unsignedMultiplyHigh(x, y);
            long qhat = Math.unsignedMultiplyHigh(shiftRight128(hi, lo, s), mu);
            long r = lo - qhat * q - q2;
            r += (r >> 63) & q2;
            r -= q;
            out[oo + i] = r + ((r >> 63) & q);
        }
    }

    /** a, b in [0, 4q) (also correct for [0, 2q)), nb ≤ 61: both reduced to [0, q) first. */
    private static void mulLazy1(long[] out, int oo, long[] a, int ao, long[] b, int bo, int n, ScalarModulus m) {
        final long q = m.q;
        final long q2 = m.q2;
        final long mu = m.mulMu;
        final int s = m.mulShift;
        for (int i = 0; i < n; i++) {
            long x = a[ao + i] - q2;
            x += (x >> 63) & q2;
            x -= q;
            x += (x >> 63) & q;
            long y = b[bo + i] - q2;
            y += (y >> 63) & q2;
            y -= q;
            y += (y >> 63) & q;
            long lo = x * y;
            long hi = Math.unsignedMultiplyHigh(x, y);
            long qhat = Math.unsignedMultiplyHigh(shiftRight128(hi, lo, s), mu);
            long r = lo - qhat * q - q;
            out[oo + i] = r + ((r >> 63) & q);
        }
    }

    /** a, b in [0, 4q), nb = 62. */
    private static void mulLazy2(long[] out, int oo, long[] a, int ao, long[] b, int bo, int n, ScalarModulus m) {
        final long q = m.q;
        final long q2 = m.q2;
        final long mu = m.mulMu;
        final int s = m.mulShift;
        for (int i = 0; i < n; i++) {
            long x = a[ao + i] - q2;
            x += (x >> 63) & q2;
            x -= q;
            x += (x >> 63) & q;
            long y = b[bo + i] - q2;
            y += (y >> 63) & q2;
            y -= q;
            y += (y >> 63) & q;
            long lo = x * y;
            long hi = Math.unsignedMultiplyHigh(x, y);
            long qhat = Math.unsignedMultiplyHigh(shiftRight128(hi, lo, s), mu);
            long r = lo - qhat * q - q2;
            r += (r >> 63) & q2;
            r -= q;
            out[oo + i] = r + ((r >> 63) & q);
        }
    }

    /**
     * out = a·w mod q by Shoup (Harvey 2014, Alg. 2): for any 64-bit a, a·w − ⌊a·wShoup/2^64⌋·q lies in [0, 2q),
     * so the input factor needs no pre-reduction; one correction gives [0, q). Three multiplies.
     */
    static void mulConstMod(long[] out, int oo, long[] a, int ao, long w, long ws, int n, long q) {
        for (int i = 0; i < n; i++) {
            long x = a[ao + i];
            long r = x * w - Math.unsignedMultiplyHigh(x, ws) * q - q;
            out[oo + i] = r + ((r >> 63) & q);
        }
    }

    /** out = (a·w + c) mod q: Shoup product to [0, q), then + c in [0, 2q), one correction. */
    static void fmaMod(long[] out, int oo, long[] a, int ao, long w, long ws, long[] c, int co, int n, long q) {
        for (int i = 0; i < n; i++) {
            long x = a[ao + i];
            long r = x * w - Math.unsignedMultiplyHigh(x, ws) * q - q;
            r += (r >> 63) & q;
            r = r + c[co + i] - q;
            out[oo + i] = r + ((r >> 63) & q);
        }
    }

    // ------------------------------------------------------------------------------------ add / sub / neg

    // C2's SuperWord pass vectorises these loops only when it can see that a store cannot feed a later load
    // of another iteration. With one shared offset (out[off+i], a[off+i], b[off+i]) that holds even if the arrays
    // are the same; with distinct offsets it cannot tell and emits scalar code (measured 3–4× slower). So equal
    // offsets, the usual case (offset 0, or the same limb of equally laid out polynomials), get their own loop.

    /** a, b in [0, q): a + b − q in [−q, q) as a signed value (2q &lt; 2^63), add q back when negative. */
    static void addMod(long[] out, int oo, long[] a, int ao, long[] b, int bo, int n, long q) {
        if (oo == ao && ao == bo) {
            addModSameOffset(out, a, b, oo, n, q);
            return;
        }
        for (int i = 0; i < n; i++) {
            long s = a[ao + i] + b[bo + i] - q;
            out[oo + i] = s + ((s >> 63) & q);
        }
    }

    private static void addModSameOffset(long[] out, long[] a, long[] b, int off, int n, long q) {
        for (int i = off; i < off + n; i++) {
            long s = a[i] + b[i] - q;
            out[i] = s + ((s >> 63) & q);
        }
    }

    /** a, b in [0, q): a − b in (−q, q), add q back when negative. */
    static void subMod(long[] out, int oo, long[] a, int ao, long[] b, int bo, int n, long q) {
        if (oo == ao && ao == bo) {
            subModSameOffset(out, a, b, oo, n, q);
            return;
        }
        for (int i = 0; i < n; i++) {
            long d = a[ao + i] - b[bo + i];
            out[oo + i] = d + ((d >> 63) & q);
        }
    }

    private static void subModSameOffset(long[] out, long[] a, long[] b, int off, int n, long q) {
        for (int i = off; i < off + n; i++) {
            long d = a[i] - b[i];
            out[i] = d + ((d >> 63) & q);
        }
    }

    /** a in [0, q): q − a, masked to 0 when a = 0 (−a is negative exactly when a ≠ 0, as a &lt; 2^62). */
    static void negMod(long[] out, int oo, long[] a, int ao, int n, long q) {
        if (oo == ao) {
            negModSameOffset(out, a, oo, n, q);
            return;
        }
        for (int i = 0; i < n; i++) {
            long x = a[ao + i];
            out[oo + i] = (q - x) & ((-x) >> 63);
        }
    }

    private static void negModSameOffset(long[] out, long[] a, int off, int n, long q) {
        for (int i = off; i < off + n; i++) {
            long x = a[i];
            out[i] = (q - x) & ((-x) >> 63);
        }
    }

    // ------------------------------------------------------------------------------------ reduction

    static void reduceMod(long[] out, int oo, long[] a, int ao, int n, ScalarModulus m, int inFactor, int outFactor) {
        final long q = m.q;
        final long q2 = m.q2;
        if (inFactor == 0) {
            final long mu = m.mu64;
            if (outFactor == 2) {
                for (int i = 0; i < n; i++) { // Barrett on one word: [0, 2q)
                    long x = a[ao + i];
                    out[oo + i] = x - Math.unsignedMultiplyHigh(x, mu) * q;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    long x = a[ao + i];
                    long r = x - Math.unsignedMultiplyHigh(x, mu) * q - q;
                    out[oo + i] = r + ((r >> 63) & q);
                }
            }
        } else if (inFactor == 2) {
            if (outFactor == 2) {
                System.arraycopy(a, ao, out, oo, n);
            } else {
                subtractIfAtLeast(out, oo, a, ao, n, q);
            }
        } else { // inFactor 4: values up to 4q − 1 may exceed 2^63, but x − 2q is a correct signed value
            subtractIfAtLeast(out, oo, a, ao, n, q2);
            if (outFactor == 1) {
                subtractIfAtLeast(out, oo, out, oo, n, q); // second pass in place: vectorised (see addMod)
            }
        }
    }

    /** out = x ≥ c ? x − c : x for x in [0, 2c), c &lt; 2^63 (x − c is then a correct signed value). */
    private static void subtractIfAtLeast(long[] out, int oo, long[] a, int ao, int n, long c) {
        if (oo == ao) {
            for (int i = oo; i < oo + n; i++) {
                long r = a[i] - c;
                out[i] = r + ((r >> 63) & c);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            long r = a[ao + i] - c;
            out[oo + i] = r + ((r >> 63) & c);
        }
    }

    // ------------------------------------------------------------------------------------ multiply-accumulate

    /** Block of output positions whose accumulators stay in L1 while the count operands stream past. */
    private static final int ACC_BLOCK = 512;

    /**
     * out[i] = Σ_j a[j][off+i]·b[j][off+i] mod q, with no per-product reduction. Each 128-bit product
     * ph·2^64 + pl is split over three 64-bit accumulators: lo += pl mod 2^32, mid += ⌊pl/2^32⌋, hi += ph.
     * No carries to propagate (measured 1.2 ns per product against 1.4 with a branch-free carry into a two-word
     * accumulator), and the sum is hi·2^64 + mid·2^32 + lo. lo and mid grow by &lt; 2^32 per product, hi by at
     * most ⌊(q−1)²/2^64⌋, so after {@code accChunk} products (≤ 2^30) the accumulators are folded: reduced to
     * [0, q) and restarted from that value. One 128-bit reduction per output at the end.
     */
    static void mulAccumulate(long[] out, int oo, long[][] a, long[][] b, int count, int off, int n, ScalarModulus m) {
        final int chunk = m.accChunk;
        final int cap = Math.min(n, ACC_BLOCK);
        final long[] hi = new long[cap];
        final long[] mid = new long[cap];
        final long[] lo = new long[cap];
        for (int i0 = 0; i0 < n; i0 += ACC_BLOCK) {
            final int len = Math.min(ACC_BLOCK, n - i0);
            java.util.Arrays.fill(hi, 0, len, 0L);
            java.util.Arrays.fill(mid, 0, len, 0L);
            java.util.Arrays.fill(lo, 0, len, 0L);
            int inChunk = 0;
            for (int j = 0; j < count; j++) {
                if (inChunk == chunk) {
                    fold(hi, mid, lo, len, m);
                    inChunk = 0;
                }
                accumulate(hi, mid, lo, a[j], b[j], off + i0, len);
                inChunk++;
            }
            finish(out, oo + i0, hi, mid, lo, len, m);
        }
    }

    private static void accumulate(long[] hi, long[] mid, long[] lo, long[] x, long[] y, int xo, int len) {
        for (int i = 0; i < len; i++) {
            long u = x[xo + i];
            long v = y[xo + i];
            long pl = u * v;
            lo[i] += pl & 0xFFFF_FFFFL;
            mid[i] += pl >>> 32;
            hi[i] += Math.unsignedMultiplyHigh(u, v);
        }
    }

    /** (hi·2^64 + mid·2^32 + lo) mod q in [0, q), for lo, mid &lt; 2^63 and any hi. */
    private static long sum3(long hi, long mid, long lo, ScalarModulus m) {
        long ms = mid << 32;
        long l = lo + ms;
        long carry = ((lo & ms) | ((lo | ms) & ~l)) >>> 63; // carry out of lo + ms, branch-free
        long h = hi + (mid >>> 32) + carry; // the true sum is < 2^128, so this does not wrap
        return reduce128(reduce64(h, m), l, m);
    }

    private static void fold(long[] hi, long[] mid, long[] lo, int len, ScalarModulus m) {
        for (int i = 0; i < len; i++) {
            long r = sum3(hi[i], mid[i], lo[i], m);
            hi[i] = 0;
            mid[i] = r >>> 32;
            lo[i] = r & 0xFFFF_FFFFL;
        }
    }

    private static void finish(long[] out, int oo, long[] hi, long[] mid, long[] lo, int len, ScalarModulus m) {
        for (int i = 0; i < len; i++) {
            out[oo + i] = sum3(hi[i], mid[i], lo[i], m);
        }
    }
}
