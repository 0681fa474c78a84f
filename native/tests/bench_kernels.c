/*
 * Quick C-level timing of the kernels (not a test; built as heq_native_bench, not run by ctest):
 * best-of-many short repetitions, in place, 64-byte-aligned data, inputs in [0, q).
 *   heq_native_bench [N]
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
