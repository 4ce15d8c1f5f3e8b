package dev.cnnlab.train;

/**
 * Stops training when a monitored value has not improved for {@code patience} epochs and, by default, puts
 * back the weights of the best epoch (Keras' {@code EarlyStopping(monitor, patience, restore_best_weights=True)}).
 *
 * <pre>{@code
 * var split = data.train().split(0.1, 42);       // validation data, never the test set
 * Fit.of(net).epochs(15).callbacks(EarlyStopping.onValLoss(3)).run(split.train(), split.validation());
 * }</pre>
 *
 * The best weights are also restored when training is interrupted or {@link Fit#stop() stopped}, also when the best
 * epoch was the last finished one (the partial epoch after it has moved the weights).
 */
public final class EarlyStopping implements Callback {
    private final String monitor;
    private final int patience;
    private final boolean restoreBest;
    private final double minDelta;
    private double best;
    private int bestEpoch;
    private int wait;
    private WeightSnapshot snapshot;

    private EarlyStopping(String monitor, int patience, boolean restoreBest, double minDelta) {
        if (patience < 0) throw new TrainingException("patience must be >= 0, got " + patience);
        this.monitor = monitor;
        this.patience = patience;
        this.restoreBest = restoreBest;
        this.minDelta = minDelta;
    }

    /** Watches the validation loss (lower is better), restoring the best weights at the end. */
    public static EarlyStopping onValLoss(int patience) {
        return new EarlyStopping("val_loss", patience, true, 0);
    }

    /** Watches the validation accuracy (higher is better), restoring the best weights at the end. */
    public static EarlyStopping onValAccuracy(int patience) {
        return new EarlyStopping("val_accuracy", patience, true, 0);
    }

    /** Watches any of loss, accuracy, val_loss, val_accuracy (accuracies: higher is better). */
    public static EarlyStopping on(String monitor, int patience) {
        return new EarlyStopping(monitor, patience, true, 0);
    }

    /** The same, keeping the last weights instead of the best ones. */
    public EarlyStopping keepLastWeights() {
        return new EarlyStopping(monitor, patience, false, minDelta);
    }

    /** The same, counting only improvements larger than {@code delta}. */
    public EarlyStopping minDelta(double delta) {
        return new EarlyStopping(monitor, patience, restoreBest, delta);
    }

    /** The epoch with the best monitored value so far (0 before the first epoch). */
    public int bestEpoch() {
        return bestEpoch;
    }

    private boolean higherIsBetter() {
        return monitor.contains("acc");
    }

    @Override
    public void onTrainBegin(TrainingState state) {
        best = higherIsBetter() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        bestEpoch = 0;
        wait = 0;
        closeSnapshot();
    }

    @Override
    public void onEpochEnd(TrainingState state, EpochStats stats) {
        double v = stats.get(monitor);
        if (Double.isNaN(v)) {
            throw new TrainingException("EarlyStopping watches " + monitor + " but there is no validation data: "
                    + "pass validation data to run(train, validation) (e.g. from train.split(0.1, seed); never the test set), "
                    + "set validationSplit(0.1), or watch 'loss'");
        }
        boolean better = higherIsBetter() ? v > best + minDelta : v < best - minDelta;
        if (better) {
            best = v;
            bestEpoch = stats.epoch();
            wait = 0;
            if (restoreBest) {
                closeSnapshot();
                snapshot = WeightSnapshot.of(state.model());
            }
        } else if (++wait > patience - 1 && stats.epoch() < state.epochs()) {
            state.stop(String.format("early stop after epoch %d: %s did not improve for %d epoch(s) (best %.4f in epoch %d)",
                    stats.epoch(), monitor, wait, best, bestEpoch));
        }
    }

    @Override
    public void onTrainEnd(TrainingState state) {
        int last = state.history().isEmpty() ? 0 : state.history().get(state.history().size() - 1).epoch();
        if (snapshot != null && (bestEpoch != last || state.endedMidEpoch())) {
            snapshot.restore(state.model());
            state.note("restored the weights of epoch " + bestEpoch + " (best " + monitor + String.format(" %.4f)", best));
        }
        closeSnapshot();
    }

    private void closeSnapshot() {
        if (snapshot != null) snapshot.close();
        snapshot = null;
    }
}
