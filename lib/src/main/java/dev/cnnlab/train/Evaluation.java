package dev.cnnlab.train;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.HeatMapChart;

import dev.cnnlab.data.ImageData;
import dev.cnnlab.display.HtmlRenderable;
import dev.cnnlab.display.ImageGrid;
import dev.cnnlab.nn.Classifier;
import dev.cnnlab.nn.Head;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import dev.cnnlab.display.SignificantDigits;

/**
 * How well a trained model does on a dataset: accuracy, top-k accuracy, precision/recall/F1 per class, the
 * confusion matrix, and the images it got wrong.
 *
 * <pre>{@code
 * Evaluation ev = Evaluation.of(net, data.test());
 * ev.accuracy();           // 0.9012
 * ev.perClass();           // Tablesaw: class, precision, recall, f1, support
 * ev.confusionChart();     // XChart heat map
 * ev.misclassified(16);    // picture grid, captions "true → predicted"
 * }</pre>
 */
public final class Evaluation implements HtmlRenderable {
    private final ImageData data;
    private final float[][] logits;
    private final int[] predicted;
    private final ConfusionMatrix confusion;

    private Evaluation(Classifier model, ImageData data) {
        if (data.size() == 0) throw new TrainingException("cannot evaluate on an empty dataset");
        this.data = data;
        this.logits = model.logits(data);
        int classes = Math.max(data.classes().size(), logits[0].length == 1 ? 2 : logits[0].length);
        if (classes > data.classes().size()) {
            throw new TrainingException("the model has " + logits[0].length + " outputs but the data names only "
                    + data.classes().size() + " classes");
        }
        predicted = new int[data.size()];
        for (int i = 0; i < predicted.length; i++) predicted[i] = Classifier.argMax(logits[i], Head.LOGITS);
        confusion = ConfusionMatrix.of(data.labels(), predicted, data.classes());
    }

    /** Runs {@code model} (a {@link dev.cnnlab.nn.Net}, or a pruned, quantized or distilled one) on every image of {@code data}. */
    public static Evaluation of(Classifier model, ImageData data) {
        return new Evaluation(model, data);
    }


    /** Predicted label per image. */
    public int[] predicted() {
        return predicted.clone();
    }

    /** Fraction of images predicted correctly. */
    public double accuracy() {
        int hits = 0;
        for (int i = 0; i < predicted.length; i++) if (predicted[i] == data.label(i)) hits++;
        return hits / (double) predicted.length;
    }

    /** Fraction of images whose true class is among the {@code k} highest scores. */
    public double topKAccuracy(int k) {
        int hits = 0;
        for (int i = 0; i < logits.length; i++) {
            float[] z = logits[i];
            if (z.length == 1) {
                hits += (k >= 2 || predicted[i] == data.label(i)) ? 1 : 0;
                continue;
            }
            int rank = 0;
            for (float v : z) if (v > z[data.label(i)]) rank++;
            if (rank < k) hits++;
        }
        return hits / (double) logits.length;
    }

    /** The confusion matrix (rows true, columns predicted). */
    public ConfusionMatrix confusion() {
        return confusion;
    }

    /** The confusion matrix as a heat map. */
    public HeatMapChart confusionChart() {
        return confusion.chart();
    }

    /** One row per class: class, precision, recall, f1, support (0 where undefined). */
    public Table perClass() {
        int k = data.classes().size();
        double[] p = new double[k], r = new double[k], f = new double[k];
        int[] support = new int[k];
        for (int c = 0; c < k; c++) {
            int tp = confusion.count(c, c), predictedC = confusion.predictedCount(c);
            support[c] = confusion.support(c);
            p[c] = predictedC == 0 ? 0 : tp / (double) predictedC;
            r[c] = support[c] == 0 ? 0 : tp / (double) support[c];
            f[c] = p[c] + r[c] == 0 ? 0 : 2 * p[c] * r[c] / (p[c] + r[c]);
        }
        return SignificantDigits.apply(Table.create("per class", StringColumn.create("class", data.classes()),
                DoubleColumn.create("precision", p), DoubleColumn.create("recall", r), DoubleColumn.create("f1", f),
                IntColumn.create("support", support)));
    }

    /** Indices of the wrongly predicted images, in dataset order. */
    public int[] misclassifiedIndices() {
        return java.util.stream.IntStream.range(0, predicted.length).filter(i -> predicted[i] != data.label(i)).toArray();
    }

    /** Up to {@code max} wrongly predicted images in a grid, captioned "true → predicted". */
    public BufferedImage misclassified(int max) {
        int[] wrong = misclassifiedIndices();
        if (wrong.length == 0) throw new TrainingException("no misclassified images: every prediction is right");
        List<BufferedImage> imgs = new ArrayList<>();
        List<String> caps = new ArrayList<>();
        for (int i = 0; i < Math.min(max, wrong.length); i++) {
            imgs.add(data.image(wrong[i]));
            caps.add(data.classes().get(data.label(wrong[i])) + " → " + data.classes().get(predicted[wrong[i]]));
        }
        return ImageGrid.of(imgs, caps, 8, 3);
    }

    @Override
    public String toString() {
        return String.format("Evaluation[%d images, accuracy %.4f, %d wrong]%n%s", predicted.length, accuracy(),
                misclassifiedIndices().length, perClass().print());
    }

    @Override
    public String toHtml() {
        return String.format("<div style=\"font-family:monospace\">%d images, accuracy <b>%.4f</b>, %d wrong</div>",
                predicted.length, accuracy(), misclassifiedIndices().length) + confusion.toHtml();
    }
}
