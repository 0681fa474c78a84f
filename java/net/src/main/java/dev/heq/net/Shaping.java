package dev.heq.net;

/**
 * In-process network emulation for one direction: a bandwidth cap and a one-way latency, so LAN/WAN numbers do not
 * need {@code tc}. Applied by {@link ShapedTransport} on the sending side of each direction.
 *
 * @param bitsPerSecond     link rate in bit/s, or 0 for unlimited
 * @param oneWayLatencyNanos one-way propagation delay in ns (RTT = 2x), 0 .. 10 s
 */
public record Shaping(long bitsPerSecond, long oneWayLatencyNanos) {

    /** No shaping (the raw transport). */
    public static final Shaping NONE = new Shaping(0, 0);
    /** Cheetah's LAN setting (OpenCheetah scripts/throttle.sh): 3000 mbit, 0.15 ms delay each way = 0.3 ms RTT. */
    public static final Shaping LAN = new Shaping(3_000_000_000L, 150_000L);
    /** Cheetah's WAN setting: 400 mbit, 20 ms delay each way = 40 ms RTT. */
    public static final Shaping WAN = new Shaping(400_000_000L, 20_000_000L);

    public Shaping {
        if (bitsPerSecond < 0) {
            throw new IllegalArgumentException("bitsPerSecond must be >= 0, got " + bitsPerSecond);
        }
        if (oneWayLatencyNanos < 0 || oneWayLatencyNanos > 10_000_000_000L) {
            throw new IllegalArgumentException("oneWayLatencyNanos must be in [0, 10 s], got " + oneWayLatencyNanos);
        }
    }

    public boolean isNone() {
        return bitsPerSecond == 0 && oneWayLatencyNanos == 0;
    }

    /** Parses "none", "lan", "wan" or "RATE_MBPS/RTT_MS" (e.g. "1000/2"). */
    public static Shaping parse(String s) {
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "none", "" -> { return NONE; }
            case "lan" -> { return LAN; }
            case "wan" -> { return WAN; }
            default -> {
                int slash = s.indexOf('/');
                if (slash < 0) {
                    throw new IllegalArgumentException("shaping must be none|lan|wan|MBPS/RTT_MS, got '" + s + "'");
                }
                double mbps = Double.parseDouble(s.substring(0, slash));
                double rttMs = Double.parseDouble(s.substring(slash + 1));
                return new Shaping((long) (mbps * 1e6), (long) (rttMs * 1e6 / 2));
            }
        }
    }

    /** Nanoseconds the link needs to serialise {@code bytes} bytes (0 when unlimited). */
    long serializationNanos(long bytes) {
        if (bitsPerSecond == 0) {
            return 0;
        }
        return (long) (bytes * 8.0 * 1e9 / bitsPerSecond);
    }

    @Override
    public String toString() {
        if (isNone()) {
            return "none";
        }
        return String.format(java.util.Locale.ROOT, "%s Mbps / %.2f ms RTT",
                bitsPerSecond == 0 ? "inf" : String.valueOf(bitsPerSecond / 1_000_000), oneWayLatencyNanos * 2 / 1e6);
    }
}
