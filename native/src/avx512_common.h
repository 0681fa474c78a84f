/* AVX-512 helpers shared by avx512dq.c and avx512ifma.c (each compiled with its own -m flags). */
#ifndef HEQ_AVX512_COMMON_H
#define HEQ_AVX512_COMMON_H

#include <immintrin.h>

#include "heq_internal.h"

#define V_LOAD(p) _mm512_loadu_si512((const void *)(p))
#define V_STORE(p, v) _mm512_storeu_si512((void *)(p), (v))
#define V_SET1(x) _mm512_set1_epi64((long long)(x))

/*
 * Elements to process before out reaches a 64-byte boundary (at most 7, at most n). Element-wise kernels run
 * that head in scalar C so every vector store is aligned: a Java long[]'s elements start 16 bytes past an
 * 8-byte boundary, and a store that splits a cache line costs about twice as much.
 */
static inline uint64_t heq_head(const uint64_t *out, uint64_t n) {
    uint64_t h = ((64 - ((uintptr_t)out & 63)) & 63) / 8;
    return h < n ? h : n;
}

/* x - q if x >= q else x, lane-wise: for x < q the difference wraps to a huge value and the unsigned min keeps x. */
static inline __m512i v_csub(__m512i x, __m512i q) {
    return _mm512_min_epu64(x, _mm512_sub_epi64(x, q));
}

/* (a - b) mod q for a, b in [0, q): min(a - b, a - b + q) unsigned (one of the two has wrapped). */
static inline __m512i v_submod(__m512i a, __m512i b, __m512i q) {
    __m512i d = _mm512_sub_epi64(a, b);
    return _mm512_min_epu64(d, _mm512_add_epi64(d, q));
}

/*
 * floor(a b / 2^64) per lane from four 32x32->64 products (vpmuludq), AVX-512 has no 64-bit high multiply.
 * With a = ah 2^32 + al, b = bh 2^32 + bl: mid = (al bl >> 32) + al bh never overflows ((2^32-1)^2 + 2^32 - 1
 * < 2^64), nor does (mid mod 2^32) + ah bl, so hi = ah bh + (mid >> 32) + (mid2 >> 32) exactly.
 */
static inline __m512i v_mulhi64(__m512i a, __m512i b) {
    const __m512i m32 = _mm512_set1_epi64(0xFFFFFFFFll);
    __m512i ah = _mm512_srli_epi64(a, 32), bh = _mm512_srli_epi64(b, 32);
    __m512i ll = _mm512_mul_epu32(a, b);
    __m512i lh = _mm512_mul_epu32(a, bh);
    __m512i hl = _mm512_mul_epu32(ah, b);
    __m512i hh = _mm512_mul_epu32(ah, bh);
    __m512i mid = _mm512_add_epi64(_mm512_srli_epi64(ll, 32), lh);
    __m512i mid2 = _mm512_add_epi64(_mm512_and_si512(mid, m32), hl);
    return _mm512_add_epi64(_mm512_add_epi64(hh, _mm512_srli_epi64(mid, 32)), _mm512_srli_epi64(mid2, 32));
}

/*
 * floor(a b / 2^64) minus 0, 1 or 2, with three vpmuludq: hh + (lh >> 32) + (hl >> 32) drops only the carries out
 * of (lh mod 2^32 + hl mod 2^32) 2^32 + ll < 3 2^64. HEXL's 64-bit NTT uses the same approximation (its
 * "mulhi_approx"; Harvey-style analysis in arXiv:2003.04510, p. 7).
 */
static inline __m512i v_mulhi64_approx(__m512i a, __m512i b) {
    __m512i ah = _mm512_srli_epi64(a, 32), bh = _mm512_srli_epi64(b, 32);
    __m512i lh = _mm512_mul_epu32(a, bh);
    __m512i hl = _mm512_mul_epu32(ah, b);
    __m512i hh = _mm512_mul_epu32(ah, bh);
    return _mm512_add_epi64(hh, _mm512_add_epi64(_mm512_srli_epi64(lh, 32), _mm512_srli_epi64(hl, 32)));
}

/*
 * Shoup with 64-bit factors and the approximate quotient: Q' in [Q - 2, Q], so y w - Q' q = r + (Q - Q') q is in
 * [0, 4q) (< 2^64 since q < 2^62, so the wrapped 64-bit arithmetic is exact); one conditional subtraction of 2q
 * brings it to [0, 2q), the range of the exact version.
 */
static inline __m512i v_mulshoup64_lazy(__m512i y, __m512i w, __m512i ws, __m512i q, __m512i q2) {
    __m512i qh = v_mulhi64_approx(y, ws);
    __m512i t = _mm512_sub_epi64(_mm512_mullo_epi64(y, w), _mm512_mullo_epi64(qh, q));
    return _mm512_min_epu64(t, _mm512_sub_epi64(t, q2));
}

/* Shoup with 64-bit factors: y w mod q in [0, 2q) for y < 2^64, ws = floor(w 2^64 / q). */
static inline __m512i v_mulshoup64(__m512i y, __m512i w, __m512i ws, __m512i q) {
    __m512i qh = v_mulhi64(y, ws);
    return _mm512_sub_epi64(_mm512_mullo_epi64(y, w), _mm512_mullo_epi64(qh, q));
}

/* Any 64-bit x mod q, lazily, mu64 = floor((2^64-1)/q): result in [0, 2q) (see scalar.c barrett64_lazy). */
static inline __m512i v_barrett64_lazy(__m512i x, __m512i q, __m512i mu64) {
    return _mm512_sub_epi64(x, _mm512_mullo_epi64(v_mulhi64(x, mu64), q));
}

#endif
