package dev.cnnlab.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.cnnlab.data.Permutation;
import dev.cnnlab.device.Devices;
import dev.cnnlab.train.EpochStats;
import dev.cnnlab.train.History;
import dev.cnnlab.train.LrSchedule;
import dev.cnnlab.train.Progress;
import dev.cnnlab.train.TrainingException;

/**
 * Trains a {@link Detector} on a {@link SyntheticDetection} set, with the same progress bar and
 * {@link History} as {@code dev.cnnlab.train.Fit} (which trains classifiers: one image, one label).
 *
 * <pre>{@code
 * History h = DetectorFit.of(det).adam(2e-3).batchSize(32).epochs(10)
 *         .lrSchedule(LrSchedule.cosine(1e-4))
 *         .run(train, test);
 * h.table();   // loss = SSD loss; accuracy = share of object anchors given their true class
 * }</pre>
 *
 * Each batch: images gathered on the host (mirrored left-right at random, boxes with them), every anchor
 * assigned an object or background ({@link AnchorAssignment}, IoU 0.5), then forward, {@link SsdLoss}, backward
 * and an optimizer step. In the history, {@code loss} is the SSD loss and {@code accuracy} the share of
 * positive anchors (those with an object) whose highest-scoring class is right — background anchors would
 * make a plain accuracy near 1 whatever the model does. Validation columns are the same numbers on the
 * validation set, without mirroring. Training stops cleanly between batches when the thread is interrupted.
 * Defaults: Adam 2e-3, batch 32, 1 epoch, seed 42, constant rate, mirroring on, {@link SsdLoss#standard()}.
 */
public final class DetectorFit {
    private final Detector detector;
    private boolean adam = true;
    private float learningRate = 2e-3f;
    private float momentum;
    private float weightDecay;
    private int batchSize = 32;
    private int epochs = 1;
    private long seed = 42;
    private boolean flip = true;
    private boolean verbose = true;
    private LrSchedule schedule = LrSchedule.constant();
    private SsdLoss loss = SsdLoss.standard();

    private DetectorFit(Detector detector) {
        this.detector = Objects.requireNonNull(detector, "detector");
    }

    /** Starts configuring training of {@code detector}. */
    public static DetectorFit of(Detector detector) {
        return new DetectorFit(detector);
    }

    /** Adam with the given learning rate. */
    public DetectorFit adam(double lr) {
        adam = true;
        learningRate = positive("learning rate", lr);
        return this;
    }

    /** SGD with momentum (e.g. 0.9). */
    public DetectorFit sgd(double lr, double momentum) {
        adam = false;
        learningRate = positive("learning rate", lr);
        if (momentum < 0 || momentum >= 1) throw new TrainingException("momentum must be in [0, 1), got " + momentum);
        this.momentum = (float) momentum;
        return this;
    }

    /** L2 weight decay added by the optimizer (0 = none). */
    public DetectorFit weightDecay(double wd) {
        if (wd < 0) throw new TrainingException("weight decay must be >= 0, got " + wd);
        weightDecay = (float) wd;
        return this;
    }

    /** Images per gradient step. */
    public DetectorFit batchSize(int n) {
        if (n <= 0) throw new TrainingException("batch size must be positive, got " + n + " (try 32)");
        batchSize = n;
        return this;
    }

    /** Passes over the training images. */
    public DetectorFit epochs(int n) {
        if (n <= 0) throw new TrainingException("epochs must be positive, got " + n);
        epochs = n;
        return this;
    }

    /** Seed for shuffling and mirroring: with the same seed on the CPU a run repeats exactly. */
    public DetectorFit seed(long s) {
        seed = s;
        return this;
    }

    /** Whether training images are mirrored left-right at random (default true). */
    public DetectorFit flip(boolean on) {
        flip = on;
        return this;
    }

    /** How the learning rate changes over the epochs (default constant). */
    public DetectorFit lrSchedule(LrSchedule s) {
        schedule = Objects.requireNonNull(s, "schedule");
        return this;
    }

    /** The loss, e.g. {@link SsdLoss#allNegatives()} to compare with hard-negative mining. */
    public DetectorFit loss(SsdLoss l) {
        loss = Objects.requireNonNull(l, "loss");
        return this;
    }

    /** False: no device line, no progress bars (for tests and benchmarks). */
    public DetectorFit verbose(boolean v) {
        verbose = v;
        return this;
    }

    /** Trains on {@code train} without validation. */
    public History run(SyntheticDetection train) {
        return run(train, null);
    }

