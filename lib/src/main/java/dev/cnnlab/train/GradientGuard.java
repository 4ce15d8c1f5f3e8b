package dev.cnnlab.train;

import java.util.ArrayList;
import java.util.List;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * Guards one step against a fault of the PyTorch 2.7.1 CPU natives that DJL 0.36 ships, seen on a 2-core AMD EPYC
 * (AVX-512) and never on MXNet nor in pip's PyTorch 2.13 on the same machine: the gradient of a convolution that
 * follows another is not repeatable from run to run (a race: rarer with one thread) and now and then comes back
 * with a whole filter of NaN. The forward pass and the loss are right. Left alone, Adam spreads the NaN to every
 * weight within a step and training stops with "loss became NaN". So on the PyTorch CPU engine the loop checks
 * that every gradient is finite (one scalar read per step) and computes the step again when one is not;
 * {@link #retries()} counts how often, and the history says so. Finite wrong values it cannot see: where numbers
 * must repeat, use MXNet (the CPU default on x86_64).
 */
final class GradientGuard {
    /** Computations of one step before giving up; three were the most needed in 30 seeded runs. */
    static final int MAX_TRIES = 8;

    private final List<NDArray> parameters = new ArrayList<>();
    private int retries;

    private GradientGuard(Model model) {
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            if (p.getValue().requiresGradient()) parameters.add(p.getValue().getArray());
        }
    }

    /** A guard on every trainable parameter of {@code model}, whatever the engine. */
    static GradientGuard of(Model model) {
        return new GradientGuard(model);
    }

    /** A guard for training {@code model} on these devices, or null where the fault is not known (MXNet, GPUs). */
    static GradientGuard forEngine(String engine, List<Device> devices, Model model) {
        boolean cpuOnly = devices.stream().noneMatch(Device::isGpu);
        return engine.equals("PyTorch") && cpuOnly ? of(model) : null;
    }

    /** Whether every gradient of the step just computed is finite; reads one number, made in {@code manager}. */
    boolean finite(NDManager manager) {
        NDArray total = null;
        for (NDArray w : parameters) {
            if (!w.hasGradient()) continue;
            NDArray s = w.getGradient().sum(); // the gradient's handle is left alone, as DJL's optimizers do
            s.attach(manager);
            total = total == null ? s : total.add(s);
        }
        if (total == null) return true;
        float t = total.getFloat();
        return Float.isFinite(t);
    }

    /** Sets every gradient to zero (subtracting or scaling would keep a NaN), for the step to be computed again. */
    void reset(NDManager manager) {
        retries++;
        for (NDArray w : parameters) {
            if (!w.hasGradient()) continue;
            NDArray g = w.getGradient();
            NDArray zero = manager.zeros(g.getShape(), g.getDataType(), g.getDevice());
            zero.copyTo(g);
        }
    }

    /** Steps computed again so far. */
    int retries() {
        return retries;
    }
}
