package dev.cnnlab.classroom;

import java.util.List;

import dev.cnnlab.nn.Net;
import dev.cnnlab.nn.Sequential;
import dev.cnnlab.ops.OutputShape;

/** Exercises of notebook 05-training-a-cnn. */
final class TrainingExercises {
    static final int[][] CONFUSION = {{50, 2, 3}, {4, 40, 6}, {1, 5, 39}};

    private TrainingExercises() {}

    static Lesson lesson() {
        return new Lesson("05-training-a-cnn", List.of(
                new Exercise("ex1", "parameters of article 002's model (Conv32-Pool-Flatten-Dense128-Dense10 on 28x28x1)",
                        TrainingExercises::article002Parameters, 0,
                        "conv: 32·(3·3·1)+32; after a valid 3x3 conv and a 2x2 pool the map is 13x13x32; "
                                + "dense: inputs·128+128; head: 128·10+10"),
                new Exercise("ex2", "side of the feature map after a valid 3x3 conv and a 2x2 max-pool on 28x28",
                        () -> OutputShape.pool(OutputShape.valid(28, 3), 2, 0, 2), 0,
                        "28 - 3 + 1 = 26 after the conv, then the pool halves it (rounding down)"),
                new Exercise("ex3", "accuracy of the confusion matrix CONFUSION (rows: true class)",
                        TrainingExercises::accuracy, 1e-6,
                        "correct predictions are on the diagonal; divide their sum by the total")));
    }

    private static Object article002Parameters() {
        try (Net net = Sequential.input(1, 28, 28).conv2d(32, 3).relu().maxPool(2)
                .flatten().dense(128).relu().dense(10).build()) {
            return net.parameterCount();
        }
    }

    private static Object accuracy() {
        long diagonal = 0, total = 0;
        for (int i = 0; i < CONFUSION.length; i++) {
            for (int j = 0; j < CONFUSION[i].length; j++) {
                total += CONFUSION[i][j];
                if (i == j) diagonal += CONFUSION[i][j];
            }
        }
        return (double) diagonal / total;
    }
}
