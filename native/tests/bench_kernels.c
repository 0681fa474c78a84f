/*
 * Quick C-level timing of the kernels (not a test; built as heq_native_bench, not run by ctest):
 * best-of-many short repetitions, in place, 64-byte-aligned data, inputs in [0, q).
 *   heq_native_bench [N] [mac]   (mac: only the Sigma ct x pt kernels)
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "heq/heq_kernels.h"

typedef unsigned __int128 u128;
static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t q) { return (uint64_t)(((u128)a * b) % q); }
static uint64_t powmod(uint64_t b, uint64_t e, uint64_t q) {
    uint64_t r = 1;
    for (b %= q; e; e >>= 1, b = mulmod(b, b, q)) if (e & 1) r = mulmod(r, b, q);
    return r;
}
static int is_prime(uint64_t n) {
    static const uint64_t bs[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
    uint64_t d = n - 1;
    int s = 0;
    while (!(d & 1)) d >>= 1, s++;
    for (int i = 0; i < 12; i++) {
        if (n % bs[i] == 0) return n == bs[i];
        uint64_t x = powmod(bs[i], d, n);
        if (x == 1 || x == n - 1) continue;
        int ok = 0;
        for (int r = 1; r < s && !ok; r++) x = mulmod(x, x, n), ok = x == n - 1;
        if (!ok) return 0;
    }
    return 1;
}
static uint64_t ntt_prime(int bits, uint64_t n) {
    uint64_t top = (1ull << bits) - 1, q = top - (top % (2 * n)) + 1;
    if (q > top) q -= 2 * n;
    while (!is_prime(q)) q -= 2 * n;
    return q;
}
static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}
typedef void (*ntt_fn)(uint64_t *, const uint64_t *, const uint64_t *, uint64_t, uint64_t, uint64_t, uint64_t);

#define BEST(expr)                                                                                               \
    ({                                                                                                           \
        double best = 1e30;                                                                                      \
        for (int rep = 0; rep < 200; rep++) {                                                                    \
            double t0 = now_ns();                                                                                \
            for (int it = 0; it < 20; it++) { expr; }                                                            \
            double dt = (now_ns() - t0) / 20;                                                                    \
            if (dt < best) best = dt;                                                                            \
        }                                                                                                        \
        best;                                                                                                    \
    })

/*
 * Sigma of 64 ciphertext x plaintext products on one limb (HomConv's inner loop): the fused heq_mac_pair_* in
 * batches of 8 vs the two-pass heq_mac128 path (one call per product and component), on one operand triple
 * reused 64 times (cache-resident) and on 64 distinct ones (streamed from L3). ns per product, best of 30.
 */
