package dev.cnnlab.train;

import java.util.List;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import dev.cnnlab.display.Html;
import dev.cnnlab.display.HtmlRenderable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import dev.cnnlab.display.SignificantDigits;

/**
 * What {@link Fit#run} returns: one {@link EpochStats} per finished epoch, the device line, and notes (early
 * stop, restored weights, interrupt, stop by request).
 *
 * <pre>{@code
 * h.table();   // Tablesaw: epoch, loss, accuracy, val_loss, val_accuracy, lr, seconds, images_per_s
 * h.plot();    // XChart: loss and accuracy curves per epoch
 * h.notes();   // e.g. ["early stop after epoch 7: ...", "restored the weights of epoch 4 ..."]
 * }</pre>
 */
public final class History implements HtmlRenderable {
    private final List<EpochStats> epochs;
    private final List<String> notes;
    private final String device;
    private final boolean interrupted;
    private final boolean stopped;

    History(List<EpochStats> epochs, List<String> notes, String device, boolean interrupted, boolean stopped) {
        this.epochs = List.copyOf(epochs);
        this.notes = List.copyOf(notes);
        this.device = device;
        this.interrupted = interrupted;
        this.stopped = stopped;
    }

    /** A history made from epochs recorded elsewhere (a saved run, a hand-made example), with the same table and plot. */
    public static History of(List<EpochStats> epochs, List<String> notes, String device, boolean interrupted) {
        return new History(epochs, notes, device, interrupted, false);
    }

    /** The finished epochs, in order. */
    public List<EpochStats> epochs() {
        return epochs;
    }

    /**
     * The last finished epoch.
     *
     * @throws TrainingException if none finished
     */
    public EpochStats last() {
        if (epochs.isEmpty()) throw new TrainingException("no epoch finished");
        return epochs.get(epochs.size() - 1);
    }

    /** Notes about how training ended (early stop, restored weights, interrupt). */
    public List<String> notes() {
        return notes;
    }

    /** True if training was interrupted (the kernel's interrupt button, or {@code Thread.interrupt()}). */
    public boolean interrupted() {
        return interrupted;
    }

    /**
     * True if training ended early because {@link Fit#stop()} was called (a Stop button): a requested end, not an
     * error; {@link #notes()} says after which epoch and batch.
     */
    public boolean stopped() {
        return stopped;
    }

    /** Engine, devices and threads the training ran on. */
    public String device() {
        return device;
    }

    /** One row per epoch: epoch, loss, accuracy, val_loss, val_accuracy, val_top_k, lr, seconds, images_per_s. */
    public Table table() {
        Table t = Table.create("history",
                IntColumn.create("epoch", epochs.stream().mapToInt(EpochStats::epoch).toArray()),
                col("loss", EpochStats::loss), col("accuracy", EpochStats::accuracy),
                col("val_loss", EpochStats::valLoss), col("val_accuracy", EpochStats::valAccuracy));
        if (epochs.stream().anyMatch(e -> !Double.isNaN(e.valTopK()))) t.addColumns(col("val_top_k", EpochStats::valTopK));
        return SignificantDigits.apply(t.addColumns(col("lr", EpochStats::learningRate), col("seconds", EpochStats::seconds),
                col("images_per_s", EpochStats::imagesPerSecond)));
    }

    private DoubleColumn col(String name, ToDoubleFunction<EpochStats> f) {
        return DoubleColumn.create(name, epochs.stream().mapToDouble(f).toArray());
    }

    /** Loss and accuracy (training and validation) against the epoch, in one chart. */
    public XYChart plot() {
        XYChart c = chart("Training history", "loss / accuracy");
        add(c, "loss", EpochStats::loss);
        add(c, "val_loss", EpochStats::valLoss);
        add(c, "accuracy", EpochStats::accuracy);
        add(c, "val_accuracy", EpochStats::valAccuracy);
        return c;
    }

    /** Training and validation loss against the epoch. */
    public XYChart plotLoss() {
        XYChart c = chart("Loss", "loss");
        add(c, "loss", EpochStats::loss);
        add(c, "val_loss", EpochStats::valLoss);
        return c;
    }

    /** Training and validation accuracy against the epoch. */
    public XYChart plotAccuracy() {
        XYChart c = chart("Accuracy", "accuracy");
        add(c, "accuracy", EpochStats::accuracy);
        add(c, "val_accuracy", EpochStats::valAccuracy);
        return c;
    }

    private static XYChart chart(String title, String y) {
        XYChart c = new XYChartBuilder().width(640).height(400).title(title).xAxisTitle("epoch").yAxisTitle(y).build();
        c.getStyler().setDecimalPattern("#0.###");
        return c;
    }

    private void add(XYChart c, String name, ToDoubleFunction<EpochStats> f) {
        double[] y = epochs.stream().mapToDouble(f).toArray();
        if (y.length == 0 || Double.isNaN(y[0])) return;
        double[] x = epochs.stream().mapToDouble(EpochStats::epoch).toArray();
        c.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("History (" + device + ")\n");
        sb.append(String.format("%5s %8s %8s %9s %9s %9s %8s %10s%n", "epoch", "loss", "acc", "val_loss", "val_acc",
                "lr", "seconds", "images/s"));
        for (EpochStats e : epochs) {
            sb.append(String.format("%5d %8.4f %8.4f %9.4f %9.4f %9.2e %8.1f %10.0f%n", e.epoch(), e.loss(), e.accuracy(),
                    e.valLoss(), e.valAccuracy(), e.learningRate(), e.seconds(), e.imagesPerSecond()));
        }
        for (String n : notes) sb.append("note: ").append(n).append('\n');
        return sb.toString().stripTrailing();
    }

    @Override
    public String toHtml() {
        StringBuilder sb = new StringBuilder("<div style=\"font-family:monospace\"><div>").append(Html.escape(device))
                .append("</div><table style=\"border-collapse:collapse\"><tr>");
        for (String h : List.of("epoch", "loss", "accuracy", "val_loss", "val_accuracy", "lr", "seconds", "images/s")) {
            sb.append("<th style=\"padding:2px 10px;text-align:right;border-bottom:2px solid #444\">").append(h).append("</th>");
        }
        sb.append("</tr>");
        for (EpochStats e : epochs) {
            sb.append("<tr>");
            for (String v : List.of(String.valueOf(e.epoch()), f4(e.loss()), f4(e.accuracy()), f4(e.valLoss()),
                    f4(e.valAccuracy()), String.format("%.2e", e.learningRate()), String.format("%.1f", e.seconds()),
                    String.format("%.0f", e.imagesPerSecond()))) {
                sb.append("<td style=\"padding:2px 10px;text-align:right\">").append(v).append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</table>");
        for (String n : notes) sb.append("<div>note: ").append(Html.escape(n)).append("</div>");
        return sb.append("</div>").toString();
    }

    private static String f4(double v) {
        return Double.isNaN(v) ? "–" : String.format("%.4f", v);
    }
}
