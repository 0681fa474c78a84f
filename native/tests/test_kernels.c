/*
 * C-level tests of libheqkernels (run by ctest):
 *   1. the scalar NTT against its definition y[j] = a(psi^(2 brv(j) + 1)) (naive O(N^2) evaluation, N <= 64)
 *      and inverse(forward(a)) = a;
 *   2. every element-wise scalar kernel against unsigned __int128 arithmetic;
 *   3. every AVX-512 tier the CPU has against the scalar tier, for N from 16 to 2^15, moduli straddling 2^32,
 *      2^49..2^52 (IFMA only below 2^50) and 60..62 bits, every lazy factor, in place and out of place.
 * Exact equality for fully reduced outputs; lazy outputs must be in range and congruent. Seeded xorshift
 * inputs (seed printed; pass one as argv[1] to reproduce) plus edge values (0, q-1, k q - 1).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "heq/heq_kernels.h"

typedef unsigned __int128 u128;

static uint64_t rng_state;
static uint64_t rnd(void) { /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}
static uint64_t rnd_below(uint64_t b) { return (uint64_t)(((u128)rnd() * b) >> 64); }

static long failures = 0, checks = 0;
#define CHECK(cond, ...)                                                                                         \
    do {                                                                                                         \
        checks++;                                                                                                \
        if (!(cond)) {                                                                                           \
            if (failures++ < 20) {                                                                               \
                printf("FAIL %s:%d: ", __FILE__, __LINE__);                                                      \
                printf(__VA_ARGS__);                                                                             \
                printf("\n");                                                                                    \
            }                                                                                                    \
        }                                                                                                        \
    } while (0)

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t q) { return (uint64_t)(((u128)a * b) % q); }
static uint64_t powmod(uint64_t b, uint64_t e, uint64_t q) {
    uint64_t r = 1 % q;
    for (b %= q; e; e >>= 1, b = mulmod(b, b, q)) {
        if (e & 1) r = mulmod(r, b, q);
    }
    return r;
}
static int is_prime(uint64_t n) {
    static const uint64_t bases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
    if (n < 2) return 0;
    for (int i = 0; i < 12; i++) {
        if (n % bases[i] == 0) return n == bases[i];
    }
    uint64_t d = n - 1;
    int s = 0;
    while (!(d & 1)) d >>= 1, s++;
    for (int i = 0; i < 12; i++) {
        uint64_t x = powmod(bases[i], d, n);
        if (x == 1 || x == n - 1) continue;
        int ok = 0;
        for (int r = 1; r < s && !ok; r++) {
            x = mulmod(x, x, n);
            ok = x == n - 1;
        }
        if (!ok) return 0;
    }
    return 1;
}
/* largest prime q < 2^bits with q = 1 mod 2n, or 0 */
static uint64_t ntt_prime(int bits, uint64_t n) {
    uint64_t top = bits == 64 ? UINT64_MAX : (1ull << bits) - 1;
    uint64_t q = top - (top % (2 * n)) + 1;
    if (q > top) q -= 2 * n;
    for (; q > (1ull << (bits - 1)); q -= 2 * n) {
        if (is_prime(q)) return q;
    }
    return 0;
}
static unsigned brv(unsigned i, int bits) {
    unsigned r = 0;
    for (int b = 0; b < bits; b++) r |= ((i >> b) & 1u) << (bits - 1 - b);
    return r;
}

typedef struct {
    uint64_t n, q, psi;
    uint64_t *tab;
} tables;

