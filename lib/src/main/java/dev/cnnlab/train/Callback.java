package dev.cnnlab.train;

/**
 * Hooks into {@link Fit}: before training, after every optimizer step, after every epoch, and once at the end (also
 * after an interrupt). {@link EarlyStopping} and {@link Checkpoint} are callbacks; pruning re-applies its masks
 * after every step with one.
 */
public interface Callback {
    /** Before the first epoch. */
    default void onTrainBegin(TrainingState state) {}

    /** After each optimizer step ({@link TrainingState#steps()} counts them); keep it cheap, it runs every batch. */
    default void onBatchEnd(TrainingState state) {}

    /** After each epoch, with its numbers; call {@link TrainingState#stop(String)} to end training. */
    default void onEpochEnd(TrainingState state, EpochStats stats) {}

    /** After the last epoch, after an early stop, or after an interrupt. */
    default void onTrainEnd(TrainingState state) {}

    /** A callback that runs {@code action} after every optimizer step, e.g. to hold pruned weights at zero. */
    static Callback afterEachStep(java.util.function.Consumer<TrainingState> action) {
        return new Callback() {
            @Override
            public void onBatchEnd(TrainingState state) {
                action.accept(state);
            }
        };
    }
}
