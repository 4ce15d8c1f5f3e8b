package dev.cnnlab.compress;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.cnnlab.data.ImageData;
import dev.cnnlab.nn.Net;
import dev.cnnlab.nn.Sequential;
import dev.cnnlab.train.Fit;

/** Tiny data and models for fast tests: class k has a bright bar in row 2k of an 8x8 image. */
final class Tiny {
    private Tiny() {}

    static ImageData bars(int n, int classes, long seed) {
        Random r = new Random(seed);
        float[] px = new float[n * 64];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(classes);
            labels[i] = k;
            for (int j = 0; j < 64; j++) px[i * 64 + j] = 0.2f * r.nextFloat();
            for (int x = 0; x < 8; x++) px[i * 64 + (2 * k % 8) * 8 + x] += 0.8f;
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) names.add("bar" + k);
        return new ImageData(px, labels, 1, 8, 8, names);
    }

    /** conv2d(8,3) relu pool2 conv2d(6,2) relu flatten dense(12) relu dense(4). */
    static Net net() {
        return Sequential.input(1, 8, 8).conv2d(8, 3).relu().maxPool(2).conv2d(6, 2).relu()
                .flatten().dense(12).relu().dense(4).softmax().seed(3).build();
    }

    private static Net shared;

    /** One trained tiny net shared by all test classes (never closed, never modified: tests check that). */
    static synchronized Net trained() {
        if (shared == null) {
            shared = net();
            Fit.of(shared).adam(1e-2).batchSize(32).epochs(2).verbose(false).run(bars(400, 4, 1));
        }
        return shared;
    }

    static float[] weights(Net net) {
        List<Float> all = new ArrayList<>();
        for (var p : net.block().getParameters().values()) for (float v : p.getArray().toFloatArray()) all.add(v);
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) out[i] = all.get(i);
        return out;
    }
}
