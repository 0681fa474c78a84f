/**
 * BFV with a power-of-two plaintext modulus t = 2^ℓ and coefficient encoding, for Cheetah-style linear layers
 * (Huang et al., USENIX Security 2022; HEQuant, arXiv 2401.15970): no batching, no rotations, no relinearisation.
 *
 * <p>Flow of one linear layer: the client encrypts its share with {@link dev.heq.he.Encryptor#encryptSymmetric}
 * (a {@link dev.heq.he.SeededCiphertext}: c0 + seed, serialized by {@link dev.heq.he.HeCodec#writeQuery}); the
 * server expands it ({@link dev.heq.he.Evaluator#expand}), adds its share, multiplies by weights prepared once in
 * NTT form ({@link dev.heq.he.NttPlaintext}), accumulates ({@link dev.heq.he.Evaluator#mulAccumulate}) and turns
 * the result into a compressed {@link dev.heq.he.Response} plus its own share with
 * {@link dev.heq.he.ResponseEncoder}; the client recovers its share with
 * {@link dev.heq.he.Decryptor#decryptResponse}. {@link dev.heq.he.HeParameters} holds presets and the HE Standard
 * checks, {@link dev.heq.he.NoiseModel} the worst-case bounds, {@link dev.heq.he.HeContext} binds parameters to a
 * kernel tier.
 *
 * <p>Layering: depends on {@code dev.heq.ring} and {@code dev.heq.kernel} only; nothing here knows a channel.
 */
package dev.heq.he;
