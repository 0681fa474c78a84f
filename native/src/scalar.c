/*
 * Scalar C tier: the portable fallback and the reference the AVX-512 tiers are tested against (native/tests).
 * Any q < 2^62. Products use unsigned __int128 (one mul instruction for the high word).
 *
 * NTT: Harvey's lazy butterflies with Shoup twiddles (D. Harvey, "Faster arithmetic for number-theoretic
 * transforms", JSC 2014): forward Cooley-Tukey keeps values in [0, 4q), inverse Gentleman-Sande in [0, 2q);
 * both stay below 2^64 because q < 2^62.
 */
#include <string.h>

#include "heq_internal.h"

/* Shoup: w y mod q in [0, 2q) for any y < 2^64, ws = floor(w 2^64 / q) (Harvey 2014, Alg. 2). */
static inline uint64_t mul_shoup(uint64_t y, uint64_t w, uint64_t ws, uint64_t q) {
    return y * w - heq_mulhi64(y, ws) * q;
}

/*
 * x mod q for a 128-bit x < 2^(nb+62) (in particular every product of two values < q), result in [0, q).
 * c1 = x >> (nb-2) < 2^64; qhat = mulhi(c1, mu) with mu = floor(2^(nb+62)/q) satisfies x/q - 2.5 < qhat <= x/q,
 * so x - qhat q is in [0, 3q) and two conditional subtractions finish.
 */
static inline uint64_t barrett128(heq_u128 x, uint64_t q, uint64_t q2, unsigned s, uint64_t mu) {
    uint64_t c1 = (uint64_t)(x >> s);
    uint64_t r = (uint64_t)x - heq_mulhi64(c1, mu) * q;
    return heq_csub(heq_csub(r, q2), q);
}

/*
 * Any 64-bit x mod q, lazily: mu64 = floor((2^64 - 1)/q) >= 2^64/q - 1, so x mu64 / 2^64 > x/q - 1 and
 * x - mulhi(x, mu64) q is in [0, 2q).
 */
static inline uint64_t barrett64_lazy(uint64_t x, uint64_t q, uint64_t q2, uint64_t mu64) {
    (void)q2;
    return x - heq_mulhi64(x, mu64) * q;
}

HEQ_API void heq_ntt_fwd_scalar(uint64_t *out, const uint64_t *in, const uint64_t *tab, uint64_t n, uint64_t q,
                                uint64_t in_factor, uint64_t out_factor) {
    assert(n >= 2 && (n & (n - 1)) == 0 && tab[HEQ_TAB_CONST(n) + 7] == q);
    assert(in_factor == 1 || in_factor == 2 || in_factor == 4);
    (void)in_factor; /* Harvey's butterfly accepts [0, 4q) whatever the factor */
    const uint64_t *W = tab + HEQ_TAB_W(n), *WS = tab + HEQ_TAB_WS64(n);
    const uint64_t q2 = 2 * q;
    const uint64_t *src = in;
    for (uint64_t m = 1, t = n / 2; m < n; m <<= 1, t >>= 1) {
        for (uint64_t i = 0; i < m; i++) {
            const uint64_t w = W[m + i], ws = WS[m + i];
            const uint64_t *sx = src + 2 * i * t, *sy = sx + t;
            uint64_t *x = out + 2 * i * t, *y = x + t;
            for (uint64_t j = 0; j < t; j++) {
                uint64_t u = heq_csub(sx[j], q2);             /* [0, 2q) */
                uint64_t v = mul_shoup(sy[j], w, ws, q);      /* [0, 2q) */
                x[j] = u + v;                                 /* [0, 4q) */
                y[j] = u - v + q2;                            /* (0, 4q) */
            }
        }
        src = out;
    }
    if (out_factor == 1) {
        for (uint64_t j = 0; j < n; j++) {
            out[j] = heq_csub(heq_csub(out[j], q2), q);
        }
    }
}

