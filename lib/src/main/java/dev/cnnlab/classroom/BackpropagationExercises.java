package dev.cnnlab.classroom;

import java.util.List;

import dev.cnnlab.ops.ConvGradient;
import dev.cnnlab.ops.PoolGradient;

/** Exercises of notebook 11-backpropagation. */
final class BackpropagationExercises {
    static final int[][] X = {{1, 2, 0, 1}, {0, 1, 3, 1}, {2, 1, 0, 2}, {1, 0, 1, 3}};
    static final int[][] K = {{1, 0, -1}, {2, 0, -2}, {1, 0, -1}};
    static final int[][] G = {{2, -1}, {0, 1}};
    static final int[][] P = {{1, 3, 2, 1}, {4, 6, 5, 0}, {7, 2, 9, 8}, {1, 0, 3, 4}};
    static final int[][] GP = {{1, -2}, {3, 5}};
    static final double ETA = 0.1;

    private BackpropagationExercises() {}

    static Lesson lesson() {
        return new Lesson("11-backpropagation", List.of(
                new Exercise("ex1", "dL/dK of the layer X ⋆ K for the upstream gradient G, with loops",
                        () -> ConvGradient.of(X, K).upstream(G).kernel().toArray(), 1e-6,
                        "dK[u][v] is the sum over output cells (i, j) of G[i][j]·X[i+u][j+v]; it has the kernel's shape"),
                new Exercise("ex2", "dL/dP of 2x2 max-pooling (stride 2) of P for the upstream gradient GP",
                        () -> PoolGradient.max(P).size(2).upstream(GP).input().toArray(), 1e-6,
                        "each window passes its GP value to the cell holding its maximum; the other three cells get 0"),
                new Exercise("ex3", "K after one gradient-descent step with learning rate ETA, using the dL/dK of ex1",
                        () -> step(), 1e-6,
                        "K_new = K − ETA·dL/dK: a step goes against the gradient")));
    }

    private static float[][] step() {
        float[][] dk = ConvGradient.of(X, K).upstream(G).kernel().toArray();
        float[][] out = new float[3][3];
        for (int u = 0; u < 3; u++) for (int v = 0; v < 3; v++) out[u][v] = (float) (K[u][v] - ETA * dk[u][v]);
        return out;
    }
}
