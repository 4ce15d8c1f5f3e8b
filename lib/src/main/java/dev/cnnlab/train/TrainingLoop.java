package dev.cnnlab.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.cnnlab.data.Permutation;
import dev.cnnlab.data.ImageData;
import dev.cnnlab.device.Devices;
import dev.cnnlab.nn.Net;

/**
 * The training loop, written by hand for speed: the training set stays on the device when it fits and nothing
 * runs on the host per batch ({@link ResidentData}), else batches are gathered on the host (where augmentation
 * runs); loss and correct counts are summed on the device and read only every {@code syncEvery} batches, and
 * every batch's arrays live in a sub-manager closed right after the step, so memory stays flat.
 */
final class TrainingLoop {
    private final Fit fit;
    private final Net net;
    private final List<Device> devices;
    private final boolean binary;

    TrainingLoop(Fit fit, List<Device> devices) {
        this.fit = fit;
        this.net = fit.net;
        this.devices = devices;
        this.binary = net.outputs() == 1;
    }

    History run(ImageData train, ImageData validation) {
        checkData(train, "training");
        if (validation != null) checkData(validation, "validation");
        String device = Devices.describe();
        if (fit.verbose) System.out.println(device);

        int n = train.size();
        int steps = (n + fit.batchSize - 1) / fit.batchSize;
        Tracker lr = fit.schedule.tracker(fit.learningRate, steps, fit.epochs);
        Optimizer opt = fit.optimizer == Fit.Optimizer.ADAM
                ? Optimizer.adam().optLearningRateTracker(lr).optWeightDecays(fit.weightDecay).build()
                : Optimizer.sgd().setLearningRateTracker(lr).optMomentum(fit.momentum).optWeightDecays(fit.weightDecay).build();
        Loss loss = binary ? new SigmoidBinaryCrossEntropyLoss() : new SoftmaxCrossEntropyLoss();
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optOptimizer(opt)
                .optDevices(devices.toArray(Device[]::new));

        Devices.engine().setRandomSeed((int) fit.seed); // dropout masks
        Random random = new Random(fit.seed);            // shuffling and augmentation
        TrainingState state = new TrainingState(net, fit.epochs);
        boolean interrupted = false;
        try (Trainer trainer = net.model().newTrainer(config);
             ResidentData resident = ResidentData.of(net, train, devices.get(0), fit.dataOnDevice, fit.augment != null)) {
            if (fit.verbose) {
                System.out.printf("training images: %s%n", resident != null
                        ? String.format("kept on %s (%.0f MB), batches gathered there", devices.get(0), resident.megabytes())
                        : fit.augment != null ? "batches built on the host (augmentation runs there)"
                        : "batches built on the host (the set is over CNNLAB_DEVICE_DATA_MB or dataOnDevice(false))");
            }
            for (Callback c : fit.callbacks) c.onTrainBegin(state);
            for (int epoch = 1; epoch <= fit.epochs && !state.stopRequested(); epoch++) {
                EpochStats stats = epoch(trainer, train, resident, validation, epoch, steps, random, lr);
                if (stats == null) {
                    interrupted = true;
                    break;
                }
                state.add(stats);
                for (Callback c : fit.callbacks) c.onEpochEnd(state, stats);
            }
            if (interrupted) {
                Thread.interrupted(); // handled: clear the flag so the notebook can carry on
                state.note("interrupted in epoch " + (state.history().size() + 1) + "; that epoch is not in the table");
            }
            for (Callback c : fit.callbacks) c.onTrainEnd(state);
        }
        if (interrupted && state.notes().stream().noneMatch(s -> s.startsWith("restored"))) {
            state.note("the model keeps the weights it had when interrupted");
        }
        return new History(state.history(), state.notes(), device, interrupted);
    }

