package dev.heq.nn;

/** A model (graph, layer parameters or file) is malformed; the message names what and where. */
public class ModelException extends IllegalArgumentException {
    public ModelException(String message) { super(message); }

    public ModelException(String message, Throwable cause) { super(message, cause); }
}
