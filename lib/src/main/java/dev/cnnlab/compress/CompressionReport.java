package dev.cnnlab.compress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import dev.cnnlab.data.ImageData;
import dev.cnnlab.display.Html;
import dev.cnnlab.nn.Net;
import dev.cnnlab.display.Display;
import dev.cnnlab.display.HtmlRenderable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import dev.cnnlab.display.SignificantDigits;

/**
 * Every compressed model side by side with the baseline, all measured in the same run on the same test set:
 * parameters, non-zero parameters, file size, multiply-accumulates, CPU latency, accuracy and its change.
 *
 * <pre>{@code
 * CompressionReport r = CompressionReport.on(test)
 *         .baseline("Conv32-Conv64-Dense128, 5 epochs", net)
 *         .add("magnitude pruning", "90 % global, gradual", pruned)      // sparse file
 *         .add("filter pruning", "50 % of filters, 2 epochs", small)
 *         .add("int8", "per-channel, 10 calibration batches", quantized);
 * r.show();                 // the table and a Pareto chart (file size vs accuracy)
 * }</pre>
 *
 * Each model is measured when it is added, so it may be closed afterwards. File size is what the model's own
 * format writes: the dense float32 file for a {@link Net} (a pruned model added as a plain net is stored dense,
 * so its file is not smaller: see the non-zeros column), the sparse file for a {@link PrunedNet} (bitmap plus
 * nonzero values: it shrinks with the sparsity), the int8 file for a {@link QuantizedNet}. Latency is the median over
 * several runs of the forward pass on one batch, divided by its size; the int8 model is simulated on the float
 * engine, so its latency says nothing about real int8 kernels.
 */
public final class CompressionReport implements HtmlRenderable {
    /**
     * One measured model.
     *
     * @param method             what was done ("baseline", "int8", ...)
     * @param settings           how (sparsity, epochs, ...)
     * @param params             number of parameters
     * @param nonZeros           parameters that are not zero
     * @param fileBytes          size of the model's file in its own format
     * @param macs               multiply-accumulates per image
     * @param msPerImage         median CPU time per image of a batched forward pass
     * @param baselineMsPerImage the baseline's time, measured in the same interleaved runs
     * @param accuracy           fraction of the test set classified correctly
     */
    public record Row(String method, String settings, long params, long nonZeros, long fileBytes, long macs,
                      double msPerImage, double baselineMsPerImage, double accuracy) {
        /** Baseline latency over this model's, both timed in the same interleaved runs. */
        public double speedUp() {
            return baselineMsPerImage / msPerImage;
        }
    }

    private final ImageData test;
    private final List<Row> rows = new ArrayList<>();
    private Net baseline;
    private int latencyBatch = 256;
    private int repeats = 7;

    private CompressionReport(ImageData test) {
        if (test == null || test.size() == 0) throw new CompressionException("the report needs a non-empty test set");
        this.test = test;
    }

    /** A report measuring accuracy and latency on {@code test}. */
    public static CompressionReport on(ImageData test) {
        return new CompressionReport(test);
    }

    /** Images per timed batch (default 256) and timed runs (default 7, after 2 warm-up runs). */
    public CompressionReport latency(int batch, int repeats) {
        if (batch < 1 || repeats < 1) throw new CompressionException("latency batch and repeats must be positive");
        this.latencyBatch = batch;
        this.repeats = repeats;
        return this;
    }

    /**
     * Measures the uncompressed model: the first row, the reference for Δ accuracy. Keep it open until the last
     * {@code add}: every model's latency is timed in turn with the baseline's, so the speed-up is a same-moment ratio.
     */
    public CompressionReport baseline(String settings, Net net) {
        if (baseline != null) throw new CompressionException("the report already has a baseline");
        baseline = Objects.requireNonNull(net, "net");
        double ms = Measure.latencyMs(net.manager(), net.inputShape(), test, latencyBatch, repeats, x -> net.forward(x, false))[0];
        rows.add(new Row("baseline", settings, net.parameterCount(), Measure.nonZeros(net), Measure.savedBytes(net),
                Measure.macs(net), ms, ms, Measure.accuracy(net, test)));
        return this;
    }

    /** Measures a float model (pruned, distilled, ...). */
    public CompressionReport add(String method, String settings, Net net) {
        Objects.requireNonNull(net, "net");
        double[] ms = timeWithBaseline(net.manager(), x -> net.forward(x, false));
        rows.add(new Row(method, settings, net.parameterCount(), Measure.nonZeros(net), Measure.savedBytes(net),
                Measure.macs(net), ms[1], ms[0], Measure.accuracy(net, test)));
        return this;
    }

    /** Measures a pruned model with the size of its sparse file ({@link PrunedNet#save}). */
    public CompressionReport add(String method, String settings, PrunedNet pruned) {
        Objects.requireNonNull(pruned, "pruned net");
        Net net = pruned.net();
        double[] ms = timeWithBaseline(net.manager(), x -> net.forward(x, false));
        rows.add(new Row(method, settings, net.parameterCount(), Measure.nonZeros(net), pruned.fileBytes(),
                Measure.macs(net), ms[1], ms[0], Measure.accuracy(net, test)));
        return this;
    }