static tables make_tables(uint64_t n, uint64_t q) {
    tables t = {n, q, 0, NULL};
    for (uint64_t g = 2;; g++) {
        uint64_t x = powmod(g, (q - 1) / (2 * n), q);
        if (powmod(x, n, q) == q - 1) {
            t.psi = x;
            break;
        }
    }
    int logn = __builtin_ctzll(n);
    uint64_t *w = malloc(n * 8), *iw = malloc(n * 8);
    uint64_t psi_inv = powmod(t.psi, q - 2, q), p = 1, pi = 1;
    for (uint64_t i = 0; i < n; i++) {
        w[brv((unsigned)i, logn)] = p;
        iw[brv((unsigned)i, logn)] = pi;
        p = mulmod(p, t.psi, q);
        pi = mulmod(pi, psi_inv, q);
    }
    t.tab = aligned_alloc(64, ((heq_ntt_table_words(n) * 8 + 63) / 64) * 64);
    int rc = heq_ntt_table_init(t.tab, n, q, w, iw, powmod(n % q, q - 2, q));
    CHECK(rc == 0, "table init n=%" PRIu64 " q=%" PRIu64, n, q);
    free(w);
    free(iw);
    return t;
}

typedef void (*ntt_fn)(uint64_t *, const uint64_t *, const uint64_t *, uint64_t, uint64_t, uint64_t, uint64_t);
typedef struct {
    const char *name;
    uint32_t cap;
    uint64_t max_q; /* exclusive */
    ntt_fn fwd, inv;
    void (*mul)(uint64_t *, const uint64_t *, const uint64_t *, uint64_t, uint64_t, uint64_t);
    void (*mulc)(uint64_t *, const uint64_t *, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
    void (*fma)(uint64_t *, const uint64_t *, uint64_t, const uint64_t *, uint64_t, uint64_t, uint64_t);
    void (*add)(uint64_t *, const uint64_t *, const uint64_t *, uint64_t, uint64_t);
    void (*sub)(uint64_t *, const uint64_t *, const uint64_t *, uint64_t, uint64_t);
    void (*neg)(uint64_t *, const uint64_t *, uint64_t, uint64_t);
    void (*red)(uint64_t *, const uint64_t *, uint64_t, uint64_t, uint64_t, uint64_t);
    void (*mac)(uint64_t *, const uint64_t *, const uint64_t *, uint64_t);
    void (*macred)(uint64_t *, const uint64_t *, uint64_t, uint64_t);
} tier;

#define TIER(isa, cap, maxq)                                                                                     \
    {#isa, cap, maxq, heq_ntt_fwd_##isa, heq_ntt_inv_##isa, heq_mul_mod_##isa, heq_mul_const_mod_##isa,          \
     heq_fma_mod_##isa, heq_add_mod_##isa, heq_sub_mod_##isa, heq_neg_mod_##isa, heq_reduce_mod_##isa,           \
     heq_mac128_##isa, heq_mac128_reduce_##isa}
static const tier TIERS[] = {
    TIER(scalar, 0, 1ull << 62),
    TIER(avx512dq, HEQ_CAP_AVX512DQ, 1ull << 62),
    TIER(avx512ifma, HEQ_CAP_AVX512IFMA, 1ull << 50),
#ifdef HEQ_WITH_HEXL
    TIER(hexl, 0, 1ull << 62), /* libheqhexl is linked in: no CPU requirement of its own */
#endif
};
#define NTIERS ((int)(sizeof TIERS / sizeof TIERS[0]))

/* random value in [0, f q) with edge values mixed in; f = 0 means any 64-bit value */
static uint64_t lazy_value(uint64_t q, uint64_t f, uint64_t i) {
    if (f == 0) return (i % 7 == 0) ? UINT64_MAX - i : rnd();
    switch (i % 11) {
    case 0: return 0;
    case 1: return q - 1;
    case 2: return f * q - 1;
    default: return rnd_below(f * q);
    }
}

static void check_lazy(const char *what, const tier *tr, const uint64_t *got, const uint64_t *want, uint64_t n,
                       uint64_t q, uint64_t f) {
    for (uint64_t i = 0; i < n; i++) {
        if (f == 1) {
            CHECK(got[i] == want[i], "%s %s n=%" PRIu64 " q=%" PRIu64 " [%" PRIu64 "] got %" PRIu64 " want %" PRIu64,
                  tr->name, what, n, q, i, got[i], want[i]);
        } else {
            CHECK(got[i] < f * q && got[i] % q == want[i] % q,
                  "%s %s (lazy %" PRIu64 ") n=%" PRIu64 " q=%" PRIu64 " [%" PRIu64 "] got %" PRIu64 " want %" PRIu64,
                  tr->name, what, f, n, q, i, got[i], want[i]);
        }
        if (failures > 20) return;
    }
}

static void test_scalar_definition(void) {
    for (uint64_t n = 2; n <= 64; n *= 2) {
        int bits[] = {20, 33, 50, 62};
        for (int b = 0; b < 4; b++) {
            uint64_t q = ntt_prime(bits[b], n);
            tables t = make_tables(n, q);
            uint64_t a[64], y[64], z[64];
            for (uint64_t i = 0; i < n; i++) a[i] = lazy_value(q, 1, i);
            heq_ntt_fwd_scalar(y, a, t.tab, n, q, 1, 1);
            int logn = __builtin_ctzll(n);
            for (uint64_t j = 0; j < n; j++) {
                uint64_t x = powmod(t.psi, 2 * brv((unsigned)j, logn) + 1, q), v = 0, p = 1;
                for (uint64_t i = 0; i < n; i++) {
                    v = (uint64_t)(((u128)v + mulmod(a[i], p, q)) % q);
                    p = mulmod(p, x, q);
                }
                CHECK(y[j] == v, "scalar fwd definition n=%" PRIu64 " q=%" PRIu64 " j=%" PRIu64, n, q, j);
            }
            heq_ntt_inv_scalar(z, y, t.tab, n, q, 1, 1);
            CHECK(memcmp(z, a, n * 8) == 0, "scalar round trip n=%" PRIu64 " q=%" PRIu64, n, q);
            free(t.tab);
        }
    }
}

static void test_scalar_eltwise(void) {
    uint64_t qs[] = {2, 3, 97, (1ull << 32) - 5, (1ull << 32) + 15, (1ull << 49), (1ull << 50) - 27,
                     (1ull << 52) + 21, (1ull << 61) - 1, (1ull << 62) - 57};
    enum { N = 203 };
    uint64_t a[N], b[N], c[N], o[N];
    for (int k = 0; k < 10; k++) {
        uint64_t q = qs[k];
        for (uint64_t f = 1; f <= 4; f *= 2) {
            for (int i = 0; i < N; i++) a[i] = lazy_value(q, f, i), b[i] = lazy_value(q, f, i + 5), c[i] = rnd_below(q);
            heq_mul_mod_scalar(o, a, b, N, q, f);
            for (int i = 0; i < N; i++) CHECK(o[i] == mulmod(a[i] % q, b[i] % q, q), "mul q=%" PRIu64, q);
            uint64_t w = rnd_below(q), ws = (uint64_t)(((u128)w << 64) / q);
            heq_mul_const_mod_scalar(o, a, w, ws, N, q, f);
            for (int i = 0; i < N; i++) CHECK(o[i] == mulmod(a[i] % q, w, q), "mulc q=%" PRIu64, q);
            heq_fma_mod_scalar(o, a, w, c, N, q, f);
            for (int i = 0; i < N; i++) CHECK(o[i] == (mulmod(a[i] % q, w, q) + c[i]) % q, "fma q=%" PRIu64, q);
            heq_fma_mod_scalar(o, a, w, NULL, N, q, f);
            for (int i = 0; i < N; i++) CHECK(o[i] == mulmod(a[i] % q, w, q), "fma null q=%" PRIu64, q);
        }
        for (int i = 0; i < N; i++) a[i] = lazy_value(q, 1, i), b[i] = lazy_value(q, 1, i + 3);
        heq_add_mod_scalar(o, a, b, N, q);
        for (int i = 0; i < N; i++) CHECK(o[i] == (a[i] + b[i]) % q, "add q=%" PRIu64, q);
        heq_sub_mod_scalar(o, a, b, N, q);
        for (int i = 0; i < N; i++) CHECK(o[i] == (a[i] + q - b[i]) % q, "sub q=%" PRIu64, q);
        heq_neg_mod_scalar(o, a, N, q);
        for (int i = 0; i < N; i++) CHECK(o[i] == (q - a[i]) % q, "neg q=%" PRIu64, q);
        uint64_t fs[] = {0, 2, 4};
        for (int fi = 0; fi < 3; fi++) {
            for (uint64_t of = 1; of <= 2; of++) {
                for (int i = 0; i < N; i++) a[i] = lazy_value(q, fs[fi], i);
                heq_reduce_mod_scalar(o, a, N, q, fs[fi], of);
                for (int i = 0; i < N; i++) CHECK(o[i] < of * q && o[i] % q == a[i] % q, "reduce q=%" PRIu64, q);
            }
        }
        uint64_t acc[2 * N];
        memset(acc, 0, sizeof acc);
        u128 want[N];
        memset(want, 0, sizeof want);
        for (int j = 0; j < 16; j++) {
            for (int i = 0; i < N; i++) a[i] = lazy_value(q, 1, i + j), b[i] = lazy_value(q, 1, i + 2 * j);
            heq_mac128_scalar(acc, a, b, N);
            for (int i = 0; i < N; i++) want[i] = (want[i] + mulmod(a[i], b[i], q)) % q;
        }
        heq_mac128_reduce_scalar(o, acc, N, q);
        for (int i = 0; i < N; i++) CHECK(o[i] == (uint64_t)want[i], "mac q=%" PRIu64, q);
    }
}

static void test_tier_vs_scalar(const tier *tr) {
    const tier *sc = &TIERS[0];
    int bits[] = {30, 31, 32, 33, 49, 50, 51, 52, 60, 61, 62};
    for (uint64_t n = 16; n <= (1u << 15); n *= 2) {
        for (int bi = 0; bi < 11; bi++) {
            uint64_t q = ntt_prime(bits[bi], n);
            if (q == 0 || q >= tr->max_q) continue;
            tables t = make_tables(n, q);
            /* y is 64-byte aligned for every fourth modulus and 8, 16 or 24 bytes past a boundary otherwise (like a Java
               long[]), so both the in-place and the scratch-buffer paths of the vector NTTs run */
            uint64_t *a = aligned_alloc(64, n * 8), *x = aligned_alloc(64, n * 8), *ybuf = aligned_alloc(64, n * 8 + 64);
            uint64_t *y = ybuf + (bi % 4);
            uint64_t fin[] = {1, 2, 4}, fout[] = {1, 4};
            for (int i = 0; i < 3; i++) {
                for (int o = 0; o < 2; o++) {
                    for (uint64_t k = 0; k < n; k++) a[k] = lazy_value(q, fin[i], k);
                    heq_ntt_fwd_scalar(x, a, t.tab, n, q, fin[i], fout[o]);
                    if (o == 0 && i == 2) { /* in place */
                        memcpy(y, a, n * 8);
                        tr->fwd(y, y, t.tab, n, q, fin[i], fout[o]);
                    } else {
                        tr->fwd(y, a, t.tab, n, q, fin[i], fout[o]);
                    }
                    check_lazy("fwd", tr, y, x, n, q, fout[o]);
                }
            }
            for (uint64_t fi = 1; fi <= 2; fi++) {
                for (uint64_t fo = 1; fo <= 2; fo++) {
                    for (uint64_t k = 0; k < n; k++) a[k] = lazy_value(q, fi, k);
                    heq_ntt_inv_scalar(x, a, t.tab, n, q, fi, fo);
                    if (fi == 2 && fo == 1) {
                        memcpy(y, a, n * 8);
                        tr->inv(y, y, t.tab, n, q, fi, fo);
                    } else {
                        tr->inv(y, a, t.tab, n, q, fi, fo);
                    }
                    check_lazy("inv", tr, y, x, n, q, fo);
                }
            }
            /* round trip through the tier alone */
            for (uint64_t k = 0; k < n; k++) a[k] = lazy_value(q, 1, k);
            tr->fwd(x, a, t.tab, n, q, 1, 4);
            for (uint64_t k = 0; k < n; k++) x[k] = x[k] % q; /* inverse wants [0, 2q) */
            tr->inv(y, x, t.tab, n, q, 1, 1);
            check_lazy("round trip", tr, y, a, n, q, 1);
            free(a);
            free(x);
            free(ybuf);
            free(t.tab);
        }
    }
    /* element-wise, odd lengths to exercise the scalar tails */
    uint64_t qs[] = {2, 3, 97, (1ull << 32) - 5, (1ull << 32) + 15, (1ull << 49), (1ull << 50) - 27,
                     (1ull << 52) + 21, (1ull << 61) - 1, (1ull << 62) - 57};
    enum { N = 1027 };
    static uint64_t a[N], b[N], c[N], o1[N], o2[N], acc1[2 * N], acc2[2 * N];
    for (int k = 0; k < 10; k++) {
        uint64_t q = qs[k];
        if (q >= tr->max_q) continue;
        for (uint64_t f = 1; f <= 4; f *= 2) {
            for (int i = 0; i < N; i++) a[i] = lazy_value(q, f, i), b[i] = lazy_value(q, f, i + 1), c[i] = rnd_below(q);
            sc->mul(o1, a, b, N, q, f);
            tr->mul(o2, a, b, N, q, f);
            check_lazy("mul", tr, o2, o1, N, q, 1);
            uint64_t w = k % 2 ? q - 1 : rnd_below(q), ws = (uint64_t)(((u128)w << 64) / q);
            sc->mulc(o1, a, w, ws, N, q, f);
            tr->mulc(o2, a, w, ws, N, q, f);
            check_lazy("mulc", tr, o2, o1, N, q, 1);
            sc->fma(o1, a, w, c, N, q, f);
            tr->fma(o2, a, w, c, N, q, f);
            check_lazy("fma", tr, o2, o1, N, q, 1);
            tr->fma(o2, a, w, NULL, N, q, f);
            sc->fma(o1, a, w, NULL, N, q, f);
            check_lazy("fma null", tr, o2, o1, N, q, 1);
        }
        for (int i = 0; i < N; i++) a[i] = lazy_value(q, 1, i), b[i] = lazy_value(q, 1, i + 2);
        sc->add(o1, a, b, N, q);
        tr->add(o2, a, b, N, q);
        check_lazy("add", tr, o2, o1, N, q, 1);
        sc->sub(o1, a, b, N, q);
        tr->sub(o2, a, b, N, q);
        check_lazy("sub", tr, o2, o1, N, q, 1);
        sc->neg(o1, a, N, q);
        tr->neg(o2, a, N, q);
        check_lazy("neg", tr, o2, o1, N, q, 1);
        uint64_t fs[] = {0, 2, 4};
        for (int fi = 0; fi < 3; fi++) {
            for (uint64_t of = 1; of <= 2; of++) {
                for (int i = 0; i < N; i++) a[i] = lazy_value(q, fs[fi], i);
                sc->red(o1, a, N, q, fs[fi], of);
                tr->red(o2, a, N, q, fs[fi], of);
                check_lazy("reduce", tr, o2, o1, N, q, of);
            }
        }
        memset(acc1, 0, sizeof acc1);
        memset(acc2, 0, sizeof acc2);
        for (int j = 0; j < 16; j++) {
            for (int i = 0; i < N; i++) a[i] = lazy_value(q, 1, i + j), b[i] = lazy_value(q, 1, i + 3 * j);
            sc->mac(acc1, a, b, N);
            tr->mac(acc2, a, b, N);
        }
        CHECK(memcmp(acc1, acc2, sizeof acc1) == 0, "%s mac128 accumulators q=%" PRIu64, tr->name, q);
        sc->macred(o1, acc1, N, q);
        tr->macred(o2, acc2, N, q);
        check_lazy("mac128 reduce", tr, o2, o1, N, q, 1);
    }
}

/*
 * 4. heq_mac_pair_* (fused c0/c1 multiply-accumulate) on every ISA the CPU has against per-product u128 mod q
 *    sums, driven the way the Java binding drives it: batches of HEQ_MAC_PAIR_BATCH, FIRST on the first call,
 *    LAST on the final one, FOLD before HEQ_MAC_PAIR_MAX_TERMS terms; operands all q - 1 (the worst case for
 *    the lazy sums) or random with edge values, n not a multiple of 8 or 16 included.
 */
typedef void (*mac_pair_fn)(uint64_t *, uint64_t *, uint64_t *, uint64_t, uint64_t, uint64_t, uint64_t, HEQ_MAC_PAIR_OPERANDS);

static void mac_pair_run(mac_pair_fn f, uint64_t *out0, uint64_t *out1, uint64_t *acc, uint64_t **a0, uint64_t **a1,
                         uint64_t **b, uint64_t count, uint64_t n, uint64_t q) {
    uint64_t terms = 0;
    for (uint64_t j = 0; j < count; j += HEQ_MAC_PAIR_BATCH) {
        uint64_t k = count - j < HEQ_MAC_PAIR_BATCH ? count - j : HEQ_MAC_PAIR_BATCH;
        uint64_t flags = (j == 0 ? HEQ_MAC_PAIR_FIRST : 0) | (j + k == count ? HEQ_MAC_PAIR_LAST : 0);
        terms += k;
        if (!(flags & HEQ_MAC_PAIR_LAST) && terms + HEQ_MAC_PAIR_BATCH > HEQ_MAC_PAIR_MAX_TERMS) {
            flags |= HEQ_MAC_PAIR_FOLD;
            terms = 1;
        }
        const uint64_t *p[3 * HEQ_MAC_PAIR_BATCH] = {0};
        for (uint64_t t = 0; t < k; t++) {
            p[3 * t] = a0[j + t], p[3 * t + 1] = a1[j + t], p[3 * t + 2] = b[j + t];
        }
        f(out0, out1, acc, n, q, k, flags, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12],
          p[13], p[14], p[15], p[16], p[17], p[18], p[19], p[20], p[21], p[22], p[23]);
    }
}

static void test_mac_pair(void) {
    static const struct {
        const char *name;
        uint32_t cap;
        mac_pair_fn f;
    } isas[] = {{"scalar", 0, heq_mac_pair_scalar},
                {"avx512dq", HEQ_CAP_AVX512DQ, heq_mac_pair_avx512dq},
                {"avx512ifma", HEQ_CAP_AVX512IFMA, heq_mac_pair_avx512ifma}};
    static const uint64_t qs[] = {2, 3, (1ull << 20) - 3, (1ull << 31) - 1, 4294967291ull, (1ull << 32) + 15,
                                  (1ull << 49) + 69, (1ull << 50) - 27, (1ull << 50) + 55, (1ull << 52) - 47,
                                  (1ull << 60) - 93, (1ull << 61) - 1, (1ull << 62) - 57};
    static const uint64_t ns[] = {1, 7, 8, 9, 15, 16, 17, 33, 1000, 4096};
    static const uint64_t counts[] = {1, 2, 7, 8, 9, 17, 64, 1030, 2100};
    for (size_t qi = 0; qi < sizeof qs / sizeof qs[0]; qi++) {
        const uint64_t q = qs[qi];
        for (size_t ni = 0; ni < sizeof ns / sizeof ns[0]; ni++) {
            for (size_t ci = 0; ci < sizeof counts / sizeof counts[0]; ci++) {
                const uint64_t n = ns[ni], count = counts[ci];
                if (count > 64 && n > 17) continue; /* long sums on short vectors: keeps ctest fast */
                for (int worst = 0; worst < 3; worst++) {
                    /* worst: 0 random, 1 all q - 1, 2 random at one shared offset 16 bytes past a 64-byte boundary
                       (the aligned-head path of the IFMA kernel) */
                    const int shared = worst == 2;
                    uint64_t **a0 = malloc(count * sizeof *a0), **a1 = malloc(count * sizeof *a1), **b = malloc(count * sizeof *b);
                    uint64_t **blocks = malloc(3 * count * sizeof *blocks);
                    uint64_t *want0 = calloc(n, 8), *want1 = calloc(n, 8);
                    for (uint64_t j = 0; j < count; j++) {
                        for (int t = 0; t < 3; t++) blocks[3 * j + t] = aligned_alloc(64, ((n + 8) * 8 + 63) / 64 * 64);
                        a0[j] = blocks[3 * j] + (shared ? 2 : j % 8), a1[j] = blocks[3 * j + 1] + (shared ? 2 : (j + 3) % 8);
                        b[j] = blocks[3 * j + 2] + (shared ? 2 : (j + 5) % 8);
                        for (uint64_t i = 0; i < n; i++) {
                            a0[j][i] = worst == 1 ? q - 1 : lazy_value(q, 1, i + j);
                            a1[j][i] = worst == 1 ? q - 1 : rnd_below(q);
                            b[j][i] = worst == 1 ? q - 1 : lazy_value(q, 1, i + 3 * j);
                            want0[i] = (uint64_t)((want0[i] + (u128)a0[j][i] * b[j][i]) % q);
                            want1[i] = (uint64_t)((want1[i] + (u128)a1[j][i] * b[j][i]) % q);
                        }
                    }
                    uint64_t *acc = malloc(HEQ_MAC_PAIR_ACC_WORDS(n) * 8), *o0 = malloc((n + 1) * 8), *o1 = malloc((n + 1) * 8);
                    for (size_t t = 0; t < sizeof isas / sizeof isas[0]; t++) {
                        if ((heq_caps() & isas[t].cap) != isas[t].cap) continue;
                        const tier tr = {isas[t].name};
                        for (uint64_t i = 0; i <= n; i++) o0[i] = o1[i] = 0xDEADBEEF; /* no stale result from the previous ISA */
                        mac_pair_run(isas[t].f, o0, o1, acc, a0, a1, b, count, n, q);
                        check_lazy("mac_pair c0", &tr, o0, want0, n, q, 1);
                        check_lazy("mac_pair c1", &tr, o1, want1, n, q, 1);
                        CHECK(o0[n] == 0xDEADBEEF && o1[n] == 0xDEADBEEF, "%s mac_pair wrote past n=%" PRIu64, tr.name, n);
                    }
                    for (uint64_t j = 0; j < 3 * count; j++) free(blocks[j]);
                    free(blocks), free(a0), free(a1), free(b), free(want0), free(want1), free(acc), free(o0), free(o1);
                }
            }
        }
    }
}

/*
 * heq_mul_add_mod_*: out = a b + c mod q against the u128 definition, for every ISA the CPU has, at unaligned
 * starts (the scalar-head path), lengths around the vector width and the DQ block size, the extreme value q - 1,
 * in place on each operand (out == a, b or c), and without writing past n.
 */
static void test_mul_add(void) {
    struct {
        const char *name;
        uint32_t cap;
        uint64_t max_q;
        void (*f)(uint64_t *, const uint64_t *, const uint64_t *, const uint64_t *, uint64_t, uint64_t);
    } isas[] = {{"scalar", 0, 1ull << 62, heq_mul_add_mod_scalar},
                {"avx512dq", HEQ_CAP_AVX512DQ, 1ull << 62, heq_mul_add_mod_avx512dq},
                {"avx512ifma", HEQ_CAP_AVX512IFMA, 1ull << 50, heq_mul_add_mod_avx512ifma}};
    static const uint64_t qs[] = {2, 3, 97, (1ull << 32) - 5, (1ull << 49) + 69, (1ull << 50) - 27, (1ull << 52) + 21,
                                  (1ull << 61) - 1, (1ull << 62) - 57};
    static const uint64_t ns[] = {0, 1, 7, 8, 9, 17, 255, 256, 257, 1000, 4096};
    for (size_t qi = 0; qi < sizeof qs / sizeof qs[0]; qi++) {
        const uint64_t q = qs[qi];
        for (size_t ni = 0; ni < sizeof ns / sizeof ns[0]; ni++) {
            const uint64_t n = ns[ni];
            for (int mode = 0; mode < 4; mode++) { /* 0: separate out, 1: out = a, 2: out = b, 3: out = c */
                uint64_t *blk = aligned_alloc(64, ((4 * (n + 9)) * 8 + 63) / 64 * 64);
                uint64_t *a = blk + 1, *b = a + n + 9, *c = b + n + 9 + 2, *o = c + n + 9 + 3;
                uint64_t *want = malloc((n + 1) * 8);
                for (size_t t = 0; t < sizeof isas / sizeof isas[0]; t++) {
                    if ((heq_caps() & isas[t].cap) != isas[t].cap || q >= isas[t].max_q) continue;
                    for (uint64_t i = 0; i < n; i++) {
                        int edge = i % 13 == 0;
                        a[i] = edge ? q - 1 : lazy_value(q, 1, i);
                        b[i] = edge ? q - 1 : lazy_value(q, 1, i + 5);
                        c[i] = edge ? q - 1 : rnd_below(q);
                        want[i] = (uint64_t)(((u128)a[i] * b[i] + c[i]) % q);
                    }
                    uint64_t *dst = mode == 0 ? o : mode == 1 ? a : mode == 2 ? b : c;
                    dst[n] = 0xDEADBEEF;
                    isas[t].f(dst, a, b, c, n, q);
                    const tier tr = {isas[t].name};
                    check_lazy("mul_add", &tr, dst, want, n, q, 1);
                    CHECK(dst[n] == 0xDEADBEEF, "%s mul_add wrote past n=%" PRIu64 " (mode %d)", isas[t].name, n, mode);
                }
                free(want), free(blk);
            }
        }
    }
}

int main(int argc, char **argv) {
    uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 0x9E3779B97F4A7C15ull ^ (uint64_t)time(NULL);
    rng_state = seed | 1;
    printf("heq_native_tests: %s, caps=0x%x, seed=%" PRIu64 " (rerun: heq_native_tests %" PRIu64 ")\n", heq_version(),
           heq_caps(), seed, seed);
    test_scalar_definition();
    test_scalar_eltwise();
    for (int i = 1; i < NTIERS; i++) {
        if ((heq_caps() & TIERS[i].cap) == TIERS[i].cap) {
            long before = checks;
            test_tier_vs_scalar(&TIERS[i]);
            printf("  %s: %ld checks\n", TIERS[i].name, checks - before);
        } else {
            printf("  %s: SKIPPED (CPU lacks it)\n", TIERS[i].name);
        }
    }
    {
        long before = checks;
        test_mac_pair();
        printf("  mac_pair (all ISAs the CPU has): %ld checks\n", checks - before);
    }
    {
        long before = checks;
        test_mul_add();
        printf("  mul_add (all ISAs the CPU has): %ld checks\n", checks - before);
    }
    printf("%ld checks, %ld failures\n", checks, failures);
    return failures ? 1 : 0;
}
