package dev.cnnlab.compress;

import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import dev.cnnlab.train.TrainingLoss;

/**
 * Hinton et al.'s loss, batch mean: {@code alpha * T^2 * KL(softmax(t/T) || softmax(s/T)) + (1 - alpha) * CE}, with
 * t the teacher's logits (the second label, added by {@link TeacherLogits}) and s the student's. The T^2 keeps the
 * soft term's gradients the same size whatever the temperature. Accuracy counts the student's arg-max.
 */
final class DistillationLoss implements TrainingLoss {
    private final int classes;
    private final double temperature;
    private final double alpha;

    DistillationLoss(int classes, double temperature, double alpha) {
        this.classes = classes;
        this.temperature = temperature;
        this.alpha = alpha;
    }

    @Override
    public Outcome evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray y = labels.get(0);
        NDArray onehot = y.toType(DataType.INT32, false).oneHot(classes);
        NDArray loss = of(labels.get(1), logits, onehot, temperature, alpha);
        NDArray predicted = logits.stopGradient().argMax(1).toType(DataType.FLOAT32, false);
        NDArray hits = predicted.eq(y.reshape(predicted.getShape())).toType(DataType.FLOAT32, false).sum();
        return new Outcome(loss, hits, null, Map.of());
    }

    /** The loss of a batch from the teacher's logits, the student's and one-hot labels (engine arrays). */
    static NDArray of(NDArray teacherLogits, NDArray studentLogits, NDArray onehot, double t, double alpha) {
        NDArray logPt = teacherLogits.div((float) t).logSoftmax(1);
        NDArray logPs = studentLogits.div((float) t).logSoftmax(1);
        NDArray kl = logPt.exp().mul(logPt.sub(logPs)).sum(new int[] {1}).mean();
        NDArray ce = studentLogits.logSoftmax(1).mul(onehot).sum(new int[] {1}).neg().mean();
        return kl.mul((float) (alpha * t * t)).add(ce.mul((float) (1 - alpha)));
    }
}
