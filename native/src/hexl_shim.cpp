// libheqhexl: the "hexl" ISA family of HEQ's native kernels: Intel HEXL's NTT and element-wise kernels behind HEQ's C ABI
// (heq_kernels.h), so Java binds them exactly like its own kernels. Compiled only when CMake's
// find_package(HEXL) succeeds; HEXL itself is an external install, not part of this repository.
//
// Conventions match by construction: HEXL's NTT is negacyclic, natural -> bit-reversed forward with the N^-1
// scaling in the inverse, and takes the 2N-th root it is built with; we pass the minimal primitive root psi that
// HEQ's tables use (root_powers[brv(1)] = psi, i.e. tab[n/2]), so outputs are identical. Lazy factors are HEXL's
// own input/output mod factors. Where HEXL's documented limits are narrower than HEQ's (q < 2^61 for FMA,
// factor q < 2^63 for multiply; no "any 64-bit" reduce, no negate, no 128-bit accumulate) the shim uses HEQ's
// AVX512DQ (or scalar) kernels instead.
#include <hexl/hexl.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <utility>

#include "heq/heq_kernels.h"

#ifndef HEQ_HEXL_VERSION_STR
#define HEQ_HEXL_VERSION_STR "unknown version"
#endif

namespace {

using intel::hexl::NTT;

// NTT objects hold HEXL's precomputed tables; ComputeForward/Inverse are non-const, so each thread keeps its own.
NTT &ntt_for(uint64_t n, uint64_t q, const uint64_t *tab) {
    thread_local std::map<std::pair<uint64_t, uint64_t>, std::unique_ptr<NTT>> cache;
    auto key = std::make_pair(n, q);
    auto it = cache.find(key);
    if (it == cache.end()) {
        it = cache.emplace(key, std::make_unique<NTT>(n, q, tab[n / 2])).first;
    }
    return *it->second;
}

bool have_dq() { return (heq_caps() & HEQ_CAP_AVX512DQ) != 0; }

}  // namespace

extern "C" {

HEQ_API const char *heq_hexl_version(void) {
    return "heqhexl 0.1.0 (Intel HEXL " HEQ_HEXL_VERSION_STR ", gcc " __VERSION__ ")";
}

HEQ_API void heq_ntt_fwd_hexl(uint64_t *out, const uint64_t *in, const uint64_t *tab, uint64_t n, uint64_t q,
                              uint64_t in_factor, uint64_t out_factor) {
    ntt_for(n, q, tab).ComputeForward(out, in, in_factor, out_factor);
}

HEQ_API void heq_ntt_inv_hexl(uint64_t *out, const uint64_t *in, const uint64_t *tab, uint64_t n, uint64_t q,
                              uint64_t in_factor, uint64_t out_factor) {
    ntt_for(n, q, tab).ComputeInverse(out, in, in_factor, out_factor);
}

HEQ_API void heq_mul_mod_hexl(uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n, uint64_t q,
                              uint64_t in_factor) {
    if (q < (1ull << 61) && in_factor * q < (1ull << 63)) {
        intel::hexl::EltwiseMultMod(out, a, b, n, q, in_factor);
    } else if (have_dq()) {
        heq_mul_mod_avx512dq(out, a, b, n, q, in_factor);
    } else {
        heq_mul_mod_scalar(out, a, b, n, q, in_factor);
    }
}

HEQ_API void heq_fma_mod_hexl(uint64_t *out, const uint64_t *a, uint64_t w, const uint64_t *c, uint64_t n, uint64_t q,
                              uint64_t in_factor) {
    if (q < (1ull << 61)) {
        intel::hexl::EltwiseFMAMod(out, a, w, c, n, q, in_factor);
    } else if (have_dq()) {
        heq_fma_mod_avx512dq(out, a, w, c, n, q, in_factor);
    } else {
        heq_fma_mod_scalar(out, a, w, c, n, q, in_factor);
    }
}

HEQ_API void heq_mul_const_mod_hexl(uint64_t *out, const uint64_t *a, uint64_t w, uint64_t w_shoup, uint64_t n,
                                    uint64_t q, uint64_t in_factor) {
    (void)w_shoup;  // HEXL derives its own precomputed factor
    heq_fma_mod_hexl(out, a, w, nullptr, n, q, in_factor);
}

HEQ_API void heq_add_mod_hexl(uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n, uint64_t q) {
    intel::hexl::EltwiseAddMod(out, a, b, n, q);
}

HEQ_API void heq_sub_mod_hexl(uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n, uint64_t q) {
    intel::hexl::EltwiseSubMod(out, a, b, n, q);
}

HEQ_API void heq_neg_mod_hexl(uint64_t *out, const uint64_t *a, uint64_t n, uint64_t q) {
    have_dq() ? heq_neg_mod_avx512dq(out, a, n, q) : heq_neg_mod_scalar(out, a, n, q);
}

HEQ_API void heq_reduce_mod_hexl(uint64_t *out, const uint64_t *a, uint64_t n, uint64_t q, uint64_t in_factor,
                                 uint64_t out_factor) {
    // HEXL's EltwiseReduceMod crashed (SIGSEGV in EltwiseReduceModAVX512<52>) and returned wrong values for q = 2
    // in native/tests, so reduction stays on HEQ's kernels.
    if (have_dq()) {
        heq_reduce_mod_avx512dq(out, a, n, q, in_factor, out_factor);
    } else {
        heq_reduce_mod_scalar(out, a, n, q, in_factor, out_factor);
    }
}

HEQ_API void heq_mac128_hexl(uint64_t *acc, const uint64_t *a, const uint64_t *b, uint64_t n) {
    have_dq() ? heq_mac128_avx512dq(acc, a, b, n) : heq_mac128_scalar(acc, a, b, n);
}

HEQ_API void heq_mac128_reduce_hexl(uint64_t *out, const uint64_t *acc, uint64_t n, uint64_t q) {
    have_dq() ? heq_mac128_reduce_avx512dq(out, acc, n, q) : heq_mac128_reduce_scalar(out, acc, n, q);
}

}  // extern "C"
