/**
 * The {@code heq} command: the only place that parses arguments. Each command is a thin picocli class over library
 * APIs; {@link dev.heq.cli.Main} holds the tree and the error policy (one line and exit status 2 for a bad option or
 * value, one line and status 1 for a failure, {@code --verbose} for the stack trace); {@link dev.heq.cli.base} holds
 * what every command shares (base class, version and commit, progress on standard error).
 *
 * <p>Benchmarks are in {@link dev.heq.cli.bench}: one timing harness ({@link dev.heq.cli.bench.Timer}), one results
 * format with a machine fingerprint ({@link dev.heq.cli.bench.Results}, written by {@code --json FILE}) and
 * {@code heq bench compare}.
 */
package dev.heq.cli;
