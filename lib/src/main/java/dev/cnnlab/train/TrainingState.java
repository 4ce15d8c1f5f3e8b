package dev.cnnlab.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.cnnlab.nn.Net;

/** What a {@link Callback} sees of a running {@link Fit}: the model, the epochs so far, a way to stop. */
public final class TrainingState {
    private final Net net;
    private final int epochs;
    private final List<EpochStats> done = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String stopReason;

    TrainingState(Net net, int epochs) {
        this.net = net;
        this.epochs = epochs;
    }

    /** The model being trained. */
    public Net net() {
        return net;
    }

    /** The number of epochs asked for. */
    public int epochs() {
        return epochs;
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

    boolean stopRequested() {
        return stopReason != null;
    }

    void add(EpochStats s) {
        done.add(s);
    }

    List<String> notes() {
        return notes;
    }
}
