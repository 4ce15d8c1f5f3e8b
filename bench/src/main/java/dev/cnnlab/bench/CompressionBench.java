package dev.cnnlab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.cnnlab.compress.CompressionReport;
import dev.cnnlab.compress.Distillation;
import dev.cnnlab.compress.FilterPruning;
import dev.cnnlab.compress.Int8Quantization;
import dev.cnnlab.compress.MagnitudePruning;
import dev.cnnlab.compress.PrunedNet;
import dev.cnnlab.compress.PruningSweep;
import dev.cnnlab.compress.QuantizedNet;
import dev.cnnlab.data.ImageData;
import dev.cnnlab.data.FashionMnist;
import dev.cnnlab.data.Split;
import dev.cnnlab.nn.Net;
import dev.cnnlab.nn.Sequential;
import dev.cnnlab.train.Budget;
import dev.cnnlab.train.Fit;
import org.knowm.xchart.BitmapEncoder;

/**
 * {@code ./cnnlab bench --only compression}: the seed CNN (Conv32-Pool-Conv64-Pool-Dense128-Dense10) trained on
 * Fashion-MNIST, then magnitude pruning (90 %, gradual, fine-tuned), filter pruning (half the filters of both
 * convs, fine-tuned), int8 quantization, distillation into a student with under a quarter of the parameters
 * (against the same student trained alone), and the combined pipeline (filter pruning + distillation + int8).
 * Rows give each figure with the target; the full report table and its Pareto chart go to
 * {@code bench/target/compression/}. {@code CNNLAB_FAST=1}: 3,000 training and 1,000 test images, 1 epoch each.
 */
final class CompressionBench implements Bench.Entry {
    /**
     * Weight of the teacher's soft targets, chosen on a validation split by {@link DistillationTuningBench}, never
     * on the test set (validation accuracy: student alone 88.88 %, T 4 / alpha 0.7 88.53 %, T 2 / alpha 0.5
     * 88.55 %, T 4 / alpha 0.3 89.01 %).
     */
    static final double ALPHA = 0.3;

    @Override
    public String name() {
        return "compression";
    }

    static Net seedCnn() {
        return Sequential.input(1, 28, 28).conv2d(32, 3).relu().maxPool(2).conv2d(64, 3).relu().maxPool(2)
                .flatten().dense(128).relu().dense(10).softmax().seed(42).name("seed-cnn").build();
    }

    static Net student() {
        // 49,418 parameters, 22 % of the teacher's 225,034: thinner convs, and a dense layer a quarter as wide
        return Sequential.input(1, 28, 28).conv2d(24, 3).relu().maxPool(2).conv2d(48, 3).relu().maxPool(2)
                .flatten().dense(32).relu().dense(10).softmax().seed(42).name("student").build();
    }

