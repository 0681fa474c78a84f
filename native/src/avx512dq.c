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
