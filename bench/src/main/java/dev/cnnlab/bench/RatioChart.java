package dev.cnnlab.bench;

import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The bar chart of every row's ratio cnnlab / peer, on a log scale so 0.2x and 200x both show: a bar goes up
 * when cnnlab's figure is the larger, down when it is the smaller. For times and memory down is better, for
 * images/s and accuracy up is (the table's target column says which).
 */
final class RatioChart {
    private RatioChart() {}

    /** A chart of the rows that have a ratio; null when none has. */
    static CategoryChart of(List<Row> rows, String title) {
        List<String> labels = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (Row r : rows) {
            if (r.ratio() == null || !Double.isFinite(r.ratio())) continue;
            String label = r.benchmark().replace(" vs PyTorch", "").replace(" vs ipykernel", "") + ": " + r.measure();
            // categories must be unique and short enough to read under the axis
            label = (label.length() > 60 ? label.substring(0, 57) + "..." : label)
                    + String.format(java.util.Locale.ROOT, " (%.2fx)", r.ratio());
            while (labels.contains(label)) label += " ";
            labels.add(label);
            ratios.add(Math.log10(r.ratio()));
        }
        if (labels.isEmpty()) return null;
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(900, 60 * labels.size() + 300)).height(1000)
                .title(title).xAxisTitle("").yAxisTitle("cnnlab / peer (log scale; bars start at 1x = same as the peer)").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(60);
        // ratios span 0.2x to 200x: bars of log10(ratio), up when cnnlab's figure is larger, down when smaller
        chart.getStyler().setyAxisTickLabelsFormattingFunction(
                v -> String.format(java.util.Locale.ROOT, Math.pow(10, v) < 1 ? "%.2gx" : "%.0fx", Math.pow(10, v)));
        chart.getStyler().setLabelsVisible(false);  // the ratio is in each bar's label
        chart.getStyler().setChartTitleVisible(true);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.addSeries("log10(cnnlab / peer)", labels, ratios);
        return chart;
    }
}