HEQ_API void heq_ntt_inv_scalar(uint64_t *out, const uint64_t *in, const uint64_t *tab, uint64_t n, uint64_t q,
                                uint64_t in_factor, uint64_t out_factor) {
    assert(n >= 2 && (n & (n - 1)) == 0 && tab[HEQ_TAB_CONST(n) + 7] == q);
    assert(in_factor == 1 || in_factor == 2);
    (void)in_factor;
    const uint64_t *W = tab + HEQ_TAB_IW(n), *WS = tab + HEQ_TAB_IWS64(n);
    const uint64_t *C = tab + HEQ_TAB_CONST(n);
    const uint64_t q2 = 2 * q;
    const uint64_t *src = in;
    uint64_t m = n / 2, t = 1;
    for (; m > 1; m >>= 1, t <<= 1) {
        for (uint64_t i = 0; i < m; i++) {
            const uint64_t w = W[m + i], ws = WS[m + i];
            const uint64_t *sx = src + 2 * i * t, *sy = sx + t;
            uint64_t *x = out + 2 * i * t, *y = x + t;
            for (uint64_t j = 0; j < t; j++) {
                uint64_t u = sx[j], v = sy[j];                 /* [0, 2q) */
                x[j] = heq_csub(u + v, q2);                    /* [0, 2q) */
                y[j] = mul_shoup(u - v + q2, w, ws, q);        /* (0, 4q) -> [0, 2q) */
            }
        }
        src = out;
    }
    /* last stage (one group, twiddle IW[1]) with N^-1 folded in: x' = (u+v) n^-1, y' = (u-v) IW[1] n^-1 */
    const uint64_t ni = C[0], nis = C[1], c = C[3], cs = C[4];
    const uint64_t *sx = src, *sy = src + t;
    uint64_t *x = out, *y = out + t;
    for (uint64_t j = 0; j < t; j++) {
        uint64_t u = sx[j], v = sy[j];
        uint64_t a = mul_shoup(u + v, ni, nis, q);            /* u+v < 4q < 2^64 */
        uint64_t b = mul_shoup(u - v + q2, c, cs, q);
        if (out_factor == 1) {
            a = heq_csub(a, q);
            b = heq_csub(b, q);
        }
        x[j] = a;
        y[j] = b;
    }
}

/* Reduces a lazy input from [0, f q), f in {1, 2, 4}, to [0, q). */
static inline uint64_t reduce_in(uint64_t x, uint64_t q, uint64_t q2) {
    return heq_csub(heq_csub(x, q2), q);
}

HEQ_API void heq_mul_mod_scalar(uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n, uint64_t q,
                                uint64_t in_factor) {
    (void)in_factor;
    const uint64_t q2 = 2 * q, mu = heq_barrett_mu(q);
    const unsigned s = (unsigned)heq_bitlen(q) - 2;
    for (uint64_t i = 0; i < n; i++) {
        heq_u128 x = (heq_u128)reduce_in(a[i], q, q2) * reduce_in(b[i], q, q2);
        out[i] = barrett128(x, q, q2, s, mu);
    }
}

HEQ_API void heq_mul_add_mod_scalar(uint64_t *out, const uint64_t *a, const uint64_t *b, const uint64_t *c, uint64_t n,
                                    uint64_t q) {
    const uint64_t q2 = 2 * q, mu = heq_barrett_mu(q);
    const unsigned s = (unsigned)heq_bitlen(q) - 2;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t r = barrett128((heq_u128)a[i] * b[i], q, q2, s, mu) + c[i]; /* < 2q < 2^63 */
        out[i] = heq_csub(r, q);
    }
}

HEQ_API void heq_mul_const_mod_scalar(uint64_t *out, const uint64_t *a, uint64_t w, uint64_t w_shoup, uint64_t n,
                                      uint64_t q, uint64_t in_factor) {
    (void)in_factor; /* Shoup accepts any a < 2^64 */
    for (uint64_t i = 0; i < n; i++) {
        out[i] = heq_csub(mul_shoup(a[i], w, w_shoup, q), q);
    }
}

HEQ_API void heq_fma_mod_scalar(uint64_t *out, const uint64_t *a, uint64_t w, const uint64_t *c, uint64_t n,
                                uint64_t q, uint64_t in_factor) {
    (void)in_factor;
    const uint64_t ws = heq_shoup_bits(w, q, 64), q2 = 2 * q;
    if (c == NULL) {
        heq_mul_const_mod_scalar(out, a, w, ws, n, q, in_factor);
        return;
    }
    for (uint64_t i = 0; i < n; i++) {
        uint64_t r = mul_shoup(a[i], w, ws, q) + c[i];   /* [0, 3q) */
        out[i] = heq_csub(heq_csub(r, q2), q);
    }
}

HEQ_API void heq_add_mod_scalar(uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n, uint64_t q) {
    for (uint64_t i = 0; i < n; i++) {
        out[i] = heq_csub(a[i] + b[i], q);
    }
}

HEQ_API void heq_sub_mod_scalar(uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n, uint64_t q) {
    for (uint64_t i = 0; i < n; i++) {
        uint64_t d = a[i] - b[i];
        out[i] = a[i] >= b[i] ? d : d + q;
    }
}

HEQ_API void heq_neg_mod_scalar(uint64_t *out, const uint64_t *a, uint64_t n, uint64_t q) {
    for (uint64_t i = 0; i < n; i++) {
        out[i] = heq_csub(q - a[i], q); /* a = 0 gives q - 0 = q -> 0 */
    }
}

HEQ_API void heq_reduce_mod_scalar(uint64_t *out, const uint64_t *a, uint64_t n, uint64_t q, uint64_t in_factor,
                                   uint64_t out_factor) {
    const uint64_t q2 = 2 * q;
    if (in_factor == 0) {
        const uint64_t mu64 = UINT64_MAX / q;
        for (uint64_t i = 0; i < n; i++) {
            uint64_t r = barrett64_lazy(a[i], q, q2, mu64); /* [0, 2q) */
            out[i] = out_factor == 1 ? heq_csub(r, q) : r;
        }
    } else {
        for (uint64_t i = 0; i < n; i++) {
            uint64_t r = in_factor == 4 ? heq_csub(a[i], q2) : a[i]; /* [0, 2q) */
            out[i] = out_factor == 1 ? heq_csub(r, q) : r;
        }
    }
}

