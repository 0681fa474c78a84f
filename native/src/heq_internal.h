/* Internal helpers shared by the ISA tiers of libheqkernels (not exported). */
#ifndef HEQ_INTERNAL_H
#define HEQ_INTERNAL_H

#include <assert.h>
#include <stdint.h>

#include "heq/heq_kernels.h"

typedef unsigned __int128 heq_u128;

/*
 * NTT table layout (64-bit words), n = N. "s64" = Shoup factor floor(w 2^64 / q), "s52" = floor(w 2^52 / q)
 * (only filled when q < 2^50, the IFMA bound; zero otherwise).
 *   [ 0n,  1n) W     root_powers        [ 3n,  4n) IW    inv_root_powers
 *   [ 1n,  2n) W s64                    [ 4n,  5n) IW s64
 *   [ 2n,  3n) W s52                    [ 5n,  6n) IW s52
 *   [ 6n, 7.5n) forward t=4 lanes: w, s64, s52 (n/2 each)     E4[8b+k] = W[n/8 + 2b + k/4]
 *   [7.5n, 9n)  forward t=2 lanes                              E2[8b+k] = W[n/4 + 4b + k/2]
 *   [ 9n,10.5n) inverse t=4 lanes (from IW)    [10.5n, 12n) inverse t=2 lanes
 *   [12n, 12n+8) constants: n_inv, n_inv s64, n_inv s52, c = IW[1] n_inv mod q, c s64, c s52, n, q
 * Block b covers 16 coefficients [16b, 16b+16); lane k of its "X" vector at stride t is coefficient
 * (k/t) 2t + k%t, which belongs to butterfly group 16b/(2t) + k/t: hence the expanded tables.
 */
#define HEQ_TAB_W(n) 0
#define HEQ_TAB_WS64(n) (n)
#define HEQ_TAB_WS52(n) (2 * (n))
#define HEQ_TAB_IW(n) (3 * (n))
#define HEQ_TAB_IWS64(n) (4 * (n))
#define HEQ_TAB_IWS52(n) (5 * (n))
#define HEQ_TAB_F4(n) (6 * (n))
#define HEQ_TAB_F2(n) (6 * (n) + 3 * ((n) / 2))
#define HEQ_TAB_I4(n) (9 * (n))
#define HEQ_TAB_I2(n) (9 * (n) + 3 * ((n) / 2))
#define HEQ_TAB_CONST(n) (12 * (n))
#define HEQ_TAB_WORDS(n) (12 * (n) + 8)

/* floor(a b / 2^64) */
static inline uint64_t heq_mulhi64(uint64_t a, uint64_t b) {
    return (uint64_t)(((heq_u128)a * b) >> 64);
}

/* floor(w 2^bits / q), w < q, bits <= 64 */
static inline uint64_t heq_shoup_bits(uint64_t w, uint64_t q, int bits) {
    return (uint64_t)(((heq_u128)w << bits) / q);
}

static inline uint64_t heq_bitlen(uint64_t q) {
    return 64 - (uint64_t)__builtin_clzll(q);
}

/* x - q if x >= q else x (gcc emits cmov: no data-dependent branch). */
static inline uint64_t heq_csub(uint64_t x, uint64_t q) {
    return x >= q ? x - q : x;
}

/*
 * Barrett constants for a 128-bit product x < q^2 (q of nb bits, nb <= 62): c1 = x >> (nb-2) < 2^64,
 * mu = floor(2^(nb+62) / q) <= 2^63, qhat = mulhi(c1, mu) is within 2 of x / q from below, so
 * x - qhat q lies in [0, 3q) (see heq_barrett128).
 */
static inline uint64_t heq_barrett_mu(uint64_t q) {
    uint64_t nb = heq_bitlen(q);
    return (uint64_t)(((heq_u128)1 << (nb + 62)) / q);
}

/*
 * Where the vector NTTs run their inner passes: out itself when it is 64-byte aligned, else a per-thread
 * 64-byte-aligned scratch buffer of n words (grown on demand, freed at thread exit). Java's long[] elements
 * start 16 bytes past an 8-byte boundary, so every zmm load/store on them would split a cache line; with the
 * buffer only the first pass reads and the last pass writes the caller's memory. Returns NULL... never: on
 * allocation failure it falls back to out (correct, just slower).
 */
uint64_t *heq_ntt_work(uint64_t *out, uint64_t n);

/* The operand slots of heq_mac_pair_* gathered into arrays (A0[j], A1[j], B[j]), inside the exported function. */
#define HEQ_MAC_PAIR_GATHER(A0, A1, B)                                                                          \
    const uint64_t *A0[HEQ_MAC_PAIR_BATCH] = {a0_0, a0_1, a0_2, a0_3, a0_4, a0_5, a0_6, a0_7};                   \
    const uint64_t *A1[HEQ_MAC_PAIR_BATCH] = {a1_0, a1_1, a1_2, a1_3, a1_4, a1_5, a1_6, a1_7};                   \
    const uint64_t *B[HEQ_MAC_PAIR_BATCH] = {b_0, b_1, b_2, b_3, b_4, b_5, b_6, b_7}

/* Forwards the operand slots of one heq_mac_pair_* to another. */
#define HEQ_MAC_PAIR_ARGS                                                                                        \
    a0_0, a1_0, b_0, a0_1, a1_1, b_1, a0_2, a1_2, b_2, a0_3, a1_3, b_3, a0_4, a1_4, b_4, a0_5, a1_5, b_5, a0_6,  \
        a1_6, b_6, a0_7, a1_7, b_7

#endif
