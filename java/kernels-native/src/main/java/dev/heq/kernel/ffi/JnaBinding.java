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
 * for every array argument, and always the whole array: an operand at an offset inside a larger array cannot be
 * passed as a {@code long[]} at all), so this binding copies explicitly and only in the direction needed: each
 * input region is written once into a per-thread, 64-byte-aligned off-heap scratch buffer, the kernel runs on the
 * buffers (in place when the caller's output is the same region as an input), and only the output region is
 * read back. Pointers cross as raw addresses ({@code long}), JNA's cheapest argument type. Twiddle tables are
 * JNA {@link Memory} over-allocated to start on a 64-byte boundary. The fused kernels take the same route:
 * heq_mul_add_mod with three input buffers, heq_mac_pair with its up to 24 operand regions packed into one buffer
 * per call and its running sums in a per-thread buffer that stays native between the calls of one sum.
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

    /** A heq_mac_pair accumulator (a scratch slot of the thread that asked for it); {@code memory} keeps it alive. */
    record PairAccumulator(Memory memory, long address) {}

    /** Scratch slots: the output, up to three inputs, heq_mac_pair's packed operands, and its running sums. */
    private static final int OUT = 0, IN1 = 1, IN2 = 2, IN3 = 3, PAIR_OPS = 4, PAIR_ACC = 5, SLOTS = 6;

    /** Per-thread scratch buffers, one per slot, grown on demand (a grown slot gets a new buffer; nothing is copied). */
    private static final class Scratch {
        final Memory[] mem = new Memory[SLOTS];
        final Pointer[] ptr = new Pointer[SLOTS];
        final long[] addr = new long[SLOTS];
        final long[] cap = new long[SLOTS];
        /** heq_mac_pair operand addresses, 0 for unused slots. */
        final long[] pair = new long[3 * MAC_PAIR_BATCH];

        long buffer(int slot, long words) {
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

        /** Reads n words back from whichever of the output/input slots starts at {@code address}. */
        void outFrom(long address, long[] a, int off, int n) {
            for (int slot = OUT; slot <= IN3; slot++) {
                if (addr[slot] == address) {
                    out(slot, a, off, n);
                    return;
                }
            }
            throw new IllegalStateException("no scratch buffer at " + Long.toHexString(address));
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    @Override
    public String name() {
        return "jna";
    }

    @Override
    public String via() {
        return "JNA";
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
        return out == a && outOff == aOff ? aAddr : s.buffer(OUT, n);
    }

    private static void outCopy(Scratch s, long outAddr, long aAddr, long[] out, int outOff, int n) {
        s.out(outAddr == aAddr ? IN1 : OUT, out, outOff, n);
    }

    @Override
    public void nttForward(Isa isa, long[] out, int outOff, long[] in, int inOff, Object table, int n, long q, int inFactor, int outFactor) {
        Scratch s = SCRATCH.get();
        long x = s.in(IN1, in, inOff, n), o = outBuffer(s, out, outOff, in, inOff, x, n);
        long tab = ((Table) table).address();
        switch (isa) {
            case SCALAR -> heq_ntt_fwd_scalar(o, x, tab, n, q, inFactor, outFactor);
            case AVX512DQ -> heq_ntt_fwd_avx512dq(o, x, tab, n, q, inFactor, outFactor);
            case AVX512IFMA -> heq_ntt_fwd_avx512ifma(o, x, tab, n, q, inFactor, outFactor);
        }
        outCopy(s, o, x, out, outOff, n);
    }

    @Override
    public void nttInverse(Isa isa, long[] out, int outOff, long[] in, int inOff, Object table, int n, long q, int inFactor, int outFactor) {
        Scratch s = SCRATCH.get();
        long x = s.in(IN1, in, inOff, n), o = outBuffer(s, out, outOff, in, inOff, x, n);
        long tab = ((Table) table).address();
        switch (isa) {
            case SCALAR -> heq_ntt_inv_scalar(o, x, tab, n, q, inFactor, outFactor);
            case AVX512DQ -> heq_ntt_inv_avx512dq(o, x, tab, n, q, inFactor, outFactor);
            case AVX512IFMA -> heq_ntt_inv_avx512ifma(o, x, tab, n, q, inFactor, outFactor);
        }
        outCopy(s, o, x, out, outOff, n);
    }

    /** Second input: shares the first input's buffer when it is the same region. */
    private static long second(Scratch s, long[] a, int aOff, long aAddr, long[] b, int bOff, int n) {
        return b == a && bOff == aOff ? aAddr : s.in(IN2, b, bOff, n);
    }

    /** Output buffer for two inputs: in place on whichever input it is. */
    private static long outBuffer2(Scratch s, long[] out, int outOff, long[] a, int aOff, long x, long[] b, int bOff, long y, int n) {
        if (out == a && outOff == aOff) {
            return x;
        }
        if (out == b && outOff == bOff) {
            return y;
        }
        return s.buffer(OUT, n);
    }

    private static void outCopy2(Scratch s, long o, long x, long y, long[] out, int outOff, int n) {
        s.out(o == x ? IN1 : o == y ? IN2 : OUT, out, outOff, n);
    }

    @Override
    public void mulMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long q, int inFactor) {
        Scratch s = SCRATCH.get();
        long x = s.in(IN1, a, aOff, n), y = second(s, a, aOff, x, b, bOff, n), o = outBuffer2(s, out, outOff, a, aOff, x, b, bOff, y, n);
        switch (isa) {
            case SCALAR -> heq_mul_mod_scalar(o, x, y, n, q, inFactor);
            case AVX512DQ -> heq_mul_mod_avx512dq(o, x, y, n, q, inFactor);
            case AVX512IFMA -> heq_mul_mod_avx512ifma(o, x, y, n, q, inFactor);
        }
        outCopy2(s, o, x, y, out, outOff, n);
    }

    @Override
    public void mulConstMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long w, long wShoup, int n, long q, int inFactor) {
        Scratch s = SCRATCH.get();
        long x = s.in(IN1, a, aOff, n), o = outBuffer(s, out, outOff, a, aOff, x, n);
        switch (isa) {
            case SCALAR -> heq_mul_const_mod_scalar(o, x, w, wShoup, n, q, inFactor);
            case AVX512DQ -> heq_mul_const_mod_avx512dq(o, x, w, wShoup, n, q, inFactor);
            case AVX512IFMA -> heq_mul_const_mod_avx512ifma(o, x, w, wShoup, n, q, inFactor);
        }
        outCopy(s, o, x, out, outOff, n);
    }

    @Override
    public void fmaMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long w, long[] c, int cOff, int n, long q, int inFactor) {
        Scratch s = SCRATCH.get();
        long x = s.in(IN1, a, aOff, n);
        long z = c == null ? 0L : second(s, a, aOff, x, c, cOff, n);
        long o = c == null ? outBuffer(s, out, outOff, a, aOff, x, n) : outBuffer2(s, out, outOff, a, aOff, x, c, cOff, z, n);
        switch (isa) {
            case SCALAR -> heq_fma_mod_scalar(o, x, w, z, n, q, inFactor);
            case AVX512DQ -> heq_fma_mod_avx512dq(o, x, w, z, n, q, inFactor);
            case AVX512IFMA -> heq_fma_mod_avx512ifma(o, x, w, z, n, q, inFactor);
        }
        outCopy2(s, o, x, c == null ? -1L : z, out, outOff, n);
    }

    /** Inputs in slots 1-3, each region copied once even when it is two operands; out in place on the one it equals. */
    @Override
    public void mulAddMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, long[] c, int cOff, int n, long q) {
        Scratch s = SCRATCH.get();
        long x = s.in(IN1, a, aOff, n), y = second(s, a, aOff, x, b, bOff, n);
        long z = c == a && cOff == aOff ? x : c == b && cOff == bOff ? y : s.in(IN3, c, cOff, n);
        long o = out == c && outOff == cOff ? z : outBuffer2(s, out, outOff, a, aOff, x, b, bOff, y, n);
        switch (isa) {
            case SCALAR -> heq_mul_add_mod_scalar(o, x, y, z, n, q);
            case AVX512DQ -> heq_mul_add_mod_avx512dq(o, x, y, z, n, q);
            case AVX512IFMA -> heq_mul_add_mod_avx512ifma(o, x, y, z, n, q);
        }
        s.outFrom(o, out, outOff, n);
    }

    @Override
    public void addMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long q) {
        Scratch s = SCRATCH.get();
        long x = s.in(IN1, a, aOff, n), y = second(s, a, aOff, x, b, bOff, n), o = outBuffer2(s, out, outOff, a, aOff, x, b, bOff, y, n);
        switch (isa) {
            case SCALAR -> heq_add_mod_scalar(o, x, y, n, q);
            case AVX512DQ -> heq_add_mod_avx512dq(o, x, y, n, q);
            case AVX512IFMA -> heq_add_mod_avx512ifma(o, x, y, n, q);
        }
        outCopy2(s, o, x, y, out, outOff, n);
    }

    @Override
    public void subMod(Isa isa, long[] out, int outOff, long[] a, int aOff, long[] b, int bOff, int n, long q) {
        Scratch s = SCRATCH.get();
        long x = s.in(IN1, a, aOff, n), y = second(s, a, aOff, x, b, bOff, n), o = outBuffer2(s, out, outOff, a, aOff, x, b, bOff, y, n);
        switch (isa) {
            case SCALAR -> heq_sub_mod_scalar(o, x, y, n, q);
            case AVX512DQ -> heq_sub_mod_avx512dq(o, x, y, n, q);
            case AVX512IFMA -> heq_sub_mod_avx512ifma(o, x, y, n, q);
        }
        outCopy2(s, o, x, y, out, outOff, n);
    }

    @Override
    public void negMod(Isa isa, long[] out, int outOff, long[] a, int aOff, int n, long q) {
        Scratch s = SCRATCH.get();
        long x = s.in(IN1, a, aOff, n), o = outBuffer(s, out, outOff, a, aOff, x, n);
        switch (isa) {
            case SCALAR -> heq_neg_mod_scalar(o, x, n, q);
            case AVX512DQ -> heq_neg_mod_avx512dq(o, x, n, q);
            case AVX512IFMA -> heq_neg_mod_avx512ifma(o, x, n, q);
        }
        outCopy(s, o, x, out, outOff, n);
    }

    @Override
    public void reduceMod(Isa isa, long[] out, int outOff, long[] a, int aOff, int n, long q, int inFactor, int outFactor) {
        Scratch s = SCRATCH.get();
        long x = s.in(IN1, a, aOff, n), o = outBuffer(s, out, outOff, a, aOff, x, n);
        switch (isa) {
            case SCALAR -> heq_reduce_mod_scalar(o, x, n, q, inFactor, outFactor);
            case AVX512DQ -> heq_reduce_mod_avx512dq(o, x, n, q, inFactor, outFactor);
            case AVX512IFMA -> heq_reduce_mod_avx512ifma(o, x, n, q, inFactor, outFactor);
        }
        outCopy(s, o, x, out, outOff, n);
    }

    @Override
    public void mac128(Isa isa, long[] acc, long[] a, int aOff, long[] b, int bOff, int n) {
        Scratch s = SCRATCH.get();
        long ac = s.in(OUT, acc, 0, 2 * n), x = s.in(IN1, a, aOff, n), y = second(s, a, aOff, x, b, bOff, n);
        switch (isa) {
            case SCALAR -> heq_mac128_scalar(ac, x, y, n);
            case AVX512DQ -> heq_mac128_avx512dq(ac, x, y, n);
            case AVX512IFMA -> heq_mac128_avx512ifma(ac, x, y, n);
        }
        s.out(OUT, acc, 0, 2 * n);
    }

    @Override
    public void mac128Reduce(Isa isa, long[] out, int outOff, long[] acc, int n, long q) {
        Scratch s = SCRATCH.get();
        long ac = s.in(IN1, acc, 0, 2 * n), o = s.buffer(OUT, n);
        switch (isa) {
            case SCALAR -> heq_mac128_reduce_scalar(o, ac, n, q);
            case AVX512DQ -> heq_mac128_reduce_avx512dq(o, ac, n, q);
            case AVX512IFMA -> heq_mac128_reduce_avx512ifma(o, ac, n, q);
        }
        s.out(OUT, out, outOff, n);
    }

    @Override
    public Object macPairAccumulator(int n) {
        Scratch s = SCRATCH.get();
        long address = s.buffer(PAIR_ACC, NativeBinding.macPairAccWords(n));
        return new PairAccumulator(s.mem[PAIR_ACC], address);
    }

    /**
     * The k operand triples are copied into one packed buffer (slot j's a0, a1, b at words 3jn, (3j+1)n, (3j+2)n),
     * the outputs, written only with LAST, into one 2n-word buffer. 3kn words in per call: the same as the two-pass
     * path's mac128 copies, but each b[j] once, and 2n words out per sum instead of 4n per product.
     */
    @Override
    public void macPair(Isa isa, long[] out0, int out0Off, long[] out1, int out1Off, Object acc, int n, long q, int k, int flags,
            long[][] a0, long[][] a1, long[][] b, int j0, int off) {
        Scratch s = SCRATCH.get();
        long base = s.buffer(PAIR_OPS, 3L * k * n);
        long[] p = s.pair;
        for (int t = 0; t < MAC_PAIR_BATCH; t++) {
            for (int r = 0; r < 3; r++) {
                int slot = 3 * t + r;
                if (t < k) {
                    long[] src = r == 0 ? a0[j0 + t] : r == 1 ? a1[j0 + t] : b[j0 + t];
                    s.ptr[PAIR_OPS].write(8L * slot * n, src, off, n);
                    p[slot] = base + 8L * slot * n;
                } else {
                    p[slot] = 0L;
                }
            }
        }
        boolean last = (flags & MAC_PAIR_LAST) != 0;
        long o0 = last ? s.buffer(OUT, 2L * n) : 0L, o1 = last ? o0 + 8L * n : 0L;
        long sums = acc == null ? 0L : ((PairAccumulator) acc).address();
        switch (isa) {
            case SCALAR -> heq_mac_pair_scalar(o0, o1, sums, n, q, k, flags, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8],
                    p[9], p[10], p[11], p[12], p[13], p[14], p[15], p[16], p[17], p[18], p[19], p[20], p[21], p[22], p[23]);
            case AVX512DQ -> heq_mac_pair_avx512dq(o0, o1, sums, n, q, k, flags, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8],
                    p[9], p[10], p[11], p[12], p[13], p[14], p[15], p[16], p[17], p[18], p[19], p[20], p[21], p[22], p[23]);
            case AVX512IFMA -> heq_mac_pair_avx512ifma(o0, o1, sums, n, q, k, flags, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7],
                    p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15], p[16], p[17], p[18], p[19], p[20], p[21], p[22], p[23]);
        }
        if (last) {
            s.ptr[OUT].read(0, out0, out0Off, n);
            s.ptr[OUT].read(8L * n, out1, out1Off, n);
        }
    }

    @Override
    public void noop(long[] a) {
        heq_noop(a, a.length);
    }
}
