package dev.cnnlab.nn;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The receptive field of each layer: which input pixels one output value can see. Computed from the layers'
 * window sizes, strides and paddings alone, layer by layer from the input (r = size, j = jump, f = first pixel):
 *
 * <pre>
 *   r_out = r_in + (k - 1) · j_in      j_out = j_in · s      f_out = f_in - p · j_in      (r, j, f start at 1, 1, 0)
 * </pre>
 *
 * so output unit u of a layer sees the input rows f + u·j … f + u·j + r - 1 (and the same for columns; rows
 * before 0 or past the image are padding). Activations, dropout and batch normalisation act value by value and
 * change nothing; from {@code flatten} on, every value sees the whole image. Where a kernel is smaller than its
 * stride the field has holes, and r is the size of the box around it.
 *
 * <pre>{@code
 * ReceptiveField.of(net)                                              // one row per layer, as a table
 * ReceptiveField.of(28, Step.conv(3), Step.pool(2), Step.conv(3)).last().size()    // 8
 * rf.reached("conv2d_1", 10, 10);            // which 11x11 outputs see input pixel (10, 10), from the formulas
 * ReceptiveField.changed(net, "conv2d_1", image, 10, 10);   // the same, measured by changing that pixel
 * }</pre>
 */
public final class ReceptiveField {
    /**
     * One layer as the receptive field sees it: a {@code kernel x kernel} window moved by {@code stride} over an
     * input padded with {@code padding} on every side.
     */
    public record Step(String name, int kernel, int stride, int padding) {
        /** @throws ModelException if the kernel or the stride is not positive, or the padding is negative */
        public Step {
            if (kernel <= 0 || stride <= 0 || padding < 0) {
                throw new ModelException("layer " + name + ": kernel and stride must be positive and padding >= 0, got kernel "
                        + kernel + ", stride " + stride + ", padding " + padding);
            }
        }

        /** A {@code kernel x kernel} convolution, stride 1, no padding. */
        public static Step conv(int kernel) {
            return new Step("conv" + kernel, kernel, 1, 0);
        }

        /** A convolution with the given stride and padding. */
        public static Step conv(int kernel, int stride, int padding) {
            return new Step("conv" + kernel + "/s" + stride + "/p" + padding, kernel, stride, padding);
        }

        /** A {@code size x size} pool with stride {@code size}, no padding (like {@code maxPool(size)}). */
        public static Step pool(int size) {
            return new Step("pool" + size, size, size, 0);
        }

        /** A pool with the given window, stride and padding. */
        public static Step pool(int size, int stride, int padding) {
            return new Step("pool" + size + "/s" + stride + "/p" + padding, size, stride, padding);
        }
    }

    /**
     * One layer's receptive field: its window ({@code kernel}, {@code stride}, {@code padding}), then the field of
     * its outputs: {@code size} input pixels across, {@code jump} input pixels between neighbouring outputs, and
     * {@code first}, the input row (and column) where output 0's field starts (negative: it starts in the padding);
     * {@code height x width} is the layer's output.
     */
    public record Row(String layer, int kernel, int stride, int padding, int size, int jump, int first, int height,
                      int width) {
        /** Where output 0's field is centred, in input pixels: {@code first + (size - 1) / 2}. */
        public double centre() {
            return first + (size - 1) / 2.0;
        }

        /** The input rows (or columns) output {@code unit} sees, first and last, padding included: {f + u·j, f + u·j + r - 1}. */
        public int[] span(int unit) {
            int from = first + unit * jump;
            return new int[] {from, from + size - 1};
        }
    }

    /** How far {@link #changed} moves the pixel, up and down. */
    public static final float NUDGE = 100;

    private final List<Row> rows;
    private final int inputHeight;
    private final int inputWidth;

    private ReceptiveField(List<Row> rows, int inputHeight, int inputWidth) {
        this.rows = List.copyOf(rows);
        this.inputHeight = inputHeight;
        this.inputWidth = inputWidth;
    }

    /**
     * The receptive fields of a stack of windows on a square input of side {@code inputSide}.
     *
     * @throws ModelException if there are no steps or a window does not fit its input
     */
    public static ReceptiveField of(int inputSide, Step... steps) {
        if (steps.length == 0) throw new ModelException("no layers given: add e.g. Step.conv(3)");
        if (inputSide <= 0) throw new ModelException("input side must be positive, got " + inputSide);
        List<Row> rows = new ArrayList<>();
        Row prev = new Row("input", 1, 1, 0, 1, 1, 0, inputSide, inputSide);
        for (Step s : steps) {
            int side = outSide(prev.height(), s, prev.layer());
            prev = next(prev, s, side, side);
            rows.add(prev);
        }
        return new ReceptiveField(rows, inputSide, inputSide);
    }

