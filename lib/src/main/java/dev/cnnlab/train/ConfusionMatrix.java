package dev.cnnlab.train;

import java.util.List;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import dev.cnnlab.display.Html;
import dev.cnnlab.display.HtmlRenderable;

/**
 * Counts of (true class, predicted class) pairs: row = true class, column = predicted class. The diagonal holds
 * the correct predictions. Shown as a heat map ({@link #chart()}), an HTML table, or a Tablesaw table.
 */
public final class ConfusionMatrix implements HtmlRenderable {
    private final int[][] counts;
    private final List<String> classes;

    /**
     * Counts the pairs.
     *
     * @throws IllegalArgumentException if the arrays differ in length or a label is outside the classes
     */
    public static ConfusionMatrix of(int[] truth, int[] predicted, List<String> classes) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true labels but " + predicted.length + " predictions");
        }
        int k = classes.size();
        int[][] c = new int[k][k];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0 || truth[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
                throw new IllegalArgumentException("pair " + truth[i] + "/" + predicted[i] + " at " + i
                        + " is outside the " + k + " classes");
            }
            c[truth[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(c, classes);
    }

    private ConfusionMatrix(int[][] counts, List<String> classes) {
        this.counts = counts;
        this.classes = List.copyOf(classes);
    }

    /** {@code count(t, p)}: images of true class t predicted as p. */
    public int count(int truth, int predicted) {
        return counts[truth][predicted];
    }

    /** Class names, indexed by label. */
    public List<String> classes() {
        return classes;
    }

    /** Number of images of true class {@code t}. */
    public int support(int t) {
        int s = 0;
        for (int v : counts[t]) s += v;
        return s;
    }

    /** Number of images predicted as {@code p}. */
    public int predictedCount(int p) {
        int s = 0;
        for (int[] row : counts) s += row[p];
        return s;
    }

    /** As a table: a "true" column with class names and one count column per predicted class. */
    public Table table() {
        Table t = Table.create("confusion matrix (rows: true, columns: predicted)", StringColumn.create("true", classes));
        for (int p = 0; p < classes.size(); p++) {
            int[] col = new int[classes.size()];
            for (int r = 0; r < classes.size(); r++) col[r] = counts[r][p];
            t.addColumns(IntColumn.create(classes.get(p), col));
        }
        return t;
    }

    /** A heat map: true class on the y axis, predicted class on the x axis, counts as colours. */
    public HeatMapChart chart() {
        HeatMapChart c = new HeatMapChartBuilder().width(640).height(560).title("Confusion matrix")
                .xAxisTitle("predicted").yAxisTitle("true").build();
        c.getStyler().setShowValue(true);
        c.getStyler().setPlotContentSize(1);
        c.getStyler().setRangeColors(new java.awt.Color[] {new java.awt.Color(0xF7FBFF), new java.awt.Color(0x6BAED6),
                new java.awt.Color(0x08306B)});
        int k = classes.size();
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) idx[i] = i;
        c.getStyler().setXAxisLabelRotation(45);
        // XChart wants heat[x][y] with y growing upwards: reverse the rows so the first class is on top
        List<String> rowsTopDown = new java.util.ArrayList<>(classes);
        java.util.Collections.reverse(rowsTopDown);
        int[][] heat = new int[k][k];
        for (int t = 0; t < k; t++) for (int p = 0; p < k; p++) heat[p][k - 1 - t] = counts[t][p];
        c.addSeries("counts", classes, rowsTopDown, toList(heat));
        return c;
    }

    private static List<Number[]> toList(int[][] heat) {
        List<Number[]> l = new java.util.ArrayList<>();
        for (int x = 0; x < heat.length; x++) for (int y = 0; y < heat[x].length; y++) l.add(new Number[] {x, y, heat[x][y]});
        return l;
    }

    @Override
    public String toHtml() {
        int max = 1;
        for (int[] row : counts) for (int v : row) max = Math.max(max, v);
        StringBuilder sb = new StringBuilder("<table style=\"border-collapse:collapse;font-family:monospace;font-size:12px\">"
                + "<tr><th style=\"padding:2px 6px\">true \\ predicted</th>");
        for (String c : classes) sb.append("<th style=\"padding:2px 6px\">").append(Html.escape(c)).append("</th>");
        sb.append("</tr>");
        for (int t = 0; t < classes.size(); t++) {
            sb.append("<tr><th style=\"padding:2px 6px;text-align:left\">").append(Html.escape(classes.get(t))).append("</th>");
            for (int p = 0; p < classes.size(); p++) {
                double a = counts[t][p] / (double) max;
                int shade = (int) Math.round(255 - a * 200);
                sb.append(String.format("<td style=\"padding:2px 6px;text-align:right;background:rgb(%d,%d,255);color:%s%s\">",
                        shade, shade, a > 0.6 ? "#fff" : "#000", t == p ? ";font-weight:bold" : ""))
                        .append(counts[t][p]).append("</td>");
            }
            sb.append("</tr>");
        }
        return sb.append("</table>").toString();
    }

    @Override
    public String toString() {
        return table().print();
    }
}
