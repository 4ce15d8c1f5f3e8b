package dev.cnnlab.train;

import ai.djl.training.tracker.Tracker;

/**
 * How the learning rate changes during training, in epochs. Turned into a DJL {@link Tracker} once the number
 * of batches per epoch is known.
 *
 * <pre>{@code
 * Fit.of(net).adam(1e-3).lrSchedule(LrSchedule.step(2, 0.5))    // halve every 2 epochs
 * Fit.of(net).sgd(0.1, 0.9).lrSchedule(LrSchedule.cosine(1e-4)) // cosine decay to 1e-4 over all epochs
 * }</pre>
 */
public interface LrSchedule {
    /** The learning rate for update {@code step} (0-based), given the base rate and the run's shape. */
    float rate(float base, int step, int stepsPerEpoch, int epochs);

    /** A constant rate. */
    static LrSchedule constant() {
        return (base, step, perEpoch, epochs) -> base;
    }

    /** Multiplies the rate by {@code factor} every {@code everyEpochs} epochs. */
    static LrSchedule step(int everyEpochs, double factor) {
        if (everyEpochs <= 0) throw new TrainingException("step schedule: everyEpochs must be positive, got " + everyEpochs);
        return (base, step, perEpoch, epochs) -> (float) (base * Math.pow(factor, (step / perEpoch) / everyEpochs));
    }

    /** Cosine decay from the base rate to {@code finalRate} over all epochs. */
    static LrSchedule cosine(double finalRate) {
        return (base, step, perEpoch, epochs) -> {
            double t = Math.min(1.0, step / (double) Math.max(1, perEpoch * epochs));
            return (float) (finalRate + (base - finalRate) * 0.5 * (1 + Math.cos(Math.PI * t)));
        };
    }

    /** A DJL tracker following this schedule (DJL counts updates from 1). */
    default Tracker tracker(float base, int stepsPerEpoch, int epochs) {
        return numUpdate -> rate(base, Math.max(0, numUpdate - 1), stepsPerEpoch, epochs);
    }
}
