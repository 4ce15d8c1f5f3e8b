package dev.cnnlab.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.cnnlab.data.Permutation;
import dev.cnnlab.device.Devices;
import dev.cnnlab.display.Progress;

/**
 * The training loop, the only one: classifiers, detectors, pruning fine-tuning and distillation all run here with
 * their own {@link BatchSource} and {@link TrainingLoss}. Written by hand for speed: every batch's arrays live in a
 * sub-manager closed right after the step, so memory stays flat; the loss and the counts are summed on the device
 * and read only every {@code syncEvery} batches, so the host never waits on the engine in between.
 */
final class TrainingLoop {
    private final Fit fit;
    private final List<Device> devices;
    private GradientGuard guard; // PyTorch on the CPU only

    TrainingLoop(Fit fit, List<Device> devices) {
        this.fit = fit;
        this.devices = devices;
    }

    History run(BatchSource source, Validator validation) {
        String device = Devices.describe();
        if (fit.verbose) System.out.println(device);
        Model model = fit.model;
        int n = source.size();
        int steps = (n + fit.batchSize - 1) / fit.batchSize;
        Tracker lr = fit.schedule.tracker(fit.learningRate, steps, fit.epochs);
        Optimizer opt = fit.optimizer == Fit.Optimizer.ADAM
                ? Optimizer.adam().optLearningRateTracker(lr).optWeightDecays(fit.weightDecay).build()
                : Optimizer.sgd().setLearningRateTracker(lr).optMomentum(fit.momentum).optWeightDecays(fit.weightDecay).build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(new ComputedByFit()).optOptimizer(opt)
                .optDevices(devices.toArray(Device[]::new));

        Devices.engine().setRandomSeed((int) fit.seed); // dropout masks
        Random random = new Random(fit.seed);            // shuffling and augmentation
        TrainingState state = new TrainingState(model, fit.net, fit.saver, fit.epochs);
        fit.stopAsked.set(false); // a Stop pressed before this run belonged to an earlier one
        Ending ending = null;
        try (Trainer trainer = model.newTrainer(config)) {
            guard = GradientGuard.forEngine(Devices.choice().engine(), devices, model);
            if (fit.verbose) System.out.println("training data: " + source.describe());
            for (Callback c : fit.callbacks) c.onTrainBegin(state);
            for (int epoch = 1; epoch <= fit.epochs && !state.stopRequested(); epoch++) {
                EpochStats stats = epoch(trainer, source, validation, state, epoch, steps, random, lr);
                if (stats == null) {
                    ending = cut;
                    break;
                }
                state.add(stats);
                for (Callback c : fit.callbacks) c.onEpochEnd(state, stats);
            }
            if (ending != null) {
                if (ending.interrupted()) Thread.interrupted(); // handled: clear the flag so the notebook can carry on
                state.note(ending.note(steps));
                if (ending.batch() > 0) state.markEndedMidEpoch();
            }
            if (guard != null && guard.retries() > 0) {
                state.note(guard.retries() + " step(s) computed again: PyTorch's CPU code returned a gradient that was "
                        + "not finite (a fault of the engine, not of the model or the learning rate)");
            }
            for (Callback c : fit.callbacks) c.onTrainEnd(state);
        }
        if (ending != null && state.notes().stream().noneMatch(s -> s.startsWith("restored"))) {
            state.note("the model keeps the weights it had when " + (ending.interrupted() ? "interrupted" : "stopped"));
        }
        return new History(state.history(), state.notes(), device, ending != null && ending.interrupted(),
                ending != null && !ending.interrupted());
    }

    /** Why and where an epoch ended early: an interrupt or a {@link Fit#stop()}, after {@code batch} batches. */
    private record Ending(boolean interrupted, int epoch, int batch) {
        String note(int steps) {
            if (interrupted) return "interrupted in epoch " + epoch + "; that epoch is not in the table";
            if (batch == 0) return "stopped by request after epoch " + (epoch - 1);
            return "stopped by request in epoch " + epoch + " after batch " + batch + " of " + steps
                    + "; that epoch is not in the table";
        }
    }

