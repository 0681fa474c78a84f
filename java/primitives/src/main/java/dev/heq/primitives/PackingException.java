package dev.heq.primitives;

/**
 * A packed section is malformed (non-zero padding bits). Unchecked: the users that read untrusted input wrap it
 * into their own format error with the field or frame it came from ({@code HeFormatException},
 * {@code ChannelException}).
 */
public final class PackingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PackingException(String message) {
        super(message);
    }
}
