package dev.cnnlab.classroom;

import java.util.List;

import dev.cnnlab.ops.Conv2d;
import dev.cnnlab.ops.Corr2d;

/** Exercises of notebook 01-convolution. The notebook shows the same inputs. */
final class ConvolutionExercises {
    static final int[][] X = {{3, 0, 1, 2}, {1, 5, 8, 9}, {2, 7, 2, 5}, {0, 1, 3, 1}};
    static final int[][] K = {{1, 0}, {0, -1}};
    static final int[][] PATCH = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    static final int[][] CROSS = {{1, 0, 1}, {0, 1, 0}, {1, 0, 1}};
    static final int[][] A = {{1, 2}, {3, 4}};

    private ConvolutionExercises() {}

    static double[][] products(int[][] x, int[][] k, int i, int j) {
        double[][] out = new double[k.length][k[0].length];
        for (int a = 0; a < k.length; a++) for (int b = 0; b < k[0].length; b++) out[a][b] = x[i + a][j + b] * k[a][b];
        return out;
    }

    static Lesson lesson() {
        return new Lesson("01-convolution", List.of(
                new Exercise("ex1", "valid cross-correlation of X with K",
                        () -> Corr2d.apply(X, K).toArray(), 1e-6,
                        "slide K over X one cell at a time; a 4x4 input and a 2x2 kernel give a 3x3 output"),
                // an intermediate value of the loop, which no one-line library call returns
                new Exercise("ex1b", "the 2x2 products X[1+a][2+b]·K[a][b] that add up to output cell [1][2]",
                        () -> products(X, K, 1, 2), 1e-6,
                        "the window of X under K for output [1][2] starts at row 1, column 2"),
                new Exercise("ex2", "the single output of the article's 3x3 kernel on the 3x3 patch",
                        () -> Corr2d.apply(PATCH, CROSS).get(0, 0), 1e-6,
                        "multiply cell by cell and add all nine products (the corners and the centre)"),
                new Exercise("ex3", "true convolution (not cross-correlation) of X with A",
                        () -> Conv2d.apply(X, A).toArray(), 1e-6,
                        "convolution flips the kernel by 180 degrees before sliding it"),
                new Exercise("ex3b", "the 2x2 products X[a][b]·A[1-a][1-b] that add up to the convolution's cell [0][0]",
                        () -> products(X, new int[][] {{A[1][1], A[1][0]}, {A[0][1], A[0][0]}}, 0, 0), 1e-6,
                        "the top-left window of X meets the kernel turned by 180 degrees")));
    }
}