    private Ending cut; // set by epoch() when it returns null

    /** One epoch; null if interrupted or stopped ({@link #cut} says which). */
    private EpochStats epoch(Trainer trainer, BatchSource source, Validator validation, TrainingState state, int epoch,
                             int steps, Random random, Tracker lr) {
        int n = source.size();
        source.order(Permutation.of(n, random));
        long start = System.nanoTime();
        try (NDManager epochManager = fit.model.getNDManager().newSubManager(devices.get(0));
             Progress progress = fit.verbose ? Progress.start("Epoch " + epoch + "/" + fit.epochs, steps) : null) {
            Sums sums = new Sums(epochManager);
            String status = "";
            if (progress != null) progress.update(0, "");
            int seen = 0;
            for (int b = 0; b < steps; b++) {
                if (Thread.currentThread().isInterrupted() || fit.stopAsked.get()) {
                    cut = new Ending(Thread.currentThread().isInterrupted(), epoch, b);
                    return null;
                }
                int from = b * fit.batchSize;
                int m = Math.min(fit.batchSize, n - from);
                try (NDManager batch = epochManager.newSubManager()) {
                    step(trainer, source.batch(batch, from, from + m, random), sums, batch);
                }
                state.stepped();
                for (Callback c : fit.callbacks) c.onBatchEnd(state);
                seen += m;
                if ((b + 1) % fit.syncEvery == 0 || b == steps - 1) {
                    double[] figures = sums.read(seen); // the only host sync: every syncEvery batches
                    double l = figures[0];
                    if (Double.isNaN(l) || Double.isInfinite(l)) {
                        throw new TrainingException(String.format("loss became %s in epoch %d, batches %d-%d of %d: "
                                + "the learning rate %.3g is probably too high; try %.3g (or check the inputs for NaN)",
                                Double.isNaN(l) ? "NaN" : "infinite", epoch, Math.max(1, b + 2 - fit.syncEvery), b + 1,
                                steps, fit.learningRate, fit.learningRate / 10));
                    }
                    double ips = seen / ((System.nanoTime() - start) / 1e9);
                    status = sums.text(figures) + String.format(" · %,.0f images/s", ips);
                    if (progress != null) progress.update(b + 1, status);
                }
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            double[] train = sums.read(n);
            double[] val = validation == null ? new double[] {Double.NaN, Double.NaN, Double.NaN} : validation.measure();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (progress != null && validation != null) {
                progress.update(steps, status + String.format(" · val_loss %.4f · val_accuracy %.4f", val[0], val[1]));
            }
            return new EpochStats(epoch, train[0], train[1], val[0], val[1], val.length > 2 ? val[2] : Double.NaN,
                    lr.getNewValue(epoch * steps), seconds, n / trainSeconds);
        }
    }

    /** Forward, loss, backward over the devices, update; adds the batch's figures to {@code sums}. */
    private void step(Trainer trainer, BatchSource.Batch batch, Sums sums, NDManager manager) {
        int m = batch.size();
        List<BatchSource.Batch> parts = split(batch, m);
        List<TrainingLoss.Outcome> outcomes = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            outcomes.clear();
            try (GradientCollector gc = trainer.newGradientCollector()) {
                for (BatchSource.Batch p : parts) {
                    TrainingLoss.Outcome o = fit.loss().evaluate(p.labels(), trainer.forward(p.data()));
                    gc.backward(parts.size() == 1 ? o.loss() : o.loss().mul((float) p.size() / m));
                    outcomes.add(o);
                }
            }
            if (guard == null || guard.finite(manager)) break;
            if (attempt == GradientGuard.MAX_TRIES) break; // a real divergence: the NaN loss check reports it
            guard.reset(manager);
        }
        trainer.step();
        for (int i = 0; i < parts.size(); i++) sums.add(outcomes.get(i), parts.get(i).size());
    }

