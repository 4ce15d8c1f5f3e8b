package dev.cnnlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.cnnlab.compress.Distillation;
import dev.cnnlab.data.FashionMnist;
import dev.cnnlab.data.ImageData;
import dev.cnnlab.nn.Net;
import dev.cnnlab.train.Evaluation;
import dev.cnnlab.train.Budget;
import dev.cnnlab.train.Fit;

/**
 * {@code ./cnnlab bench --only distillation-tuning}: how {@link CompressionBench#ALPHA} was chosen. Teacher (the
 * seed CNN) and students train 5 epochs on 50,000 shuffled Fashion-MNIST training images; accuracy is measured on
 * the other 10,000 training images, never on the test set. One row per (T, alpha); alpha 0 is the student alone.
 * {@code CNNLAB_FAST=1}: 3,000 / 1,000 images, 1 epoch.
 */
final class DistillationTuningBench implements Bench.Entry {
    @Override
    public String name() {
        return "distillation-tuning";
    }

    @Override
    public List<String> run(boolean quick) {
        ImageData all = FashionMnist.load().train().shuffled(1);
        int nTrain = Budget.pick(3_000, 50_000), nVal = Budget.pick(1_000, 10_000), epochs = Budget.pick(1, 5);
        ImageData train = all.slice(0, nTrain), val = all.slice(all.size() - nVal, all.size());
        List<String> rows = new ArrayList<>();
        try (Net teacher = CompressionBench.seedCnn()) {
            Fit.of(teacher).adam(1e-3).batchSize(64).epochs(epochs).seed(42).verbose(false).run(train);
            rows.add(row("teacher", accuracy(teacher, val)));
            double[][] settings = {{1, 0}, {4, 0.7}, {2, 0.5}, {4, 0.3}};
            for (double[] s : settings) {
                try (Net student = CompressionBench.student()) {
                    Distillation.of(teacher, student).temperature(s[0]).alpha(s[1]).epochs(epochs).run(train);
                    rows.add(row(s[1] == 0 ? "student alone" : String.format(Locale.ROOT, "student T %.0f alpha %.1f", s[0], s[1]),
                            accuracy(student, val)));
                }
            }
        }
        return rows;
    }

    private static double accuracy(Net net, ImageData data) {
        return Evaluation.of(net, data).accuracy();
    }

    private static String row(String model, double accuracy) {
        return String.format(Locale.ROOT, "| distillation-tuning | %s: validation accuracy | %.2f %% | %s |", model,
                100 * accuracy, Budget.fast() ? "fast mode" : "5 epochs, 50,000 train / 10,000 validation images");
    }
}
