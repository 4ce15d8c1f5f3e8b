package dev.cnnlab.train;

import java.util.Random;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * Where {@link Fit}'s loop takes its batches from: images and labels ({@link ImageBatches}), images and a detector's
 * box targets, or either with a teacher's logits added to the labels. Each epoch the loop sets a new order of the
 * examples, then asks for the batches of that order one after the other.
 */
public interface BatchSource extends AutoCloseable {
    /**
     * One batch: the model's inputs and the labels its loss compares the outputs with.
     *
     * @param data   the inputs, e.g. images (N, C, H, W)
     * @param labels the labels, e.g. class numbers (N), or a detector's targets
     */
    record Batch(NDList data, NDList labels) {
        /** Number of examples in the batch. */
        public int size() {
            return (int) data.head().getShape().get(0);
        }
    }

    /** Number of examples in an epoch. */
    int size();

    /** Sets this epoch's order of the examples (a permutation of 0..size-1). */
    void order(int[] permutation);

    /**
     * Positions {@code from..to} of this epoch's order as a batch, its arrays owned by {@code manager} (which lives
     * on the training device); {@code random} drives any random change of the examples (augmentation), so a seeded
     * run repeats.
     */
    Batch batch(NDManager manager, int from, int to, Random random);

    /** Where the batches come from, for the line Fit prints before training (e.g. "kept on cpu() (188 MB)"). */
    String describe();

    /** Frees what the source keeps (e.g. a copy of the data on the device). */
    @Override
    default void close() {}
}
