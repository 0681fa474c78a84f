package dev.heq.net;

/**
 * The one exception a {@link Channel} throws. {@link #kind()} names what happened so a caller (or a test) can
 * react without parsing messages; the message adds the numbers (expected vs actual lengths, the timeout, ...).
 * Unchecked, because every protocol step can hit it and none can recover locally.
 */
public final class ChannelException extends RuntimeException {

    /** What went wrong on the channel. */
    public enum Kind {
        /** The peer closed the connection cleanly between frames (end of stream where a frame header was due). */
        PEER_DISCONNECTED,
        /** The stream ended inside a frame: the header announced more bytes than arrived. */
        TRUNCATED_FRAME,
        /** A frame header announced a length above the configured maximum (or a negative length). */
        OVERSIZE_FRAME,
        /** A frame arrived whose length differs from what the protocol expects at this point. */
        FRAME_MISMATCH,
        /** No data arrived (or could be written) within the configured timeout. */
        TIMEOUT,
        /** This side already closed the channel. */
        CLOSED,
        /** TLS handshake or record failure. */
        TLS,
        /** Any other I/O failure (connection reset, refused, ...). */
        IO
    }

    private final Kind kind;

    public ChannelException(Kind kind, String message) {
        super(kind + ": " + message);
        this.kind = kind;
    }

    public ChannelException(Kind kind, String message, Throwable cause) {
        super(kind + ": " + message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
