package dev.cnnlab.train;

/**
 * Measures the model on held-out data after each epoch, in inference mode: {@code {loss, accuracy, top-k accuracy}}
 * (top-k NaN when not asked for). Fit validates a classifier on images; a detector plugs in its own.
 */
@FunctionalInterface
public interface Validator {
    /** {loss, accuracy, top-k accuracy or NaN} on the validation data now. */
    double[] measure();
}
