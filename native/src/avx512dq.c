/*
 * AVX-512 F/DQ tier, 64-bit lanes, any q < 2^62 (compiled with -mavx512f -mavx512dq -mavx512vl -mavx512bw).
 * The 64x64 -> 128-bit high product AVX-512 lacks is emulated with four vpmuludq (v_mulhi64), as in HEXL's
 * AVX512DQ "64-bit" paths; the low product is one vpmullq.
 */
#include "avx512_common.h"

typedef struct {
    __m512i q, q2;
} vctx_dq;

static inline vctx_dq vctx_make_dq(uint64_t q) {
    vctx_dq c = {V_SET1(q), V_SET1(2 * q)};
    return c;
}

static inline __m512i v_mulshoup_dq(__m512i y, __m512i w, __m512i ws, const vctx_dq *c) {
    return v_mulshoup64_lazy(y, w, ws, c->q, c->q2);
}

#define HEQ_ISA avx512dq
#define VCTX vctx_dq
#define vctx_make vctx_make_dq
#define v_mulshoup v_mulshoup_dq
#define HEQ_SPLANE 1
#include "ntt_avx512.inc"

/* Remainder loops: the scalar tier's code on the last n % 8 elements. */
#define TAIL(n) ((n) & ~(uint64_t)7)

HEQ_API void heq_mul_mod_avx512dq(uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n, uint64_t q,
                                  uint64_t in_factor) {
    const uint64_t hd = heq_head(out, n); /* scalar head so the vector stores are aligned */
    if (hd) {
        heq_mul_mod_scalar(out, a, b, hd, q, in_factor);
        out += hd, a += hd, b += hd, n -= hd;
    }
    /*
     * Barrett on the full 128-bit product (see scalar.c barrett128): x = hi 2^64 + lo, c1 = x >> (nb - 2),
     * qhat = mulhi(c1, mu), r = lo - qhat q in [0, 3q), then two conditional subtractions.
     */
    const uint64_t nb = heq_bitlen(q);
    const __m128i s = _mm_cvtsi64_si128((long long)(nb - 2)), s2 = _mm_cvtsi64_si128((long long)(66 - nb));
    const __m512i vq = V_SET1(q), vq2 = V_SET1(2 * q), vq4 = V_SET1(4 * q), mu = V_SET1(heq_barrett_mu(q));
    const uint64_t end = TAIL(n);
    if (nb <= 61) {
        /*
         * The quotient with the 3-vpmuludq approximate high product (at most 2 too small): r = x - qhat q lies in
         * [0, 4.5q), below 2^64 because q < 2^61, and three conditional subtractions (4q, 2q, q) finish.
         */
        _Pragma("GCC unroll 4") for (uint64_t i = 0; i < end; i += 8) {
            __m512i x = V_LOAD(a + i), y = V_LOAD(b + i);
            if (in_factor != 1) {
                x = v_csub(v_csub(x, vq2), vq);
                y = v_csub(v_csub(y, vq2), vq);
            }
            __m512i lo = _mm512_mullo_epi64(x, y), hi = v_mulhi64(x, y);
            __m512i c1 = _mm512_or_si512(_mm512_srl_epi64(lo, s), _mm512_sll_epi64(hi, s2));
            __m512i r = _mm512_sub_epi64(lo, _mm512_mullo_epi64(v_mulhi64_approx(c1, mu), vq));
            V_STORE(out + i, v_csub(v_csub(v_csub(r, vq4), vq2), vq));
        }
    } else {
        _Pragma("GCC unroll 4") for (uint64_t i = 0; i < end; i += 8) {
            __m512i x = V_LOAD(a + i), y = V_LOAD(b + i);
            if (in_factor != 1) {
                x = v_csub(v_csub(x, vq2), vq);
                y = v_csub(v_csub(y, vq2), vq);
            }
            __m512i lo = _mm512_mullo_epi64(x, y), hi = v_mulhi64(x, y);
            __m512i c1 = _mm512_or_si512(_mm512_srl_epi64(lo, s), _mm512_sll_epi64(hi, s2)); /* shift 64 gives 0 */
            __m512i r = _mm512_sub_epi64(lo, _mm512_mullo_epi64(v_mulhi64(c1, mu), vq));
            V_STORE(out + i, v_csub(v_csub(r, vq2), vq));
        }
    }
    heq_mul_mod_scalar(out + end, a + end, b + end, n - end, q, in_factor);
}

