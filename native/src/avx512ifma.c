/*
 * AVX-512 IFMA tier (compiled with the DQ flags plus -mavx512ifma), q < 2^50.
 * vpmadd52lo/hi multiply the low 52 bits of each lane: Harvey's lazy NTT values stay below 4q < 2^52, so every
 * multiplier input fits, and Shoup factors are taken with 52-bit precision, ws = floor(w 2^52 / q).
 * Element-wise operations without products (add, sub, neg, reduce, mac128) are the AVX512DQ ones.
 */
#include "avx512_common.h"

typedef struct {
    __m512i q, q2, negq, mask52, zero;
} vctx_ifma;

static inline vctx_ifma vctx_make_ifma(uint64_t q) {
    vctx_ifma c = {V_SET1(q), V_SET1(2 * q), V_SET1((1ull << 52) - q), V_SET1((1ull << 52) - 1), _mm512_setzero_si512()};
    return c;
}

/*
 * Shoup with 52-bit factors (Harvey 2014 with beta = 2^52): for y < 2^52, Q = floor(y ws / 2^52) gives
 * r = y w - Q q in [0, 2q) < 2^52, so r = (lo52(y w) + lo52(Q (2^52 - q))) mod 2^52: three vpmadd52 and an AND.
 */
static inline __m512i v_mulshoup_ifma(__m512i y, __m512i w, __m512i ws, const vctx_ifma *c) {
    __m512i qh = _mm512_madd52hi_epu64(c->zero, y, ws);
    __m512i t = _mm512_madd52lo_epu64(c->zero, y, w);
    t = _mm512_madd52lo_epu64(t, qh, c->negq);
    return _mm512_and_si512(t, c->mask52);
}

#define HEQ_ISA avx512ifma
#define VCTX vctx_ifma
#define vctx_make vctx_make_ifma
#define v_mulshoup v_mulshoup_ifma
#define HEQ_SPLANE 2
#include "ntt_avx512.inc"

#define TAIL(n) ((n) & ~(uint64_t)7)

HEQ_API void heq_mul_mod_avx512ifma(uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n, uint64_t q,
                                    uint64_t in_factor) {
    /*
     * Barrett in 52-bit limbs. With a, b reduced to [0, q) and q of nb <= 50 bits, x = a b = hi 2^52 + lo < 2^(2nb),
     * c1 = x >> (nb - 1) < 2^51, mu = floor((2^(51+nb) - 1)/q) < 2^52, qhat = floor(c1 mu / 2^52) > x/q - 3, so
     * r = x - qhat q is in [0, 3q) and equals (lo - lo52(qhat q)) mod 2^52.
     */
    assert(q < (1ull << 50));
    const uint64_t hd = heq_head(out, n);
    if (hd) {
        heq_mul_mod_scalar(out, a, b, hd, q, in_factor);
        out += hd, a += hd, b += hd, n -= hd;
    }
    const vctx_ifma c = vctx_make_ifma(q);
    const uint64_t nb = heq_bitlen(q);
    const __m128i s = _mm_cvtsi64_si128((long long)(nb - 1)), s2 = _mm_cvtsi64_si128((long long)(53 - nb));
    const __m512i mu = V_SET1((uint64_t)((((heq_u128)1 << (51 + nb)) - 1) / q));
    const uint64_t end = TAIL(n);
    _Pragma("GCC unroll 4") for (uint64_t i = 0; i < end; i += 8) {
        __m512i x = V_LOAD(a + i), y = V_LOAD(b + i);
        if (in_factor != 1) {
            x = v_csub(v_csub(x, c.q2), c.q);
            y = v_csub(v_csub(y, c.q2), c.q);
        }
        __m512i lo = _mm512_madd52lo_epu64(c.zero, x, y), hi = _mm512_madd52hi_epu64(c.zero, x, y);
        __m512i c1 = _mm512_or_si512(_mm512_srl_epi64(lo, s), _mm512_sll_epi64(hi, s2));
        __m512i qh = _mm512_madd52hi_epu64(c.zero, c1, mu);
        __m512i r = _mm512_and_si512(_mm512_madd52lo_epu64(lo, qh, c.negq), c.mask52);
        V_STORE(out + i, v_csub(v_csub(r, c.q2), c.q));
    }
    heq_mul_mod_scalar(out + end, a + end, b + end, n - end, q, in_factor);
}

