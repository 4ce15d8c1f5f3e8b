package dev.cnnlab.viz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cnnlab.display.Html;
import dev.cnnlab.display.HtmlRenderable;
import dev.cnnlab.ops.Grid;
import dev.cnnlab.ops.Pool;
import dev.cnnlab.widgets.IntSlider;
import dev.cnnlab.widgets.Interact;
import dev.cnnlab.widgets.ToggleButtons;
import dev.cnnlab.widgets.Widgets;

/**
 * Lesson 03: max or average pooling of a small input with a chosen window, stride and padding; shows the output
 * and, for every output cell, the input cells it came from (for max the winning cell, the first maximum in
 * row-major order as in the backward pass; for average every real cell of the window).
 *
 * <pre>{@code
 * PoolingExplorer.of(X).show()                      // controls + output; headless: the default view
 * PoolingExplorer.of(X).view(true, 2, 2, 0).from(1, 0)   // [[2, 0]]: out[1][0] is x[2][0] = 7
 * }</pre>
 *
 * The numbers come from {@link Pool}; padding follows its rules (at most half the window, never a max winner).
 */
public final class PoolingExplorer {
    private final float[][] x;

    private PoolingExplorer(float[][] x) {
        this.x = x;
    }

    /** An explorer of {@code input} (the lesson's {@code X}). */
    public static PoolingExplorer of(int[][] input) {
        return new PoolingExplorer(Grid.of(input).toArray());
    }

    /** An explorer of {@code input}. */
    public static PoolingExplorer of(float[][] input) {
        return new PoolingExplorer(Grid.of(input).toArray());
    }

    /**
     * The view for these settings.
     *
     * @param max     true for max pooling, false for average (padded zeros count, as in {@link Pool})
     * @param size    window side
     * @param stride  step between windows
     * @param padding cells of padding per side, at most {@code size / 2}
     * @throws IllegalArgumentException for a bad size, stride or padding (the message says which)
     */
    public View view(boolean max, int size, int stride, int padding) {
        Pool pool = (max ? Pool.max(x) : Pool.avg(x)).size(size).stride(stride).padding(padding);
        Grid out = pool.compute();
        int[][][][] from = new int[out.rows()][out.cols()][][];
        for (int i = 0; i < out.rows(); i++) {
            for (int j = 0; j < out.cols(); j++) {
                List<int[]> cells = new ArrayList<>();
                int[] best = null;
                for (int u = 0; u < size; u++) {
                    for (int v = 0; v < size; v++) {
                        int r = i * stride - padding + u, c = j * stride - padding + v;
                        if (r < 0 || c < 0 || r >= x.length || c >= x[0].length) continue; // padding
                        cells.add(new int[] {r, c});
                        if (best == null || x[r][c] > x[best[0]][best[1]]) best = new int[] {r, c}; // first max wins
                    }
                }
                from[i][j] = max ? new int[][] {best} : cells.toArray(new int[0][]);
            }
        }
        return new View(max, size, stride, padding, x, out, from);
    }

    /** The default view: 2x2 max pooling, stride 2, no padding. */
    public View view() {
        return view(true, 2, 2, 0);
    }

    /**
     * The controls (max or average, window 1–3, stride 1–3, padding 0–1) above an output showing
     * {@link #view(boolean, int, int, int)}; it starts at {@link #view()}, also what a run without a front end shows.
     */
    public Interact widget() {
        Map<String, Boolean> kinds = new LinkedHashMap<>();
        kinds.put("max", true);
        kinds.put("average", false);
        var kind = ToggleButtons.labeled("pooling", kinds);
        var size = new IntSlider("window", 2, 1, 3);
        var stride = new IntSlider("stride", 2, 1, 3);
        var padding = new IntSlider("padding", 0, 0, 1);
        return Widgets.interact(() -> view(kind.value(), size.value(), stride.value(), padding.value()),
                kind, size, stride, padding);
    }

    /** What the explorer shows for one setting: the output and where each output cell came from. */
    public static final class View implements HtmlRenderable {
        private static final String[] COLOURS = {"#ffd54f", "#81d4fa", "#a5d6a7", "#f48fb1", "#ce93d8", "#ffab91",
            "#80cbc4", "#e6ee9c"};
        private final boolean max;
        private final int size;
        private final int stride;
        private final int padding;
        private final float[][] x;
        private final Grid output;
        private final int[][][][] from;

        View(boolean max, int size, int stride, int padding, float[][] x, Grid output, int[][][][] from) {
            this.max = max;
            this.size = size;
            this.stride = stride;
            this.padding = padding;
            this.x = x;
            this.output = output;
            this.from = from;
        }

        /** The pooled map. */
        public Grid output() {
            return output;
        }

