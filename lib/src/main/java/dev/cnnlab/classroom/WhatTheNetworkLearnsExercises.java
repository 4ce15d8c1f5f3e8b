package dev.cnnlab.classroom;

import java.util.List;

import dev.cnnlab.nn.Net;
import dev.cnnlab.nn.ReceptiveField;
import dev.cnnlab.nn.ReceptiveField.Step;
import dev.cnnlab.nn.Sequential;
import dev.cnnlab.viz.GradCam;

/** Exercises of notebook 14-what-the-network-learns. */
final class WhatTheNetworkLearnsExercises {
    /** Feature maps A^k and gradients ∂y_c/∂A^k of ex3: two channels of 2x2. */
    static final float[][][] A = {{{2, 0}, {1, 3}}, {{1, 4}, {0, 2}}};
    static final float[][][] G = {{{0.5f, 0.5f}, {1, 0}}, {{-1, 0}, {-0.5f, -0.5f}}};

    private WhatTheNetworkLearnsExercises() {}

    static Lesson lesson() {
        return new Lesson("14-what-the-network-learns", List.of(
                new Exercise("ex1", "receptive field size after each layer of conv5, pool2, conv3 (stride 2), conv3",
                        () -> ReceptiveField.of(28, Step.conv(5), Step.pool(2), Step.conv(3, 2, 0), Step.conv(3)).rows()
                                .stream().mapToInt(ReceptiveField.Row::size).toArray(), 0,
                        "r grows by (k - 1) times the jump before the layer; the jump multiplies by each stride"),
                new Exercise("ex2", "first and last row of the seed CNN's conv2d_1 outputs that see input row 10",
                        WhatTheNetworkLearnsExercises::rowsReached, 0,
                        "conv2d_1's output u sees input rows f + u·j to f + u·j + r - 1; find every u whose span holds 10"),
                new Exercise("ex3", "the Grad-CAM map of the feature maps A with gradients G",
                        () -> GradCam.combine(A, G), 1e-5,
                        "alpha_k is the mean of gradient map k; add alpha_k times map k, then set negative cells to 0")));
    }

    private static Object rowsReached() {
        try (Net net = Sequential.input(1, 28, 28).conv2d(32, 3).relu().maxPool(2)
                .conv2d(64, 3).relu().maxPool(2).flatten().dense(128).relu().dense(10).build()) {
            boolean[][] reached = ReceptiveField.of(net).reached("conv2d_1", 10, 10);
            int first = -1, last = -1;
            for (int u = 0; u < reached.length; u++) {
                boolean any = false;
                for (boolean b : reached[u]) any |= b;
                if (any) {
                    if (first < 0) first = u;
                    last = u;
                }
            }
            return new int[] {first, last};
        }
    }
}
