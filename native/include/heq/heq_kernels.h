/*
 * HEQ native kernels: the one exported C ABI of libheqkernels.
 *
 * Negacyclic NTT over Z_q[X]/(X^N + 1) and element-wise modular arithmetic on arrays of uint64_t, in three
 * ISA tiers that compute identical results:
 *   _scalar      portable C (unsigned __int128); any q < 2^62
 *   _avx512dq    AVX-512 F/DQ/VL/BW, 64-bit lanes, 64x64->128 high products emulated with 4 vpmuludq; q < 2^62
 *   _avx512ifma  AVX-512 IFMA (vpmadd52lo/hi); q < 2^50 so that Harvey's lazy values 4q < 2^52 fit the 52-bit
 *                multiplier inputs
 * Call an ISA symbol only if heq_caps() reports it. The vector NTTs need N >= 16 (a 16-element block is the
 * unit of the merged last three stages); callers use the scalar symbol for smaller N. Java (dev.heq.kernel.ffi)
 * picks the symbol per (N, q) exactly like that.
 *
 * Conventions (identical to Intel HEXL and SEAL): psi is the minimal primitive 2N-th root of unity,
 * root_powers[k] = psi^brv(k), inv_root_powers[k] = psi^-brv(k) (brv = log2(N)-bit reversal). The forward
 * transform takes natural order and returns bit-reversed order, y[j] = a(psi^(2 brv(j) + 1)); the inverse maps
 * back and includes the N^-1 scaling. Twiddles are precomputed once per (N, q) into a table built by
 * heq_ntt_table_init (Shoup factors for 64-bit and 52-bit multipliers and lane-expanded copies for the
 * vector strides < 8); keep it 64-byte aligned for speed (any 8-byte alignment is correct).
 *
 * Lazy ranges ("factor k" = values in [0, k q)), the same as HEXL's input/output mod factors:
 *   heq_ntt_fwd_*   in: factor 1, 2 or 4        out: factor 1 or 4 (Harvey butterflies keep [0, 4q))
 *   heq_ntt_inv_*   in: factor 1 or 2           out: factor 1 or 2 (Gentleman-Sande keeps [0, 2q))
 *   heq_mul_mod_*       a, b: factor 1, 2 or 4  out: [0, q)   (Barrett)
 *   heq_mul_const_mod_* a: factor 1, 2 or 4, w in [0, q), w_shoup = floor(w 2^64 / q)   out: [0, q)  (Shoup)
 *   heq_fma_mod_*       out = a w + c, a: factor 1, 2 or 4, w, c in [0, q) (c may be NULL)  out: [0, q)
 *   heq_mul_add_mod_*   out = a b + c, a, b, c in [0, q)  out: [0, q)  (one pass; out may alias a, b or c exactly;
 *                       HEQ's own ISAs only: the encryptor's c0 = (Delta m + e) + a (-s) in NTT form)
 *   heq_add_mod_*, heq_sub_mod_*, heq_neg_mod_*   inputs [0, q)  out: [0, q)
 *   heq_reduce_mod_*    in factor 0 (any uint64), 2 or 4   out factor 1 or 2
 *   heq_mac128_*        (acc[n+i] 2^64 + acc[i]) += a[i] b[i]: a 128-bit accumulator per element kept as two
 *                       planes of n words (low words, then high words). With a, b in [0, q) and q < 2^62 each
 *                       product is < 2^124, so 16 products always fit; callers reduce (heq_mac128_reduce_*)
 *                       and restart the accumulator at least every 16 products.
 *   heq_mac128_reduce_* out[i] = (acc[n+i] 2^64 + acc[i]) mod q, in [0, q); any 128-bit accumulator value.
 *   heq_mac_pair_*      HomConv's ciphertext-shaped multiply-accumulate on one RNS limb, in batches of at most
 *                       HEQ_MAC_PAIR_BATCH products per call: (S0, S1) += (sum_j a0_j b_j, sum_j a1_j b_j), each
 *                       b_j read once for both components. a0_j, a1_j, b_j in [0, q), q < 2^62. The running sums
 *                       live in registers within a call and in acc (HEQ_MAC_PAIR_ACC_WORDS(n) words, best 64-byte
 *                       aligned; layout private to each ISA, the IFMA one keeps an alignment shift in its first
 *                       word) between calls; a sequence of calls on one sum must use one ISA, one q and one acc.
 *                       flags: HEQ_MAC_PAIR_FIRST: the sums start at 0 (acc is not read);
 *                              HEQ_MAC_PAIR_LAST:  out0/out1 get S0 mod q, S1 mod q in [0, q) (acc is not written);
 *                              HEQ_MAC_PAIR_FOLD:  (without LAST) acc keeps the sums reduced mod q.
 *                       Bound: at most HEQ_MAC_PAIR_MAX_TERMS products since FIRST or the last FOLD, a folded
 *                       residue counting as one (the IFMA lazy sums overflow beyond it; see avx512ifma.c).
 *                       Slots j >= k are ignored and may be NULL. out0, out1 must not overlap operands or acc.
 * Outputs may alias inputs exactly (in place) but must not partially overlap them. n is the element count.
 * Arguments are validated by the Java caller; the C side only asserts them in debug builds (NDEBUG unset).
 */
