package dev.heq.kernel.ffi;

import static dev.heq.kernel.ffi.jna.JnaNative.*;

import com.sun.jna.Memory;
import dev.heq.kernel.NttTables;
import dev.heq.kernel.ffi.jna.JnaNative;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * libheqkernels through JNA direct mapping ({@link JnaNative}): the fallback when FFM cannot be used, and a
 * comparison point.
 *
 * <p>JNA passes a {@code long[]} argument as a whole array (its JNI elements, which HotSpot copies in and back
 * out), so two things differ from FFM: a region at a non-zero offset goes through a temporary array, and an input
 * that is the same array object as the output is copied first: otherwise the input's copy-back could overwrite
 * the result. Twiddle tables are JNA {@link Memory} (malloc, 16-byte aligned) over-allocated to start on a 64-byte
 * boundary.
 */
public final class JnaBinding implements NativeBinding {
    private final int caps;
    private final String version;

    JnaBinding() {
        this.caps = heq_caps();
        this.version = heq_version();
    }

    /** An off-heap twiddle table; {@code memory} keeps it alive. */
    record Table(Memory memory, long address) {}

    @Override
    public String name() {
        return "jna";
    }

    @Override
    public int caps() {
        return caps;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Path library() {
        return JnaNative.LIBRARY;
    }

    @Override
    public Object prepareTables(NttTables t) {
        long words = heq_ntt_table_words(t.n());
        Memory m = new Memory(8 * words + 64);
        long base = com.sun.jna.Pointer.nativeValue(m);
        long aligned = (base + 63) & ~63L;
        if (heq_ntt_table_init(aligned, t.n(), t.q(), t.rootPowers(), t.invRootPowers(), t.nInv()) != 0) {
            throw new IllegalStateException("heq_ntt_table_init rejected " + t);
        }
        return new Table(m, aligned);
    }

    /** The region as an array starting at index 0 (the array itself when off = 0). */
    private static long[] in(long[] a, int off, int n, long[] out) {
        return off == 0 && a != out ? a : Arrays.copyOfRange(a, off, off + n);
    }

    private static long[] outView(long[] out, int off, int n) {
        return off == 0 ? out : new long[n];
    }

    private static void back(long[] out, int off, long[] view, int n) {
        if (view != out) {
            System.arraycopy(view, 0, out, off, n);
        }
    }

    @Override
    public void nttForward(Isa isa, long[] out, int outOff, long[] in, int inOff, Object table, int n, long q, int inFactor, int outFactor) {
        long[] o = outView(out, outOff, n), x = in(in, inOff, n, out);
        long tab = ((Table) table).address();
        switch (isa) {
            case SCALAR -> heq_ntt_fwd_scalar(o, x, tab, n, q, inFactor, outFactor);
            case AVX512DQ -> heq_ntt_fwd_avx512dq(o, x, tab, n, q, inFactor, outFactor);
            case AVX512IFMA -> heq_ntt_fwd_avx512ifma(o, x, tab, n, q, inFactor, outFactor);
            case HEXL -> throw new UnsupportedOperationException("the hexl path is bound through FFM only");
        }
        back(out, outOff, o, n);
    }

    @Override
    public void nttInverse(Isa isa, long[] out, int outOff, long[] in, int inOff, Object table, int n, long q, int inFactor, int outFactor) {
        long[] o = outView(out, outOff, n), x = in(in, inOff, n, out);
        long tab = ((Table) table).address();
        switch (isa) {
            case SCALAR -> heq_ntt_inv_scalar(o, x, tab, n, q, inFactor, outFactor);
            case AVX512DQ -> heq_ntt_inv_avx512dq(o, x, tab, n, q, inFactor, outFactor);
            case AVX512IFMA -> heq_ntt_inv_avx512ifma(o, x, tab, n, q, inFactor, outFactor);
            case HEXL -> throw new UnsupportedOperationException("the hexl path is bound through FFM only");
        }
        back(out, outOff, o, n);
    }

    @Override
    public void mulMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long q, int inFactor) {
        long[] o = outView(out, outOff, n), x = in(a, aOff, n, out), y = b == a && bOff == aOff ? x : in(b, bOff, n, out);
        switch (isa) {
            case SCALAR -> heq_mul_mod_scalar(o, x, y, n, q, inFactor);
            case AVX512DQ -> heq_mul_mod_avx512dq(o, x, y, n, q, inFactor);
            case AVX512IFMA -> heq_mul_mod_avx512ifma(o, x, y, n, q, inFactor);
            case HEXL -> throw new UnsupportedOperationException("the hexl path is bound through FFM only");
        }
        back(out, outOff, o, n);
    }

