package dev.cnnlab.classroom;

import java.util.List;

import dev.cnnlab.nn.Net;
import dev.cnnlab.nn.Sequential;
import dev.cnnlab.ops.ConvLayer;

/** Exercises of notebook 06-reproducing-reported-claims: the quantities its verdicts rest on. */
final class ReproducingClaimsExercises {
    static final int IMAGES = 1000;
    static final int BATCH = 32;

    private ReproducingClaimsExercises() {}

    static Lesson lesson() {
        return new Lesson("06-reproducing-reported-claims", List.of(
                new Exercise("ex1", "steps per epoch for 1,000 images at batch size 32",
                        () -> (IMAGES + BATCH - 1) / BATCH, 0,
                        "one step per batch; the last, smaller batch is a step too (round up)"),
                new Exercise("ex2", "parameters of article 004's second convolution (3x3, 32 to 64 channels, with bias)",
                        () -> ConvLayer.parameterCount(32, 64, 3, 3), 0,
                        "each of the 64 filters has 3x3x32 weights and one bias"),
                new Exercise("ex3", "parameters of article 004's whole model on 28x28x1 with a 2-unit head",
                        ReproducingClaimsExercises::article004Parameters, 0,
                        "follow the map: 28 → 26 → 13 → 11 → 5 (valid 3x3 convs, 2x2 pools), then flatten 5x5x64; "
                                + "add conv, dense and head parameters")));
    }

    private static Object article004Parameters() {
        try (Net net = Sequential.input(1, 28, 28).conv2d(32, 3).relu().maxPool(2).conv2d(64, 3).relu().maxPool(2)
                .flatten().dense(128).relu().dense(2).build()) {
            return net.parameterCount();
        }
    }
}
