/**
 * Ferret silent OT (Yang, Weng, Lan, Zhang, Wang, CCS 2020, ePrint 2020/924), semi-honest, behind heq-net's
 * {@link dev.heq.ot.OtProvider} interface: {@link dev.heq.ot.ferret.FerretOtProvider}.
 *
 * <p>Layers, bottom up:
 * <ul>
 *   <li>{@code Ggm}: GGM-tree puncturable PRF from fixed-key AES — single-point COT, h OTs per tree.</li>
 *   <li>{@code FerretCotSender/Receiver.iterate}: multi-point COT with regular noise (t trees, one per bin of 2^h
 *       outputs, the receiver's reserved choice bits fix the puncture points) followed by the primal-LPN encoding
 *       with the d = 10 local linear code ({@code LpnEncoder}, AES-CTR index generation, multi-threaded).</li>
 *   <li>{@code CotPool}: bootstrapping — IKNP random OTs → the bootstrap instance → main iterations, each keeping
 *       k + t·h of its outputs as the next one's input; optionally pipelined (the next iteration computed in the
 *       background after its message exchange).</li>
 *   <li>{@link dev.heq.ot.ferret.FerretOtSender}/{@link dev.heq.ot.ferret.FerretOtReceiver}: random, random-choice,
 *       correlated (additive mod 2^ℓ) and chosen-message 1-of-2 OT derived from Δ-COTs with a tweaked
 *       correlation-robust hash; {@link dev.heq.ot.ferret.FerretNOtSender}: 1-of-N from log N random OTs.</li>
 * </ul>
 *
 * <p>Parameters ({@link dev.heq.ot.ferret.FerretParams#B13}): n = 10,485,760, k = 452,000, t = 1,280, 2^13 bins;
 * bootstrap n = 470,016, k = 32,768, t = 918, 2^9 bins — the 128-bit set of the Ferret authors' implementation
 * (emp-ot {@code ferret_b13}). Costs per main iteration: 552,960 bytes sender → receiver for 10,017,120 COTs
 * (0.44 bits per COT). Setup: an 8-byte parameter fingerprint, 128 Chou–Orlandi base OTs, 41,030 IKNP random OTs (16 B each way) turned into
 * Δ-COTs (+16 B each), one bootstrap iteration (279,072 B).
 *
 * <p>Rounds: each call (or each multi-job {@code correlatedOts}/{@code chosenOts}) is one streamed exchange per
 * {@code Schedule} segment — all corrections, then all payloads — with its COTs reserved before its first message
 * ({@code CotPool.ensure}), so a Ferret iteration never falls inside a call.
 *
 * <p>Per-OT traffic after setup (plus the 0.44 amortised bits of the COT itself): random-choice OT 0, random OT 1
 * bit, correlated OT 1 + ℓ bits, chosen OT 1 + 2ℓ bits, 1-of-N chosen OT log N + N·ℓ bits, 1-of-N random OT log N.
 */
package dev.heq.ot.ferret;
