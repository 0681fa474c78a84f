package dev.heq.nn;

/** A model file cannot be read; the message names the file (when known) and what is wrong with it. */
public class ModelFormatException extends ModelException {
    public ModelFormatException(String message) { super(message); }

    public ModelFormatException(String message, Throwable cause) { super(message, cause); }
}