HEQ_API void heq_mul_const_mod_avx512dq(uint64_t *out, const uint64_t *a, uint64_t w, uint64_t w_shoup, uint64_t n,
                                        uint64_t q, uint64_t in_factor) {
    const uint64_t hd = heq_head(out, n); /* scalar head so the vector stores are aligned */
    if (hd) {
        heq_mul_const_mod_scalar(out, a, w, w_shoup, hd, q, in_factor);
        out += hd, a += hd, n -= hd;
    }
    const __m512i vq = V_SET1(q), vq2 = V_SET1(2 * q), vw = V_SET1(w), vws = V_SET1(w_shoup);
    const uint64_t end = TAIL(n);
    for (uint64_t i = 0; i < end; i += 8) {
        V_STORE(out + i, v_csub(v_mulshoup64_lazy(V_LOAD(a + i), vw, vws, vq, vq2), vq));
    }
    heq_mul_const_mod_scalar(out + end, a + end, w, w_shoup, n - end, q, in_factor);
}

HEQ_API void heq_fma_mod_avx512dq(uint64_t *out, const uint64_t *a, uint64_t w, const uint64_t *c, uint64_t n,
                                  uint64_t q, uint64_t in_factor) {
    const uint64_t ws = heq_shoup_bits(w, q, 64);
    if (c == NULL) {
        heq_mul_const_mod_avx512dq(out, a, w, ws, n, q, in_factor);
        return;
    }
    const uint64_t hd = heq_head(out, n); /* scalar head so the vector stores are aligned */
    if (hd) {
        heq_fma_mod_scalar(out, a, w, c, hd, q, in_factor);
        out += hd, a += hd, c += hd, n -= hd;
    }
    const __m512i vq = V_SET1(q), vq2 = V_SET1(2 * q), vw = V_SET1(w), vws = V_SET1(ws);
    const uint64_t end = TAIL(n);
    for (uint64_t i = 0; i < end; i += 8) {
        __m512i r = _mm512_add_epi64(v_mulshoup64_lazy(V_LOAD(a + i), vw, vws, vq, vq2), V_LOAD(c + i)); /* [0, 3q) */
        V_STORE(out + i, v_csub(v_csub(r, vq2), vq));
    }
    heq_fma_mod_scalar(out + end, a + end, w, c + end, n - end, q, in_factor);
}

HEQ_API void heq_add_mod_avx512dq(uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n, uint64_t q) {
    const uint64_t hd = heq_head(out, n); /* scalar head so the vector stores are aligned */
    if (hd) {
        heq_add_mod_scalar(out, a, b, hd, q);
        out += hd, a += hd, b += hd, n -= hd;
    }
    const __m512i vq = V_SET1(q);
    const uint64_t end = TAIL(n);
    for (uint64_t i = 0; i < end; i += 8) {
        V_STORE(out + i, v_csub(_mm512_add_epi64(V_LOAD(a + i), V_LOAD(b + i)), vq));
    }
    heq_add_mod_scalar(out + end, a + end, b + end, n - end, q);
}

HEQ_API void heq_sub_mod_avx512dq(uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n, uint64_t q) {
    const uint64_t hd = heq_head(out, n); /* scalar head so the vector stores are aligned */
    if (hd) {
        heq_sub_mod_scalar(out, a, b, hd, q);
        out += hd, a += hd, b += hd, n -= hd;
    }
    const __m512i vq = V_SET1(q);
    const uint64_t end = TAIL(n);
    for (uint64_t i = 0; i < end; i += 8) {
        V_STORE(out + i, v_submod(V_LOAD(a + i), V_LOAD(b + i), vq));
    }
    heq_sub_mod_scalar(out + end, a + end, b + end, n - end, q);
}