typedef void (*mac_pair_fn)(uint64_t *, uint64_t *, uint64_t *, uint64_t, uint64_t, uint64_t, uint64_t, HEQ_MAC_PAIR_OPERANDS);
static void sum_pair(mac_pair_fn f, uint64_t *o0, uint64_t *o1, uint64_t *acc, uint64_t **a0, uint64_t **a1, uint64_t **b,
                     int count, uint64_t n, uint64_t q) {
    for (int j = 0; j < count; j += 8) {
        uint64_t flags = (j == 0 ? HEQ_MAC_PAIR_FIRST : 0) | (j + 8 >= count ? HEQ_MAC_PAIR_LAST : 0);
        f(o0, o1, acc, n, q, 8, flags, a0[j], a1[j], b[j], a0[j + 1], a1[j + 1], b[j + 1], a0[j + 2], a1[j + 2], b[j + 2],
          a0[j + 3], a1[j + 3], b[j + 3], a0[j + 4], a1[j + 4], b[j + 4], a0[j + 5], a1[j + 5], b[j + 5], a0[j + 6],
          a1[j + 6], b[j + 6], a0[j + 7], a1[j + 7], b[j + 7]);
    }
}
static void sum_two_pass(uint64_t *o0, uint64_t *o1, uint64_t *acc, uint64_t **a0, uint64_t **a1, uint64_t **b, int count,
                         uint64_t n, uint64_t q) {
    memset(acc, 0, 2 * n * 8);
    for (int j = 0; j < count; j++) heq_mac128_avx512dq(acc, a0[j], b[j], n); /* 64 < 16-product fold: q < 2^50 only */
    heq_mac128_reduce_avx512dq(o0, acc, n, q);
    memset(acc, 0, 2 * n * 8);
    for (int j = 0; j < count; j++) heq_mac128_avx512dq(acc, a1[j], b[j], n);
    heq_mac128_reduce_avx512dq(o1, acc, n, q);
}
static void bench_mac_pair(uint64_t n) {
    enum { COUNT = 64 };
    uint64_t *a0[COUNT], *a1[COUNT], *b[COUNT], *s0[COUNT], *s1[COUNT], *sb[COUNT];
    uint64_t *acc = aligned_alloc(64, HEQ_MAC_PAIR_ACC_WORDS(n) * 8 + 64), *o0 = aligned_alloc(64, n * 8),
             *o1 = aligned_alloc(64, n * 8);
    int bits[] = {50, 60};
    printf("Sigma %d ct x pt, one limb, N=%" PRIu64 ", ns per product (best of 30)\n", COUNT, n);
    for (int bi = 0; bi < 2; bi++) {
        uint64_t q = ntt_prime(bits[bi], n);
        for (int j = 0; j < COUNT; j++) {
            a0[j] = aligned_alloc(64, n * 8), a1[j] = aligned_alloc(64, n * 8), b[j] = aligned_alloc(64, n * 8);
            for (uint64_t i = 0; i < n; i++) {
                a0[j][i] = (i * 0x9E3779B97F4A7C15ull + j) % q, a1[j][i] = (i * 7919 + j) % q, b[j][i] = (i * 31 + 7 * j) % q;
            }
            s0[j] = a0[0], s1[j] = a1[0], sb[j] = b[0];
        }
        for (int distinct = 0; distinct < 2; distinct++) {
            uint64_t **x0 = distinct ? a0 : s0, **x1 = distinct ? a1 : s1, **y = distinct ? b : sb;
            double best[4] = {1e30, 1e30, 1e30, 1e30};
            for (int rep = 0; rep < 30; rep++) {
                for (int v = 0; v < 4; v++) {
                    if (v == 1 && !(heq_caps() & HEQ_CAP_AVX512IFMA)) continue;
                    if (v == 3 && q >= (1ull << 50)) continue; /* two-pass without folds is exact only for small q */
                    double t0 = now_ns();
                    for (int it = 0; it < 3; it++) {
                        switch (v) {
                        case 0: sum_pair(heq_mac_pair_avx512dq, o0, o1, acc, x0, x1, y, COUNT, n, q); break;
                        case 1: sum_pair(heq_mac_pair_avx512ifma, o0, o1, acc, x0, x1, y, COUNT, n, q); break;
                        case 2: sum_pair(heq_mac_pair_scalar, o0, o1, acc, x0, x1, y, COUNT, n, q); break;
                        case 3: sum_two_pass(o0, o1, acc, x0, x1, y, COUNT, n, q); break;
                        }
                    }
                    double dt = (now_ns() - t0) / 3 / COUNT;
                    if (dt < best[v]) best[v] = dt;
                }
            }
            printf("%2d-bit %-9s pair: ifma %6.0f  dq %6.0f  scalar %6.0f | two-pass mac128 dq %6.0f\n", bits[bi],
                   distinct ? "distinct" : "reused", best[1], best[0], best[2], best[3] < 1e29 ? best[3] : 0.0);
        }
        for (int j = 0; j < COUNT; j++) free(a0[j]), free(a1[j]), free(b[j]);
    }
    free(acc), free(o0), free(o1);
}

int main(int argc, char **argv) {
    uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 0) : 4096;
    int logn = __builtin_ctzll(n);
    int bits[] = {30, 50, 60};
    const char *names[] = {"scalar", "avx512dq", "avx512ifma"};
#ifdef HEQ_WITH_HEXL
    const int ntiers = 4;
    const char *names4 = "hexl";
    ntt_fn fwd[] = {heq_ntt_fwd_scalar, heq_ntt_fwd_avx512dq, heq_ntt_fwd_avx512ifma, heq_ntt_fwd_hexl};
    ntt_fn inv[] = {heq_ntt_inv_scalar, heq_ntt_inv_avx512dq, heq_ntt_inv_avx512ifma, heq_ntt_inv_hexl};
#else
    const int ntiers = 3;
    const char *names4 = "";
    ntt_fn fwd[] = {heq_ntt_fwd_scalar, heq_ntt_fwd_avx512dq, heq_ntt_fwd_avx512ifma};
    ntt_fn inv[] = {heq_ntt_inv_scalar, heq_ntt_inv_avx512dq, heq_ntt_inv_avx512ifma};
