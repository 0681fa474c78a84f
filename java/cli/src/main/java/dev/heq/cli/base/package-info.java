/**
 * What every {@code heq} command shares, below the command tree and the benchmarks: the command base class
 * ({@link dev.heq.cli.base.HeqCommand}), version and build information ({@link dev.heq.cli.base.HeqVersion}) and
 * progress on standard error ({@link dev.heq.cli.base.Progress}).
 */
package dev.heq.cli.base;
