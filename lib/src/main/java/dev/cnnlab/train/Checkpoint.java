package dev.cnnlab.train;

import java.nio.file.Path;

/**
 * Saves the model after epochs, in DJL's model format, atomically (temporary file, then rename): a crash
 * never leaves half a file. Load it back with {@code net.load(path)} (or a detector's {@code load}).
 * Works for any model Fit trains.
 *
 * <pre>{@code
 * Fit.of(net).callbacks(Checkpoint.bestOnValLoss(Path.of("best.params"))).run(train, test);
 * }</pre>
 */
public final class Checkpoint implements Callback {
    private final Path file;
    private final String monitor;
    private double best;

    private Checkpoint(Path file, String monitor) {
        this.file = file;
        this.monitor = monitor;
    }

    /** Saves after every epoch (the file always holds the latest weights). */
    public static Checkpoint everyEpoch(Path file) {
        return new Checkpoint(file, null);
    }

    /** Saves only when the validation loss is the lowest so far. */
    public static Checkpoint bestOnValLoss(Path file) {
        return new Checkpoint(file, "val_loss");
    }

    /** Saves only when {@code monitor} (loss, accuracy, val_loss, val_accuracy) is the best so far. */
    public static Checkpoint best(Path file, String monitor) {
        return new Checkpoint(file, monitor);
    }

    /** Where the model is saved. */
    public Path file() {
        return file;
    }

    @Override
    public void onTrainBegin(TrainingState state) {
        best = monitor != null && monitor.contains("acc") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    @Override
    public void onEpochEnd(TrainingState state, EpochStats stats) {
        if (monitor != null) {
            double v = stats.get(monitor);
            boolean better = monitor.contains("acc") ? v > best : v < best;
            if (!better) return;
            best = v;
        }
        state.save(file);
    }
}