#ifndef HEQ_KERNELS_H
#define HEQ_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define HEQ_API __declspec(dllexport)
#else
#define HEQ_API __attribute__((visibility("default")))
#endif

/* Capability bits returned by heq_caps(). */
#define HEQ_CAP_AVX512DQ   0x1u /* AVX-512 F+DQ+VL+BW, and the OS saves zmm/opmask state (XGETBV) */
#define HEQ_CAP_AVX512IFMA 0x2u /* HEQ_CAP_AVX512DQ plus AVX512_IFMA */

/* CPU features usable by this library on this machine (CPUID + XGETBV), cached after the first call. */
HEQ_API uint32_t heq_caps(void);
/* Library version string, e.g. "heqkernels 0.1.0 (gcc 12.2.0)". */
HEQ_API const char *heq_version(void);
/* Does nothing; measures the cost of a downcall with two arguments. */
HEQ_API void heq_noop(uint64_t *p, uint64_t n);

/* ---------------------------------------------------------------------------------------- NTT tables */

/* Words of the table for degree n (a power of two >= 2). */
HEQ_API uint64_t heq_ntt_table_words(uint64_t n);
/*
 * Fills tab (heq_ntt_table_words(n) words) from the caller's root tables (n words each), q prime < 2^62,
 * q = 1 mod 2n, n_inv = n^-1 mod q. Returns 0, or -1 if an argument is out of range.
 */
HEQ_API int heq_ntt_table_init(uint64_t *tab, uint64_t n, uint64_t q, const uint64_t *root_powers,
                               const uint64_t *inv_root_powers, uint64_t n_inv);

/* -------------------------------------------------------------------------------------------- kernels */

/* heq_mac_pair_* flags, batch size, accumulator size and term bound (see the range notes at the top). */
#define HEQ_MAC_PAIR_FIRST 0x1u
#define HEQ_MAC_PAIR_LAST 0x2u
#define HEQ_MAC_PAIR_FOLD 0x4u
#define HEQ_MAC_PAIR_BATCH 8
#define HEQ_MAC_PAIR_ACC_WORDS(n) (6 * (n) + 16)
#define HEQ_MAC_PAIR_MAX_TERMS 1024
/* The operand slots of heq_mac_pair_*: for each product j < HEQ_MAC_PAIR_BATCH, a0_j, a1_j, b_j (n words each). */
#define HEQ_MAC_PAIR_OPERANDS                                                                                   \
    const uint64_t *a0_0, const uint64_t *a1_0, const uint64_t *b_0, const uint64_t *a0_1, const uint64_t *a1_1, \
        const uint64_t *b_1, const uint64_t *a0_2, const uint64_t *a1_2, const uint64_t *b_2,                   \
        const uint64_t *a0_3, const uint64_t *a1_3, const uint64_t *b_3, const uint64_t *a0_4,                   \
        const uint64_t *a1_4, const uint64_t *b_4, const uint64_t *a0_5, const uint64_t *a1_5,                   \
        const uint64_t *b_5, const uint64_t *a0_6, const uint64_t *a1_6, const uint64_t *b_6,                   \
        const uint64_t *a0_7, const uint64_t *a1_7, const uint64_t *b_7

