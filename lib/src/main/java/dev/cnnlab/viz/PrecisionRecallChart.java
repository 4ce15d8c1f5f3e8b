package dev.cnnlab.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.cnnlab.detect.AveragePrecisionReport;
import dev.cnnlab.detect.DetectionException;
import dev.cnnlab.detect.PrecisionRecallCurve;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Precision–recall curves as an XChart {@link XYChart} (the notebook shows it as a picture).
 * <p>
 * Each class with ground truth gets its <em>interpolated</em> curve, {@code p_interp(r) = max precision at
 * recall >= r}, as a staircase; for VOC all-point AP the area under that step line is exactly the AP
 * shown in the legend. {@link #of(AveragePrecisionReport, int)} also shows the raw zig-zag points.
 *
 * <pre>{@code
 * PrecisionRecallChart.of(MeanAveragePrecision.voc(preds, truth, 5).withClassNames(names));
 * }</pre>
 */
public final class PrecisionRecallChart {
    private PrecisionRecallChart() {}

    /** One interpolated curve per class that has ground truth. */
    public static XYChart of(AveragePrecisionReport report) {
        XYChart chart = base(report.method() + String.format(Locale.ROOT, " — mAP %.3f", report.map()));
        for (int c = 0; c < report.numClasses(); c++) {
            if (!report.hasObjects(c)) continue;
            addEnvelope(chart, report.curve(c), String.format(Locale.ROOT, "%s (AP %.3f)", report.className(c), report.ap(c)));
        }
        if (chart.getSeriesMap().isEmpty()) {
            throw new DetectionException("no class has ground truth: there is no precision–recall curve to draw");
        }
        return chart;
    }

    /**
     * Class {@code c} alone: the raw precision after each detection (dots) and the interpolated curve (staircase).
     *
     * @throws DetectionException if the class has no ground truth
     */
    public static XYChart of(AveragePrecisionReport report, int c) {
        if (c < 0 || c >= report.numClasses()) {
            throw new DetectionException("class " + c + " is outside 0.." + (report.numClasses() - 1));
        }
        if (!report.hasObjects(c)) {
            throw new DetectionException(report.className(c) + " has no ground truth: recall is undefined, no curve");
        }
        PrecisionRecallCurve curve = report.curve(c);
        XYChart chart = base(String.format(Locale.ROOT, "%s — AP %.3f (%s)", report.className(c), report.ap(c),
                report.method()));
        addEnvelope(chart, curve, "interpolated");
        if (curve.size() > 0) {
            XYSeries raw = chart.addSeries("after each detection", curve.recall(), curve.precision());
            raw.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            raw.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    private static XYChart base(String title) {
        XYChart chart = new XYChartBuilder().width(640).height(440).title(title)
                .xAxisTitle("recall").yAxisTitle("precision").build();
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.05);
        chart.getStyler().setMarkerSize(5);
        return chart;
    }

    /**
     * The interpolated curve as an explicit staircase: precision env[k] holds for recall in (r[k-1], r[k]],
     * so the points are (0, env[0]), (r[0], env[0]), (r[0], env[1]), (r[1], env[1]), ..., (r[n-1], 0).
     */
    private static void addEnvelope(XYChart chart, PrecisionRecallCurve curve, String name) {
        double[] env = curve.envelope();
        double[] r = curve.recall();
        List<double[]> pts = new ArrayList<>();
        double prevRecall = 0;
        for (int k = 0; k < env.length; k++) {
            pts.add(new double[] {prevRecall, env[k]});
            pts.add(new double[] {r[k], env[k]});
            prevRecall = r[k];
        }
        pts.add(new double[] {prevRecall, 0});
        if (pts.size() == 1) pts.add(0, new double[] {0, 0});  // no detections: a dot at the origin
        double[] x = new double[pts.size()], y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
    }
}
