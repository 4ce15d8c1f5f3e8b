package dev.cnnlab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Training images split into the part a model learns from and a held-out validation part that chooses among
 * models (early stopping, settings, which epoch's weights to keep). The test set stays out of both: it is
 * measured once, at the end, so its accuracy is an honest estimate for new images.
 *
 * <pre>{@code
 * var split = FashionMnist.load().train().split(0.1, 42);   // 10 % of every class held out, seed 42
 * Fit.of(net).callbacks(EarlyStopping.onValLoss(3)).run(split.train(), split.validation());
 * Evaluation.of(net, fashion.test());                        // the test set, touched once
 * }</pre>
 *
 * The split is stratified: every class gives the same fraction (up to rounding) to validation, so a small
 * validation set still has every class in its true proportion. The same seed gives the same split.
 *
 * @param train      images to learn from
 * @param validation held-out images that choose among models
 */
public record ValidationSplit(ImageData train, ImageData validation) {
    public ValidationSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
    }

    /**
     * Holds back {@code fraction} of {@code data} for validation, class by class: {@code round(fraction * N)}
     * images in all, shared among the classes by largest remainder of {@code fraction * count}. Which images of a
     * class go is a seeded random choice; both parts keep the images' original order.
     *
     * @throws DatasetException if {@code fraction} is not in (0, 1) or leaves one part empty
     */
    public static ValidationSplit of(ImageData data, double fraction, long seed) {
        Objects.requireNonNull(data, "data");
        if (!(fraction > 0 && fraction < 1)) {
            throw new DatasetException("validation fraction must be in (0, 1), got " + fraction + " (e.g. 0.1 for 10 %)");
        }
        int n = data.size();
        int nVal = (int) Math.round(fraction * n);
        if (nVal == 0 || nVal == n) {
            throw new DatasetException("a validation fraction of " + fraction + " of " + n + " images leaves nothing to "
                    + (nVal == 0 ? "validate on" : "train on"));
        }
        int[] counts = data.classCounts();
        int[] take = perClass(counts, fraction, nVal);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) byClass.add(new ArrayList<>());
        for (int i = 0; i < n; i++) byClass.get(data.label(i)).add(i);
        boolean[] held = new boolean[n];
        Random random = new Random(seed);
        for (int c = 0; c < counts.length; c++) {
            List<Integer> members = byClass.get(c);
            int[] order = Permutation.of(members.size(), random);
            for (int k = 0; k < take[c]; k++) held[members.get(order[k])] = true;
        }
        int[] trainIdx = new int[n - nVal], valIdx = new int[nVal];
        int t = 0, v = 0;
        for (int i = 0; i < n; i++) {
            if (held[i]) valIdx[v++] = i;
            else trainIdx[t++] = i;
        }
        return new ValidationSplit(data.select(trainIdx), data.select(valIdx));
    }

    /** Images per class for validation: floor(f * count), plus one for the largest remainders until the total is met. */
    static int[] perClass(int[] counts, double fraction, int total) {
        int[] take = new int[counts.length];
        double[] rest = new double[counts.length];
        int sum = 0;
        for (int c = 0; c < counts.length; c++) {
            double exact = fraction * counts[c];
            take[c] = (int) Math.floor(exact);
            rest[c] = exact - take[c];
            sum += take[c];
        }
        Integer[] byRest = new Integer[counts.length];
        for (int c = 0; c < counts.length; c++) byRest[c] = c;
        Arrays.sort(byRest, (a, b) -> Double.compare(rest[b], rest[a])); // stable: ties go to the lower class
        // the floors sum to at most floor(f * N) <= total, so only additions are needed
        for (int k = 0; sum < total; k = (k + 1) % counts.length) {
            int c = byRest[k];
            if (take[c] < counts[c]) {
                take[c]++;
                sum++;
            }
        }
        return take;
    }

    @Override
    public String toString() {
        return "ValidationSplit[train=" + train + ", validation=" + validation + "]";
    }
}
