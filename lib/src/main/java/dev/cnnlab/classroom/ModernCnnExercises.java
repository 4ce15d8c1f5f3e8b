package dev.cnnlab.classroom;

import java.util.List;

import dev.cnnlab.nn.Net;
import dev.cnnlab.nn.Sequential;

/** Exercises of notebook 12-modern-cnns. */
final class ModernCnnExercises {
    /** One channel of a batch: the values batch norm sees for it (all images, all positions). */
    static final double[] CHANNEL = {1, 2, 3, 6};

    private ModernCnnExercises() {}

    static Lesson lesson() {
        return new Lesson("12-modern-cnns", List.of(
                new Exercise("ex1", "trainable parameters of a batchNorm() over 16 channels",
                        ModernCnnExercises::batchNormTrainable, 0,
                        "batch norm learns a scale and a shift per channel; the running mean and variance are not "
                                + "trained"),
                new Exercise("ex2", "the training-mode batch norm of the value 6 in CHANNEL (scale 1, shift 0, eps 0)",
                        ModernCnnExercises::normalisedSix, 1e-4,
                        "subtract the channel's mean, divide by the square root of its variance (divide by N, not N-1)"),
                new Exercise("ex3", "parameters (all of them) of residual(b -> b.conv2d(32, 3, 2, 1).batchNorm().relu()"
                        + ".conv2dSame(32, 3).batchNorm(), s -> s.conv2d(32, 1, 2, 0).batchNorm()) on 16 channels",
                        ModernCnnExercises::projectionBlock, 0,
                        "add up the branch's two convolutions and batch norms and the shortcut's 1x1 convolution and "
                                + "batch norm; a batch norm holds 4 numbers per channel")));
    }

    private static Object batchNormTrainable() {
        try (Net net = Sequential.input(16, 4, 4).batchNorm().build()) {
            return net.layer("batch_normalization").trainable();
        }
    }

    private static Object normalisedSix() {
        double mean = 0, var = 0;
        for (double v : CHANNEL) mean += v / CHANNEL.length;
        for (double v : CHANNEL) var += (v - mean) * (v - mean) / CHANNEL.length;
        return (6 - mean) / Math.sqrt(var);
    }

    private static Object projectionBlock() {
        try (Net net = Sequential.input(16, 8, 8)
                .residual(b -> b.conv2d(32, 3, 2, 1).batchNorm().relu().conv2dSame(32, 3).batchNorm(),
                        s -> s.conv2d(32, 1, 2, 0).batchNorm()).relu()
                .build()) {
            return net.layer("residual").params();
        }
    }
}