    /** One epoch; null if interrupted. */
    private EpochStats epoch(Trainer trainer, ImageData train, ResidentData resident, ImageData validation,
                             int epoch, int steps, Random random, Tracker lr) {
        int n = train.size();
        int per = (int) net.inputShape().size();
        int[] order = Permutation.of(n, random);
        if (resident != null) resident.shuffle(order);
        float[] pixels = train.pixels();
        int[] labels = train.labels();
        long start = System.nanoTime();
        try (NDManager epochManager = net.manager().newSubManager(devices.get(0));
             Progress progress = fit.verbose ? Progress.start("Epoch " + epoch + "/" + fit.epochs, steps) : null) {
            NDArray lossSum = epochManager.zeros(new Shape(1));
            NDArray correct = epochManager.zeros(new Shape(1));
            String status = "";
            if (progress != null) progress.update(0, "");
            int seen = 0;
            for (int b = 0; b < steps; b++) {
                if (Thread.currentThread().isInterrupted()) return null;
                int from = b * fit.batchSize;
                int m = Math.min(fit.batchSize, n - from);
                try (NDManager batch = epochManager.newSubManager()) {
                    NDArray[] xy = resident != null ? resident.batch(batch, from, from + m)
                            : hostBatch(batch, pixels, labels, order, from, m, per, random);
                    step(trainer, xy[0], xy[1], lossSum, correct);
                }
                seen += m;
                if ((b + 1) % fit.syncEvery == 0 || b == steps - 1) {
                    double l = lossSum.getFloat() / seen; // the only host sync: every syncEvery batches
                    double acc = correct.getFloat() / seen;
                    if (Double.isNaN(l) || Double.isInfinite(l)) {
                        throw new TrainingException(String.format("loss became %s in epoch %d, batches %d-%d of %d: "
                                + "the learning rate %.3g is probably too high; try %.3g (or check the inputs for NaN)",
                                Double.isNaN(l) ? "NaN" : "infinite", epoch, Math.max(1, b + 2 - fit.syncEvery), b + 1,
                                steps, fit.learningRate, fit.learningRate / 10));
                    }
                    double ips = seen / ((System.nanoTime() - start) / 1e9);
                    status = String.format("loss %.4f · accuracy %.4f · %,.0f images/s", l, acc, ips);
                    if (progress != null) progress.update(b + 1, status);
                }
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            double trainLoss = lossSum.getFloat() / n;
            double trainAcc = correct.getFloat() / n;
            double[] val = validation == null ? new double[] {Double.NaN, Double.NaN, Double.NaN}
                    : Validation.measure(net, validation, fit.topK);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (progress != null && validation != null) {
                progress.update(steps, status + String.format(" · val_loss %.4f · val_accuracy %.4f", val[0], val[1]));
            }
            return new EpochStats(epoch, trainLoss, trainAcc, val[0], val[1], val[2],
                    lr.getNewValue(epoch * steps), seconds, n / trainSeconds);
        }
    }

    /** Copies the batch's images (augmented, if asked) and labels on the host and uploads them. */
    private NDArray[] hostBatch(NDManager batch, float[] pixels, int[] labels, int[] order, int from, int m, int per,
                                Random random) {
        float[] x = new float[m * per];
        float[] y = new float[m];
        for (int i = 0; i < m; i++) {
            int k = order[from + i];
            System.arraycopy(pixels, k * per, x, i * per, per);
            y[i] = labels[k];
        }
        if (fit.augment != null) fit.augment.apply(x, m, net.inputShape(), random);
        return new NDArray[] {batch.create(x, new Shape(m).addAll(net.inputShape())), batch.create(y)};
    }

    /** Forward, loss, backward over the devices, update; adds the batch's loss sum and correct count. */
    private void step(Trainer trainer, NDArray x, NDArray y, NDArray lossSum, NDArray correct) {
        int m = (int) x.getShape().get(0);
        List<NDArray[]> parts = split(x, y, m);
        List<NDArray> outputs = new ArrayList<>();
        List<NDArray> losses = new ArrayList<>();
        try (GradientCollector gc = trainer.newGradientCollector()) {
            for (NDArray[] p : parts) {
                NDArray out = trainer.forward(new NDList(p[0])).singletonOrThrow();
                NDArray l = trainer.getLoss().evaluate(new NDList(p[1]), new NDList(out));
                gc.backward(parts.size() == 1 ? l : l.mul((float) p[0].getShape().get(0) / m));
                outputs.add(out);
                losses.add(l.mul(p[0].getShape().get(0)));
            }
        }
        trainer.step();
        for (int i = 0; i < parts.size(); i++) {
            NDArray out = outputs.get(i);
            NDArray yi = parts.get(i)[1];
            NDArray predicted = binary ? out.gt(0).toType(DataType.FLOAT32, false)
                    : out.argMax(1).toType(DataType.FLOAT32, false);
            NDArray hits = predicted.eq(yi.reshape(predicted.getShape())).toType(DataType.FLOAT32, false).sum();
            lossSum.addi(losses.get(i).toDevice(lossSum.getDevice(), false));
            correct.addi(hits.toDevice(correct.getDevice(), false));
        }
    }

    /** The batch, whole on one device or cut into one slice per device (data parallel). */
    private List<NDArray[]> split(NDArray x, NDArray y, int m) {
        NDArray labels = binary ? y.reshape(m, 1) : y;
        if (devices.size() == 1) {
            return List.<NDArray[]>of(new NDArray[] {x.toDevice(devices.get(0), false), labels.toDevice(devices.get(0), false)});
        }
        List<NDArray[]> parts = new ArrayList<>();
        int k = Math.min(devices.size(), m);
        int size = (m + k - 1) / k;
        for (int i = 0, from = 0; i < k && from < m; i++, from += size) {
            NDIndex range = new NDIndex(from + ":" + Math.min(m, from + size));
            parts.add(new NDArray[] {x.get(range).toDevice(devices.get(i), true),
                    labels.get(range).toDevice(devices.get(i), true)});
        }
        return parts;
    }

    private void checkData(ImageData data, String what) {
        if (data.size() == 0) throw new TrainingException("the " + what + " set is empty");
        net.checkInput(data.imageShape());
        int limit = binary ? 2 : net.outputs();
        int[] labels = data.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= limit) {
                throw new TrainingException("label " + labels[i] + " of " + what + " image " + i + " is outside [0, "
                        + limit + "): the model's last layer has " + net.outputs() + " output(s)"
                        + (binary ? " (a 1-unit sigmoid head learns labels 0 and 1)" : "")
                        + "; make the last dense layer as wide as the number of classes");
            }
        }
    }

}
