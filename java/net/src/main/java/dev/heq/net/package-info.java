/**
 * Two-party transport for HEQ's protocols.
 *
 * <ul>
 *   <li>{@link dev.heq.net.Channel}: framed byte arrays and bit-packed {@code long[]} (k = 1..64 bits per value),
 *       explicit flush (every blocking receive flushes first), traffic counters (payload bytes, frames, header
 *       bytes, rounds = runs of same-direction traffic) in total and per named, nestable scope.</li>
 *   <li>Transports ({@link dev.heq.net.ByteTransport}): {@link dev.heq.net.InMemoryTransport} (two threads; see
 *       {@link dev.heq.net.Channels#inMemoryPair}), {@link dev.heq.net.TcpTransport} via {@link dev.heq.net.Tcp}
 *       (one connection per session, TCP_NODELAY, 4 MiB buffers, optional TLS 1.3 with
 *       {@link dev.heq.net.TlsConfig}), and {@link dev.heq.net.ShapedTransport}: in-process bandwidth/latency
 *       emulation with Cheetah's LAN (3 Gbps, 0.3 ms RTT) and WAN (400 Mbps, 40 ms RTT) presets
 *       ({@link dev.heq.net.Shaping}), applied to any transport through {@link dev.heq.net.NetOptions}.</li>
 *   <li>Faults surface as {@link dev.heq.net.ChannelException} with a {@link dev.heq.net.ChannelException.Kind}
 *       (peer disconnected, truncated/oversize/mismatched frame, timeout, closed, TLS, I/O); every blocking call is
 *       bounded by {@link dev.heq.net.NetOptions#timeout()}.</li>
 *   <li>{@link dev.heq.net.TwoParty}: runs both parties of a protocol on two threads (tests, benchmarks).</li>
 * </ul>
 * The package knows nothing about OT or HE; protocols take a Channel.
 */
package dev.heq.net;