        /**
         * The input cells {@code {row, col}} output cell {@code (i, j)} came from: one for max, the window's real
         * cells for average.
         *
         * @throws IllegalArgumentException if {@code (i, j)} is outside the output
         */
        public int[][] from(int i, int j) {
            if (i < 0 || j < 0 || i >= output.rows() || j >= output.cols()) {
                throw new IllegalArgumentException("cell [" + i + "][" + j + "] is outside the " + output.shape() + " output");
            }
            int[][] copy = new int[from[i][j].length][];
            for (int q = 0; q < copy.length; q++) copy[q] = from[i][j][q].clone();
            return copy;
        }

        private String title() {
            return (max ? "max" : "average") + " pooling, " + size + "x" + size + " window, stride " + stride
                    + ", padding " + padding + " → output " + output.shape();
        }

        @Override
        public String toHtml() {
            int h = x.length, w = x[0].length;
            String[] colour = new String[h * w];
            List<String>[] feeds = labels(h, w);
            for (int i = 0; i < output.rows(); i++) {
                for (int j = 0; j < output.cols(); j++) {
                    for (int[] rc : from[i][j]) {
                        if (max) colour[rc[0] * w + rc[1]] = COLOURS[(i * output.cols() + j) % COLOURS.length];
                    }
                }
            }
            StringBuilder b = new StringBuilder("<div style=\"font-family:sans-serif\"><div><b>")
                    .append(Html.escape(title())).append("</b></div><div style=\"display:flex;gap:24px;align-items:flex-start\">")
                    .append("<div><div>input").append(max ? " (the winning cell of each window, coloured by its output cell)" : "")
                    .append("</div><table style=\"border-collapse:collapse;font-family:monospace\">");
            for (int r = 0; r < h; r++) {
                b.append("<tr>");
                for (int c = 0; c < w; c++) {
                    String bg = colour[r * w + c] == null ? "" : "background:" + colour[r * w + c] + ";";
                    b.append("<td style=\"border:1px solid #999;padding:3px 8px;text-align:right;").append(bg).append("\">")
                            .append(fmt(x[r][c]));
                    if (max && !feeds[r * w + c].isEmpty()) {
                        b.append("<sub style=\"color:#555\"> → ").append(String.join(", ", feeds[r * w + c])).append("</sub>");
                    }
                    b.append("</td>");
                }
                b.append("</tr>");
            }
            b.append("</table></div><div><div>output</div><table style=\"border-collapse:collapse;font-family:monospace\">");
            for (int i = 0; i < output.rows(); i++) {
                b.append("<tr>");
                for (int j = 0; j < output.cols(); j++) {
                    String bg = max ? "background:" + COLOURS[(i * output.cols() + j) % COLOURS.length] + ";" : "";
                    b.append("<td style=\"border:1px solid #999;padding:3px 8px;text-align:right;").append(bg).append("\">")
                            .append(fmt(output.get(i, j))).append("</td>");
                }
                b.append("</tr>");
            }
            b.append("</table></div></div><div style=\"font-family:monospace;margin-top:6px\">");
            for (String line : lines()) b.append(Html.escape(line)).append("<br>");
            return b.append("</div></div>").toString();
        }

        @SuppressWarnings("unchecked")
        private List<String>[] labels(int h, int w) {
            List<String>[] feeds = new List[h * w];
            for (int q = 0; q < feeds.length; q++) feeds[q] = new ArrayList<>();
            for (int i = 0; i < output.rows(); i++) {
                for (int j = 0; j < output.cols(); j++) {
                    for (int[] rc : from[i][j]) feeds[rc[0] * w + rc[1]].add("[" + i + "][" + j + "]");
                }
            }
            return feeds;
        }

        /** One line per output cell: "out[1][0] = x[2][0] = 7" or "out[0][0] = (1 + 3 + 4 + 6) / 4 = 3.5". */
        public List<String> lines() {
            List<String> l = new ArrayList<>();
            for (int i = 0; i < output.rows(); i++) {
                for (int j = 0; j < output.cols(); j++) {
                    String cell = "out[" + i + "][" + j + "] = ";
                    if (max) {
                        int[] rc = from[i][j][0];
                        l.add(cell + "x[" + rc[0] + "][" + rc[1] + "] = " + fmt(output.get(i, j)));
                    } else {
                        List<String> terms = new ArrayList<>();
                        for (int[] rc : from[i][j]) terms.add(fmt(x[rc[0]][rc[1]]));
                        int zeros = size * size - from[i][j].length;
                        for (int z = 0; z < zeros; z++) terms.add("0");
                        l.add(cell + "(" + String.join(" + ", terms) + ") / " + size * size + " = " + fmt(output.get(i, j)));
                    }
                }
            }
            return l;
        }

        @Override
        public String toString() {
            return title() + "\n" + output + "\n" + String.join("\n", lines());
        }

        private static String fmt(float v) {
            if (v == Math.rint(v) && Math.abs(v) < 1e7) return Long.toString((long) v);
            String s = String.format(java.util.Locale.ROOT, "%.4g", v);
            return s.contains("e") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", ""); // 0.2500 → 0.25
        }
    }
}
