package dev.cnnlab.ops;

/**
 * Where a kernel (or pooling window) sits for each output cell: the geometry shared by correlation,
 * convolution and pooling. Output cell (i, j) with kernel tap (u, v) reads input row
 * {@code i·s − padTop + u·d} and column {@code j·s − padLeft + v·d}; positions outside the input are padding.
 */
record Window(int inH, int inW, int kH, int kW, int stride, int dilation,
              int padTop, int padLeft, int padBottom, int padRight, int outH, int outW) {

    static Window of(int inH, int inW, int kH, int kW, Padding padding, int stride, int dilation) {
        Inputs.positive(stride, "stride");
        Inputs.positive(dilation, "dilation");
        if (padding == null) {
            throw new IllegalArgumentException("padding is null: use Padding.VALID, Padding.SAME or a number");
        }
        int top = padding.before(inH, kH, stride, dilation);
        int bottom = padding.after(inH, kH, stride, dilation);
        int left = padding.before(inW, kW, stride, dilation);
        int right = padding.after(inW, kW, stride, dilation);
        int spanH = dilation * (kH - 1) + 1;
        int spanW = dilation * (kW - 1) + 1;
        if (spanH > inH + top + bottom || spanW > inW + left + right) {
            String pad = top == bottom && left == right && top == left ? Integer.toString(top)
                    : top + "/" + bottom + " rows, " + left + "/" + right + " columns";
            throw new IllegalArgumentException("kernel " + kH + "x" + kW
                    + (dilation > 1 ? " with dilation " + dilation + " (spans " + spanH + "x" + spanW + ")" : "")
                    + " does not fit input " + inH + "x" + inW + " with padding " + pad);
        }
        int outH = OutputShape.axis(inH, kH, top, bottom, stride, dilation);
        int outW = OutputShape.axis(inW, kW, left, right, stride, dilation);
        return new Window(inH, inW, kH, kW, stride, dilation, top, left, bottom, right, outH, outW);
    }

    /** Input row read by output row {@code i}, kernel row {@code u}. */
    int row(int i, int u) {
        return i * stride - padTop + u * dilation;
    }

    /** Input column read by output column {@code j}, kernel column {@code v}. */
    int col(int j, int v) {
        return j * stride - padLeft + v * dilation;
    }

    /** True when (r, c) is a real input cell, false when it is padding. */
    boolean inside(int r, int c) {
        return r >= 0 && r < inH && c >= 0 && c < inW;
    }

    boolean padded() {
        return padTop + padLeft + padBottom + padRight > 0;
    }

    /** "padding 1, stride 2, dilation 1 → 3x3 output" style summary. */
    String describe() {
        String pad = padTop == padBottom && padLeft == padRight && padTop == padLeft ? Integer.toString(padTop)
                : "top " + padTop + ", bottom " + padBottom + ", left " + padLeft + ", right " + padRight;
        return "padding " + pad + ", stride " + stride + (dilation > 1 ? ", dilation " + dilation : "")
                + " → " + outH + "x" + outW + " output";
    }

    /** Largest padded input drawn whole in an explanation; beyond it only the window's cells are drawn. */
    static final int DRAW_LIMIT = 144;

    /**
     * A picture of output cell (i, j)'s window: the whole padded input with the window marked when small,
     * otherwise just the cells under the kernel taps (padding greyed in both).
     */
    Explanation.Panel panel(String caption, float[][] x, int i, int j) {
        int h = inH + padTop + padBottom;
        int w = inW + padLeft + padRight;
        if (h * w <= DRAW_LIMIT) {
            float[][] v = new float[h][w];
            String[][] mark = new String[h][w];
            boolean[][] pad = new boolean[h][w];
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    boolean in = inside(r - padTop, c - padLeft);
                    v[r][c] = in ? x[r - padTop][c - padLeft] : 0f;
                    pad[r][c] = !in;
                }
            }
            for (int u = 0; u < kH; u++) {
                for (int t = 0; t < kW; t++) {
                    mark[row(i, u) + padTop][col(j, t) + padLeft] = GridHtml.WINDOW;
                }
            }
            return new Explanation.Panel(caption + (padded() ? " (padded)" : ""), v, mark, pad);
        }
        float[][] v = new float[kH][kW];
        String[][] mark = new String[kH][kW];
        boolean[][] pad = new boolean[kH][kW];
        for (int u = 0; u < kH; u++) {
            for (int t = 0; t < kW; t++) {
                int r = row(i, u);
                int c = col(j, t);
                pad[u][t] = !inside(r, c);
                v[u][t] = pad[u][t] ? 0f : x[r][c];
                mark[u][t] = GridHtml.WINDOW;
            }
        }
        return new Explanation.Panel(caption + " rows " + row(i, 0) + ".." + row(i, kH - 1) + ", cols "
                + col(j, 0) + ".." + col(j, kW - 1) + (dilation > 1 ? " (taps " + dilation + " apart)" : ""),
                v, mark, pad);
    }

    /** A picture of the output with cell (i, j) marked; for a large output only that cell. */
    static Explanation.Panel result(String caption, float[][] out, int i, int j) {
        if (out.length * out[0].length > DRAW_LIMIT) {
            return new Explanation.Panel(caption + "[" + i + "][" + j + "]", new float[][] {{out[i][j]}},
                    new String[][] {{GridHtml.RESULT}}, null);
        }
        String[][] mark = new String[out.length][out[0].length];
        mark[i][j] = GridHtml.RESULT;
        return new Explanation.Panel(caption, out, mark, null);
    }
}