    /**
     * The receptive fields of a model's layers with image outputs (convolutions, pools and the value-by-value
     * layers between them), from the window sizes it was built with.
     *
     * @throws ModelException if the model was not made by {@link Sequential} or has no layer with image output
     */
    public static ReceptiveField of(Net net) {
        List<Sequential.Spec> windows = net.recipe().stream().filter(s -> s.kind() == Sequential.Kind.CONV
                || s.kind() == Sequential.Kind.MAX_POOL || s.kind() == Sequential.Kind.AVG_POOL).toList();
        if (net.recipe().isEmpty()) {
            throw new ModelException("model '" + net.name() + "' was not made by Sequential: its window sizes are unknown");
        }
        int h = (int) net.inputShape().get(1), w = (int) net.inputShape().get(2);
        List<Row> rows = new ArrayList<>();
        Row prev = new Row("input", 1, 1, 0, 1, 1, 0, h, w);
        int k = 0;
        for (Layer l : net.layers()) {
            if (l.outputShape().dimension() != 3) break; // flatten and dense see the whole image
            Step s = switch (l.kind()) {
                case CONV2D, MAX_POOL, AVG_POOL -> {
                    Sequential.Spec spec = windows.get(k++);
                    yield new Step(l.name(), spec.kernel(), spec.stride(), spec.padding());
                }
                default -> new Step(l.name(), 1, 1, 0);
            };
            prev = next(prev, s, (int) l.outputShape().get(1), (int) l.outputShape().get(2));
            rows.add(prev);
        }
        if (rows.isEmpty()) throw new ModelException("model '" + net.name() + "' has no layer with image output");
        return new ReceptiveField(rows, h, w);
    }

    private static Row next(Row in, Step s, int height, int width) {
        return new Row(s.name(), s.kernel(), s.stride(), s.padding(), in.size() + (s.kernel() - 1) * in.jump(),
                in.jump() * s.stride(), in.first() - s.padding() * in.jump(), height, width);
    }

    private static int outSide(int in, Step s, String after) {
        if (in + 2 * s.padding() < s.kernel()) {
            throw new ModelException(s.name() + " after " + after + ": a " + s.kernel() + "x" + s.kernel()
                    + " window does not fit its " + in + "x" + in + " input (padding " + s.padding() + ")");
        }
        return (in + 2 * s.padding() - s.kernel()) / s.stride() + 1;
    }

    /** One row per layer, input first. */
    public List<Row> rows() {
        return rows;
    }

    /** The last layer's row. */
    public Row last() {
        return rows.get(rows.size() - 1);
    }

    /**
     * The row of the layer called {@code layer} ({@code conv2d_1}, ...; for a stack of steps, the step's name).
     *
     * @throws ModelException if there is none (the message lists the layers)
     */
    public Row row(String layer) {
        for (Row r : rows) if (r.layer().equals(layer)) return r;
        throw new ModelException("no layer with image output named '" + layer + "'; they are "
                + rows.stream().map(Row::layer).toList());
    }

    /**
     * Which outputs of {@code layer} see input pixel ({@code y}, {@code x}), from the formulas: output (u, v) does
     * when row y is in its span of rows and column x in its span of columns. Shape: the layer's height x width.
     *
     * @throws ModelException if the pixel is outside the input or there is no such layer
     */
    public boolean[][] reached(String layer, int y, int x) {
        checkPixel(y, x);
        Row r = row(layer);
        boolean[][] out = new boolean[r.height()][r.width()];
        for (int u = 0; u < r.height(); u++) {
            for (int v = 0; v < r.width(); v++) {
                int[] rowsSeen = r.span(u), colsSeen = r.span(v);
                out[u][v] = rowsSeen[0] <= y && y <= rowsSeen[1] && colsSeen[0] <= x && x <= colsSeen[1];
            }
        }
        return out;
    }

    /**
     * The input pixels that output ({@code u}, {@code v}) of {@code layer} sees (padding left out), from the
     * formulas. Shape: the input's height x width.
     *
     * @throws ModelException if the output is outside the layer or there is no such layer
     */
    public boolean[][] window(String layer, int u, int v) {
        Row r = row(layer);
        if (u < 0 || v < 0 || u >= r.height() || v >= r.width()) {
            throw new ModelException("output (" + u + ", " + v + ") is outside " + layer + "'s " + r.height() + "x"
                    + r.width() + " map");
        }
        boolean[][] in = new boolean[inputHeight][inputWidth];
        int[] ys = r.span(u), xs = r.span(v);
        for (int y = Math.max(0, ys[0]); y <= Math.min(inputHeight - 1, ys[1]); y++) {
            for (int x = Math.max(0, xs[0]); x <= Math.min(inputWidth - 1, xs[1]); x++) in[y][x] = true;
        }
        return in;
    }

