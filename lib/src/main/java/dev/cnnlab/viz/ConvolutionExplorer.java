package dev.cnnlab.viz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cnnlab.display.Html;
import dev.cnnlab.display.HtmlRenderable;
import dev.cnnlab.ops.Corr2d;
import dev.cnnlab.ops.Explanation;
import dev.cnnlab.ops.Grid;
import dev.cnnlab.widgets.Dropdown;
import dev.cnnlab.widgets.IntSlider;
import dev.cnnlab.widgets.Interact;
import dev.cnnlab.widgets.Widgets;

/**
 * Lessons 01/02: pick a kernel, an image, stride, padding and dilation, and see the output map, its size by the
 * formula {@code floor((n + 2p − d·(k − 1) − 1) / s) + 1}, and one output cell as its sum of products.
 *
 * <pre>{@code
 * ConvolutionExplorer.of(X, K).show()                         // controls + output; headless: the default view
 * ConvolutionExplorer.of(X, K).view("X", "K", 2, 1, 1, 0, 0)   // the same view without widgets
 * }</pre>
 *
 * The images are the lesson's {@code X} and an 8x8 picture of a bright square (its edges answer the Sobel
 * kernels); the kernels are the lesson's {@code K} and the presets identity, Sobel x, Sobel y, box blur and
 * sharpen. The computation is {@link Corr2d} (cross-correlation, what deep-learning "convolution" computes).
 */
public final class ConvolutionExplorer {
    /** Name of the lesson's image in {@link #images()}. */
    public static final String LESSON_IMAGE = "X";
    /** Name of the lesson's kernel in {@link #kernels()}. */
    public static final String LESSON_KERNEL = "K";

    private final Map<String, float[][]> images = new LinkedHashMap<>();
    private final Map<String, float[][]> kernels = new LinkedHashMap<>();

    private ConvolutionExplorer(float[][] image, float[][] kernel) {
        images.put(LESSON_IMAGE, checked(image, "image"));
        images.put("8x8 square", square());
        kernels.put(LESSON_KERNEL, checked(kernel, "kernel"));
        kernels.putAll(presets());
    }

    /** An explorer of the lesson's {@code image} and {@code kernel} (named X and K), plus the presets. */
    public static ConvolutionExplorer of(float[][] image, float[][] kernel) {
        return new ConvolutionExplorer(image, kernel);
    }

    /** {@link #of(float[][], float[][])} for int literals. */
    public static ConvolutionExplorer of(int[][] image, int[][] kernel) {
        return new ConvolutionExplorer(toFloat(image, "image"), toFloat(kernel, "kernel"));
    }

