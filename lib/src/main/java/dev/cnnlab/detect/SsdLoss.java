package dev.cnnlab.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * The loss of a single-shot detector: a classification loss over anchors plus a box loss over the anchors
 * that have an object (SSD, Liu et al. 2016):
 * <pre>
 *   L = (1 / P) * ( sum over chosen anchors CE(class) + alpha * sum over positive anchors smoothL1(offsets) )
 * </pre>
 * with {@code P} the number of positive anchors in the batch. CE is softmax cross-entropy over background and
 * the object classes; smooth-L1 is {@code 0.5 x^2} for {@code |x| < 1}, else {@code |x| - 0.5}, per offset.
 * <p>
 * <b>Which anchors the class loss sees.</b> Of about 1,300 anchors per image only 5–30 cover an object: with all
 * of them in the loss the background dominates and the detector learns to say "background" everywhere. With
 * <i>hard-negative mining</i> (the default, ratio 3) each image keeps all its positive anchors and the
 * {@code 3 x positives} background anchors with the highest loss — the ones the model gets most wrong.
 * {@link #allNegatives()} uses every anchor (d2l's TinySSD loss), for comparison.
 * <p>
 * Labels: {@code NDList(classes (N, A) as float, 0 = background; offsets (N, 4A); mask (N, 4A))} as made by
 * {@link AnchorAssignment.Targets}. Predictions: {@code NDList(classLogits (N, A, 1 + C), offsets (N, 4A))},
 * the output of {@link TinySsd}.
 */
public final class SsdLoss extends Loss {
    private final float negativeRatio;
    private final float boxWeight;

    /**
     * The numbers of one batch, as engine arrays (reading one synchronises with the engine).
     *
     * @param total the loss to minimise
     * @param classLoss its classification part
     * @param boxLoss its box part (already weighted)
     * @param positives number of positive anchors
     * @param correctPositives positive anchors whose highest-scoring class is their true class
     */
    public record Parts(NDArray total, NDArray classLoss, NDArray boxLoss, NDArray positives, NDArray correctPositives) {}

    private SsdLoss(float negativeRatio, float boxWeight) {
        super("ssd_loss");
        this.negativeRatio = negativeRatio;
        this.boxWeight = boxWeight;
    }

    /** Hard-negative mining with 3 negatives per positive, box weight 1 (the SSD paper's choice). */
    public static SsdLoss standard() {
        return new SsdLoss(3f, 1f);
    }

    /** The class loss over every anchor, no mining (d2l's TinySSD), box weight 1. */
    public static SsdLoss allNegatives() {
        return new SsdLoss(0f, 1f);
    }

    /**
     * Hard-negative mining with {@code ratio} negatives per positive (0 = all anchors) and box loss weight
     * {@code boxWeight}.
     */
    public static SsdLoss of(float ratio, float boxWeight) {
        if (!(ratio >= 0) || !(boxWeight >= 0)) {
            throw new DetectionException("ratio and box weight must be >= 0, got " + ratio + " and " + boxWeight);
        }
        return new SsdLoss(ratio, boxWeight);
    }

    /** Negatives kept per positive anchor (0 = all anchors). */
    public float negativeRatio() {
        return negativeRatio;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return parts(labels, predictions).total();
    }

    /** The loss and its parts for one batch. */
    public Parts parts(NDList labels, NDList predictions) {
        NDArray targetClasses = labels.get(0);
        NDArray targetOffsets = labels.get(1);
        NDArray mask = labels.get(2);
        NDArray logits = predictions.get(0);
        NDArray offsets = predictions.get(1);
        int k = (int) logits.getShape().get(2);

        NDArray ce = logits.logSoftmax(2).mul(targetClasses.oneHot(k)).sum(new int[] {2}).neg();  // (N, A)
        NDArray positive = targetClasses.gt(0).toType(DataType.FLOAT32, false);
        NDArray chosen;
        if (negativeRatio > 0) {
            // rank the background anchors of each image by their loss (no gradient through the ranking)
            NDArray negLoss = ce.stopGradient().mul(positive.mul(-1).add(1)).sub(positive.mul(1e6f));
            NDArray rank = negLoss.argSort(1, false).argSort(1, true).toType(DataType.FLOAT32, false);
            NDArray quota = positive.sum(new int[] {1}, true).maximum(1f).mul(negativeRatio);
            chosen = positive.add(rank.lt(quota).toType(DataType.FLOAT32, false).mul(positive.mul(-1).add(1)));
        } else {
            chosen = positive.onesLike();
        }
        NDArray p = positive.sum();
        NDArray norm = p.maximum(1f);
        NDArray classLoss = ce.mul(chosen).sum().div(norm);

        NDArray diff = offsets.sub(targetOffsets).mul(mask).abs();
        NDArray small = diff.minimum(1f);
        NDArray boxLoss = small.square().mul(0.5f).add(diff.sub(small)).sum().div(norm).mul(boxWeight);

        NDArray predicted = logits.argMax(2).toType(DataType.FLOAT32, false);
        NDArray correct = predicted.eq(targetClasses).toType(DataType.FLOAT32, false).mul(positive).sum();
        return new Parts(classLoss.add(boxLoss), classLoss, boxLoss, p, correct);
    }

    @Override
    public String toString() {
        return "SsdLoss[" + (negativeRatio > 0 ? "hard negatives " + negativeRatio + ":1" : "all negatives")
                + ", box weight " + boxWeight + "]";
    }
}