    /**
     * Which outputs of {@code layer} change when input pixel ({@code y}, {@code x}) of {@code image} changes, found
     * by experiment: the image, a copy with that pixel raised by {@value #NUDGE} and one with it lowered by as much
     * (in every channel; far beyond a pixel's range, so that the change shows through ReLUs and max-pools, which
     * hide small changes) go through the model; an output counts as changed when any of its channels moves by more than
     * 10⁻⁵·(1 + |value|) in either copy. Shape: the layer's height x width.
     *
     * @param image one image, C x H x W values as the model expects
     * @throws ModelException if the image has the wrong size, the pixel is outside it, or the layer does not
     *                        output images
     */
    public static boolean[][] changed(Net net, String layer, float[] image, int y, int x) {
        Shape in = net.inputShape();
        int c = (int) in.get(0), h = (int) in.get(1), w = (int) in.get(2), per = c * h * w;
        if (image.length != per) {
            throw new ModelException("model '" + net.name() + "' expects " + c + "x" + h + "x" + w + " = " + per
                    + " values per image, got " + image.length);
        }
        if (y < 0 || x < 0 || y >= h || x >= w) {
            throw new ModelException("pixel (" + y + ", " + x + ") is outside the " + h + "x" + w + " image");
        }
        Layer l = net.layer(layer);
        if (l.outputShape().dimension() != 3) {
            throw new ModelException("layer '" + layer + "' outputs a vector " + l.shapeText() + ", not images");
        }
        float[] batch = new float[3 * per];
        for (int n = 0; n < 3; n++) System.arraycopy(image, 0, batch, n * per, per);
        for (int ch = 0; ch < c; ch++) {
            batch[per + ch * h * w + y * w + x] += NUDGE;
            batch[2 * per + ch * h * w + y * w + x] -= NUDGE;
        }
        float[] out;
        try (NDManager m = net.manager().newSubManager()) {
            out = net.activations(m.create(batch, new Shape(3, c, h, w)), layer).toFloatArray();
        }
        int k = (int) l.outputShape().get(0), oh = (int) l.outputShape().get(1), ow = (int) l.outputShape().get(2);
        int outPer = k * oh * ow;
        boolean[][] changed = new boolean[oh][ow];
        for (int ch = 0; ch < k; ch++) {
            for (int i = 0; i < oh * ow; i++) {
                int at = ch * oh * ow + i;
                double base = out[at], tol = 1e-5 * (1 + Math.abs(base));
                if (Math.abs(out[outPer + at] - base) > tol || Math.abs(out[2 * outPer + at] - base) > tol) {
                    changed[i / ow][i % ow] = true;
                }
            }
        }
        return changed;
    }

    private void checkPixel(int y, int x) {
        if (y < 0 || x < 0 || y >= inputHeight || x >= inputWidth) {
            throw new ModelException("pixel (" + y + ", " + x + ") is outside the " + inputHeight + "x" + inputWidth
                    + " input");
        }
    }

    /** The rows as a table: layer, kernel, stride, padding, field size, jump, first pixel, centre, output size. */
    public Table table() {
        return Table.create("receptive field",
                StringColumn.create("layer", rows.stream().map(Row::layer).toList()),
                IntColumn.create("kernel", rows.stream().mapToInt(Row::kernel).toArray()),
                IntColumn.create("stride", rows.stream().mapToInt(Row::stride).toArray()),
                IntColumn.create("padding", rows.stream().mapToInt(Row::padding).toArray()),
                IntColumn.create("field size r", rows.stream().mapToInt(Row::size).toArray()),
                IntColumn.create("jump j", rows.stream().mapToInt(Row::jump).toArray()),
                IntColumn.create("first f", rows.stream().mapToInt(Row::first).toArray()),
                DoubleColumn.create("centre of output 0", rows.stream().mapToDouble(Row::centre).toArray()),
                StringColumn.create("output", rows.stream().map(r -> r.height() + "x" + r.width()).toList()));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format("%-22s %6s %6s %7s %5s %5s %6s%n", "layer", "kernel", "stride",
                "padding", "r", "j", "f"));
        for (Row r : rows) {
            sb.append(String.format("%-22s %6d %6d %7d %5d %5d %6d%n", r.layer(), r.kernel(), r.stride(), r.padding(),
                    r.size(), r.jump(), r.first()));
        }
        return sb.toString();
    }
}
