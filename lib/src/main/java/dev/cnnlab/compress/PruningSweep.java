package dev.cnnlab.compress;

import java.util.List;

import dev.cnnlab.display.Display;
import dev.cnnlab.display.Html;
import dev.cnnlab.display.HtmlRenderable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;
import dev.cnnlab.display.SignificantDigits;

/**
 * Accuracy of magnitude-pruned copies of one model at several sparsities ({@link MagnitudePruning#sweep}).
 * Without fine-tuning the curve shows how far one-shot pruning goes before accuracy falls off a cliff.
 */
public final class PruningSweep implements HtmlRenderable {
    private final List<double[]> points;
    private final String scope;
    private final int epochs;
    private final long denseBytes;

    PruningSweep(List<double[]> points, String scope, int epochs, long denseBytes) {
        this.points = List.copyOf(points);
        this.scope = scope;
        this.epochs = epochs;
        this.denseBytes = denseBytes;
    }

    /**
     * One measured model of the sweep.
     *
     * @param sparsity    fraction of the pruned weights that are zero (measured; 0 for the unpruned model)
     * @param accuracy    test accuracy in [0, 1]
     * @param sparseBytes bytes of its file stored sparse ({@link PrunedNet#save}); for the unpruned model the same
     *                    format with no zeros
     */
    public record Point(double sparsity, double accuracy, long sparseBytes) {}

    /** The measured models, the unpruned one first, then by the sparsities asked for. */
    public List<Point> points() {
        return points.stream().map(p -> new Point(p[0], p[1], (long) p[2])).toList();
    }

    /** Bytes of the unpruned model's ordinary (dense float32) file, the size a sparse file is compared with. */
    public long denseBytes() {
        return denseBytes;
    }

    /** Columns {@code sparsity %} (measured in the pruned weights), {@code accuracy %} and {@code sparse file bytes}. */
    public Table table() {
        Table t = Table.create("sparsity vs accuracy (" + what() + ")",
                DoubleColumn.create("sparsity %"), DoubleColumn.create("accuracy %"), LongColumn.create("sparse file bytes"));
        for (double[] p : points) {
            t.doubleColumn("sparsity %").append(Math.round(1000 * p[0]) / 10.0);
            t.doubleColumn("accuracy %").append(Math.round(10000 * p[1]) / 100.0);
            t.longColumn("sparse file bytes").append((long) p[2]);
        }
        return SignificantDigits.apply(t);
    }

    /** The curve: sparsity (%) on x, test accuracy (%) on y. */
    public XYChart chart() {
        XYChart c = new XYChartBuilder().width(560).height(360).title("Magnitude pruning: " + what())
                .xAxisTitle("weights set to zero (%)").yAxisTitle("test accuracy (%)").build();
        double[] x = points.stream().mapToDouble(p -> 100 * p[0]).toArray();
        double[] y = points.stream().mapToDouble(p -> 100 * p[1]).toArray();
        c.addSeries("accuracy", x, y).setMarker(SeriesMarkers.CIRCLE);
        c.getStyler().setLegendVisible(false);
        return c;
    }

    /** Shows table and chart. */
    public void show() {
        Display.show(this);
    }

    /** How the sweep pruned: "per-layer threshold, one-shot" or "global threshold, fine-tuned 2 epoch(s)". */
    public String what() {
        return scope + " threshold, " + (epochs == 0 ? "one-shot" : "fine-tuned " + epochs + " epoch(s)");
    }

    @Override
    public String toHtml() {
        return "<div>" + Html.table(table()) + Html.chart(chart()) + "</div>";
    }

    @Override
    public String toString() {
        return table().print();
    }
}
