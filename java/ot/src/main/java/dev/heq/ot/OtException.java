package dev.heq.ot;

/** A peer sent an OT message that is well-framed but invalid (e.g. a point not on the curve), or OT misuse. */
public final class OtException extends RuntimeException {
    public OtException(String message) {
        super(message);
    }

    public OtException(String message, Throwable cause) {
        super(message, cause);
    }
}