    /** Measures an int8 model (file size of its int8 file, simulated int8 accuracy). */
    public CompressionReport add(String method, String settings, QuantizedNet q) {
        Objects.requireNonNull(q, "quantized net");
        Net net = q.net();
        double[] ms = timeWithBaseline(net.manager(), q::forward);
        rows.add(new Row(method, settings, q.parameterCount(), Measure.nonZeros(net), q.fileBytes(), Measure.macs(net),
                ms[1], ms[0], Measure.accuracy(q, test)));
        return this;
    }

    private double[] timeWithBaseline(ai.djl.ndarray.NDManager manager, java.util.function.Function<ai.djl.ndarray.NDArray,
            ai.djl.ndarray.NDArray> forward) {
        if (baseline == null) throw new CompressionException("add the baseline first: report.baseline(settings, net)");
        Net b = baseline;
        return Measure.latencyMs(manager, b.inputShape(), test, latencyBatch, repeats, x -> b.forward(x, false), forward);
    }

    /** The measured rows, baseline first. */
    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The row of {@code method} (the first if several). */
    public Row row(String method) {
        return rows.stream().filter(r -> r.method().equals(method)).findFirst()
                .orElseThrow(() -> new CompressionException("no row '" + method + "'; rows: "
                        + rows.stream().map(Row::method).toList()));
    }

    /**
     * Columns {@code method, settings, params, non-zeros, file bytes, MACs, ms/image, accuracy %, Δ accuracy pt},
     * plus the ratios to the baseline {@code size x} (how many times smaller the file is) and {@code speed-up x}
     * (baseline latency over this model's, timed in the same interleaved runs).
     */
    public Table table() {
        Table t = Table.create("compression report (" + test.size() + " test images, latency: batches of "
                        + latencyBatch + ", median of " + repeats + ")",
                StringColumn.create("method"), StringColumn.create("settings"), LongColumn.create("params"),
                LongColumn.create("non-zeros"), LongColumn.create("file bytes"), LongColumn.create("MACs"),
                DoubleColumn.create("ms/image"), DoubleColumn.create("accuracy %"), DoubleColumn.create("Δ accuracy pt"),
                DoubleColumn.create("size x"), DoubleColumn.create("speed-up x"));
        Row base = rows.isEmpty() ? null : rows.get(0);
        for (Row r : rows) {
            t.stringColumn("method").append(r.method());
            t.stringColumn("settings").append(r.settings());
            t.longColumn("params").append(r.params());
            t.longColumn("non-zeros").append(r.nonZeros());
            t.longColumn("file bytes").append(r.fileBytes());
            t.longColumn("MACs").append(r.macs());
            t.doubleColumn("ms/image").append(round(r.msPerImage(), 4));
            t.doubleColumn("accuracy %").append(round(100 * r.accuracy(), 2));
            t.doubleColumn("Δ accuracy pt").append(round(100 * (r.accuracy() - base.accuracy()), 2));
            t.doubleColumn("size x").append(round(base.fileBytes() / (double) r.fileBytes(), 2));
            t.doubleColumn("speed-up x").append(round(r.speedUp(), 2));
        }
        return SignificantDigits.apply(t);
    }

    /** Pareto chart: file size (KB) against accuracy; the line joins the models no other beats on both. */
    public XYChart chart() {
        return pareto("file size (KB)", rows.stream().mapToDouble(r -> r.fileBytes() / 1024.0).toArray());
    }

    /**
     * Pareto chart: CPU latency relative to the baseline (1 = as fast, 0.5 = twice as fast) against accuracy. The
     * ratio of same-moment timings is plotted, not raw milliseconds, which drift with the load on a shared CPU.
     */
    public XYChart latencyChart() {
        return pareto("CPU latency relative to the baseline", rows.stream().mapToDouble(r -> 1 / r.speedUp()).toArray());
    }

    private XYChart pareto(String xTitle, double[] x) {
        XYChart c = new XYChartBuilder().width(640).height(400).title("Compression: " + xTitle + " vs accuracy")
                .xAxisTitle(xTitle).yAxisTitle("test accuracy (%)").build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(10);
        for (int i = 0; i < rows.size(); i++) {
            c.addSeries(rows.get(i).method() + (contains(c, rows.get(i).method()) ? " (" + i + ")" : ""),
                    new double[] {x[i]}, new double[] {100 * rows.get(i).accuracy()});
        }
        List<Integer> front = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            boolean dominated = false;
            for (int j = 0; j < rows.size(); j++) {
                dominated |= j != i && x[j] <= x[i] && rows.get(j).accuracy() >= rows.get(i).accuracy()
                        && (x[j] < x[i] || rows.get(j).accuracy() > rows.get(i).accuracy());
            }
            if (!dominated) front.add(i);
        }
        front.sort(Comparator.comparingDouble(i -> x[i]));
        if (front.size() > 1) {
            XYSeries s = c.addSeries("Pareto front", front.stream().mapToDouble(i -> x[i]).toArray(),
                    front.stream().mapToDouble(i -> 100 * rows.get(i).accuracy()).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
        }
        return c;
    }

    private static boolean contains(XYChart c, String name) {
        return c.getSeriesMap().containsKey(name);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** Shows the table and the Pareto chart (in a notebook as HTML). */
    public void show() {
        Display.show(this);
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
