package dev.cnnlab.nn;

import java.util.Arrays;
import java.util.function.Function;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cnnlab.data.ImageData;

/**
 * Anything that sorts images into classes: a {@link Net}, and the pruned, quantized and distilled models made from
 * one. They share one batched prediction, and {@code Evaluation.of(model, data)} accepts any of them.
 *
 * <pre>{@code
 * int[] labels = model.predictClasses(test);       // net, PrunedNet, QuantizedNet alike
 * Evaluation.of(model, test).accuracy();
 * }</pre>
 */
public interface Classifier {
    /** Images per forward pass when a whole dataset is predicted. */
    int BATCH = 256;

    /** The shape of one input image (C, H, W). */
    Shape inputShape();

    /** How the raw outputs become predictions (softmax, sigmoid or plain logits). */
    Head head();

    /** The manager that owns the parameters; arrays made from it live as long as the model. */
    NDManager manager();

    /** The raw outputs (logits) of a batch (N, C, H, W): shape (N, outputs). */
    NDArray logits(NDArray batch);

    /**
     * Checks that images of shape {@code image} (C, H, W) fit this model.
     *
     * @throws ModelException naming the expected and the given shape
     */
    default void checkInput(Shape image) {
        if (!inputShape().equals(image)) {
            throw new ModelException("the model expects images " + inputShape() + " (C x H x W), got " + image);
        }
    }

    /** Outputs with the head applied: softmax probabilities, sigmoid probabilities, or logits. */
    default NDArray predict(NDArray batch) {
        NDArray z = logits(batch);
        return switch (head()) {
            case SOFTMAX -> z.softmax(1);
            case SIGMOID -> ai.djl.nn.Activation.sigmoid(z);
            case LOGITS -> z;
        };
    }

    /** The raw outputs of every image of {@code data}, in batches of {@value #BATCH}. */
    default float[][] logits(ImageData data) {
        return perImage(this, data, this::logits);
    }

    /** Class scores per image (probabilities unless the head is {@link Head#LOGITS}), in batches of {@value #BATCH}. */
    default float[][] predictScores(ImageData data) {
        return perImage(this, data, this::predict);
    }

    /** The predicted label of every image (arg-max, or score ≥ 0.5 for a 1-unit sigmoid head). */
    default int[] predictClasses(ImageData data) {
        float[][] scores = predictScores(data);
        int[] labels = new int[scores.length];
        for (int i = 0; i < scores.length; i++) labels[i] = argMax(scores[i], head());
        return labels;
    }

    /** The class a row of scores stands for: arg-max, or for one output its side of 0.5 (0 for logits). */
    static int argMax(float[] scores, Head head) {
        if (scores.length == 1) return scores[0] >= (head == Head.LOGITS ? 0f : 0.5f) ? 1 : 0;
        int best = 0;
        for (int j = 1; j < scores.length; j++) if (scores[j] > scores[best]) best = j;
        return best;
    }

    /** The one batched loop: {@code f} on every image of {@code data}, one row of outputs per image. */
    private static float[][] perImage(Classifier model, ImageData data, Function<NDArray, NDArray> f) {
        model.checkInput(data.imageShape());
        Shape image = model.inputShape();
        int per = (int) image.size();
        float[][] out = new float[data.size()][];
        for (int from = 0; from < data.size(); from += BATCH) {
            int n = Math.min(BATCH, data.size() - from);
            try (NDManager sub = model.manager().newSubManager()) {
                float[] pixels = Arrays.copyOfRange(data.pixels(), from * per, (from + n) * per);
                float[] z = f.apply(sub.create(pixels, new Shape(n).addAll(image))).toFloatArray();
                int k = z.length / n;
                for (int i = 0; i < n; i++) out[from + i] = Arrays.copyOfRange(z, i * k, (i + 1) * k);
            }
        }
        return out;
    }
}
