package dev.cnnlab.compress;

import java.util.Random;
import java.util.function.IntConsumer;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.cnnlab.data.Permutation;
import dev.cnnlab.data.ImageData;
import dev.cnnlab.device.Devices;
import dev.cnnlab.nn.Net;

/**
 * The training loop compression needs and {@code Fit} does not offer: a hook after every optimizer step (to
 * re-apply pruning masks or advance a pruning schedule) and the distillation loss against a teacher's logits.
 * Adam, shuffled batches, seeded; with no teacher the loss is plain softmax cross-entropy, so a student trained
 * here alone and one distilled here differ only in the loss.
 */
final class FineTuner {
    private final Net net;
    int epochs = 1;
    int batchSize = 64;
    float learningRate = 1e-3f;
    long seed = 42;
    IntConsumer afterStep = step -> {};
    Net teacher;
    double temperature = 1;
    double alpha;

    FineTuner(Net net) {
        this.net = net;
        if (net.outputs() < 2) {
            throw new CompressionException("fine-tuning and distillation here need a classifier with 2 or more outputs; '"
                    + net.name() + "' has " + net.outputs() + " (a sigmoid head)");
        }
    }

    /** Total optimizer steps {@link #run} will take on {@code n} images. */
    int steps(int n) {
        return epochs * ((n + batchSize - 1) / batchSize);
    }

    /** Trains {@code net} in place; returns the mean loss of every epoch. */
    double[] run(ImageData train) {
        if (train.size() == 0) throw new CompressionException("the training set for fine-tuning is empty");
        net.checkInput(train.imageShape());
        int n = train.size(), per = (int) net.inputShape().size(), classes = net.outputs();
        for (int y : train.labels()) {
            if (y >= classes) throw new CompressionException("label " + y + " but the model has " + classes + " outputs");
        }
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build();
        Device device = net.manager().getDevice();
        var config = new DefaultTrainingConfig(new SoftmaxCrossEntropyLoss()).optOptimizer(adam).optDevices(new Device[] {device});
        Devices.engine().setRandomSeed((int) seed);
        Random random = new Random(seed);
        double[] losses = new double[epochs];
        int step = 0;
        try (Trainer trainer = net.model().newTrainer(config)) {
            for (int e = 0; e < epochs; e++) {
                int[] order = Permutation.of(n, random);
                try (NDManager epochManager = net.manager().newSubManager()) {
                    NDArray sum = epochManager.zeros(new Shape(1));
                    for (int from = 0; from < n; from += batchSize) {
                        int m = Math.min(batchSize, n - from);
                        float[] x = new float[m * per];
                        int[] y = new int[m];
                        for (int i = 0; i < m; i++) {
                            int k = order[from + i];
                            System.arraycopy(train.pixels(), k * per, x, i * per, per);
                            y[i] = train.label(k);
                        }
                        try (NDManager batch = epochManager.newSubManager()) {
                            NDArray xs = batch.create(x, new Shape(m).addAll(net.inputShape()));
                            NDArray onehot = batch.create(y).oneHot(classes);
                            // the teacher's logits are computed outside the gradient tape: constants for the student
                            NDArray soft = teacher == null ? null : teacher.forward(xs, false).stopGradient();
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDArray logits = trainer.forward(new NDList(xs)).singletonOrThrow();
                                NDArray loss = soft == null ? crossEntropy(logits, onehot)
                                        : distillationLoss(soft, logits, onehot, temperature, alpha);
                                gc.backward(loss);
                                sum.addi(loss.mul(m).stopGradient());
                            }
                            trainer.step();
                        }
                        afterStep.accept(++step);
                    }
                    losses[e] = sum.getFloat() / n;
                }
            }
        }
        return losses;
    }

    /** Mean softmax cross-entropy of logits against one-hot labels. */
    static NDArray crossEntropy(NDArray logits, NDArray onehot) {
        return logits.logSoftmax(1).mul(onehot).sum(new int[] {1}).neg().mean();
    }

    /**
     * Hinton et al.'s loss, batch mean: {@code alpha * T^2 * KL(softmax(t/T) || softmax(s/T)) + (1 - alpha) * CE}.
     * The T^2 keeps the soft term's gradients the same size whatever the temperature.
     */
    static NDArray distillationLoss(NDArray teacherLogits, NDArray studentLogits, NDArray onehot, double t, double alpha) {
        NDArray logPt = teacherLogits.div((float) t).logSoftmax(1);
        NDArray logPs = studentLogits.div((float) t).logSoftmax(1);
        NDArray kl = logPt.exp().mul(logPt.sub(logPs)).sum(new int[] {1}).mean();
        NDArray ce = crossEntropy(studentLogits, onehot);
        return kl.mul((float) (alpha * t * t)).add(ce.mul((float) (1 - alpha)));
    }

}
