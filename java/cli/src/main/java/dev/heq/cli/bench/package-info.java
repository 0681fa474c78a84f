/**
 * {@code heq bench …}: benchmarks that check their results before they time them. All of them time through
 * {@link dev.heq.cli.bench.Timer} (plateau + idle-JIT warm-up, then batches or interleaved rounds; whole protocol
 * runs are summarised with {@link dev.heq.cli.bench.Timer.Stats}), print a table, and with {@code --json FILE}
 * write their rows and the machine's fingerprint ({@link dev.heq.cli.bench.Results}) for
 * {@code heq bench compare}. A default run ends within about a minute; {@code --full} or explicit sizes select the
 * long runs behind the README's tables.
 */
package dev.heq.cli.bench;
