package dev.heq.net;

/**
 * A snapshot of one party's traffic on a channel (or within one named scope).
 *
 * <p>{@code bytesSent}/{@code bytesReceived} count application payload bytes, i.e. exactly what the protocol passed
 * to {@code send*} (bit-packed arrays count their packed size); the 4-byte frame headers are counted separately in
 * {@code headerBytesSent}/{@code headerBytesReceived} so protocol costs can be compared with the theory (and with
 * OpenCheetah/SCI, which also count application bytes). {@code rounds} counts maximal runs of same-direction
 * activity seen by this party: a lock-step protocol A→B→A shows 3 on both sides, so it equals the number of
 * one-way message flights, the quantity that multiplies latency.
 */
public record ChannelStats(long bytesSent, long bytesReceived, long framesSent, long framesReceived,
                           long headerBytesSent, long headerBytesReceived, long rounds) {

    public static final ChannelStats ZERO = new ChannelStats(0, 0, 0, 0, 0, 0, 0);

    /** Payload bytes in both directions. */
    public long bytesTotal() {
        return bytesSent + bytesReceived;
    }

    /** Component-wise difference {@code this - earlier} (for measuring a region between two snapshots). */
    public ChannelStats minus(ChannelStats earlier) {
        return new ChannelStats(bytesSent - earlier.bytesSent, bytesReceived - earlier.bytesReceived,
                framesSent - earlier.framesSent, framesReceived - earlier.framesReceived,
                headerBytesSent - earlier.headerBytesSent, headerBytesReceived - earlier.headerBytesReceived,
                rounds - earlier.rounds);
    }

    @Override
    public String toString() {
        return "sent " + bytesSent + " B, received " + bytesReceived + " B, frames " + framesSent + "/" + framesReceived
                + ", rounds " + rounds;
    }
}
