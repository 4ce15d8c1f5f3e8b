package dev.cnnlab.data;

import java.util.Random;

/** A seeded random order of {@code 0..n-1} (Fisher–Yates), shared by every shuffle so that seeds mean the same. */
public final class Permutation {
    private Permutation() {}

    /** {@code 0..n-1} shuffled by {@code random}; in order when {@code random} is null. */
    public static int[] of(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; random != null && i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
