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

HEQ_API void heq_mul_add_mod_avx512ifma(uint64_t *out, const uint64_t *a, const uint64_t *b, const uint64_t *cc,
                                        uint64_t n, uint64_t q) {
    /* the Barrett product of heq_mul_mod_avx512ifma (r in [0, 3q)) plus c in [0, q): [0, 4q) < 2^52, two csubs */
    assert(q < (1ull << 50));
    const uint64_t hd = heq_head(out, n);
    if (hd) {
        heq_mul_add_mod_scalar(out, a, b, cc, hd, q);
        out += hd, a += hd, b += hd, cc += hd, n -= hd;
    }
    const vctx_ifma c = vctx_make_ifma(q);
    const uint64_t nb = heq_bitlen(q);
    const __m128i s = _mm_cvtsi64_si128((long long)(nb - 1)), s2 = _mm_cvtsi64_si128((long long)(53 - nb));
    const __m512i mu = V_SET1((uint64_t)((((heq_u128)1 << (51 + nb)) - 1) / q));
    const uint64_t end = TAIL(n);
    _Pragma("GCC unroll 4") for (uint64_t i = 0; i < end; i += 8) {
        __m512i x = V_LOAD(a + i), y = V_LOAD(b + i);
        __m512i lo = _mm512_madd52lo_epu64(c.zero, x, y), hi = _mm512_madd52hi_epu64(c.zero, x, y);
        __m512i c1 = _mm512_or_si512(_mm512_srl_epi64(lo, s), _mm512_sll_epi64(hi, s2));
        __m512i qh = _mm512_madd52hi_epu64(c.zero, c1, mu);
        __m512i r = _mm512_and_si512(_mm512_madd52lo_epu64(lo, qh, c.negq), c.mask52);
        r = _mm512_add_epi64(r, V_LOAD(cc + i));
        V_STORE(out + i, v_csub(v_csub(r, c.q2), c.q));
    }
    heq_mul_add_mod_scalar(out + end, a + end, b + end, cc + end, n - end, q);
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

/*
 * Fused c0/c1 multiply-accumulate with 52-bit multipliers (vpmadd52luq / vpmadd52huq), register-blocked: for
 * each block of V vectors (8 coefficients each) the sums of both components stay in zmm registers across the
 * k <= 8 products of a call, each b_j is loaded once for both components, and acc is touched once per call (not
 * at all for a single FIRST|LAST call). A final partial vector uses masked loads/stores (any n).
 *
 * Narrow path, q < 2^50 (acc planes [L0 | H0 | L1 | H1]): a product x y of x, y < q < 2^50 is < 2^100 and
 * splits exactly as lo52(x y) + 2^52 hi52(x y) with lo52 < 2^52 and hi52 < 2^48; the sum is S = H 2^52 + L with
 * L += lo52, H += hi52 (no carries between them: L absorbs its overflow as bits >= 52). After T terms since
 * FIRST/FOLD (a folded residue < q counting as one), L < T 2^52 and H < T 2^48, so L stays below 2^64 for
 * T <= 4096 (HEQ_MAC_PAIR_MAX_TERMS = 1024 is what callers get, for the wide path's sake).
 *
 * Wide path, 2^50 <= q < 2^62 (acc planes [C0_0 | C1_0 | C2_0 | C0_1 | C1_1 | C2_1]): vpmadd52 reads the low
 * 52 bits of its inputs, so with x = x1 2^52 + x0, y = y1 2^52 + y0 (x1, y1 < 2^10):
 *   x y = lo52(x0 y0) + 2^52 (hi52(x0 y0) + lo52(x1 y0) + lo52(x0 y1)) + 2^104 (hi52(x1 y0) + hi52(x0 y1) + x1 y1)
 * (x1 y0, x0 y1 < 2^62 so their hi52 < 2^10; x1 y1 < 2^20 = its lo52): seven vpmadd52 per product and
 * component, into S = C0 + 2^52 C1 + 2^104 C2. Per term C0 += < 2^52, C1 += < 3 2^52, C2 += < 2^21; with
 * T <= 1024 terms (a folded residue < 2^62 sitting in C0) C0 < 2^63 and C1 < 3 2^62 < 2^64.
 *
 * The final reductions are exact, result in [0, q); FOLD stores that residue as the whole sum.
 */

/* Shoup constants for the narrow reduction: w and floor(w 2^52 / q) for w = 1, 2^52 mod q, 2^104 mod q. */
typedef struct {
    __m512i w1, w1s, r52, r52s, r104, r104s, q, q2, q4, negq, mask52, zero;
} narrow_ctx;

static inline narrow_ctx narrow_make(uint64_t q) {
    const uint64_t r52 = ((uint64_t)1 << 52) % q, r104 = (uint64_t)(((heq_u128)r52 * r52) % q);
    narrow_ctx c = {V_SET1(1), V_SET1(heq_shoup_bits(1, q, 52)), V_SET1(r52), V_SET1(heq_shoup_bits(r52, q, 52)),
                    V_SET1(r104), V_SET1(heq_shoup_bits(r104, q, 52)), V_SET1(q), V_SET1(2 * q), V_SET1(4 * q),
                    V_SET1((1ull << 52) - q), V_SET1((1ull << 52) - 1), _mm512_setzero_si512()};
    return c;
}

/*
 * (H 2^52 + L) mod q in [0, q) for any L, H < 2^64 and q < 2^50: with L = l1 2^52 + l0, H = h1 2^52 + h0 (all
 * digits < 2^52), S = l0 + (l1 + h0) 2^52 + h1 2^104, and each of l0 1, l1 r52, h0 r52, h1 r104 is taken mod q by
 * a 52-bit Shoup product (v_mulshoup_ifma: input < 2^52, result in [0, 2q)); the sum < 8q < 2^53 then needs three
 * conditional subtractions.
 */
static inline __m512i narrow_reduce(__m512i L, __m512i H, const narrow_ctx *c) {
    const vctx_ifma v = {c->q, c->q2, c->negq, c->mask52, c->zero};
    __m512i l0 = _mm512_and_si512(L, c->mask52), l1 = _mm512_srli_epi64(L, 52);
    __m512i h0 = _mm512_and_si512(H, c->mask52), h1 = _mm512_srli_epi64(H, 52);
    __m512i s = _mm512_add_epi64(v_mulshoup_ifma(l0, c->w1, c->w1s, &v), v_mulshoup_ifma(l1, c->r52, c->r52s, &v));
    s = _mm512_add_epi64(s, v_mulshoup_ifma(h0, c->r52, c->r52s, &v));
    s = _mm512_add_epi64(s, v_mulshoup_ifma(h1, c->r104, c->r104s, &v)); /* [0, 8q) */
    return v_csub(v_csub(v_csub(s, c->q4), c->q2), c->q);
}

static inline __attribute__((always_inline)) void narrow_block(uint64_t *out0, uint64_t *out1, uint64_t *acc, uint64_t n,
                                                               uint64_t i, const int V, __mmask8 m, uint64_t k, int first,
                                                               int last, int fold, const uint64_t *const *A0,
                                                               const uint64_t *const *A1, const uint64_t *const *B,
                                                               const narrow_ctx *c) {
    __m512i L0[2], H0[2], L1[2], H1[2];
    for (int v = 0; v < V; v++) {
        const __mmask8 mv = v == V - 1 ? m : 0xFF;
        const uint64_t e = i + 8 * v;
        if (first) {
            L0[v] = H0[v] = L1[v] = H1[v] = c->zero;
        } else {
            L0[v] = _mm512_maskz_loadu_epi64(mv, acc + e);
            H0[v] = _mm512_maskz_loadu_epi64(mv, acc + n + e);
            L1[v] = _mm512_maskz_loadu_epi64(mv, acc + 2 * n + e);
            H1[v] = _mm512_maskz_loadu_epi64(mv, acc + 3 * n + e);
        }
    }
    for (uint64_t j = 0; j < k; j++) {
        for (int v = 0; v < V; v++) {
            const __mmask8 mv = v == V - 1 ? m : 0xFF;
            const uint64_t e = i + 8 * v;
            __m512i y = _mm512_maskz_loadu_epi64(mv, B[j] + e);
            __m512i x0 = _mm512_maskz_loadu_epi64(mv, A0[j] + e), x1 = _mm512_maskz_loadu_epi64(mv, A1[j] + e);
            L0[v] = _mm512_madd52lo_epu64(L0[v], x0, y);
            H0[v] = _mm512_madd52hi_epu64(H0[v], x0, y);
            L1[v] = _mm512_madd52lo_epu64(L1[v], x1, y);
            H1[v] = _mm512_madd52hi_epu64(H1[v], x1, y);
        }
    }
    for (int v = 0; v < V; v++) {
        const __mmask8 mv = v == V - 1 ? m : 0xFF;
        const uint64_t e = i + 8 * v;
        if (last) {
            _mm512_mask_storeu_epi64(out0 + e, mv, narrow_reduce(L0[v], H0[v], c));
            _mm512_mask_storeu_epi64(out1 + e, mv, narrow_reduce(L1[v], H1[v], c));
        } else if (fold) {
            _mm512_mask_storeu_epi64(acc + e, mv, narrow_reduce(L0[v], H0[v], c));
            _mm512_mask_storeu_epi64(acc + n + e, mv, c->zero);
            _mm512_mask_storeu_epi64(acc + 2 * n + e, mv, narrow_reduce(L1[v], H1[v], c));
            _mm512_mask_storeu_epi64(acc + 3 * n + e, mv, c->zero);
        } else {
            _mm512_mask_storeu_epi64(acc + e, mv, L0[v]);
            _mm512_mask_storeu_epi64(acc + n + e, mv, H0[v]);
            _mm512_mask_storeu_epi64(acc + 2 * n + e, mv, L1[v]);
            _mm512_mask_storeu_epi64(acc + 3 * n + e, mv, H1[v]);
        }
    }
}

/*
 * Elements to run before every operand reaches a 64-byte boundary, when all 3k operands share one offset mod 64
 * (0 otherwise, or when already aligned). With two 512-bit loads per cycle, three loads that each split a cache
 * line cost six load slots per four vpmadd52, which makes the loop load-bound (measured ≈ 1.5x slower than
 * aligned at N = 4096); a JVM run with -XX:ObjectAlignmentInBytes=64 gives every long[] the same offset (16 bytes
 * past a 64-byte boundary), so one short head aligns all of them.
 */
static inline uint64_t common_head(const uint64_t *const *A0, const uint64_t *const *A1, const uint64_t *const *B, uint64_t k,
                                   uint64_t n) {
    const uintptr_t mis = (uintptr_t)B[0] & 63;
    if (mis == 0 || (mis & 7) != 0) return 0;
    for (uint64_t j = 0; j < k; j++) {
        if (((uintptr_t)A0[j] & 63) != mis || ((uintptr_t)A1[j] & 63) != mis || ((uintptr_t)B[j] & 63) != mis) return 0;
    }
    const uint64_t h = (64 - mis) / 8;
    return h < n ? h : n;
}

static inline __attribute__((always_inline)) void narrow_mac_pair(uint64_t *out0, uint64_t *out1, uint64_t *acc, uint64_t n,
                                                                  uint64_t q, uint64_t k, uint64_t head, int first, int last, int fold,
                                                                  const uint64_t *const *A0, const uint64_t *const *A1,
                                                                  const uint64_t *const *B) {
    const narrow_ctx c = narrow_make(q);
    uint64_t i = head;
    if (i > 0) {
        narrow_block(out0, out1, acc, n, 0, 1, (__mmask8)((1u << i) - 1), k, first, last, fold, A0, A1, B, &c);
    }
    for (; i + 16 <= n; i += 16) {
        narrow_block(out0, out1, acc, n, i, 2, 0xFF, k, first, last, fold, A0, A1, B, &c);
    }
    for (; i < n; i += 8) {
        const __mmask8 m = n - i >= 8 ? 0xFF : (__mmask8)((1u << (n - i)) - 1);
        narrow_block(out0, out1, acc, n, i, 1, m, k, first, last, fold, A0, A1, B, &c);
    }
}

/* Constants for the wide reduction (64-bit Shoup and Barrett, as heq_mac128_reduce_avx512dq). */
typedef struct {
    __m512i q, q2, mu64, r52, r52s, r104, r104s, mask52, zero;
} wide_ctx;

static inline wide_ctx wide_make(uint64_t q) {
    const uint64_t r52 = (uint64_t)(((heq_u128)1 << 52) % q), r104 = (uint64_t)(((heq_u128)r52 * r52) % q);
    wide_ctx c = {V_SET1(q), V_SET1(2 * q), V_SET1(UINT64_MAX / q), V_SET1(r52), V_SET1(heq_shoup_bits(r52, q, 64)),
                  V_SET1(r104), V_SET1(heq_shoup_bits(r104, q, 64)), V_SET1((1ull << 52) - 1), _mm512_setzero_si512()};
    return c;
}

/*
 * (C0 + 2^52 C1 + 2^104 C2) mod q in [0, q), any 64-bit digits, q < 2^62: each digit mod q by the lazy 64-bit
 * Barrett and a conditional subtraction, the two weighted ones times 2^52 mod q and 2^104 mod q by exact Shoup
 * ([0, 2q), then [0, q)); the sum of three values below q is < 3q < 2^64, two conditional subtractions finish.
 */
static inline __m512i wide_reduce(__m512i C0, __m512i C1, __m512i C2, const wide_ctx *c) {
    __m512i d0 = v_csub(v_barrett64_lazy(C0, c->q, c->mu64), c->q);
    __m512i d1 = v_csub(v_barrett64_lazy(C1, c->q, c->mu64), c->q);
    __m512i d2 = v_csub(v_barrett64_lazy(C2, c->q, c->mu64), c->q);
    __m512i t1 = v_csub(v_mulshoup64(d1, c->r52, c->r52s, c->q), c->q);
    __m512i t2 = v_csub(v_mulshoup64(d2, c->r104, c->r104s, c->q), c->q);
    __m512i s = _mm512_add_epi64(_mm512_add_epi64(d0, t1), t2); /* [0, 3q) */
    return v_csub(v_csub(s, c->q2), c->q);
}

static inline __attribute__((always_inline)) void wide_block(uint64_t *out0, uint64_t *out1, uint64_t *acc, uint64_t n,
                                                             uint64_t i, const int V, __mmask8 m, uint64_t k, int first,
                                                             int last, int fold, const uint64_t *const *A0,
                                                             const uint64_t *const *A1, const uint64_t *const *B,
                                                             const wide_ctx *c) {
    __m512i C[2][2][3]; /* [vector][component][digit] */
    for (int v = 0; v < V; v++) {
        const __mmask8 mv = v == V - 1 ? m : 0xFF;
        for (int s = 0; s < 2; s++) {
            for (int d = 0; d < 3; d++) {
                C[v][s][d] = first ? c->zero : _mm512_maskz_loadu_epi64(mv, acc + (3 * s + d) * n + i + 8 * v);
            }
        }
    }
    for (uint64_t j = 0; j < k; j++) {
        for (int v = 0; v < V; v++) {
            const __mmask8 mv = v == V - 1 ? m : 0xFF;
            const uint64_t e = i + 8 * v;
            __m512i y = _mm512_maskz_loadu_epi64(mv, B[j] + e), y1 = _mm512_srli_epi64(y, 52);
            for (int s = 0; s < 2; s++) {
                __m512i x = _mm512_maskz_loadu_epi64(mv, (s == 0 ? A0[j] : A1[j]) + e), x1 = _mm512_srli_epi64(x, 52);
                __m512i *D = C[v][s];
                D[0] = _mm512_madd52lo_epu64(D[0], x, y);
                D[1] = _mm512_madd52hi_epu64(D[1], x, y);
                D[1] = _mm512_madd52lo_epu64(D[1], x1, y);
                D[1] = _mm512_madd52lo_epu64(D[1], x, y1);
                D[2] = _mm512_madd52hi_epu64(D[2], x1, y);
                D[2] = _mm512_madd52hi_epu64(D[2], x, y1);
                D[2] = _mm512_madd52lo_epu64(D[2], x1, y1);
            }
        }
    }
    for (int v = 0; v < V; v++) {
        const __mmask8 mv = v == V - 1 ? m : 0xFF;
        const uint64_t e = i + 8 * v;
        for (int s = 0; s < 2; s++) {
            __m512i *D = C[v][s];
            if (last) {
                _mm512_mask_storeu_epi64((s == 0 ? out0 : out1) + e, mv, wide_reduce(D[0], D[1], D[2], c));
            } else if (fold) {
                _mm512_mask_storeu_epi64(acc + 3 * s * n + e, mv, wide_reduce(D[0], D[1], D[2], c));
                _mm512_mask_storeu_epi64(acc + (3 * s + 1) * n + e, mv, c->zero);
                _mm512_mask_storeu_epi64(acc + (3 * s + 2) * n + e, mv, c->zero);
            } else {
                for (int d = 0; d < 3; d++) {
                    _mm512_mask_storeu_epi64(acc + (3 * s + d) * n + e, mv, D[d]);
                }
            }
        }
    }
}

static inline __attribute__((always_inline)) void wide_mac_pair(uint64_t *out0, uint64_t *out1, uint64_t *acc, uint64_t n,
                                                                uint64_t q, uint64_t k, uint64_t head, int first, int last, int fold,
                                                                const uint64_t *const *A0, const uint64_t *const *A1,
                                                                const uint64_t *const *B) {
    const wide_ctx c = wide_make(q);
    uint64_t i = head;
    if (i > 0) {
        wide_block(out0, out1, acc, n, 0, 1, (__mmask8)((1u << i) - 1), k, first, last, fold, A0, A1, B, &c);
    }
    /* two vectors per block: 12 independent digit sums hide the 3-deep vpmadd52 chains into digits 1 and 2 */
    for (; i + 16 <= n; i += 16) {
        wide_block(out0, out1, acc, n, i, 2, 0xFF, k, first, last, fold, A0, A1, B, &c);
    }
    for (; i < n; i += 8) {
        const __mmask8 m = n - i >= 8 ? 0xFF : (__mmask8)((1u << (n - i)) - 1);
        wide_block(out0, out1, acc, n, i, 1, m, k, first, last, fold, A0, A1, B, &c);
    }
}

HEQ_API void heq_mac_pair_avx512ifma(uint64_t *out0, uint64_t *out1, uint64_t *acc, uint64_t n, uint64_t q, uint64_t k,
                                     uint64_t flags, HEQ_MAC_PAIR_OPERANDS) {
    assert(k >= 1 && k <= HEQ_MAC_PAIR_BATCH && q >= 2 && (q >> 62) == 0);
    HEQ_MAC_PAIR_GATHER(A0, A1, B);
    const int first = (flags & HEQ_MAC_PAIR_FIRST) != 0, last = (flags & HEQ_MAC_PAIR_LAST) != 0;
    const int fold = (flags & HEQ_MAC_PAIR_FOLD) != 0;
    /*
     * acc: word 0 holds the shift s chosen by the FIRST call, the planes start at acc + 8 + s, so that when all
     * operands share one offset mod 64 the accumulator vectors line up with theirs after the head (acc itself
     * 64-byte aligned). Later calls reuse s whatever their operands' offsets (correct either way).
     */
    const uint64_t head = common_head(A0, A1, B, k, n);
    if (!(first && last)) {
        const uint64_t s = first ? (8 - head) & 7 : acc[0] & 7;
        acc[0] = s;
        acc += 8 + s;
    }
    /* specialised on (narrow/wide, first, last) so those branches leave the per-block code; fold is rare */
    if (q < ((uint64_t)1 << 50)) {
        if (first && last) {
            narrow_mac_pair(out0, out1, acc, n, q, k, head, 1, 1, 0, A0, A1, B);
        } else if (first) {
            narrow_mac_pair(out0, out1, acc, n, q, k, head, 1, 0, fold, A0, A1, B);
        } else if (last) {
            narrow_mac_pair(out0, out1, acc, n, q, k, head, 0, 1, 0, A0, A1, B);
        } else {
            narrow_mac_pair(out0, out1, acc, n, q, k, head, 0, 0, fold, A0, A1, B);
        }
    } else {
        if (first && last) {
            wide_mac_pair(out0, out1, acc, n, q, k, head, 1, 1, 0, A0, A1, B);
        } else if (first) {
            wide_mac_pair(out0, out1, acc, n, q, k, head, 1, 0, fold, A0, A1, B);
        } else if (last) {
            wide_mac_pair(out0, out1, acc, n, q, k, head, 0, 1, 0, A0, A1, B);
        } else {
            wide_mac_pair(out0, out1, acc, n, q, k, head, 0, 0, fold, A0, A1, B);
        }
    }
}
