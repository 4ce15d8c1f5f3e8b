package dev.cnnlab.classroom;

import java.util.Arrays;
import java.util.List;

import dev.cnnlab.compress.SparsitySchedule;

/** Exercises of notebook 07-pruning. */
final class PruningExercises {
    static final double[] W = {0.05, -0.3, 0.12, -0.08, 0.9, 0.01, -0.15, 0.1};
    static final double[][] FILTERS = {{0.2, -0.1, 0.4}, {0.05, -0.02, 0.01}, {-0.3, 0.3, 0.0}};

    private PruningExercises() {}

    static Lesson lesson() {
        return new Lesson("07-pruning", List.of(
                new Exercise("ex1", "fraction of W that is zero after zeroing |w| <= 0.1",
                        () -> Arrays.stream(W).filter(w -> Math.abs(w) <= 0.1).count() / (double) W.length, 1e-9,
                        "count the weights whose magnitude is at most 0.1 and divide by the number of weights"),
                new Exercise("ex2", "index of the filter L1 pruning removes first",
                        PruningExercises::weakestFilter, 0,
                        "sum the absolute values of each filter's weights; the smallest sum goes first"),
                new Exercise("ex3", "Zhu-Gupta sparsity after step 5 of 10, from 0 to 0.9",
                        () -> new SparsitySchedule(0, 0.9, 10).at(5), 1e-9,
                        "s_k = s_f + (s_i - s_f)(1 - k/n)^3")));
    }

    private static Object weakestFilter() {
        int best = 0;
        for (int j = 1; j < FILTERS.length; j++) {
            if (l1(FILTERS[j]) < l1(FILTERS[best])) best = j;
        }
        return best;
    }

    private static double l1(double[] f) {
        return Arrays.stream(f).map(Math::abs).sum();
    }
}