    /** The preset kernels: identity, Sobel x (vertical edges), Sobel y (horizontal edges), box blur, sharpen. */
    public static Map<String, float[][]> presets() {
        Map<String, float[][]> p = new LinkedHashMap<>();
        p.put("identity", new float[][] {{0, 0, 0}, {0, 1, 0}, {0, 0, 0}});
        p.put("Sobel x", new float[][] {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}});
        p.put("Sobel y", new float[][] {{-1, -2, -1}, {0, 0, 0}, {1, 2, 1}});
        float ninth = 1f / 9;
        p.put("box blur", new float[][] {{ninth, ninth, ninth}, {ninth, ninth, ninth}, {ninth, ninth, ninth}});
        p.put("sharpen", new float[][] {{0, -1, 0}, {-1, 5, -1}, {0, -1, 0}});
        return p;
    }

    /** Names of the images to choose from, the lesson's first. */
    public List<String> images() {
        return List.copyOf(images.keySet());
    }

    /** Names of the kernels to choose from, the lesson's first. */
    public List<String> kernels() {
        return List.copyOf(kernels.keySet());
    }

    /**
     * The view for these settings: output map, its size by the formula, and output cell {@code (row, col)} (moved
     * to the last row or column when the output is smaller) spelled out.
     *
     * @throws IllegalArgumentException for an unknown image or kernel name, a stride or dilation below 1, a
     *                                  negative padding, or a (dilated) kernel that does not fit the padded image
     */
    public View view(String image, String kernel, int stride, int padding, int dilation, int row, int col) {
        float[][] x = pick(images, image, "image");
        float[][] k = pick(kernels, kernel, "kernel");
        Corr2d c = Corr2d.of(x, k).padding(padding).stride(stride).dilation(dilation);
        Grid out = c.compute();
        int i = Math.max(0, Math.min(row, out.rows() - 1));
        int j = Math.max(0, Math.min(col, out.cols() - 1));
        String formula = axis("rows", x.length, k.length, padding, stride, dilation, out.rows()) + "; "
                + axis("columns", x[0].length, k[0].length, padding, stride, dilation, out.cols());
        return new View(image, kernel, out, formula, i, j, c.explainCell(i, j));
    }

    /** The default view: the lesson's X and K, stride 1, no padding, dilation 1, cell [0][0]. */
    public View view() {
        return view(LESSON_IMAGE, LESSON_KERNEL, 1, 0, 1, 0, 0);
    }

    /**
     * The controls (image, kernel, stride 1–3, padding 0–2, dilation 1–3, the output cell to spell out) above an
     * output showing {@link #view(String, String, int, int, int, int, int)}; it starts at {@link #view()}, which is
     * also what a notebook run without a front end shows. A setting whose kernel does not fit shows why instead.
     */
    public Interact widget() {
        var image = new Dropdown<>("image", images());
        var kernel = new Dropdown<>("kernel", kernels());
        var stride = new IntSlider("stride", 1, 1, 3);
        var padding = new IntSlider("padding", 0, 0, 2);
        var dilation = new IntSlider("dilation", 1, 1, 3);
        var row = new IntSlider("cell row", 0, 0, 9);
        var col = new IntSlider("cell col", 0, 0, 9);
        return Widgets.interact(() -> view(image.value(), kernel.value(), stride.value(), padding.value(),
                dilation.value(), row.value(), col.value()), image, kernel, stride, padding, dilation, row, col);
    }

    /**
     * What the explorer shows for one setting.
     *
     * @param image   the image's name
     * @param kernel  the kernel's name
     * @param output  the output map
     * @param formula the output size worked out per axis
     * @param row     the output row spelled out
     * @param col     the output column spelled out
     * @param cell    that cell's sum of products
     */
    public record View(String image, String kernel, Grid output, String formula, int row, int col, Explanation cell)
            implements HtmlRenderable {
        @Override
        public String toHtml() {
            return "<div style=\"font-family:sans-serif\"><div><b>" + Html.escape(kernel) + "</b> on <b>"
                    + Html.escape(image) + "</b>: output " + output.shape() + "</div><div style=\"font-family:monospace;"
                    + "color:#444\">" + Html.escape(formula) + "</div>" + output.toHtml() + cell.toHtml() + "</div>";
        }

        @Override
        public String toString() {
            return kernel + " on " + image + ": output " + output.shape() + "\n" + formula + "\n" + output + "\n" + cell;
        }
    }

    private static String axis(String what, int n, int k, int p, int s, int d, int out) {
        return what + " floor((" + n + " + 2·" + p + " − " + d + "·(" + k + " − 1) − 1) / " + s + ") + 1 = " + out;
    }

    private static float[][] pick(Map<String, float[][]> from, String name, String what) {
        float[][] v = from.get(name);
        if (v == null) throw new IllegalArgumentException("no " + what + " named '" + name + "': choose one of " + from.keySet());
        return v;
    }

    /** An 8x8 dark picture with a bright 4x4 square in the middle: its edges answer the Sobel kernels. */
    private static float[][] square() {
        float[][] s = new float[8][8];
        for (int i = 2; i < 6; i++) for (int j = 2; j < 6; j++) s[i][j] = 1;
        return s;
    }

    private static float[][] checked(float[][] m, String what) {
        if (m == null || m.length == 0 || m[0] == null || m[0].length == 0) {
            throw new IllegalArgumentException("the " + what + " is empty: give at least a 1x1 matrix");
        }
        for (float[] r : m) {
            if (r == null || r.length != m[0].length) {
                throw new IllegalArgumentException("the " + what + " is ragged: every row needs " + m[0].length + " values");
            }
        }
        return m;
    }

    private static float[][] toFloat(int[][] m, String what) {
        if (m == null || m.length == 0) throw new IllegalArgumentException("the " + what + " is empty: give at least a 1x1 matrix");
        float[][] f = new float[m.length][];
        for (int i = 0; i < m.length; i++) {
            if (m[i] == null) throw new IllegalArgumentException("row " + i + " of the " + what + " is null");
            f[i] = new float[m[i].length];
            for (int j = 0; j < m[i].length; j++) f[i][j] = m[i][j];
        }
        return checked(f, what);
    }
}
