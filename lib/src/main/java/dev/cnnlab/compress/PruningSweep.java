package dev.cnnlab.compress;

import java.util.List;

import dev.cnnlab.display.Display;
import dev.cnnlab.display.Html;
import dev.cnnlab.display.HtmlRenderable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
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

    PruningSweep(List<double[]> points, String scope, int epochs) {
        this.points = List.copyOf(points);
        this.scope = scope;
        this.epochs = epochs;
    }

    /** Columns {@code sparsity %} (measured in the pruned weights) and {@code accuracy %}. */
    public Table table() {
        Table t = Table.create("sparsity vs accuracy (" + what() + ")",
                DoubleColumn.create("sparsity %"), DoubleColumn.create("accuracy %"));
        for (double[] p : points) {
            t.doubleColumn("sparsity %").append(Math.round(1000 * p[0]) / 10.0);
            t.doubleColumn("accuracy %").append(Math.round(10000 * p[1]) / 100.0);
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

    private String what() {
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
