package dev.cnnlab.bench;

import java.util.Arrays;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.cnnlab.nn.Net;

/**
 * Inference latency of a {@link Net}: one call of {@link Net#predict} on a batch of random images, with the
 * result copied back to Java (so lazy engines finish the work inside the timing). Used by the inference entry
 * for the dense seed CNN, and meant for any other model that should be compared with it on equal terms
 * (e.g. pruned or int8 models from {@code dev.cnnlab.compress}).
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
        if (batch < 1 || reps < 1) throw new IllegalArgumentException("batch and reps must be ≥ 1");
        long[] shape = net.inputShape().getShape();
        long perImage = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] pixels = new float[(int) (batch * perImage)];
        Random r = new Random(42);
        for (int i = 0; i < pixels.length; i++) pixels[i] = r.nextFloat();
        long[] batchShape = new long[shape.length + 1];
        batchShape[0] = batch;
        System.arraycopy(shape, 0, batchShape, 1, shape.length);
        double[] ms = new double[reps];
        try (NDManager root = NDManager.newBaseManager()) {
            for (int i = -warmup; i < reps; i++) {
                // a sub-manager per call frees the input and every intermediate array right away
                try (NDManager call = root.newSubManager()) {
                    long t = System.nanoTime();
                    NDArray x = call.create(pixels, new ai.djl.ndarray.types.Shape(batchShape));
                    float[] out = net.predict(x).toFloatArray();
                    if (i >= 0) ms[i] = (System.nanoTime() - t) / 1e6;
                    if (out.length == 0) throw new IllegalStateException("empty prediction");
                }
            }
        }
        Arrays.sort(ms);
        return new Stats(ms[reps / 2], ms[Math.min(reps - 1, (int) Math.round(0.95 * (reps - 1)))], reps);
    }
}
