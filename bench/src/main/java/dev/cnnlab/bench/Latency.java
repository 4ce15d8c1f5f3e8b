package dev.cnnlab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.cnnlab.nn.Net;

/**
 * Inference latency of a {@link Net}: one call of {@link Net#predict} on a batch of random images, with the
 * result copied back to Java (so lazy engines finish the work inside the timing). Used by the inference entry
 * for the dense seed CNN, and by the compression entry for the compressed models against the dense one, timed in
 * turn ({@link #interleaved}).
 */
public final class Latency {
    /**
     * Latency percentiles in milliseconds.
     *
     * @param p50Ms median
     * @param p95Ms 95th percentile
     * @param reps  timed calls
     */
    public record Stats(double p50Ms, double p95Ms, int reps) {}

    private Latency() {}

    /**
     * Times {@code reps} predictions of {@code batch} images after {@code warmup} untimed ones.
     *
     * @throws IllegalArgumentException when batch or reps is below 1
     */
    public static Stats measure(Net net, int batch, int warmup, int reps) {
        return interleaved(List.of(net), batch, warmup, reps).get(0);
    }

    /**
     * Times several models on the same batch, one call of each in turn, so that every model sees the same load
     * on a shared machine and their ratio holds even when the absolute times drift (compressed vs dense).
     *
     * @return one {@link Stats} per model, in the order given
     * @throws IllegalArgumentException when batch or reps is below 1, or the models take different inputs
     */
    public static List<Stats> interleaved(List<Net> nets, int batch, int warmup, int reps) {
        if (batch < 1 || reps < 1) throw new IllegalArgumentException("batch and reps must be ≥ 1");
        long[] shape = nets.get(0).inputShape().getShape();
        for (Net n : nets) {
            if (!Arrays.equals(shape, n.inputShape().getShape())) {
                throw new IllegalArgumentException("models with different inputs: " + nets);
            }
        }
        long perImage = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] pixels = new float[(int) (batch * perImage)];
        Random r = new Random(42);
        for (int i = 0; i < pixels.length; i++) pixels[i] = r.nextFloat();
        long[] batchShape = new long[shape.length + 1];
        batchShape[0] = batch;
        System.arraycopy(shape, 0, batchShape, 1, shape.length);
        double[][] ms = new double[nets.size()][reps];
        try (NDManager root = NDManager.newBaseManager()) {
            for (int i = -warmup; i < reps; i++) {
                for (int k = 0; k < nets.size(); k++) {
                    // a sub-manager per call frees the input and every intermediate array right away
                    try (NDManager call = root.newSubManager()) {
                        long t = System.nanoTime();
                        NDArray x = call.create(pixels, new ai.djl.ndarray.types.Shape(batchShape));
                        float[] out = nets.get(k).predict(x).toFloatArray();
                        if (i >= 0) ms[k][i] = (System.nanoTime() - t) / 1e6;
                        if (out.length == 0) throw new IllegalStateException("empty prediction");
                    }
                }
            }
        }
        List<Stats> stats = new ArrayList<>();
        for (double[] m : ms) {
            Arrays.sort(m);
            stats.add(new Stats(m[reps / 2], m[Math.min(reps - 1, (int) Math.round(0.95 * (reps - 1)))], reps));
        }
        return stats;
    }
}
