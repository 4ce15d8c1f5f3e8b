package dev.cnnlab.train;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.cnnlab.nn.Net;

/** A copy of all of a model's parameters, to go back to later (best weights for {@link EarlyStopping}). */
public final class WeightSnapshot implements AutoCloseable {
    private final NDManager manager;
    private final List<NDArray> copies = new ArrayList<>();

    private WeightSnapshot(Net net) {
        manager = net.manager().newSubManager();
        for (Parameter p : net.block().getParameters().values()) {
            NDArray c = p.getArray().duplicate();
            c.attach(manager);
            copies.add(c);
        }
    }

    /** Copies the current parameters of {@code net}. */
    public static WeightSnapshot of(Net net) {
        return new WeightSnapshot(net);
    }

    /** Writes the copied values back into {@code net}'s parameters (the same model). */
    public void restore(Net net) {
        int i = 0;
        for (Parameter p : net.block().getParameters().values()) {
            copies.get(i++).copyTo(p.getArray());
        }
    }

    /** Frees the copies. */
    @Override
    public void close() {
        manager.close();
    }
}
