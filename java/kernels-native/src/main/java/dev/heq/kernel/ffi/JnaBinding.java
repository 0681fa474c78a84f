package dev.heq.kernel.ffi;

import static dev.heq.kernel.ffi.jna.JnaNative.*;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.heq.kernel.NttTables;
import dev.heq.kernel.ffi.jna.JnaNative;
import java.nio.file.Path;

/**
 * libheqkernels through JNA direct mapping ({@link JnaNative}): the fallback when FFM cannot be used, and a
 * comparison point.
 *
 * <p>JNA cannot hand C a heap array without copying it (JNI array elements are copied in <em>and</em> back out
 * for every array argument), so this binding copies explicitly and only in the direction needed: each input
 * region is written once into a per-thread, 64-byte-aligned off-heap scratch buffer, the kernel runs on the
 * buffers (in place when the caller's output is the same region as an input), and only the output region is
 * read back. Pointers cross as raw addresses ({@code long}), JNA's cheapest argument type. Twiddle tables are
 * JNA {@link Memory} over-allocated to start on a 64-byte boundary.
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

    /** Per-thread scratch buffers (slots: 0 = out, 1 = first input, 2 = second input), grown on demand. */
    private static final class Scratch {
        final Memory[] mem = new Memory[3];
        final Pointer[] ptr = new Pointer[3];
        final long[] addr = new long[3];
        final long[] cap = new long[3];

        long buffer(int slot, int words) {
            if (cap[slot] < words) {
                Memory m = new Memory(8L * words + 64);
                long base = Pointer.nativeValue(m);
                long off = ((base + 63) & ~63L) - base;
                mem[slot] = m;
                ptr[slot] = m.share(off);
                addr[slot] = base + off;
                cap[slot] = words;
            }
            return addr[slot];
        }

        /** Copies a[off, off + n) into slot's buffer; returns its address. */
        long in(int slot, long[] a, int off, int n) {
            long address = buffer(slot, n);
            ptr[slot].write(0, a, off, n);
            return address;
        }

        void out(int slot, long[] a, int off, int n) {
            ptr[slot].read(0, a, off, n);
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

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
        long base = Pointer.nativeValue(m);
        long aligned = (base + 63) & ~63L;
        if (heq_ntt_table_init(aligned, t.n(), t.q(), t.rootPowers(), t.invRootPowers(), t.nInv()) != 0) {
            throw new IllegalStateException("heq_ntt_table_init rejected " + t);
        }
        return new Table(m, aligned);
    }

    /** The output buffer: the input's own buffer when out is exactly that input region (in-place operation). */
    private static long outBuffer(Scratch s, long[] out, int outOff, long[] a, int aOff, long aAddr, int n) {
        return out == a && outOff == aOff ? aAddr : s.buffer(0, n);
    }

    private static void outCopy(Scratch s, long outAddr, long aAddr, long[] out, int outOff, int n) {
        s.out(outAddr == aAddr ? 1 : 0, out, outOff, n);
    }

    @Override
    public void nttForward(Isa isa, long[] out, int outOff, long[] in, int inOff, Object table, int n, long q, int inFactor, int outFactor) {
        Scratch s = SCRATCH.get();
        long x = s.in(1, in, inOff, n), o = outBuffer(s, out, outOff, in, inOff, x, n);
        long tab = ((Table) table).address();
        switch (isa) {
            case SCALAR -> heq_ntt_fwd_scalar(o, x, tab, n, q, inFactor, outFactor);
            case AVX512DQ -> heq_ntt_fwd_avx512dq(o, x, tab, n, q, inFactor, outFactor);
            case AVX512IFMA -> heq_ntt_fwd_avx512ifma(o, x, tab, n, q, inFactor, outFactor);
            case HEXL -> throw new UnsupportedOperationException("the hexl path is bound through FFM only");
        }
        outCopy(s, o, x, out, outOff, n);
    }

    @Override
    public void nttInverse(Isa isa, long[] out, int outOff, long[] in, int inOff, Object table, int n, long q, int inFactor, int outFactor) {
        Scratch s = SCRATCH.get();
        long x = s.in(1, in, inOff, n), o = outBuffer(s, out, outOff, in, inOff, x, n);
        long tab = ((Table) table).address();
        switch (isa) {
            case SCALAR -> heq_ntt_inv_scalar(o, x, tab, n, q, inFactor, outFactor);
            case AVX512DQ -> heq_ntt_inv_avx512dq(o, x, tab, n, q, inFactor, outFactor);
            case AVX512IFMA -> heq_ntt_inv_avx512ifma(o, x, tab, n, q, inFactor, outFactor);
            case HEXL -> throw new UnsupportedOperationException("the hexl path is bound through FFM only");
        }
        outCopy(s, o, x, out, outOff, n);
    }

    /** Second input: shares the first input's buffer when it is the same region. */
    private static long second(Scratch s, long[] a, int aOff, long aAddr, long[] b, int bOff, int n) {
        return b == a && bOff == aOff ? aAddr : s.in(2, b, bOff, n);
    }

    /** Output buffer for two inputs: in place on whichever input it is. */
    private static long outBuffer2(Scratch s, long[] out, int outOff, long[] a, int aOff, long x, long[] b, int bOff, long y, int n) {
        if (out == a && outOff == aOff) {
            return x;
        }
        if (out == b && outOff == bOff) {
            return y;
        }
        return s.buffer(0, n);
    }

    private static void outCopy2(Scratch s, long o, long x, long y, long[] out, int outOff, int n) {
        s.out(o == x ? 1 : o == y ? 2 : 0, out, outOff, n);
    }

    @Override
    public void mulMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long q, int inFactor) {
        Scratch s = SCRATCH.get();
        long x = s.in(1, a, aOff, n), y = second(s, a, aOff, x, b, bOff, n), o = outBuffer2(s, out, outOff, a, aOff, x, b, bOff, y, n);
        switch (isa) {
            case SCALAR -> heq_mul_mod_scalar(o, x, y, n, q, inFactor);
            case AVX512DQ -> heq_mul_mod_avx512dq(o, x, y, n, q, inFactor);
            case AVX512IFMA -> heq_mul_mod_avx512ifma(o, x, y, n, q, inFactor);
            case HEXL -> throw new UnsupportedOperationException("the hexl path is bound through FFM only");
        }
        outCopy2(s, o, x, y, out, outOff, n);
    }

    @Override
    public void mulConstMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long w, long wShoup, int n, long q, int inFactor) {
        Scratch s = SCRATCH.get();
        long x = s.in(1, a, aOff, n), o = outBuffer(s, out, outOff, a, aOff, x, n);
        switch (isa) {
            case SCALAR -> heq_mul_const_mod_scalar(o, x, w, wShoup, n, q, inFactor);
            case AVX512DQ -> heq_mul_const_mod_avx512dq(o, x, w, wShoup, n, q, inFactor);
            case AVX512IFMA -> heq_mul_const_mod_avx512ifma(o, x, w, wShoup, n, q, inFactor);
            case HEXL -> throw new UnsupportedOperationException("the hexl path is bound through FFM only");
        }
        outCopy(s, o, x, out, outOff, n);
    }

    @Override
    public void fmaMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long w, long[] c, int cOff, int n, long q, int inFactor) {
        Scratch s = SCRATCH.get();
        long x = s.in(1, a, aOff, n);
        long z = c == null ? 0L : second(s, a, aOff, x, c, cOff, n);
        long o = c == null ? outBuffer(s, out, outOff, a, aOff, x, n) : outBuffer2(s, out, outOff, a, aOff, x, c, cOff, z, n);
        switch (isa) {
            case SCALAR -> heq_fma_mod_scalar(o, x, w, z, n, q, inFactor);
            case AVX512DQ -> heq_fma_mod_avx512dq(o, x, w, z, n, q, inFactor);
            case AVX512IFMA -> heq_fma_mod_avx512ifma(o, x, w, z, n, q, inFactor);
            case HEXL -> throw new UnsupportedOperationException("the hexl path is bound through FFM only");
        }
        outCopy2(s, o, x, c == null ? -1L : z, out, outOff, n);
    }

    @Override
    public void addMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long q) {
        Scratch s = SCRATCH.get();
        long x = s.in(1, a, aOff, n), y = second(s, a, aOff, x, b, bOff, n), o = outBuffer2(s, out, outOff, a, aOff, x, b, bOff, y, n);
        switch (isa) {
            case SCALAR -> heq_add_mod_scalar(o, x, y, n, q);
            case AVX512DQ -> heq_add_mod_avx512dq(o, x, y, n, q);
            case AVX512IFMA -> heq_add_mod_avx512ifma(o, x, y, n, q);
            case HEXL -> throw new UnsupportedOperationException("the hexl path is bound through FFM only");
        }
        outCopy2(s, o, x, y, out, outOff, n);
    }

    @Override
    public void subMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long q) {
        Scratch s = SCRATCH.get();
        long x = s.in(1, a, aOff, n), y = second(s, a, aOff, x, b, bOff, n), o = outBuffer2(s, out, outOff, a, aOff, x, b, bOff, y, n);
        switch (isa) {
            case SCALAR -> heq_sub_mod_scalar(o, x, y, n, q);
            case AVX512DQ -> heq_sub_mod_avx512dq(o, x, y, n, q);
            case AVX512IFMA -> heq_sub_mod_avx512ifma(o, x, y, n, q);
            case HEXL -> throw new UnsupportedOperationException("the hexl path is bound through FFM only");
        }
        outCopy2(s, o, x, y, out, outOff, n);
    }

    @Override
    public void negMod(Isa isa, long[] out, int outOff, long[] a, int aOff, int n, long q) {
        Scratch s = SCRATCH.get();
        long x = s.in(1, a, aOff, n), o = outBuffer(s, out, outOff, a, aOff, x, n);
        switch (isa) {
            case SCALAR -> heq_neg_mod_scalar(o, x, n, q);
            case AVX512DQ -> heq_neg_mod_avx512dq(o, x, n, q);
            case AVX512IFMA -> heq_neg_mod_avx512ifma(o, x, n, q);
            case HEXL -> throw new UnsupportedOperationException("the hexl path is bound through FFM only");
        }
        outCopy(s, o, x, out, outOff, n);
    }

    @Override
    public void reduceMod(Isa isa, long[] out, int outOff, long[] a, int aOff, int n, long q, int inFactor, int outFactor) {
        Scratch s = SCRATCH.get();
        long x = s.in(1, a, aOff, n), o = outBuffer(s, out, outOff, a, aOff, x, n);
        switch (isa) {
            case SCALAR -> heq_reduce_mod_scalar(o, x, n, q, inFactor, outFactor);
            case AVX512DQ -> heq_reduce_mod_avx512dq(o, x, n, q, inFactor, outFactor);
            case AVX512IFMA -> heq_reduce_mod_avx512ifma(o, x, n, q, inFactor, outFactor);
            case HEXL -> throw new UnsupportedOperationException("the hexl path is bound through FFM only");
        }
        outCopy(s, o, x, out, outOff, n);
    }

    @Override
    public void mac128(Isa isa, long[] acc, long[] a, int aOff, long[] b, int bOff, int n) {
        Scratch s = SCRATCH.get();
        long ac = s.in(0, acc, 0, 2 * n), x = s.in(1, a, aOff, n), y = second(s, a, aOff, x, b, bOff, n);
        switch (isa) {
            case SCALAR -> heq_mac128_scalar(ac, x, y, n);
            case AVX512DQ -> heq_mac128_avx512dq(ac, x, y, n);
            case AVX512IFMA -> heq_mac128_avx512ifma(ac, x, y, n);
            case HEXL -> throw new UnsupportedOperationException("the hexl path is bound through FFM only");
        }
        s.out(0, acc, 0, 2 * n);
    }

    @Override
    public void mac128Reduce(Isa isa, long[] out, int outOff, long[] acc, int n, long q) {
        Scratch s = SCRATCH.get();
        long ac = s.in(1, acc, 0, 2 * n), o = s.buffer(0, n);
        switch (isa) {
            case SCALAR -> heq_mac128_reduce_scalar(o, ac, n, q);
            case AVX512DQ -> heq_mac128_reduce_avx512dq(o, ac, n, q);
            case AVX512IFMA -> heq_mac128_reduce_avx512ifma(o, ac, n, q);
            case HEXL -> throw new UnsupportedOperationException("the hexl path is bound through FFM only");
        }
        s.out(0, out, outOff, n);
    }

    @Override
    public void noop(long[] a) {
        heq_noop(a, a.length);
    }
}