HEQ_API void heq_neg_mod_avx512dq(uint64_t *out, const uint64_t *a, uint64_t n, uint64_t q) {
    const uint64_t hd = heq_head(out, n); /* scalar head so the vector stores are aligned */
    if (hd) {
        heq_neg_mod_scalar(out, a, hd, q);
        out += hd, a += hd, n -= hd;
    }
    const __m512i vq = V_SET1(q), zero = _mm512_setzero_si512();
    const uint64_t end = TAIL(n);
    for (uint64_t i = 0; i < end; i += 8) {
        V_STORE(out + i, v_submod(zero, V_LOAD(a + i), vq));
    }
    heq_neg_mod_scalar(out + end, a + end, n - end, q);
}

HEQ_API void heq_reduce_mod_avx512dq(uint64_t *out, const uint64_t *a, uint64_t n, uint64_t q, uint64_t in_factor,
                                     uint64_t out_factor) {
    const uint64_t hd = heq_head(out, n); /* scalar head so the vector stores are aligned */
    if (hd) {
        heq_reduce_mod_scalar(out, a, hd, q, in_factor, out_factor);
        out += hd, a += hd, n -= hd;
    }
    const __m512i vq = V_SET1(q), vq2 = V_SET1(2 * q), mu64 = V_SET1(UINT64_MAX / q);
    const uint64_t end = TAIL(n);
    for (uint64_t i = 0; i < end; i += 8) {
        __m512i x = V_LOAD(a + i);
        if (in_factor == 0) {
            x = v_barrett64_lazy(x, vq, mu64); /* [0, 2q) */
        } else if (in_factor == 4) {
            x = v_csub(x, vq2);
        }
        if (out_factor == 1) {
            x = v_csub(x, vq);
        }
        V_STORE(out + i, x);
    }
    heq_reduce_mod_scalar(out + end, a + end, n - end, q, in_factor, out_factor);
}

HEQ_API void heq_mac128_avx512dq(uint64_t *acc, const uint64_t *a, const uint64_t *b, uint64_t n) {
    const __m512i one = V_SET1(1);
    const uint64_t end = TAIL(n);
    for (uint64_t i = 0; i < end; i += 8) {
        __m512i x = V_LOAD(a + i), y = V_LOAD(b + i);
        __m512i plo = _mm512_mullo_epi64(x, y), phi = v_mulhi64(x, y);
        __m512i lo = _mm512_add_epi64(V_LOAD(acc + i), plo);
        __mmask8 carry = _mm512_cmplt_epu64_mask(lo, plo);
        __m512i hi = _mm512_add_epi64(V_LOAD(acc + n + i), phi);
        hi = _mm512_mask_add_epi64(hi, carry, hi, one);
        V_STORE(acc + i, lo);
        V_STORE(acc + n + i, hi);
    }
    /* the scalar tail addresses its high plane as acc[n_tail + i]: do it by hand instead */
    for (uint64_t i = end; i < n; i++) {
        heq_u128 s = ((heq_u128)acc[n + i] << 64 | acc[i]) + (heq_u128)a[i] * b[i];
        acc[i] = (uint64_t)s;
        acc[n + i] = (uint64_t)(s >> 64);
    }
}

HEQ_API void heq_mac128_reduce_avx512dq(uint64_t *out, const uint64_t *acc, uint64_t n, uint64_t q) {
    const uint64_t r64 = (uint64_t)(((heq_u128)1 << 64) % q);
    const __m512i vq = V_SET1(q), vq2 = V_SET1(2 * q), mu64 = V_SET1(UINT64_MAX / q);
    const __m512i vr = V_SET1(r64), vrs = V_SET1(heq_shoup_bits(r64, q, 64));
    const uint64_t end = TAIL(n);
    for (uint64_t i = 0; i < end; i += 8) {
        __m512i h = v_csub(v_barrett64_lazy(V_LOAD(acc + n + i), vq, mu64), vq);
        __m512i l = v_barrett64_lazy(V_LOAD(acc + i), vq, mu64);
        __m512i r = _mm512_add_epi64(v_mulshoup64(h, vr, vrs, vq), l); /* [0, 4q) */
        V_STORE(out + i, v_csub(v_csub(r, vq2), vq));
    }
    const uint64_t mu = UINT64_MAX / q, rs = heq_shoup_bits(r64, q, 64);
    for (uint64_t i = end; i < n; i++) {
        uint64_t h = acc[n + i] - heq_mulhi64(acc[n + i], mu) * q;
        h = heq_csub(h, q);
        uint64_t l = acc[i] - heq_mulhi64(acc[i], mu) * q;
        uint64_t r = h * r64 - heq_mulhi64(h, rs) * q + l;
        out[i] = heq_csub(heq_csub(r, 2 * q), q);
    }
}