#endif
    if (argc > 2 && strcmp(argv[2], "mac") == 0) {
        bench_mac_pair(n);
        return 0;
    }
    uint64_t *a = aligned_alloc(64, n * 8), *b = aligned_alloc(64, n * 8), *o = aligned_alloc(64, n * 8);
    printf("N=%" PRIu64 ", best of 200 x 20 calls, ns per call\n", n);
    for (int bi = 0; bi < 3; bi++) {
        (void)names4;
        uint64_t q = ntt_prime(bits[bi], n), psi = 0;
        for (uint64_t g = 2; !psi; g++) {
            uint64_t x = powmod(g, (q - 1) / (2 * n), q);
            if (powmod(x, n, q) == q - 1) psi = x;
        }
        uint64_t *w = malloc(n * 8), *iw = malloc(n * 8), p = 1, pi = 1, psii = powmod(psi, q - 2, q);
        for (uint64_t i = 0; i < n; i++) {
            unsigned r = 0;
            for (int k = 0; k < logn; k++) r |= ((i >> k) & 1u) << (logn - 1 - k);
            w[r] = p, iw[r] = pi, p = mulmod(p, psi, q), pi = mulmod(pi, psii, q);
        }
        uint64_t *tab = aligned_alloc(64, ((heq_ntt_table_words(n) * 8 + 63) / 64) * 64);
        heq_ntt_table_init(tab, n, q, w, iw, powmod(n, q - 2, q));
        for (uint64_t i = 0; i < n; i++) a[i] = (i * 0x9E3779B97F4A7C15ull) % q, b[i] = (i * 7919 + 13) % q;
        for (int t = 0; t < ntiers; t++) {
            if (t == 2 && q >= (1ull << 50)) continue;
            if (t > 0 && t < 3 && !(heq_caps() & (1u << (t - 1)))) continue;
            double f = BEST(fwd[t](a, a, tab, n, q, 1, 1));
            double iv = BEST(inv[t](a, a, tab, n, q, 1, 1));
            printf("%2d-bit %-11s fwd %9.0f  inv %9.0f\n", bits[bi], t < 3 ? names[t] : names4, f, iv);
        }
        uint64_t ww = q / 3, ws = (uint64_t)(((u128)ww << 64) / q);
        printf("%2d-bit mulMod  scalar %6.0f dq %6.0f ifma %6.0f | mulConst scalar %6.0f dq %6.0f ifma %6.0f | add dq %5.0f\n",
               bits[bi], BEST(heq_mul_mod_scalar(o, a, b, n, q, 1)), BEST(heq_mul_mod_avx512dq(o, a, b, n, q, 1)),
               q < (1ull << 50) ? BEST(heq_mul_mod_avx512ifma(o, a, b, n, q, 1)) : 0.0,
               BEST(heq_mul_const_mod_scalar(o, a, ww, ws, n, q, 1)), BEST(heq_mul_const_mod_avx512dq(o, a, ww, ws, n, q, 1)),
               q < (1ull << 50) ? BEST(heq_mul_const_mod_avx512ifma(o, a, ww, ws, n, q, 1)) : 0.0,
               BEST(heq_add_mod_avx512dq(o, a, b, n, q)));
        {
            /* the same kernels on data 16 bytes past a 64-byte boundary (where a Java long[]'s elements start) */
            uint64_t *a2 = aligned_alloc(64, n * 8 + 64), *b2 = aligned_alloc(64, n * 8 + 64), *o2 = aligned_alloc(64, n * 8 + 64);
            memcpy(a2 + 2, a, n * 8), memcpy(b2 + 2, b, n * 8);
            if (q < (1ull << 50)) {
                printf("%2d-bit +16B   ifma in-place fwd %6.0f inv %6.0f\n", bits[bi],
                       BEST(heq_ntt_fwd_avx512ifma(a2 + 2, a2 + 2, tab, n, q, 1, 1)),
                       BEST(heq_ntt_inv_avx512ifma(a2 + 2, a2 + 2, tab, n, q, 1, 1)));
                printf("   inv in+16B->out aligned %6.0f | in aligned->out+16B %6.0f | fwd in+16B->out aligned %6.0f | fwd in aligned->out+16B %6.0f\n",
                       BEST(heq_ntt_inv_avx512ifma(o, a2 + 2, tab, n, q, 1, 1)), BEST(heq_ntt_inv_avx512ifma(o2 + 2, a, tab, n, q, 1, 1)),
                       BEST(heq_ntt_fwd_avx512ifma(o, a2 + 2, tab, n, q, 1, 1)), BEST(heq_ntt_fwd_avx512ifma(o2 + 2, a, tab, n, q, 1, 1)));
            }
            printf("%2d-bit +16B   mulMod dq %6.0f ifma %6.0f | mulConst dq %6.0f ifma %6.0f | add dq %5.0f | fwd best %6.0f\n", bits[bi],
                   BEST(heq_mul_mod_avx512dq(o2 + 2, a2 + 2, b2 + 2, n, q, 1)),
                   q < (1ull << 50) ? BEST(heq_mul_mod_avx512ifma(o2 + 2, a2 + 2, b2 + 2, n, q, 1)) : 0.0,
                   BEST(heq_mul_const_mod_avx512dq(o2 + 2, a2 + 2, ww, ws, n, q, 1)),
                   q < (1ull << 50) ? BEST(heq_mul_const_mod_avx512ifma(o2 + 2, a2 + 2, ww, ws, n, q, 1)) : 0.0,
                   BEST(heq_add_mod_avx512dq(o2 + 2, a2 + 2, b2 + 2, n, q)),
                   q < (1ull << 50) ? BEST(heq_ntt_fwd_avx512ifma(a2 + 2, a2 + 2, tab, n, q, 1, 1))
                                    : BEST(heq_ntt_fwd_avx512dq(a2 + 2, a2 + 2, tab, n, q, 1, 1)));
#ifdef HEQ_WITH_HEXL
            printf("%2d-bit hexl   mulMod %6.0f | mulConst %6.0f | add %5.0f\n", bits[bi], BEST(heq_mul_mod_hexl(o, a, b, n, q, 1)),
                   BEST(heq_mul_const_mod_hexl(o, a, ww, ws, n, q, 1)), BEST(heq_add_mod_hexl(o, a, b, n, q)));
#endif
            free(a2), free(b2), free(o2);
        }
        free(w), free(iw), free(tab);
    }
    return 0;
}
