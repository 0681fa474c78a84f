package dev.heq.he;

/** A serialized HE object is malformed, truncated, of another version or of other parameters; the message names the field. */
public final class HeFormatException extends IllegalArgumentException {
    public HeFormatException(String message) {
        super(message);
    }
}
