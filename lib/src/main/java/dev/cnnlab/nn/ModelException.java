package dev.cnnlab.nn;

/**
 * A model was built, fed or stored wrongly: a wrong input shape, an impossible layer (a kernel larger than
 * its input), a file that is not a saved model. The message says what was expected and what was found, e.g.
 * {@code "model expects images 1x28x28 (C x H x W), got 3x32x32"}.
 */
public class ModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A problem described by {@code message}. */
    public ModelException(String message) {
        super(message);
    }

    /** A problem described by {@code message}, caused by {@code cause}. */
    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