    /**
     * Trains on {@code train}, measuring on {@code validation} (may be null) after every epoch.
     *
     * @throws DetectionException if a set is empty or its images do not have the detector's size
     * @throws TrainingException if the loss becomes NaN or infinite
     */
    public History run(SyntheticDetection train, SyntheticDetection validation) {
        detector.checkData(train, "train on");
        if (validation != null) detector.checkData(validation, "validate on");
        String device = Devices.describe();
        if (verbose) System.out.println(device);
        int n = train.size(), steps = (n + batchSize - 1) / batchSize;
        Tracker lr = schedule.tracker(learningRate, steps, epochs);
        Optimizer opt = adam ? Optimizer.adam().optLearningRateTracker(lr).optWeightDecays(weightDecay).build()
                : Optimizer.sgd().setLearningRateTracker(lr).optMomentum(momentum).optWeightDecays(weightDecay).build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optOptimizer(opt)
                .optDevices(new ai.djl.Device[] {detector.model().getNDManager().getDevice()});
        Devices.engine().setRandomSeed((int) seed);
        Random random = new Random(seed);
        List<EpochStats> done = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean interrupted = false;
        try (Trainer trainer = detector.model().newTrainer(config)) {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                EpochStats stats = epoch(trainer, train, validation, epoch, steps, random, lr);
                if (stats == null) {
                    interrupted = true;
                    Thread.interrupted(); // handled: clear the flag so the notebook can carry on
                    notes.add("interrupted in epoch " + epoch + "; that epoch is not in the table; "
                            + "the detector keeps the weights it had when interrupted");
                    break;
                }
                done.add(stats);
            }
        }
        return History.of(done, notes, device, interrupted);
    }

    /** One epoch; null if interrupted. */
    private EpochStats epoch(Trainer trainer, SyntheticDetection train, SyntheticDetection validation, int epoch,
                             int steps, Random random, Tracker lr) {
        int n = train.size();
        int[] order = Permutation.of(n, random);
        float[][] anchors = detector.anchors();
        BoxCoder coder = BoxCoder.standard();
        long start = System.nanoTime();
        double lossSum = 0, classSum = 0, boxSum = 0, positives = 0, correct = 0;
        String status = "";
        try (Progress progress = verbose ? Progress.start("Epoch " + epoch + "/" + epochs, steps) : null) {
            for (int b = 0; b < steps; b++) {
                if (Thread.currentThread().isInterrupted()) return null;
                int from = b * batchSize, m = Math.min(batchSize, n - from);
                TargetBatch batch = TargetBatch.of(train, order, from, m, anchors, coder, flip ? random : null);
                try (NDManager sub = detector.model().getNDManager().newSubManager()) {
                    NDArray x = batch.images(sub);
                    NDList labels = batch.labels(sub);
                    SsdLoss.Parts parts;
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        parts = loss.parts(labels, trainer.forward(new NDList(x)));
                        gc.backward(parts.total());
                    }
                    trainer.step();
                    double l = parts.total().getFloat();
                    if (!Double.isFinite(l)) {
                        throw new TrainingException(String.format("loss became %s in epoch %d, batch %d of %d: the "
                                + "learning rate %.3g is probably too high; try %.3g", Double.isNaN(l) ? "NaN" : "infinite",
                                epoch, b + 1, steps, learningRate, learningRate / 10));
                    }
                    lossSum += l * m;
                    classSum += parts.classLoss().getFloat() * m;
                    boxSum += parts.boxLoss().getFloat() * m;
                    positives += parts.positives().getFloat();
                    correct += parts.correctPositives().getFloat();
                }
                int seen = from + m;
                status = String.format("loss %.4f (class %.3f, box %.3f) · accuracy %.3f · %,.1f images/s",
                        lossSum / seen, classSum / seen, boxSum / seen, correct / Math.max(1, positives),
                        seen / ((System.nanoTime() - start) / 1e9));
                if (progress != null) progress.update(b + 1, status);
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            double[] val = validation == null ? new double[] {Double.NaN, Double.NaN} : measure(validation, anchors, coder);
            if (progress != null && validation != null) {
                progress.update(steps, status + String.format(" · val_loss %.4f · val_accuracy %.3f", val[0], val[1]));
            }
            return new EpochStats(epoch, lossSum / n, correct / Math.max(1, positives), val[0], val[1], Double.NaN,
                    lr.getNewValue(epoch * steps), (System.nanoTime() - start) / 1e9, n / trainSeconds);
        }
    }

    /** {loss, positive-anchor accuracy} on {@code data} in inference mode. */
    private double[] measure(SyntheticDetection data, float[][] anchors, BoxCoder coder) {
        int n = data.size();
        int[] order = Permutation.of(n, null);
        double lossSum = 0, positives = 0, correct = 0;
        for (int from = 0; from < n; from += 64) {
            int m = Math.min(64, n - from);
            TargetBatch batch = TargetBatch.of(data, order, from, m, anchors, coder, null);
            try (NDManager sub = detector.model().getNDManager().newSubManager()) {
                SsdLoss.Parts parts = loss.parts(batch.labels(sub), detector.forward(batch.images(sub), false));
                lossSum += parts.total().getFloat() * m;
                positives += parts.positives().getFloat();
                correct += parts.correctPositives().getFloat();
            }
        }
        return new double[] {lossSum / n, correct / Math.max(1, positives)};
    }


    private static float positive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new TrainingException(what + " must be positive, got " + v);
        return (float) v;
    }
}
