package dev.cnnlab.compress;

/**
 * Thrown when a compression step cannot run as asked: a sparsity outside [0, 1), a layer that has no weights to
 * prune, an empty calibration set, a model with nothing to quantize, a file that is not a cnnlab int8 model. The
 * message names the layer or argument and says what would work.
 */
public class CompressionException extends RuntimeException {
    /** An error with a message a student can act on. */
    public CompressionException(String message) {
        super(message);
    }

    /** An error caused by another one (for example an I/O error while writing a model file). */
    public CompressionException(String message, Throwable cause) {
        super(message, cause);
    }
}