/*
 * Fused c0/c1 multiply-accumulate (see heq_mac_pair_scalar for the sums and their bounds: the same 128-bit
 * hi 2^64 + lo per lane, the same acc planes [lo0 | hi0 | lo1 | hi1] and the same invariant hi < q between calls).
 * Register-blocked: for each vector of 8 coefficients the four sums stay in zmm registers across the k <= 8
 * products, each b_j is loaded once for both components, and acc is touched once per call (not at all for a
 * single FIRST|LAST call). A final partial vector uses masked loads/stores, so any n works.
 */
static inline __attribute__((always_inline)) void dq_mac_pair_vec(uint64_t *out0, uint64_t *out1, uint64_t *acc, uint64_t n,
                                                                  uint64_t i, __mmask8 m, uint64_t k, int first, int last,
                                                                  const uint64_t *const *A0, const uint64_t *const *A1,
                                                                  const uint64_t *const *B, __m512i vq, __m512i vq2,
                                                                  __m512i mu64, __m512i vr, __m512i vrs) {
    const __m512i one = V_SET1(1);
    __m512i lo0, hi0, lo1, hi1;
    if (first) {
        lo0 = hi0 = lo1 = hi1 = _mm512_setzero_si512();
    } else {
        lo0 = _mm512_maskz_loadu_epi64(m, acc + i);
        hi0 = _mm512_maskz_loadu_epi64(m, acc + n + i);
        lo1 = _mm512_maskz_loadu_epi64(m, acc + 2 * n + i);
        hi1 = _mm512_maskz_loadu_epi64(m, acc + 3 * n + i);
    }
    for (uint64_t j = 0; j < k; j++) {
        __m512i y = _mm512_maskz_loadu_epi64(m, B[j] + i);
        __m512i x0 = _mm512_maskz_loadu_epi64(m, A0[j] + i), x1 = _mm512_maskz_loadu_epi64(m, A1[j] + i);
        __m512i p0 = _mm512_mullo_epi64(x0, y), p1 = _mm512_mullo_epi64(x1, y);
        lo0 = _mm512_add_epi64(lo0, p0);
        lo1 = _mm512_add_epi64(lo1, p1);
        hi0 = _mm512_add_epi64(hi0, v_mulhi64(x0, y));
        hi1 = _mm512_add_epi64(hi1, v_mulhi64(x1, y));
        hi0 = _mm512_mask_add_epi64(hi0, _mm512_cmplt_epu64_mask(lo0, p0), hi0, one); /* carry out of lo */
        hi1 = _mm512_mask_add_epi64(hi1, _mm512_cmplt_epu64_mask(lo1, p1), hi1, one);
    }
    __m512i h0 = v_csub(v_barrett64_lazy(hi0, vq, mu64), vq); /* [0, q) */
    __m512i h1 = v_csub(v_barrett64_lazy(hi1, vq, mu64), vq);
    if (last) {
        __m512i r0 = _mm512_add_epi64(v_mulshoup64(h0, vr, vrs, vq), v_barrett64_lazy(lo0, vq, mu64)); /* [0, 4q) */
        __m512i r1 = _mm512_add_epi64(v_mulshoup64(h1, vr, vrs, vq), v_barrett64_lazy(lo1, vq, mu64));
        _mm512_mask_storeu_epi64(out0 + i, m, v_csub(v_csub(r0, vq2), vq));
        _mm512_mask_storeu_epi64(out1 + i, m, v_csub(v_csub(r1, vq2), vq));
    } else {
        _mm512_mask_storeu_epi64(acc + i, m, lo0);
        _mm512_mask_storeu_epi64(acc + n + i, m, h0);
        _mm512_mask_storeu_epi64(acc + 2 * n + i, m, lo1);
        _mm512_mask_storeu_epi64(acc + 3 * n + i, m, h1);
    }
}