    @Override
    public List<String> run(boolean quick) throws Exception {
        Split data = FashionMnist.load();
        ImageData train = data.train().shuffled(1).take(Budget.pick(3_000, 60_000));
        ImageData test = data.test().take(Budget.pick(1_000, 10_000));
        int epochs = Budget.pick(1, 5), tune = Budget.pick(1, 2);
        String mode = Budget.fast() ? "fast mode" : "full";
        List<String> rows = new ArrayList<>();
        long t0 = System.nanoTime();
        try (Net base = seedCnn()) {
            log("baseline: %d epochs on %,d images", epochs, train.size());
            Fit.of(base).adam(1e-3).batchSize(64).epochs(epochs).seed(42).verbose(false).run(train);
            CompressionReport report = CompressionReport.on(test).latency(256, quick ? 3 : 7)
                    .baseline(String.format("Adam 1e-3, batch 64, %d epochs, %,d images", epochs, train.size()), base);
            double baseAcc = report.row("baseline").accuracy();

            log("magnitude pruning: sweep, then 90 %% gradual with %d fine-tuning epoch(s)", tune);
            PruningSweep sweep = MagnitudePruning.of(base).sweep(test, 0.5, 0.7, 0.8, 0.9, 0.95);
            try (PrunedNet pruned = MagnitudePruning.of(base).sparsity(0.9).global().fineTune(train, tune).gradual(8).run()) {
                report.add("magnitude pruning", "90 % global, Zhu-Gupta 8 steps, " + tune + " epoch(s)", pruned.net());
                rows.add(row("magnitude: weights zero", pct(pruned.sparsity()), "target ≥ 90 %"));
                log("%s%n%s", pruned, pruned.sparsityTable().print());
            }

            log("filter pruning: half the filters of both convs, %d fine-tuning epoch(s)", tune);
            try (Net small = FilterPruning.of(base).removeFromAll(0.5).run()) {
                Fit.of(small).adam(5e-4).batchSize(64).epochs(tune).seed(42).verbose(false).run(train);
                small.save(out().resolve("filter-pruned.params"));
                report.add("filter pruning", "L1, 50 % of conv filters, " + tune + " epoch(s)", small);
            }

            log("int8 quantization");
            try (QuantizedNet q = Int8Quantization.of(base).calibrate(train, 10, 64).run()) {
                q.save(out().resolve("seed-cnn.int8"));
                try (QuantizedNet back = QuantizedNet.load(out().resolve("seed-cnn.int8"), base)) {
                    rows.add(row("int8: accuracy after save/load", pct(back.accuracy(test)), "must equal the int8 row"));
                }
                report.add("int8", "symmetric per-channel, 10x64 calibration images", q);
            }

            log("distillation: student alone and distilled, %d epochs each", epochs);
            try (Net alone = student(); Net distilled = student()) {
                Distillation.of(base, alone).alpha(0).epochs(epochs).run(train);
                report.add("student alone", "Conv24-Conv48-Dense32, " + epochs + " epochs, CE only", alone);
                Distillation.of(base, distilled).temperature(4).alpha(ALPHA).epochs(epochs).run(train);
                report.add("distillation", "same student, T 4, alpha " + ALPHA + ", " + epochs + " epochs", distilled);
            }

            log("combined: filter pruning + distillation fine-tuning + int8");
            try (Net small = FilterPruning.of(base).removeFromAll(0.5).run()) {
                Distillation.of(base, small).temperature(4).alpha(ALPHA).epochs(tune).learningRate(5e-4).run(train);
                try (QuantizedNet q = Int8Quantization.of(small).calibrate(train, 10, 64).run()) {
                    report.add("prune + distil + int8", "50 % filters, KD " + tune + " epoch(s), int8", q);
                }
            }

            var b = report.row("baseline");
            var mp = report.row("magnitude pruning");
            var fp = report.row("filter pruning");
            var q8 = report.row("int8");
            var st = report.row("student alone");
            var kd = report.row("distillation");
            var all = report.row("prune + distil + int8");
            rows.add(0, row("baseline accuracy", pct(baseAcc), mode + ", " + train.size() + " train / " + test.size() + " test"));
            rows.add(row("magnitude: Δ accuracy", pt(mp.accuracy() - baseAcc), "target ≥ -0.5 pt; non-zeros "
                    + mp.nonZeros() + " of " + mp.params() + " (" + ratio(b.nonZeros(), mp.nonZeros()) + " fewer)"));
            rows.add(row("filter: MACs", ratio(b.macs(), fp.macs()) + " fewer", fp.macs() + " vs " + b.macs() + "; target ≥ 2x"));
            rows.add(row("filter: CPU speed-up", String.format(Locale.ROOT, "%.2fx", fp.speedUp()),
                    String.format(Locale.ROOT, "%.4f vs %.4f ms/image (interleaved runs); target ≥ 1.5x", fp.msPerImage(), fp.baselineMsPerImage())));
            rows.add(row("filter: Δ accuracy", pt(fp.accuracy() - baseAcc), "target ≥ -1 pt"));
            rows.add(row("int8: file size", ratio(b.fileBytes(), q8.fileBytes()) + " smaller",
                    q8.fileBytes() + " vs " + b.fileBytes() + " bytes; target ≥ 3.5x"));
            rows.add(row("int8: Δ accuracy", pt(q8.accuracy() - baseAcc), "target ≥ -0.5 pt (simulated int8)"));
            rows.add(row("distillation: student params", String.format(Locale.ROOT, "%.1f %%", 100.0 * kd.params() / b.params()),
                    kd.params() + " vs " + b.params() + "; target ≤ 25 %"));
            rows.add(row("distillation: Δ accuracy vs teacher", pt(kd.accuracy() - baseAcc), "target ≥ -1 pt"));
            rows.add(row("distillation vs student alone", pt(kd.accuracy() - st.accuracy()),
                    "alone " + pct(st.accuracy()) + ", distilled " + pct(kd.accuracy()) + ", same seed and epochs"));
            rows.add(row("combined: file size", ratio(b.fileBytes(), all.fileBytes()) + " smaller",
                    "article: 'half the size'"));
            rows.add(row("combined: Δ accuracy", pt(all.accuracy() - baseAcc), "article: 'only -2 %'"));
            rows.add(row("wall time", String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - t0) / 1e9), mode));

            Files.writeString(out().resolve("report.txt"), report.table().print(100) + "\n\n" + sweep.table().print() + "\n");
            BitmapEncoder.saveBitmap(report.chart(), out().resolve("pareto").toString(), BitmapEncoder.BitmapFormat.PNG);
            BitmapEncoder.saveBitmap(sweep.chart(), out().resolve("sweep").toString(), BitmapEncoder.BitmapFormat.PNG);
            System.err.println(report.table().print(100));
            System.err.println(sweep.table().print());
        }
        return rows;
    }

    private static Path out() throws java.io.IOException {
        return Files.createDirectories(Path.of("bench", "target", "compression"));
    }

    private static void log(String format, Object... args) {
        System.err.printf("[compression] " + format + "%n", args);
    }

    private static String row(String measure, String value, String note) {
        return "| compression | " + measure + " | " + value + " | " + note + " |";
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * v);
    }

    private static String pt(double v) {
        return String.format(Locale.ROOT, "%+.2f pt", 100 * v);
    }

    private static String ratio(double a, double b) {
        return String.format(Locale.ROOT, "%.2fx", a / b);
    }
}