HEQ_API void heq_mac128_scalar(uint64_t *acc, const uint64_t *a, const uint64_t *b, uint64_t n) {
    for (uint64_t i = 0; i < n; i++) {
        heq_u128 s = ((heq_u128)acc[n + i] << 64 | acc[i]) + (heq_u128)a[i] * b[i];
        acc[i] = (uint64_t)s;
        acc[n + i] = (uint64_t)(s >> 64);
    }
}

HEQ_API void heq_mac128_reduce_scalar(uint64_t *out, const uint64_t *acc, uint64_t n, uint64_t q) {
    /* (h 2^64 + l) mod q = ((h mod q) (2^64 mod q) + (l mod q)) mod q; the first product by Shoup. */
    const uint64_t q2 = 2 * q, mu64 = UINT64_MAX / q;
    const uint64_t r64 = (uint64_t)(((heq_u128)1 << 64) % q), r64s = heq_shoup_bits(r64, q, 64);
    for (uint64_t i = 0; i < n; i++) {
        uint64_t h = heq_csub(barrett64_lazy(acc[n + i], q, q2, mu64), q);
        uint64_t l = barrett64_lazy(acc[i], q, q2, mu64);                  /* [0, 2q) */
        uint64_t r = mul_shoup(h, r64, r64s, q) + l;                        /* [0, 4q) */
        out[i] = heq_csub(heq_csub(r, q2), q);
    }
}

/*
 * Fused c0/c1 multiply-accumulate, portable version (also the reference for the vector ones in native/tests).
 * Sums are exact 128-bit values hi 2^64 + lo, kept in acc as planes [lo0 | hi0 | lo1 | hi1] (n words each,
 * after an 8-word header) between calls. Invariant between calls: hi < q, restored at the end of every call without LAST by hi mod q
 * (the sum changes by a multiple of q 2^64, so its residue does not). Within a call: hi < q + k (2^60 + 1) with
 * products below q^2 < 2^124 and k <= 8, so hi < 2^62 + 2^63 + 8 never wraps: any q < 2^62, any number of calls.
 */
HEQ_API void heq_mac_pair_scalar(uint64_t *out0, uint64_t *out1, uint64_t *acc, uint64_t n, uint64_t q, uint64_t k,
                                 uint64_t flags, HEQ_MAC_PAIR_OPERANDS) {
    assert(k >= 1 && k <= HEQ_MAC_PAIR_BATCH && q >= 2 && (q >> 62) == 0);
    HEQ_MAC_PAIR_GATHER(A0, A1, B);
    const int first = (flags & HEQ_MAC_PAIR_FIRST) != 0, last = (flags & HEQ_MAC_PAIR_LAST) != 0;
    const uint64_t q2 = 2 * q, mu64 = UINT64_MAX / q;
    const uint64_t r64 = (uint64_t)(((heq_u128)1 << 64) % q), r64s = heq_shoup_bits(r64, q, 64);
    uint64_t *const base = first && last ? NULL : acc + 8; /* words 0..7: header (unused here) */
    uint64_t *lo0 = base, *hi0 = base + n, *lo1 = base + 2 * n, *hi1 = base + 3 * n;
    for (uint64_t i = 0; i < n; i++) {
        heq_u128 s0 = first ? 0 : ((heq_u128)hi0[i] << 64 | lo0[i]);
        heq_u128 s1 = first ? 0 : ((heq_u128)hi1[i] << 64 | lo1[i]);
        for (uint64_t j = 0; j < k; j++) {
            const uint64_t b = B[j][i];
            s0 += (heq_u128)A0[j][i] * b;
            s1 += (heq_u128)A1[j][i] * b;
        }
        uint64_t h0 = heq_csub(barrett64_lazy((uint64_t)(s0 >> 64), q, q2, mu64), q); /* [0, q) */
        uint64_t h1 = heq_csub(barrett64_lazy((uint64_t)(s1 >> 64), q, q2, mu64), q);
        if (last) {
            /* (h 2^64 + l) mod q = (h (2^64 mod q) + l mod q) mod q, as heq_mac128_reduce_scalar */
            uint64_t r0 = mul_shoup(h0, r64, r64s, q) + barrett64_lazy((uint64_t)s0, q, q2, mu64); /* [0, 4q) */
            uint64_t r1 = mul_shoup(h1, r64, r64s, q) + barrett64_lazy((uint64_t)s1, q, q2, mu64);
            out0[i] = heq_csub(heq_csub(r0, q2), q);
            out1[i] = heq_csub(heq_csub(r1, q2), q);
        } else {
            lo0[i] = (uint64_t)s0;
            hi0[i] = h0;
            lo1[i] = (uint64_t)s1;
            hi1[i] = h1;
        }
    }
}
