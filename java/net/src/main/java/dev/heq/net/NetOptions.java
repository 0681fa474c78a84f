package dev.heq.net;

import java.time.Duration;
import java.util.Objects;

/**
 * Channel settings shared by all transports.
 *
 * @param timeout       the longest a single blocking read or write may wait (nothing hangs forever); must be positive
 * @param maxFrameBytes the largest frame payload accepted or sent, 1 .. 2^31-1 bytes; protects the receiver from
 *                      a corrupt or hostile length header allocating gigabytes. OT extension needs ≥ 16 MiB.
 * @param shaping       bandwidth/latency emulation applied to this side's outgoing direction
 */
public record NetOptions(Duration timeout, int maxFrameBytes, Shaping shaping) {

    /** 64 MiB: a batch of 2^20 IKNP OTs sends 16 MiB, KK13 32 MiB, so this leaves room. */
    public static final int DEFAULT_MAX_FRAME = 64 << 20;

    public NetOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(shaping, "shaping");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes must be positive, got " + maxFrameBytes);
        }
    }

    /** 60 s timeout, 64 MiB frames, no shaping. */
    public static NetOptions defaults() {
        return new NetOptions(Duration.ofSeconds(60), DEFAULT_MAX_FRAME, Shaping.NONE);
    }

    public NetOptions withTimeout(Duration t) {
        return new NetOptions(t, maxFrameBytes, shaping);
    }

    public NetOptions withMaxFrameBytes(int m) {
        return new NetOptions(timeout, m, shaping);
    }

    public NetOptions withShaping(Shaping s) {
        return new NetOptions(timeout, maxFrameBytes, s);
    }

    long timeoutNanos() {
        return timeout.toNanos();
    }
}
