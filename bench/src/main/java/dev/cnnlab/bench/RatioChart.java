package dev.cnnlab.bench;

import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The bar chart of every row's ratio cnnlab / peer. A ratio of 1 means "as the peer"; for times and memory
 * below 1 is better, for images/s and accuracy above 1 is (the table's target column says which).
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
            label = label.length() > 60 ? label.substring(0, 57) + "..." : label;
            while (labels.contains(label)) label += " ";
            labels.add(label);
            ratios.add(r.ratio());
        }
        if (labels.isEmpty()) return null;
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(900, 60 * labels.size() + 300)).height(800)
                .title(title).xAxisTitle("").yAxisTitle("cnnlab / peer (1 = same as the peer)").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setChartTitleVisible(true);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.addSeries("cnnlab / peer", labels, ratios);
        return chart;
    }
}
