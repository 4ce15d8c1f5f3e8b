package dev.cnnlab.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import ai.djl.Model;
import dev.cnnlab.nn.Net;

/** What a {@link Callback} sees of a running {@link Fit}: the model, the epochs so far, the step count, a way to stop. */
public final class TrainingState {
    private final Model model;
    private final Net net;
    private final Consumer<Path> saver;
    private final int epochs;
    private final List<EpochStats> done = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String stopReason;
    private long steps;
    private boolean endedMidEpoch;

    TrainingState(Model model, Net net, Consumer<Path> saver, int epochs) {
        this.model = model;
        this.net = net;
        this.saver = saver;
        this.epochs = epochs;
    }

    /** The DJL model being trained (its block holds the parameters). */
    public Model model() {
        return model;
    }

    /**
     * The classifier being trained.
     *
     * @throws TrainingException when Fit trains another kind of model (a detector)
     */
    public Net net() {
        if (net == null) throw new TrainingException("this Fit trains " + model.getName() + ", not a Net: use model()");
        return net;
    }

    /** Saves the model being trained to {@code file}, atomically (what {@link Checkpoint} calls). */
    public void save(Path file) {
        saver.accept(file);
    }

    /** The number of epochs asked for. */
    public int epochs() {
        return epochs;
    }

    /** Optimizer steps taken so far, over all epochs. */
    public long steps() {
        return steps;
    }

    /** The finished epochs, oldest first. */
    public List<EpochStats> history() {
        return Collections.unmodifiableList(done);
    }

    /** Asks training to stop after this epoch; {@code reason} goes into the {@link History}'s notes. */
    public void stop(String reason) {
        if (stopReason == null) stopReason = reason;
        note(reason);
    }

    /** Adds a line to the {@link History}'s notes (e.g. "restored the weights of epoch 4"). */
    public void note(String line) {
        notes.add(line);
    }

    /**
     * True once training ended inside an epoch (an interrupt or {@link Fit#stop()} after some of its batches): the
     * weights have moved on from those of the last finished epoch. {@link EarlyStopping} then restores its best
     * epoch's weights even when that was the last finished one.
     */
    public boolean endedMidEpoch() {
        return endedMidEpoch;
    }

    void markEndedMidEpoch() {
        endedMidEpoch = true;
    }

    boolean stopRequested() {
        return stopReason != null;
    }

    void stepped() {
        steps++;
    }

    void add(EpochStats s) {
        done.add(s);
    }

    List<String> notes() {
        return notes;
    }
}
