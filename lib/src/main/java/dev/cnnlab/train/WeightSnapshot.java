package dev.cnnlab.train;

import java.util.ArrayList;
import java.util.List;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.cnnlab.nn.Net;

/** A copy of all of a model's parameters, to go back to later (best weights for {@link EarlyStopping}). */
public final class WeightSnapshot implements AutoCloseable {
    private final NDManager manager;
    private final List<NDArray> copies = new ArrayList<>();

    private WeightSnapshot(Model model) {
        manager = model.getNDManager().newSubManager();
        for (Parameter p : model.getBlock().getParameters().values()) {
            NDArray c = p.getArray().duplicate();
            c.attach(manager);
            copies.add(c);
        }
    }

    /** Copies the current parameters of {@code net}. */
    public static WeightSnapshot of(Net net) {
        return of(net.model());
    }

    /** Copies the current parameters of any DJL model (a detector's, say). */
    public static WeightSnapshot of(Model model) {
        return new WeightSnapshot(model);
    }

    /** Writes the copied values back into {@code net}'s parameters (the same model). */
    public void restore(Net net) {
        restore(net.model());
    }

    /** Writes the copied values back into {@code model}'s parameters (the same model). */
    public void restore(Model model) {
        int i = 0;
        for (Parameter p : model.getBlock().getParameters().values()) {
            copies.get(i++).copyTo(p.getArray());
        }
    }

    /** Frees the copies. */
    @Override
    public void close() {
        manager.close();
    }
}
