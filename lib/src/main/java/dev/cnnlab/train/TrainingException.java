package dev.cnnlab.train;

/**
 * Training could not start or had to stop: an empty dataset, a batch size of 0, labels the model cannot
 * output, a loss that became NaN. The message says what happened and what to change, e.g.
 * {@code "loss became NaN in epoch 2, batches 21-40 of 938: the learning rate 0.5 is too high; try 0.001"}.
 */
public class TrainingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A problem described by {@code message}. */
    public TrainingException(String message) {
        super(message);
    }

    /** A problem described by {@code message}, caused by {@code cause}. */
    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