static inline __attribute__((always_inline)) void dq_mac_pair(uint64_t *out0, uint64_t *out1, uint64_t *acc, uint64_t n,
                                                              uint64_t q, uint64_t k, uint64_t flags,
                                                              const uint64_t *const *A0, const uint64_t *const *A1,
                                                              const uint64_t *const *B, int first, int last) {
    const uint64_t r64 = (uint64_t)(((heq_u128)1 << 64) % q);
    const __m512i vq = V_SET1(q), vq2 = V_SET1(2 * q), mu64 = V_SET1(UINT64_MAX / q);
    const __m512i vr = V_SET1(r64), vrs = V_SET1(heq_shoup_bits(r64, q, 64));
    (void)flags;
    uint64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        dq_mac_pair_vec(out0, out1, acc, n, i, 0xFF, k, first, last, A0, A1, B, vq, vq2, mu64, vr, vrs);
    }
    if (i < n) {
        dq_mac_pair_vec(out0, out1, acc, n, i, (__mmask8)((1u << (n - i)) - 1), k, first, last, A0, A1, B, vq, vq2, mu64, vr, vrs);
    }
}

HEQ_API void heq_mac_pair_avx512dq(uint64_t *out0, uint64_t *out1, uint64_t *acc, uint64_t n, uint64_t q, uint64_t k,
                                   uint64_t flags, HEQ_MAC_PAIR_OPERANDS) {
    assert(k >= 1 && k <= HEQ_MAC_PAIR_BATCH && q >= 2 && (q >> 62) == 0);
    HEQ_MAC_PAIR_GATHER(A0, A1, B);
    const int first = (flags & HEQ_MAC_PAIR_FIRST) != 0, last = (flags & HEQ_MAC_PAIR_LAST) != 0;
    /* planes [lo0 | hi0 | lo1 | hi1] after an 8-word header, as heq_mac_pair_scalar */
    if (!(first && last)) {
        acc += 8;
    }
    /* four specialisations so the first/last branches leave the per-vector code */
    if (first && last) {
        dq_mac_pair(out0, out1, acc, n, q, k, flags, A0, A1, B, 1, 1);
    } else if (first) {
        dq_mac_pair(out0, out1, acc, n, q, k, flags, A0, A1, B, 1, 0);
    } else if (last) {
        dq_mac_pair(out0, out1, acc, n, q, k, flags, A0, A1, B, 0, 1);
    } else {
        dq_mac_pair(out0, out1, acc, n, q, k, flags, A0, A1, B, 0, 0);
    }
}

/*
 * a b + c in blocks of HEQ_MUL_ADD_BLOCK: the DQ product is the multi-instruction Barrett of heq_mul_mod_avx512dq,
 * so the block's products go to a stack buffer that stays in L1 and the addition is a second, cheap pass over it.
 * Exact aliasing of out with a, b or c is safe: a block is read completely before it is written.
 */
#define HEQ_MUL_ADD_BLOCK 256
HEQ_API void heq_mul_add_mod_avx512dq(uint64_t *out, const uint64_t *a, const uint64_t *b, const uint64_t *c, uint64_t n,
                                      uint64_t q) {
    uint64_t tmp[HEQ_MUL_ADD_BLOCK] __attribute__((aligned(64)));
    for (uint64_t i = 0; i < n; i += HEQ_MUL_ADD_BLOCK) {
        uint64_t m = n - i < HEQ_MUL_ADD_BLOCK ? n - i : HEQ_MUL_ADD_BLOCK;
        heq_mul_mod_avx512dq(tmp, a + i, b + i, m, q, 1);
        heq_add_mod_avx512dq(out + i, tmp, c + i, m, q);
    }
}