HEQ_API void heq_mul_const_mod_avx512ifma(uint64_t *out, const uint64_t *a, uint64_t w, uint64_t w_shoup, uint64_t n,
                                          uint64_t q, uint64_t in_factor) {
    const uint64_t hd = heq_head(out, n); /* scalar head so the vector stores are aligned */
    if (hd) {
        heq_mul_const_mod_scalar(out, a, w, w_shoup, hd, q, in_factor);
        out += hd, a += hd, n -= hd;
    }
    /* floor(floor(w 2^64 / q) / 2^12) = floor(w 2^52 / q): the 52-bit Shoup factor from the 64-bit one. */
    assert(q < (1ull << 50));
    const vctx_ifma c = vctx_make_ifma(q);
    const __m512i vw = V_SET1(w), vws = V_SET1(w_shoup >> 12);
    const uint64_t end = TAIL(n);
    for (uint64_t i = 0; i < end; i += 8) {
        V_STORE(out + i, v_csub(v_mulshoup_ifma(V_LOAD(a + i), vw, vws, &c), c.q));
    }
    heq_mul_const_mod_scalar(out + end, a + end, w, w_shoup, n - end, q, in_factor);
}

HEQ_API void heq_fma_mod_avx512ifma(uint64_t *out, const uint64_t *a, uint64_t w, const uint64_t *cc, uint64_t n,
                                    uint64_t q, uint64_t in_factor) {
    assert(q < (1ull << 50));
    const uint64_t ws64 = heq_shoup_bits(w, q, 64);
    if (cc == NULL) {
        heq_mul_const_mod_avx512ifma(out, a, w, ws64, n, q, in_factor);
        return;
    }
    const uint64_t hd = heq_head(out, n); /* scalar head so the vector stores are aligned */
    if (hd) {
        heq_fma_mod_scalar(out, a, w, cc, hd, q, in_factor);
        out += hd, a += hd, cc += hd, n -= hd;
    }
    const vctx_ifma c = vctx_make_ifma(q);
    const __m512i vw = V_SET1(w), vws = V_SET1(ws64 >> 12);
    const uint64_t end = TAIL(n);
    for (uint64_t i = 0; i < end; i += 8) {
        __m512i r = _mm512_add_epi64(v_mulshoup_ifma(V_LOAD(a + i), vw, vws, &c), V_LOAD(cc + i)); /* [0, 3q) */
        V_STORE(out + i, v_csub(v_csub(r, c.q2), c.q));
    }
    heq_fma_mod_scalar(out + end, a + end, w, cc + end, n - end, q, in_factor);
}

HEQ_API void heq_add_mod_avx512ifma(uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n, uint64_t q) {
    heq_add_mod_avx512dq(out, a, b, n, q);
}

HEQ_API void heq_sub_mod_avx512ifma(uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n, uint64_t q) {
    heq_sub_mod_avx512dq(out, a, b, n, q);
}

HEQ_API void heq_neg_mod_avx512ifma(uint64_t *out, const uint64_t *a, uint64_t n, uint64_t q) {
    heq_neg_mod_avx512dq(out, a, n, q);
}

HEQ_API void heq_reduce_mod_avx512ifma(uint64_t *out, const uint64_t *a, uint64_t n, uint64_t q, uint64_t in_factor,
                                       uint64_t out_factor) {
    heq_reduce_mod_avx512dq(out, a, n, q, in_factor, out_factor);
}

HEQ_API void heq_mac128_avx512ifma(uint64_t *acc, const uint64_t *a, const uint64_t *b, uint64_t n) {
    heq_mac128_avx512dq(acc, a, b, n);
}

HEQ_API void heq_mac128_reduce_avx512ifma(uint64_t *out, const uint64_t *acc, uint64_t n, uint64_t q) {
    heq_mac128_reduce_avx512dq(out, acc, n, q);
}