    @Override
    public void mulConstMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long w, long wShoup, int n, long q, int inFactor) {
        long[] o = outView(out, outOff, n), x = in(a, aOff, n, out);
        switch (isa) {
            case SCALAR -> heq_mul_const_mod_scalar(o, x, w, wShoup, n, q, inFactor);
            case AVX512DQ -> heq_mul_const_mod_avx512dq(o, x, w, wShoup, n, q, inFactor);
            case AVX512IFMA -> heq_mul_const_mod_avx512ifma(o, x, w, wShoup, n, q, inFactor);
            case HEXL -> throw new UnsupportedOperationException("the hexl path is bound through FFM only");
        }
        back(out, outOff, o, n);
    }

    @Override
    public void fmaMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long w, long[] c, int cOff, int n, long q, int inFactor) {
        long[] o = outView(out, outOff, n), x = in(a, aOff, n, out), z = c == null ? null : in(c, cOff, n, out);
        switch (isa) {
            case SCALAR -> heq_fma_mod_scalar(o, x, w, z, n, q, inFactor);
            case AVX512DQ -> heq_fma_mod_avx512dq(o, x, w, z, n, q, inFactor);
            case AVX512IFMA -> heq_fma_mod_avx512ifma(o, x, w, z, n, q, inFactor);
            case HEXL -> throw new UnsupportedOperationException("the hexl path is bound through FFM only");
        }
        back(out, outOff, o, n);
    }

    @Override
    public void addMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long q) {
        long[] o = outView(out, outOff, n), x = in(a, aOff, n, out), y = b == a && bOff == aOff ? x : in(b, bOff, n, out);
        switch (isa) {
            case SCALAR -> heq_add_mod_scalar(o, x, y, n, q);
            case AVX512DQ -> heq_add_mod_avx512dq(o, x, y, n, q);
            case AVX512IFMA -> heq_add_mod_avx512ifma(o, x, y, n, q);
            case HEXL -> throw new UnsupportedOperationException("the hexl path is bound through FFM only");
        }
        back(out, outOff, o, n);
    }

    @Override
    public void subMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long q) {
        long[] o = outView(out, outOff, n), x = in(a, aOff, n, out), y = b == a && bOff == aOff ? x : in(b, bOff, n, out);
        switch (isa) {
            case SCALAR -> heq_sub_mod_scalar(o, x, y, n, q);
            case AVX512DQ -> heq_sub_mod_avx512dq(o, x, y, n, q);
            case AVX512IFMA -> heq_sub_mod_avx512ifma(o, x, y, n, q);
            case HEXL -> throw new UnsupportedOperationException("the hexl path is bound through FFM only");
        }
        back(out, outOff, o, n);
    }

    @Override
    public void negMod(Isa isa, long[] out, int outOff, long[] a, int aOff, int n, long q) {
        long[] o = outView(out, outOff, n), x = in(a, aOff, n, out);
        switch (isa) {
            case SCALAR -> heq_neg_mod_scalar(o, x, n, q);
            case AVX512DQ -> heq_neg_mod_avx512dq(o, x, n, q);
            case AVX512IFMA -> heq_neg_mod_avx512ifma(o, x, n, q);
            case HEXL -> throw new UnsupportedOperationException("the hexl path is bound through FFM only");
        }
        back(out, outOff, o, n);
    }

    @Override
    public void reduceMod(Isa isa, long[] out, int outOff, long[] a, int aOff, int n, long q, int inFactor, int outFactor) {
        long[] o = outView(out, outOff, n), x = in(a, aOff, n, out);
        switch (isa) {
            case SCALAR -> heq_reduce_mod_scalar(o, x, n, q, inFactor, outFactor);
            case AVX512DQ -> heq_reduce_mod_avx512dq(o, x, n, q, inFactor, outFactor);
            case AVX512IFMA -> heq_reduce_mod_avx512ifma(o, x, n, q, inFactor, outFactor);
            case HEXL -> throw new UnsupportedOperationException("the hexl path is bound through FFM only");
        }
        back(out, outOff, o, n);
    }

    @Override
    public void mac128(Isa isa, long[] acc, long[] a, int aOff, long[] b, int bOff, int n) {
        long[] x = in(a, aOff, n, acc), y = b == a && bOff == aOff ? x : in(b, bOff, n, acc);
        switch (isa) {
            case SCALAR -> heq_mac128_scalar(acc, x, y, n);
            case AVX512DQ -> heq_mac128_avx512dq(acc, x, y, n);
            case AVX512IFMA -> heq_mac128_avx512ifma(acc, x, y, n);
            case HEXL -> throw new UnsupportedOperationException("the hexl path is bound through FFM only");
        }
    }

    @Override
    public void mac128Reduce(Isa isa, long[] out, int outOff, long[] acc, int n, long q) {
        long[] o = outView(out, outOff, n), s = acc == out ? acc.clone() : acc;
        switch (isa) {
            case SCALAR -> heq_mac128_reduce_scalar(o, s, n, q);
            case AVX512DQ -> heq_mac128_reduce_avx512dq(o, s, n, q);
            case AVX512IFMA -> heq_mac128_reduce_avx512ifma(o, s, n, q);
            case HEXL -> throw new UnsupportedOperationException("the hexl path is bound through FFM only");
        }
        back(out, outOff, o, n);
    }

    @Override
    public void noop(long[] a) {
        heq_noop(a, a.length);
    }
}
