package dev.cnnlab.bench;

import dev.cnnlab.nn.Net;
import dev.cnnlab.nn.Sequential;

/** The seed CNN every speed comparison uses: Conv32-Pool-Conv64-Pool-Dense128-Dense10 on 1x28x28 images. */
final class SeedCnn {
    private SeedCnn() {}

    /** A fresh, untrained seed CNN with a softmax head (225,034 parameters), like {@code seed_cnn.py}'s net. */
    static Net build() {
        return build(42);
    }

    /** As {@link #build()}, with initial weights drawn from {@code seed}. */
    static Net build(long seed) {
        return Sequential.input(1, 28, 28).seed(seed).conv2d(32, 3).relu().maxPool(2).conv2d(64, 3).relu().maxPool(2)
                .flatten().dense(128).relu().dense(10).softmax().build();
    }
}
