package dev.heq.net;

/** Factories for connected channel pairs used in tests and benchmarks. TCP/TLS: see {@link Tcp}. */
public final class Channels {
    private Channels() {}

    /**
     * Two connected in-memory channels (index 0 and 1 are the two parties; run each on its own thread).
     * The options' shaping, if any, is applied to both directions.
     */
    public static Channel[] inMemoryPair(NetOptions options) {
        InMemoryTransport[] t = InMemoryTransport.pair(options);
        return new Channel[] {new FramedChannel(ShapedTransport.wrap(t[0], options), options),
                new FramedChannel(ShapedTransport.wrap(t[1], options), options)};
    }

    public static Channel[] inMemoryPair() {
        return inMemoryPair(NetOptions.defaults());
    }
}