#define HEQ_DECLARE_TIER(isa)                                                                                 \
    HEQ_API void heq_ntt_fwd_##isa(uint64_t *out, const uint64_t *in, const uint64_t *tab, uint64_t n,          \
                                   uint64_t q, uint64_t in_factor, uint64_t out_factor);                       \
    HEQ_API void heq_ntt_inv_##isa(uint64_t *out, const uint64_t *in, const uint64_t *tab, uint64_t n,          \
                                   uint64_t q, uint64_t in_factor, uint64_t out_factor);                       \
    HEQ_API void heq_mul_mod_##isa(uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n,             \
                                   uint64_t q, uint64_t in_factor);                                            \
    HEQ_API void heq_mul_const_mod_##isa(uint64_t *out, const uint64_t *a, uint64_t w, uint64_t w_shoup,        \
                                         uint64_t n, uint64_t q, uint64_t in_factor);                          \
    HEQ_API void heq_fma_mod_##isa(uint64_t *out, const uint64_t *a, uint64_t w, const uint64_t *c, uint64_t n, \
                                   uint64_t q, uint64_t in_factor);                                            \
    HEQ_API void heq_add_mod_##isa(uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n, uint64_t q); \
    HEQ_API void heq_sub_mod_##isa(uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n, uint64_t q); \
    HEQ_API void heq_neg_mod_##isa(uint64_t *out, const uint64_t *a, uint64_t n, uint64_t q);                  \
    HEQ_API void heq_reduce_mod_##isa(uint64_t *out, const uint64_t *a, uint64_t n, uint64_t q,                \
                                      uint64_t in_factor, uint64_t out_factor);                                \
    HEQ_API void heq_mac128_##isa(uint64_t *acc, const uint64_t *a, const uint64_t *b, uint64_t n);            \
    HEQ_API void heq_mac128_reduce_##isa(uint64_t *out, const uint64_t *acc, uint64_t n, uint64_t q);

/* heq_mac_pair_* exists for HEQ's own ISAs only (HEXL has no such kernel; Java's hexl tier calls these). */
#define HEQ_DECLARE_MAC_PAIR(isa)                                                                               \
    HEQ_API void heq_mac_pair_##isa(uint64_t *out0, uint64_t *out1, uint64_t *acc, uint64_t n, uint64_t q,     \
                                    uint64_t k, uint64_t flags, HEQ_MAC_PAIR_OPERANDS);

HEQ_DECLARE_TIER(scalar)
HEQ_DECLARE_TIER(avx512dq)
HEQ_DECLARE_TIER(avx512ifma)
/* heq_mul_add_mod_* exists for HEQ's own ISAs only (HEXL has no such kernel; Java's hexl tier calls these). */
#define HEQ_DECLARE_MUL_ADD(isa)                                                                                \
    HEQ_API void heq_mul_add_mod_##isa(uint64_t *out, const uint64_t *a, const uint64_t *b, const uint64_t *c, \
                                       uint64_t n, uint64_t q);

HEQ_DECLARE_MUL_ADD(scalar)
HEQ_DECLARE_MUL_ADD(avx512dq)
HEQ_DECLARE_MUL_ADD(avx512ifma)
HEQ_DECLARE_MAC_PAIR(scalar)
HEQ_DECLARE_MAC_PAIR(avx512dq)
HEQ_DECLARE_MAC_PAIR(avx512ifma)
/*
 * Intel HEXL behind the same ABI: exported by the separate library libheqhexl.so (built only when CMake finds
 * HEXL; it links this library and libhexl), never by libheqkernels.so itself.
 */
HEQ_DECLARE_TIER(hexl)
HEQ_API const char *heq_hexl_version(void);

#ifdef __cplusplus
}
#endif

#endif /* HEQ_KERNELS_H */
