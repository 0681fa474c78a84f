/* CPU feature detection (CPUID + XGETBV), version, and the NTT table builder shared by all tiers. */
#include <cpuid.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "heq_internal.h"

#define HEQ_STR2(x) #x
#define HEQ_STR(x) HEQ_STR2(x)

/*
 * AVX-512 is usable only if the CPU reports it (CPUID.7.0:EBX) AND the OS saves the opmask and zmm state
 * (XCR0 bits 1,2 = SSE/AVX, 5,6,7 = opmask, ZMM_Hi256, Hi16_ZMM), which needs CPUID.1:ECX.OSXSAVE first.
 */
static uint32_t detect_caps(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 27))) {
        return 0; /* no OSXSAVE: XGETBV would fault */
    }
    uint32_t xcr0_lo, xcr0_hi;
    __asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
    if ((xcr0_lo & 0xE6u) != 0xE6u) {
        return 0;
    }
    if (__get_cpuid_max(0, 0) < 7) {
        return 0;
    }
    __cpuid_count(7, 0, a, b, c, d);
    const unsigned f = 1u << 16, dq = 1u << 17, ifma = 1u << 21, bw = 1u << 30, vl = 1u << 31;
    uint32_t caps = 0;
    if ((b & (f | dq | bw | vl)) == (f | dq | bw | vl)) {
        caps |= HEQ_CAP_AVX512DQ;
        if (b & ifma) {
            caps |= HEQ_CAP_AVX512IFMA;
        }
    }
    return caps;
}

HEQ_API uint32_t heq_caps(void) {
    static volatile int32_t cached = -1; /* benign race: every thread computes the same value */
    int32_t c = cached;
    if (c < 0) {
        c = (int32_t)detect_caps();
        cached = c;
    }
    return (uint32_t)c;
}

HEQ_API const char *heq_version(void) {
    return "heqkernels 0.1.0 (gcc " __VERSION__ ")";
}

HEQ_API void heq_noop(uint64_t *p, uint64_t n) {
    (void)p;
    (void)n;
}

HEQ_API uint64_t heq_ntt_table_words(uint64_t n) {
    return HEQ_TAB_WORDS(n);
}

static uint64_t mulmod_slow(uint64_t a, uint64_t b, uint64_t q) {
    return (uint64_t)(((heq_u128)a * b) % q);
}

/* Fills a W / s64 / s52 triple for one twiddle. */
static void put3(uint64_t *w, uint64_t *s64, uint64_t *s52, uint64_t v, uint64_t q) {
    *w = v;
    *s64 = heq_shoup_bits(v, q, 64);
    *s52 = q < (1ull << 50) ? heq_shoup_bits(v, q, 52) : 0;
}

HEQ_API int heq_ntt_table_init(uint64_t *tab, uint64_t n, uint64_t q, const uint64_t *root_powers,
                               const uint64_t *inv_root_powers, uint64_t n_inv) {
    if (n < 2 || (n & (n - 1)) != 0 || q < 3 || q >= (1ull << 62) || n_inv >= q || !tab || !root_powers ||
        !inv_root_powers) {
        return -1;
    }
    memset(tab, 0, HEQ_TAB_WORDS(n) * sizeof(uint64_t));
    for (uint64_t i = 0; i < n; i++) {
        if (root_powers[i] >= q || inv_root_powers[i] >= q) {
            return -1;
        }
        put3(tab + HEQ_TAB_W(n) + i, tab + HEQ_TAB_WS64(n) + i, tab + HEQ_TAB_WS52(n) + i, root_powers[i], q);
        put3(tab + HEQ_TAB_IW(n) + i, tab + HEQ_TAB_IWS64(n) + i, tab + HEQ_TAB_IWS52(n) + i, inv_root_powers[i], q);
    }
    const uint64_t h = n / 2;
    if (n >= 16) {
        for (uint64_t b = 0; b < n / 16; b++) {
            for (uint64_t k = 0; k < 8; k++) {
                uint64_t e = 8 * b + k;
                uint64_t *f4 = tab + HEQ_TAB_F4(n), *f2 = tab + HEQ_TAB_F2(n);
                uint64_t *i4 = tab + HEQ_TAB_I4(n), *i2 = tab + HEQ_TAB_I2(n);
                put3(f4 + e, f4 + h + e, f4 + 2 * h + e, root_powers[n / 8 + 2 * b + k / 4], q);
                put3(f2 + e, f2 + h + e, f2 + 2 * h + e, root_powers[n / 4 + 4 * b + k / 2], q);
                put3(i4 + e, i4 + h + e, i4 + 2 * h + e, inv_root_powers[n / 8 + 2 * b + k / 4], q);
                put3(i2 + e, i2 + h + e, i2 + 2 * h + e, inv_root_powers[n / 4 + 4 * b + k / 2], q);
            }
        }
    }
    uint64_t *c = tab + HEQ_TAB_CONST(n);
    put3(c + 0, c + 1, c + 2, n_inv, q);
    put3(c + 3, c + 4, c + 5, mulmod_slow(inv_root_powers[1], n_inv, q), q);
    c[6] = n;
    c[7] = q;
    return 0;
}

/* ---------------------------------------------------------------------- per-thread NTT work buffer */

static pthread_key_t work_key;
static pthread_once_t work_once = PTHREAD_ONCE_INIT;
static __thread uint64_t *work_buf;
static __thread uint64_t work_cap;

static void work_free(void *p) {
    free(p);
}

static void work_key_init(void) {
    pthread_key_create(&work_key, work_free);
}

uint64_t *heq_ntt_work(uint64_t *out, uint64_t n) {
    if (((uintptr_t)out & 63) == 0) {
        return out;
    }
    if (work_cap < n) {
        pthread_once(&work_once, work_key_init);
        uint64_t *p = aligned_alloc(64, ((n * sizeof(uint64_t) + 63) / 64) * 64);
        if (p == NULL) {
            return out;
        }
        free(work_buf);
        work_buf = p;
        work_cap = n;
        pthread_setspecific(work_key, p); /* freed by work_free when the thread exits */
    }
    return work_buf;
}
