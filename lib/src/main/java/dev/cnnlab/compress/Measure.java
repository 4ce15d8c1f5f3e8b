package dev.cnnlab.compress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.cnnlab.data.ImageData;
import dev.cnnlab.nn.Classifier;
import dev.cnnlab.nn.Layer;
import dev.cnnlab.nn.Net;
import dev.cnnlab.train.Evaluation;

/** What the compression report measures: accuracy, non-zeros, MACs, file size, CPU latency. */
final class Measure {
    private Measure() {}

    /** Fraction of {@code data} that {@code model} classifies correctly. */
    static double accuracy(Classifier model, ImageData data) {
        if (data.size() == 0) throw new CompressionException("the test set is empty: no accuracy to measure");
        return Evaluation.of(model, data).accuracy();
    }

    /** Parameters (weights, biases, other layer parameters) that are not zero. */
    static long nonZeros(Net net) {
        long n = 0;
        for (Parameter p : net.block().getParameters().values()) {
            for (float v : p.getArray().toFloatArray()) if (v != 0f) n++;
        }
        return n;
    }

    /** Multiply-accumulates per image, as in the summary. */
    static long macs(Net net) {
        return net.layers().stream().mapToLong(Layer::macs).sum();
    }

    /** Bytes of the model saved in DJL's format (written to a temporary file, then deleted). */
    static long savedBytes(Net net) {
        return bytes(net, false);
    }

    /** Bytes of the model stored sparse ({@link Net#saveSparse}), as a pruned model is saved. */
    static long sparseBytes(Net net) {
        return bytes(net, true);
    }

    private static long bytes(Net net, boolean sparse) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("cnnlab-size-");
            Path f = dir.resolve("model.params");
            if (sparse) net.saveSparse(f);
            else net.save(f);
            long size = Files.size(f);
            Files.delete(f);
            return size;
        } catch (IOException e) {
            throw new CompressionException("cannot measure the saved size of '" + net.name() + "': " + e.getMessage(), e);
        } finally {
            if (dir != null) dir.toFile().delete();
        }
    }

    /**
     * Milliseconds per image of each forward function on one batch of {@code batch} images from {@code data}:
     * the functions run in turn ({@code repeats} rounds after two warm-up rounds), and each gets the median of its
     * times. Interleaving matters on a shared CPU: a burst of load slows every model alike instead of one.
     */
    @SafeVarargs
    static double[] latencyMs(NDManager parent, Shape imageShape, ImageData data, int batch, int repeats,
                              Function<NDArray, NDArray>... forwards) {
        int n = Math.min(batch, data.size());
        int per = (int) imageShape.size();
        double[][] times = new double[forwards.length][repeats];
        float[] pixels = Arrays.copyOf(data.pixels(), n * per);
        for (int i = -2; i < repeats; i++) {
            for (int f = 0; f < forwards.length; f++) {
                // a fresh manager per run: the forward pass's intermediate arrays are freed with it
                try (NDManager run = parent.newSubManager()) {
                    NDArray x = run.create(pixels, new Shape(n).addAll(imageShape));
                    long t0 = System.nanoTime();
                    forwards[f].apply(x).toFloatArray();
                    if (i >= 0) times[f][i] = (System.nanoTime() - t0) / 1e6 / n;
                }
            }
        }
        double[] medians = new double[forwards.length];
        for (int f = 0; f < forwards.length; f++) {
            Arrays.sort(times[f]);
            medians[f] = times[f][repeats / 2];
        }
        return medians;
    }
}
