package dev.cnnlab.train;

import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;

/**
 * The loss of a classifier, chosen by its head: softmax cross-entropy over several outputs (labels are class
 * numbers), sigmoid binary cross-entropy for one output (labels 0/1). Accuracy counts the arg-max (or the sign of
 * the one output) against the label.
 */
public final class ClassificationLoss implements TrainingLoss {
    private final boolean binary;
    private final Loss loss;

    private ClassificationLoss(boolean binary) {
        this.binary = binary;
        this.loss = binary ? new SigmoidBinaryCrossEntropyLoss() : new SoftmaxCrossEntropyLoss();
    }

    /** For a model with {@code outputs} outputs: 1 means a sigmoid head, more a softmax over classes. */
    public static ClassificationLoss forOutputs(int outputs) {
        return new ClassificationLoss(outputs == 1);
    }

    @Override
    public Outcome evaluate(NDList labels, NDList predictions) {
        NDArray out = predictions.singletonOrThrow();
        long m = out.getShape().get(0);
        NDArray y = binary ? labels.head().reshape(m, 1) : labels.head();
        NDArray l = loss.evaluate(new NDList(y), predictions);
        NDArray scores = out.stopGradient();
        NDArray predicted = binary ? scores.gt(0).toType(DataType.FLOAT32, false)
                : scores.argMax(1).toType(DataType.FLOAT32, false);
        NDArray hits = predicted.eq(y.reshape(predicted.getShape())).toType(DataType.FLOAT32, false).sum();
        return new Outcome(l, hits, null, Map.of());
    }
}
