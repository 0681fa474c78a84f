/**
 * Polynomial rings for RLWE: Z_Q[X]/(X^N + 1) in RNS form over NTT primes.
 *
 * <ul>
 *   <li>{@link dev.heq.ring.RnsBasis}: N and the primes, their kernel tables and CRT constants;</li>
 *   <li>{@link dev.heq.ring.RnsPoly}: a value with an explicit form (coefficients or NTT evaluations);</li>
 *   <li>{@link dev.heq.ring.RnsRing}: limb-wise arithmetic, every operation a bulk call into an injected
 *       {@link dev.heq.kernel.Kernels} tier;</li>
 *   <li>{@link dev.heq.ring.RnsRounder}: exact scale-and-round ⌊T·x/Q⌉ mod T without big integers (BFV decryption,
 *       modulus switching; an exact kernel rescale when T is one of two primes);</li>
 *   <li>{@link dev.heq.ring.Sampler}: the ternary / CBD(21) / uniform distributions over the AES-256-CTR keystream
 *       of a {@link dev.heq.primitives.AesCtrPrg} (256-bit seeds), in bulk (the keystream is copied to long[] at
 *       memcpy speed and post-processed in loops C2 vectorizes; the streams are those of the word-at-a-time
 *       definitions).</li>
 * </ul>
 * Layering: depends on {@code dev.heq.kernel} and {@code dev.heq.primitives} only.
 */
package dev.heq.ring;
