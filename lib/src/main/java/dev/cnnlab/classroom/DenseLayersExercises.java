package dev.cnnlab.classroom;

import java.util.List;

import dev.cnnlab.ops.Activations;
import dev.cnnlab.ops.Dense;

/** Exercises of notebook 04-dense-layers. */
final class DenseLayersExercises {
    static final double[][] W = {{0.5, 1.2, -0.3}, {1.0, 0.8, 0.5}, {-0.2, 0.4, 1.1}};
    static final double[] X = {2.5, 3.8, 1.2};
    static final float[] LOGITS = {2, 1, 0};

    private DenseLayersExercises() {}

    static Lesson lesson() {
        return new Lesson("04-dense-layers", List.of(
                new Exercise("ex1", "y = W x (no bias) for the article's W and x",
                        () -> Dense.apply(W, X, new double[W.length]), 1e-4,
                        "row i of W times x gives y[i]: the first is W[0][0]*x[0] + W[0][1]*x[1] + W[0][2]*x[2]"),
                // intermediate values of the loops, which no one-line library call returns
                new Exercise("ex1b", "the three products W[0][j]·x[j] that add up to y[0]",
                        () -> new double[] {W[0][0] * X[0], W[0][1] * X[1], W[0][2] * X[2]}, 1e-4,
                        "multiply each weight of row 0 by the input it meets"),
                new Exercise("ex2", "length of the flattened output of a 64x5x5 feature map",
                        () -> 64 * 5 * 5, 0, "channels x height x width"),
                new Exercise("ex3", "parameters of a dense layer from that flattened vector to 128 units",
                        () -> Dense.parameterCount(64 * 5 * 5, 128), 0,
                        "one weight per input per unit, plus one bias per unit"),
                new Exercise("ex4", "softmax of the logits [2, 1, 0]",
                        () -> Activations.softmax(LOGITS), 1e-4,
                        "exp of each logit divided by the sum of the exps; the results add up to 1"),
                new Exercise("ex4b", "the softmax's denominator: the sum of the exps of the logits [2, 1, 0]",
                        () -> Math.exp(LOGITS[0]) + Math.exp(LOGITS[1]) + Math.exp(LOGITS[2]), 1e-4,
                        "Math.exp of each logit, added up")));
    }
}
