/**
 * Oblivious transfer for HEQ's non-linear protocols (semi-honest security, κ = 128).
 *
 * <ul>
 *   <li>Interfaces: {@link dev.heq.ot.OtSender}/{@link dev.heq.ot.OtReceiver} (1-of-2: random 128-bit, random
 *       ℓ-bit, correlated additive mod 2^ℓ, chosen ℓ-bit; batched, any n) and
 *       {@link dev.heq.ot.NOtSender}/{@link dev.heq.ot.NOtReceiver} (1-of-2^m, m ≤ 8), created per session by an
 *       {@link dev.heq.ot.OtProvider}. A silent-OT (Ferret) back end implements the same interfaces.</li>
 *   <li>Base OT: {@link dev.heq.ot.ChouOrlandiOt} (CO15 "simplest OT" on Curve25519 via BouncyCastle), 128 per
 *       IKNP session and 256 per KK13 session, fresh per session object.</li>
 *   <li>Extension: {@link dev.heq.ot.IknpOtSender}/{@link dev.heq.ot.IknpOtReceiver} (IKNP/ALSZ; 128 bits per OT
 *       plus payload: 0 random, ℓ correlated, 2ℓ chosen) and {@link dev.heq.ot.Kk13OtSender}/
 *       {@link dev.heq.ot.Kk13OtReceiver} (KK13 with the 256-bit Walsh–Hadamard code; 256 bits + N·ℓ per OT).
 *       Both share {@code ExtensionCore}: AES-128-CTR column expansion ({@link dev.heq.primitives.AesCtrPrg}), the cache-aware
 *       {@link dev.heq.ot.BitMatrix} transpose and the fixed-key AES correlation-robust hash ({@code CrHash}).</li>
 *   <li>Rounds: chosen and correlated OT calls stream every batch's u-matrix (receiver → sender), the sender hashes
 *       each batch as it arrives and sends all payloads at the end, so a call is 2 flights for any n and both
 *       parties compute at the same time; {@code chosenOts}/{@code correlatedOts} put several jobs (different N,
 *       ℓ) in one such exchange (KK13 holds back at most 64 MiB of payload, then starts a new 2-flight segment).</li>
 *   <li>Randomness: every session's secrets come from {@link java.security.SecureRandom} (directly for scalars and
 *       the IKNP choice vector s, through AES-CTR PRGs keyed by base-OT outputs for the matrices).</li>
 *   <li>{@code dev.heq.ot.bench.OtBench}: the {@code heq bench ot} entry point.</li>
 * </ul>
 */
package dev.heq.ot;
