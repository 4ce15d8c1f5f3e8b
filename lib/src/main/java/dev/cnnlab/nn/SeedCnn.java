package dev.cnnlab.nn;

/**
 * The seed CNN of the articles, which the benchmarks, the GPU runs and the compression lessons train:
 * Conv2D(32, 3) ReLU MaxPool(2), Conv2D(64, 3) ReLU MaxPool(2), Flatten, Dense(128) ReLU, Dense(10) softmax on
 * 1x28x28 images, 225,034 parameters.
 *
 * <pre>{@code
 * Net net = SeedCnn.build(42);                              // untrained, weights drawn from seed 42
 * Net named = SeedCnn.sequential().seed(1).name("teacher").build();
 * }</pre>
 */
public final class SeedCnn {
    private SeedCnn() {}

    /** The layers, not yet built, so a caller can still set the seed or the name. */
    public static Sequential sequential() {
        return Sequential.input(1, 28, 28).conv2d(32, 3).relu().maxPool(2).conv2d(64, 3).relu().maxPool(2)
                .flatten().dense(128).relu().dense(10).softmax();
    }

    /** A fresh, untrained seed CNN with initial weights drawn from {@code seed}. */
    public static Net build(long seed) {
        return sequential().seed(seed).build();
    }
}
