/**
 * Two-party secret sharing for HEQ: additive shares over Z_{2^ℓ} ({@link dev.heq.protocol.AShare} over the ring {@link dev.heq.protocol.Z2k}, ℓ = 1..64 chosen
 * at run time, sent bit-packed at ℓ bits per element), XOR-shared bits ({@link dev.heq.protocol.BShare}, 64 per
 * word), the explicit {@link dev.heq.protocol.Role}s, and the {@link dev.heq.protocol.Party} facade that binds one
 * party's channel, OT sessions and randomness. Protocols live in {@link dev.heq.protocol.nonlinear}.
 *
 * <p>Shape of a protocol here: a static function of (Party, shares, public parameters) whose public parameters are a
 * record where there are several ({@code Millionaire.Plan}, {@code Requant.Spec}), whose local steps (OT tables,
 * share combination) are pure functions, with an {@code ideal*} method giving the plaintext answer the tests
 * reconstruct against, and a {@code costBits} method giving the theoretical payload the tests compare with the
 * channel counters. Layering: the protocol module uses heq-he, heq-quant, heq-ot and heq-net, and reaches OT only
 * through the {@code OtProvider} contract and its {@code OtCost} profile, never a concrete back end; the module table
 * and its test are in heq-cli's LayeringTest. The linear (HE) protocols will sit beside {@code nonlinear}.
 */
package dev.heq.protocol;