    /** The batch, whole on one device or cut into one slice per device (data parallel). */
    private List<BatchSource.Batch> split(BatchSource.Batch batch, int m) {
        if (devices.size() == 1) {
            Device d = devices.get(0);
            return List.of(new BatchSource.Batch(toDevice(batch.data(), d), toDevice(batch.labels(), d)));
        }
        List<BatchSource.Batch> parts = new ArrayList<>();
        int k = Math.min(devices.size(), m);
        int size = (m + k - 1) / k;
        for (int i = 0, from = 0; i < k && from < m; i++, from += size) {
            NDIndex range = new NDIndex(from + ":" + Math.min(m, from + size));
            parts.add(new BatchSource.Batch(slice(batch.data(), range, devices.get(i)),
                    slice(batch.labels(), range, devices.get(i))));
        }
        return parts;
    }

    private static NDList toDevice(NDList list, Device d) {
        NDList out = new NDList(list.size());
        for (NDArray a : list) out.add(a.toDevice(d, false));
        return out;
    }

    private static NDList slice(NDList list, NDIndex range, Device d) {
        NDList out = new NDList(list.size());
        for (NDArray a : list) out.add(a.get(range).toDevice(d, true));
        return out;
    }

    /** An epoch's loss, hits, counted predictions and named loss parts, summed on the device. */
    private static final class Sums {
        private final NDArray loss;
        private final NDArray hits;
        private final NDArray counted;
        private long countedOnHost;
        private boolean countedOnDevice;
        private final Map<String, NDArray> parts = new LinkedHashMap<>();

        Sums(NDManager m) {
            loss = m.zeros(new Shape(1));
            hits = m.zeros(new Shape(1));
            counted = m.zeros(new Shape(1));
        }

        void add(TrainingLoss.Outcome o, int size) {
            loss.addi(o.loss().mul(size).toDevice(loss.getDevice(), false));
            hits.addi(o.hits().toDevice(hits.getDevice(), false));
            if (o.counted() == null) countedOnHost += size;
            else {
                counted.addi(o.counted().toDevice(counted.getDevice(), false));
                countedOnDevice = true;
            }
            o.parts().forEach((name, v) -> {
                NDArray sum = parts.computeIfAbsent(name, k -> loss.getManager().zeros(new Shape(1)));
                sum.addi(v.mul(size).toDevice(sum.getDevice(), false));
            });
        }

        /** {mean loss, accuracy, mean of each part} over {@code seen} examples (reads the device). */
        double[] read(int seen) {
            double[] out = new double[2 + parts.size()];
            out[0] = loss.getFloat() / seen;
            double c = countedOnHost + (countedOnDevice ? counted.getFloat() : 0);
            out[1] = hits.getFloat() / Math.max(1, c);
            int i = 2;
            for (NDArray p : parts.values()) out[i++] = p.getFloat() / seen;
            return out;
        }

        String text(double[] figures) {
            StringBuilder sb = new StringBuilder(String.format("loss %.4f", figures[0]));
            if (!parts.isEmpty()) {
                int i = 2;
                List<String> shown = new ArrayList<>();
                for (String name : parts.keySet()) shown.add(String.format("%s %.3f", name, figures[i++]));
                sb.append(" (").append(String.join(", ", shown)).append(')');
            }
            return sb.append(String.format(" · accuracy %.4f", figures[1])).toString();
        }
    }

    /** The trainer wants a DJL loss; Fit's loop computes its own ({@link TrainingLoss}) and never calls this one. */
    private static final class ComputedByFit extends Loss {
        ComputedByFit() {
            super("loss");
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            throw new UnsupportedOperationException("Fit computes the loss with its TrainingLoss");
        }
    }
}
