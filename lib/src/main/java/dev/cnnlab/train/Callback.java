package dev.cnnlab.train;

/**
 * Hooks into {@link Fit}: called before training, after every epoch, and once at the end (also after an
 * interrupt). {@link EarlyStopping} and {@link Checkpoint} are callbacks.
 */
public interface Callback {
    /** Before the first epoch. */
    default void onTrainBegin(TrainingState state) {}

    /** After each epoch, with its numbers; call {@link TrainingState#stop(String)} to end training. */
    default void onEpochEnd(TrainingState state, EpochStats stats) {}

    /** After the last epoch, after an early stop, or after an interrupt. */
    default void onTrainEnd(TrainingState state) {}
}
