package dev.heq.kernel.ffi.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import dev.heq.kernel.TierUnavailableException;
import java.nio.file.Path;

/**
 * libheqkernels through JNA <em>direct mapping</em> ({@code Native.register}): static native methods bound
 * straight to the C symbols, about 80–150 ns per call here (the interface-proxy mapping costs ~350 ns and is not
 * used). Every pointer is passed as a raw native address ({@code long}, the cheapest JNA argument): data goes
 * through JnaBinding's aligned off-heap scratch buffers, because JNA cannot pass a heap array without copying
 * it in and back out. Parameter names follow native/include/heq/heq_kernels.h. {@code heq_noop} keeps a
 * {@code long[]} parameter to measure what an array argument costs.
 */
public final class JnaNative {
    private JnaNative() {}

    /** The bound library file. */
    public static final Path LIBRARY;

    static {
        try {
            LIBRARY = dev.heq.kernel.ffi.loader.NativeLibrary.get("jna").path();
        } catch (TierUnavailableException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        Native.register(JnaNative.class, NativeLibrary.getInstance(LIBRARY.toString()));
    }

    public static native int heq_caps();

    public static native String heq_version();

    public static native void heq_noop(long[] p, long n);

    public static native long heq_ntt_table_words(long n);

    public static native int heq_ntt_table_init(long tab, long n, long q, long[] rootPowers, long[] invRootPowers, long nInv);

    public static native void heq_ntt_fwd_scalar(long out, long in, long tab, long n, long q, long inFactor, long outFactor);

    public static native void heq_ntt_fwd_avx512dq(long out, long in, long tab, long n, long q, long inFactor, long outFactor);

    public static native void heq_ntt_fwd_avx512ifma(long out, long in, long tab, long n, long q, long inFactor, long outFactor);

    public static native void heq_ntt_inv_scalar(long out, long in, long tab, long n, long q, long inFactor, long outFactor);

    public static native void heq_ntt_inv_avx512dq(long out, long in, long tab, long n, long q, long inFactor, long outFactor);

    public static native void heq_ntt_inv_avx512ifma(long out, long in, long tab, long n, long q, long inFactor, long outFactor);

    public static native void heq_mul_mod_scalar(long out, long a, long b, long n, long q, long inFactor);

    public static native void heq_mul_mod_avx512dq(long out, long a, long b, long n, long q, long inFactor);

    public static native void heq_mul_mod_avx512ifma(long out, long a, long b, long n, long q, long inFactor);

    public static native void heq_mul_const_mod_scalar(long out, long a, long w, long wShoup, long n, long q, long inFactor);

    public static native void heq_mul_const_mod_avx512dq(long out, long a, long w, long wShoup, long n, long q, long inFactor);

    public static native void heq_mul_const_mod_avx512ifma(long out, long a, long w, long wShoup, long n, long q, long inFactor);

    public static native void heq_fma_mod_scalar(long out, long a, long w, long c, long n, long q, long inFactor);

    public static native void heq_fma_mod_avx512dq(long out, long a, long w, long c, long n, long q, long inFactor);

    public static native void heq_fma_mod_avx512ifma(long out, long a, long w, long c, long n, long q, long inFactor);

    public static native void heq_add_mod_scalar(long out, long a, long b, long n, long q);

    public static native void heq_add_mod_avx512dq(long out, long a, long b, long n, long q);

    public static native void heq_add_mod_avx512ifma(long out, long a, long b, long n, long q);

    public static native void heq_sub_mod_scalar(long out, long a, long b, long n, long q);

    public static native void heq_sub_mod_avx512dq(long out, long a, long b, long n, long q);

    public static native void heq_sub_mod_avx512ifma(long out, long a, long b, long n, long q);

    public static native void heq_neg_mod_scalar(long out, long a, long n, long q);

    public static native void heq_neg_mod_avx512dq(long out, long a, long n, long q);

    public static native void heq_neg_mod_avx512ifma(long out, long a, long n, long q);

    public static native void heq_reduce_mod_scalar(long out, long a, long n, long q, long inFactor, long outFactor);

    public static native void heq_reduce_mod_avx512dq(long out, long a, long n, long q, long inFactor, long outFactor);

    public static native void heq_reduce_mod_avx512ifma(long out, long a, long n, long q, long inFactor, long outFactor);

    public static native void heq_mac128_scalar(long acc, long a, long b, long n);

    public static native void heq_mac128_avx512dq(long acc, long a, long b, long n);

    public static native void heq_mac128_avx512ifma(long acc, long a, long b, long n);

    public static native void heq_mac128_reduce_scalar(long out, long acc, long n, long q);

    public static native void heq_mac128_reduce_avx512dq(long out, long acc, long n, long q);

    public static native void heq_mac128_reduce_avx512ifma(long out, long acc, long n, long q);

    // out = a·b + c mod q, HEQ's ISAs only (libheqhexl has no such kernel)
    public static native void heq_mul_add_mod_scalar(long out, long a, long b, long c, long n, long q);

    public static native void heq_mul_add_mod_avx512dq(long out, long a, long b, long c, long n, long q);

    public static native void heq_mul_add_mod_avx512ifma(long out, long a, long b, long c, long n, long q);

    // (out0, out1, acc, n, q, k, flags, then HEQ_MAC_PAIR_BATCH = 8 operand triples a0_j, a1_j, b_j): 31 words;
    // every pointer a raw address into JnaBinding's scratch buffers, unused slots (j >= k) 0
    public static native void heq_mac_pair_scalar(long out0, long out1, long acc, long n, long q, long k, long flags,
            long a0_0, long a1_0, long b_0, long a0_1, long a1_1, long b_1, long a0_2, long a1_2, long b_2,
            long a0_3, long a1_3, long b_3, long a0_4, long a1_4, long b_4, long a0_5, long a1_5, long b_5,
            long a0_6, long a1_6, long b_6, long a0_7, long a1_7, long b_7);

    public static native void heq_mac_pair_avx512dq(long out0, long out1, long acc, long n, long q, long k, long flags,
            long a0_0, long a1_0, long b_0, long a0_1, long a1_1, long b_1, long a0_2, long a1_2, long b_2,
            long a0_3, long a1_3, long b_3, long a0_4, long a1_4, long b_4, long a0_5, long a1_5, long b_5,
            long a0_6, long a1_6, long b_6, long a0_7, long a1_7, long b_7);

    public static native void heq_mac_pair_avx512ifma(long out0, long out1, long acc, long n, long q, long k, long flags,
            long a0_0, long a1_0, long b_0, long a0_1, long a1_1, long b_1, long a0_2, long a1_2, long b_2,
            long a0_3, long a1_3, long b_3, long a0_4, long a1_4, long b_4, long a0_5, long a1_5, long b_5,
            long a0_6, long a1_6, long b_6, long a0_7, long a1_7, long b_7);
}
