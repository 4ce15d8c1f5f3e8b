package dev.cnnlab.detect;

import java.util.Map;
import java.util.Objects;

import ai.djl.ndarray.NDManager;
import dev.cnnlab.data.DetectionData;
import dev.cnnlab.data.Permutation;
import dev.cnnlab.train.Callback;
import dev.cnnlab.train.Fit;
import dev.cnnlab.train.History;
import dev.cnnlab.train.LrSchedule;
import dev.cnnlab.train.TrainingException;
import dev.cnnlab.train.TrainingLoss;

/**
 * Trains a {@link Detector} on a detection dataset ({@link DetectionData}: {@link SyntheticDetection}, VOC) with
 * Fit's one loop: the same progress bar, {@link History} and callbacks ({@link dev.cnnlab.train.EarlyStopping},
 * {@link dev.cnnlab.train.Checkpoint}) as {@code dev.cnnlab.train.Fit} gives a classifier, with a detector's batches and loss plugged in.
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
    private final Fit fit;
    private boolean flip = true;
    private SsdLoss loss = SsdLoss.standard();

    private DetectorFit(Detector detector) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.fit = Fit.of(detector.model(), detector::save).adam(2e-3);
    }

    /** Starts configuring training of {@code detector}. */
    public static DetectorFit of(Detector detector) {
        return new DetectorFit(detector);
    }

    /** Adam with the given learning rate. */
    public DetectorFit adam(double lr) {
        fit.adam(lr);
        return this;
    }

    /** SGD with momentum (e.g. 0.9). */
    public DetectorFit sgd(double lr, double momentum) {
        fit.sgd(lr, momentum);
        return this;
    }

    /** L2 weight decay added by the optimizer (0 = none). */
    public DetectorFit weightDecay(double wd) {
        fit.weightDecay(wd);
        return this;
    }

    /** Images per gradient step. */
    public DetectorFit batchSize(int n) {
        fit.batchSize(n);
        return this;
    }

    /** Passes over the training images. */
    public DetectorFit epochs(int n) {
        fit.epochs(n);
        return this;
    }

    /** Seed for shuffling and mirroring: with the same seed on the CPU a run repeats exactly. */
    public DetectorFit seed(long s) {
        fit.seed(s);
        return this;
    }

    /** Whether training images are mirrored left-right at random (default true). */
    public DetectorFit flip(boolean on) {
        flip = on;
        return this;
    }

    /** How the learning rate changes over the epochs (default constant). */
    public DetectorFit lrSchedule(LrSchedule s) {
        fit.lrSchedule(s);
        return this;
    }

    /** The loss, e.g. {@link SsdLoss#allNegatives()} to compare with hard-negative mining. */
    public DetectorFit loss(SsdLoss l) {
        loss = Objects.requireNonNull(l, "loss");
        return this;
    }

    /** Callbacks such as {@link dev.cnnlab.train.EarlyStopping} on val_loss and {@link dev.cnnlab.train.Checkpoint}. */
    public DetectorFit callbacks(Callback... cs) {
        fit.callbacks(cs);
        return this;
    }

    /** False: no device line, no progress bars (for tests and benchmarks). */
    public DetectorFit verbose(boolean v) {
        fit.verbose(v);
        return this;
    }

    /** Trains on {@code train} without validation. */
    public History run(DetectionData train) {
        return run(train, null);
    }

    /**
     * Trains on {@code train}, measuring on {@code validation} (may be null) after every epoch.
     *
     * @throws DetectionException if a set is empty or its images do not have the detector's size
     * @throws TrainingException if the loss becomes NaN or infinite
     */
    public History run(DetectionData train, DetectionData validation) {
        detector.checkData(train, "train on");
        if (validation != null) detector.checkData(validation, "validate on");
        float[][] anchors = detector.anchors();
        SsdLoss l = loss;
        return fit.loss((labels, predictions) -> {
            SsdLoss.Parts p = l.parts(labels, predictions);
            return new TrainingLoss.Outcome(p.total(), p.correctPositives(), p.positives(),
                    Map.of("class", p.classLoss(), "box", p.boxLoss()));
        }).run(new TargetBatches(train, anchors, flip), validation == null ? null : () -> measure(validation, anchors));
    }

    /** {loss, positive-anchor accuracy} on {@code data} in inference mode. */
    private double[] measure(DetectionData data, float[][] anchors) {
        BoxCoder coder = BoxCoder.standard();
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
}
