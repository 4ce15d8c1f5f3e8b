package dev.cnnlab.classroom;

import java.util.List;

import dev.cnnlab.ops.ConvLayer;
import dev.cnnlab.ops.Corr2d;
import dev.cnnlab.ops.OutputShape;

/** Exercises of notebook 02-padding-stride-channels. */
final class PaddingStrideChannelsExercises {
    static final int[][] X = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    static final int[][] K = {{0, 1, 0}, {1, 0, 1}, {0, 1, 0}};
    static final float[][][] RGB = {{{1, 2}, {3, 4}}, {{0, 1}, {0, 1}}, {{2, 2}, {2, 2}}};
    static final float[][] MIX = {{1, 0, -1}, {0.5f, 0.5f, 0}};

    private PaddingStrideChannelsExercises() {}

    static Lesson lesson() {
        return new Lesson("02-padding-stride-channels", List.of(
                new Exercise("ex1", "output width for n = 28, k = 5, p = 2, s = 2",
                        () -> OutputShape.conv(28, 5, 2, 2), 0,
                        "out = floor((n + 2p - k) / s) + 1"),
                new Exercise("ex2", "'same' cross-correlation of X with K",
                        () -> Corr2d.of(X, K).padding("same").compute().toArray(), 1e-6,
                        "pad X with one ring of zeros, then slide the 3x3 kernel: the output keeps the 3x3 size"),
                new Exercise("ex3", "1x1 convolution of the 3-channel input RGB with weights MIX (no bias)",
                        () -> ConvLayer.pointwise(RGB, MIX, new float[MIX.length]), 1e-6,
                        "each output pixel is a weighted sum of the 3 channel values at the same pixel; 2 outputs"),
                new Exercise("ex4", "parameters of a 3x3 convolution from 3 to 16 channels, with bias",
                        () -> ConvLayer.parameterCount(3, 16, 3, 3), 0,
                        "each of the 16 filters has 3x3x3 weights and one bias")));
    }
}
