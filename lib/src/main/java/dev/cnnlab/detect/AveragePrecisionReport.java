package dev.cnnlab.detect;

import java.util.List;
import java.util.Locale;

import dev.cnnlab.display.Html;
import dev.cnnlab.display.HtmlRenderable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import dev.cnnlab.display.SignificantDigits;

/**
 * The result of {@link MeanAveragePrecision}: AP per class and IoU threshold, the mean, and the
 * precision–recall curves. In a notebook it shows as a table (one row per class).
 * <p>
 * A class without (non-difficult) ground truth has AP NaN and does not enter {@link #map()}.
 */
public final class AveragePrecisionReport implements HtmlRenderable {
    private final String method;
    private final double[] thresholds;
    private final double[][] ap;
    private final List<PrecisionRecallCurve> curves;
    private final List<String> classNames;

    AveragePrecisionReport(String method, double[] thresholds, double[][] ap, List<PrecisionRecallCurve> curves,
                           List<String> classNames) {
        this.method = method;
        this.thresholds = thresholds;
        this.ap = ap;
        this.curves = curves;
        this.classNames = classNames;
    }

    /** The same report with class names for display ({@code names.get(c)} for class {@code c}). */
    public AveragePrecisionReport withClassNames(List<String> names) {
        if (names.size() != numClasses()) {
            throw new DetectionException(names.size() + " class names for " + numClasses() + " classes");
        }
        return new AveragePrecisionReport(method, thresholds, ap, curves, List.copyOf(names));
    }

    /** How it was computed, e.g. {@code "VOC all-point AP@0.5"}. */
    public String method() {
        return method;
    }

    /** Number of classes. */
    public int numClasses() {
        return curves.size();
    }

    /** Name of class {@code c} ({@code "class c"} without names). */
    public String className(int c) {
        return classNames == null ? "class " + c : classNames.get(c);
    }

    /** IoU thresholds used: {0.5} for VOC, 0.50..0.95 for COCO. */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** Whether class {@code c} has ground truth, i.e. takes part in the mean. */
    public boolean hasObjects(int c) {
        return curves.get(c).positives() > 0;
    }

    /** Number of (non-difficult) ground-truth objects of class {@code c}. */
    public int objects(int c) {
        return curves.get(c).positives();
    }

    /** AP of class {@code c}, averaged over the IoU thresholds; NaN if the class has no ground truth. */
    public double ap(int c) {
        if (!hasObjects(c)) return Double.NaN;
        double s = 0;
        for (double[] row : ap) s += row[c];
        return s / ap.length;
    }

    /** AP of class {@code c} at the {@code t}-th IoU threshold. */
    public double ap(int c, int t) {
        return ap[t][c];
    }

    /** AP per class (NaN for classes without ground truth). */
    public double[] perClassAp() {
        double[] out = new double[numClasses()];
        for (int c = 0; c < out.length; c++) out[c] = ap(c);
        return out;
    }

    /**
     * Mean AP over the classes with ground truth: {@code mAP = (1/|C|) sum_{c in C} AP_c}.
     * NaN if no class has ground truth.
     */
    public double map() {
        double s = 0;
        int n = 0;
        for (int c = 0; c < numClasses(); c++) {
            if (hasObjects(c)) {
                s += ap(c);
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Mean AP over classes at the {@code t}-th IoU threshold (COCO: t = 0 is AP50, t = 5 is AP75). */
    public double mapAt(int t) {
        double s = 0;
        int n = 0;
        for (int c = 0; c < numClasses(); c++) {
            if (hasObjects(c)) {
                s += ap[t][c];
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Precision–recall curve of class {@code c} (for COCO: at IoU 0.5). */
    public PrecisionRecallCurve curve(int c) {
        return curves.get(c);
    }

    /** All curves, indexed by class. */
    public List<PrecisionRecallCurve> curves() {
        return curves;
    }

    /** One row per class: class, objects, detections, AP (NaN for a class without objects). */
    public Table table() {
        int n = numClasses();
        String[] names = new String[n];
        int[] objects = new int[n], detections = new int[n];
        for (int c = 0; c < n; c++) {
            names[c] = className(c);
            objects[c] = objects(c);
            detections[c] = curve(c).size();
        }
        return SignificantDigits.apply(Table.create(method, StringColumn.create("class", names), IntColumn.create("objects", objects),
                IntColumn.create("detections", detections), DoubleColumn.create("AP", perClassAp())));
    }

    @Override
    public String toHtml() {
        StringBuilder sb = new StringBuilder();
        sb.append("<table style=\"border-collapse:collapse;font-family:sans-serif;font-size:13px\">");
        sb.append("<caption style=\"text-align:left;padding:4px 0\">").append(Html.escape(method)).append("</caption>");
        sb.append("<tr>").append(th("class")).append(th("objects")).append(th("detections")).append(th("AP"))
                .append("</tr>");
        for (int c = 0; c < numClasses(); c++) {
            sb.append("<tr>").append(td(Html.escape(className(c)))).append(td(Integer.toString(objects(c))))
                    .append(td(Integer.toString(curve(c).size())))
                    .append(td(hasObjects(c) ? fmt(ap(c)) : "— (no objects)")).append("</tr>");
        }
        sb.append("<tr style=\"font-weight:bold\">").append(td("mAP")).append(td("")).append(td(""))
                .append(td(fmt(map()))).append("</tr></table>");
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(method).append(": mAP ").append(fmt(map()));
        for (int c = 0; c < numClasses(); c++) {
            sb.append(c == 0 ? " (" : ", ").append(className(c)).append(' ')
                    .append(hasObjects(c) ? fmt(ap(c)) : "n/a");
        }
        return sb.append(')').toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String th(String s) {
        return "<th style=\"border-bottom:1px solid #999;padding:2px 8px;text-align:left\">" + s + "</th>";
    }

    private static String td(String s) {
        return "<td style=\"padding:2px 8px\">" + s + "</td>";
    }
}
