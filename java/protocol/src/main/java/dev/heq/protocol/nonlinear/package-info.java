/**
 * Non-linear layers on secret shares (CrypTFlow2, Rathee et al. CCS 2020; Cheetah, Huang et al. USENIX Security
 * 2022; HEQuant, arXiv 2401.15970), semi-honest, over IKNP (1-of-2) and KK13 (1-of-N) OT, or Ferret silent OT,
 * behind {@code dev.heq.ot.OtProvider}. The back end's {@link dev.heq.ot.OtCost} (from {@code Party.otCost()})
 * picks the variants: with silent OT, bit triples
 * from random OTs (2 COTs each), correlated triples for the millionaire's paired ANDs and 2–3-bit millionaire
 * digits; every {@code costBits(OtCost, ...)} formula is written per back end (the IKNP-only {@code costBits(...)}
 * overloads remain).
 *
 * <p>Building blocks: {@link dev.heq.protocol.nonlinear.BitTriples} (1-of-16 OT, 144 bits per triple),
 * {@link dev.heq.protocol.nonlinear.And}, {@link dev.heq.protocol.nonlinear.B2A} (128 + ℓ bits),
 * {@link dev.heq.protocol.nonlinear.Mux} (2·(128 + ℓ) bits), {@link dev.heq.protocol.nonlinear.Millionaire}
 * (digit plan chosen per width). On top: {@link dev.heq.protocol.nonlinear.Relu} (DReLU, ReLU, exact for every
 * input), {@link dev.heq.protocol.nonlinear.Extend} (wrap, zero/sign extension with unknown, shared or zero MSB),
 * {@link dev.heq.protocol.nonlinear.Truncate} (approximate / exact × unknown / shared / zero MSB),
 * {@link dev.heq.protocol.nonlinear.Requant} (bit-exact dev.heq.quant requantization, ReLU fused),
 * {@link dev.heq.protocol.nonlinear.Pool} (max, average, argmax revealed to the client).
 *
 * <p>Bytes: every protocol states its payload as a formula per back end ({@code costBits(OtCost, ...)}); the tests
 * assert the channel counters against it (IKNP/KK13 exactly; Ferret with its COT iteration messages amortised at
 * the parameter set's bits per COT). Measured bytes and times per element are the README's results, produced by
 * {@code heq bench nonlinear} (bytes per element beside the theory column, flights beside the model).
 *
 * <p>Rounds: {@link dev.heq.protocol.nonlinear.Flights} gives every protocol's flight count (the server's direction
 * runs, which the channel's {@code rounds} counter reports), asserted exactly by the tests on both back ends. With
 * IKNP/KK13 every OT call streams all its batches before any payload, and the millionaire's triple and leaf OTs
 * share one exchange, so counts do not depend on n: millionaire 1 + 2·levels, ReLU 3 + 2·levels (9 at ℓ = 32),
 * exact truncation 8 at ℓ = 32, ReLU-fused requantization 12–18 (ℓ = 8..37).
 *
 * <p>Exactness: every protocol here is exact except {@code Truncate.Mode.APPROX} (result floor(x/2^s) − e,
 * e ∈ {0, 1}, Pr[e = 1] = (2^s − 1 − (x mod 2^s))/2^s), and max pool / argmax need inputs in
 * [−2^(ℓ−2), 2^(ℓ−2)) so that differences do not wrap (quantized activations in any ring of ≥ b + 2 bits).
 */
package dev.heq.protocol.nonlinear;
