package dev.cnnlab.train;

import java.util.List;
import java.util.Random;

import dev.cnnlab.data.ImageData;

/** Tiny separable image sets for tests: class k has a bright bar at position k. */
final class Synthetic {
    private Synthetic() {}

    /** {@code n} 1x8x8 images of {@code classes} classes: a noisy horizontal bar in row 2k (k = label). */
    static ImageData bars(int n, int classes, long seed) {
        Random r = new Random(seed);
        float[] px = new float[n * 64];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(classes);
            labels[i] = k;
            for (int j = 0; j < 64; j++) px[i * 64 + j] = 0.2f * r.nextFloat();
            int row = (2 * k) % 8;
            for (int x = 0; x < 8; x++) px[i * 64 + row * 8 + x] += 0.8f;
        }
        List<String> names = new java.util.ArrayList<>();
        for (int k = 0; k < classes; k++) names.add("bar" + k);
        return new ImageData(px, labels, 1, 8, 8, names);
    }
}
