package dev.cnnlab.classroom;

import java.util.List;

import dev.cnnlab.ops.Pool;

/** Exercises of notebook 03-pooling. */
final class PoolingExercises {
    static final int[][] X = {{1, 3, 2, 1}, {4, 6, 5, 0}, {7, 2, 9, 8}, {1, 0, 3, 4}};
    static final int[][] SMALL = {{2, 5, 1}, {1, 3, 7}, {0, 4, 6}};

    private PoolingExercises() {}

    static Lesson lesson() {
        return new Lesson("03-pooling", List.of(
                new Exercise("ex1", "2x2 max-pooling (stride 2) of X",
                        () -> Pool.max(X).size(2).compute().toArray(), 1e-6,
                        "split X into four 2x2 blocks and keep the largest value of each"),
                // an intermediate value of the loop, which no one-line library call returns
                new Exercise("ex1b", "the 2x2 window of X whose maximum is output cell [1][0]",
                        () -> new int[][] {{X[2][0], X[2][1]}, {X[3][0], X[3][1]}}, 0,
                        "output [i][j] of a 2x2 pool with stride 2 looks at rows 2i, 2i+1 and columns 2j, 2j+1"),
                new Exercise("ex2", "2x2 average-pooling (stride 2) of X",
                        () -> Pool.avg(X).size(2).compute().toArray(), 1e-6,
                        "the mean of each 2x2 block: its sum divided by 4"),
                new Exercise("ex3", "3x3 max-pooling with stride 1 and padding 1 of SMALL",
                        () -> Pool.max(SMALL).size(3).stride(1).padding(1).compute().toArray(), 1e-6,
                        "padding keeps the 3x3 size; padded cells never win a max")));
    }
}
