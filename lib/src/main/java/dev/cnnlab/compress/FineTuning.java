package dev.cnnlab.compress;

import dev.cnnlab.data.ImageData;
import dev.cnnlab.nn.Net;
import dev.cnnlab.train.EpochStats;
import dev.cnnlab.train.Fit;
import dev.cnnlab.train.History;

/**
 * How compression trains: with {@link Fit}, Adam at a constant rate, shuffled batches, seeded, quietly. Pruning
 * adds a callback that holds its masks after every step; distillation a teacher's logits and its loss. With
 * neither, a student trained here alone and one distilled here differ only in the loss.
 */
final class FineTuning {
    private FineTuning() {}

    /**
     * Fit for {@code net} with these settings.
     *
     * @throws CompressionException if {@code net} is not a classifier with 2 or more outputs, or {@code train} is
     *                              empty or has a label the model cannot output
     */
    static Fit of(Net net, ImageData train, int epochs, int batchSize, double learningRate, long seed) {
        if (net.outputs() < 2) {
            throw new CompressionException("fine-tuning and distillation here need a classifier with 2 or more outputs; '"
                    + net.name() + "' has " + net.outputs() + " (a sigmoid head)");
        }
        if (train.size() == 0) throw new CompressionException("the training set for fine-tuning is empty");
        for (int y : train.labels()) {
            if (y >= net.outputs()) throw new CompressionException("label " + y + " but the model has " + net.outputs() + " outputs");
        }
        return Fit.of(net).adam(learningRate).batchSize(batchSize).epochs(epochs).seed(seed).verbose(false);
    }

    /** Optimizer steps {@code epochs} epochs of {@code n} images take. */
    static int steps(int n, int epochs, int batchSize) {
        return epochs * ((n + batchSize - 1) / batchSize);
    }

    /** The mean training loss of every epoch. */
    static double[] losses(History h) {
        return h.epochs().stream().mapToDouble(EpochStats::loss).toArray();
    }
}
