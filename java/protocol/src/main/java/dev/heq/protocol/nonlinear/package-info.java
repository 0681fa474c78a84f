/**
 * Non-linear layers on secret shares (spec protocols.md §4.6, §5, §7.7), semi-honest, over IKNP (1-of-2) and KK13
 * (1-of-N) OT, or Ferret silent OT, behind {@code dev.heq.ot.OtProvider}. The back end's
 * {@link dev.heq.ot.OtCost} (from {@code Party.otCost()}) picks the variants: with silent OT, bit triples
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
 * <p>Measured payload per element with IKNP/KK13 (both directions, from the channel counters, 2^13 elements; the
 * tests assert these against the cost formulas): ReLU 82 B (ℓ = 8), 189 B (16), 267 B (21), 409.5 B (32),
 * 450.8 B (37), 840 B (64). For comparison on this machine kind: SEC-PPDL's CrypTFlow2 ReLU with IKNP 519.5 B at
 * ℓ = 32; OpenCheetah's exact ReLU with silent OT 49.8 B (ℓ = 32), 56.8 B (ℓ = 37).
 *
 * <p>With Ferret (ferret-b13, NonlinearBench, 2^16 elements, COT iteration messages amortised at 0.44 bits per
 * COT; equal to the theory): ReLU 40.0 B (ℓ = 32), 46.6 B (ℓ = 37); the millionaire on ℓ−1 bits 31.6 B / 37.0 B
 * (IKNP 369.5 B / 409.5 B). ferret-b12: ReLU 42.7 B / 49.8 B. The tests run on both back ends (Ferret with its
 * insecure TEST_SMALL set, 2.83 bits per COT) and assert the measured bytes against the matching formula.
 *
 * <p>Rounds: {@link dev.heq.protocol.nonlinear.Flights} gives every protocol's flight count (the server's direction
 * runs, which the channel's {@code rounds} counter reports), asserted exactly by the tests on both back ends. With
 * IKNP/KK13 every OT call streams all its batches before any payload, and the millionaire's triple and leaf OTs
 * share one exchange, so counts do not depend on n: millionaire 1 + 2·levels, ReLU 3 + 2·levels (9 at ℓ = 32),
 * exact truncation 8 at ℓ = 32, ReLU-fused requantization 12–18 (NonlinearBench, ℓ = 8..37).
 *
 * <p>Time (NonlinearBench, 2^16 ReLUs at ℓ = 32 on IKNP/KK13, both parties in one JVM on a shared 2-core box at
 * load ≈ 5): 0.38–0.50 s wall, 0.21–0.29 s CPU of both party threads (SEC-PPDL: 0.5 s).
 *
 * <p>Exactness: every protocol here is exact except {@code Truncate.Mode.APPROX} (result floor(x/2^s) − e,
 * e ∈ {0, 1}, Pr[e = 1] = (2^s − 1 − (x mod 2^s))/2^s), and max pool / argmax need inputs in
 * [−2^(ℓ−2), 2^(ℓ−2)) so that differences do not wrap (quantized activations in any ring of ≥ b + 2 bits).
 */
package dev.heq.protocol.nonlinear;
