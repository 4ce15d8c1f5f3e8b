package dev.cnnlab.train;

import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The loss {@link Fit}'s loop minimises, and what it counts for an epoch's accuracy. Classification
 * ({@link ClassificationLoss}), a detector's SSD loss and distillation each provide one. Everything stays an engine
 * array: the loop adds the counts up on the device and reads them only every few batches.
 */
@FunctionalInterface
public interface TrainingLoss {
    /**
     * What one batch gives.
     *
     * @param loss    the mean loss over the batch, a scalar: what back-propagation starts from
     * @param hits    right predictions (a scalar)
     * @param counted predictions that count for the accuracy (a scalar), e.g. the anchors that hold an object for a
     *                detector; null when every example counts once (a classifier)
     * @param parts   further scalar means to show beside the loss, by name (e.g. a detector's class and box losses)
     */
    record Outcome(NDArray loss, NDArray hits, NDArray counted, Map<String, NDArray> parts) {}

    /** The outcome of predictions against labels for one batch (called while gradients are recorded). */
    Outcome evaluate(NDList labels, NDList predictions);
}
