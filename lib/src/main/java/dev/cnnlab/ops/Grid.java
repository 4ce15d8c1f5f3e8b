package dev.cnnlab.ops;

import dev.cnnlab.display.HtmlRenderable;
import java.util.Arrays;

/**
 * An immutable 2-D matrix of floats (one feature map, one kernel) that prints nicely: aligned columns as
 * text, a table in the notebook. Results of {@link Corr2d}, {@link Conv2d} and {@link Pool} are grids; use
 * {@link #toArray()} to get the numbers back as {@code float[][]}.
 */
public final class Grid implements HtmlRenderable {
    /** Rows and columns shown before eliding the rest with "…", so a 28x28 map stays readable. */
    static final int SHOW = 12;

    private final float[][] v;

    private Grid(float[][] v) {
        this.v = v;
    }

    /** A grid holding a copy of {@code values} (rectangular, non-empty). */
    public static Grid of(float[][] values) {
        return new Grid(Inputs.copy(Inputs.matrix(values, "values")));
    }

    /** A grid from doubles, handy for literals such as {@code {{0.5, 1.2}, {1.0, 0.8}}}. */
    public static Grid of(double[][] values) {
        return new Grid(Inputs.matrix(Inputs.toFloat(values), "values"));
    }

    /** A grid from ints, handy for literals such as {@code {{1, 2, 3}, {4, 5, 6}}}. */
    public static Grid of(int[][] values) {
        return new Grid(Inputs.matrix(Inputs.toFloat(values), "values"));
    }

    /** Wraps an array the caller hands over (no copy). */
    static Grid wrap(float[][] values) {
        return new Grid(values);
    }

    /** Number of rows. */
    public int rows() {
        return v.length;
    }

    /** Number of columns. */
    public int cols() {
        return v[0].length;
    }

    /** The value at row {@code r}, column {@code c} (0-based). */
    public float get(int r, int c) {
        return v[r][c];
    }

    /** A copy of the values as {@code float[rows][cols]}. */
    public float[][] toArray() {
        return Inputs.copy(v);
    }

    /** "3x3". */
    public String shape() {
        return rows() + "x" + cols();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Grid g && Arrays.deepEquals(v, g.v);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(v);
    }

    /** Rows in brackets with aligned columns, e.g. {@code [[ 6,  9,  8], [13, 20, 17], [12, 21, 14]]} over lines. */
    @Override
    public String toString() {
        return text(v);
    }

    /** An HTML table of the values. */
    @Override
    public String toHtml() {
        return GridHtml.table(v, null, null);
    }

    /** Aligned text for any matrix, eliding beyond {@link #SHOW} rows/columns. */
    static String text(float[][] m) {
        int rows = Math.min(m.length, SHOW);
        int cols = Math.min(m[0].length, SHOW);
        String[][] s = new String[rows][cols];
        int width = 1;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                s[r][c] = Num.fmt(m[r][c]);
                width = Math.max(width, s[r][c].length());
            }
        }
        StringBuilder b = new StringBuilder("[");
        for (int r = 0; r < rows; r++) {
            b.append(r == 0 ? "[" : " [");
            for (int c = 0; c < cols; c++) {
                b.append(c == 0 ? "" : ", ").append(" ".repeat(width - s[r][c].length())).append(s[r][c]);
            }
            b.append(m[0].length > cols ? ", …" : "").append(']');
            b.append(r < rows - 1 ? ",\n" : "");
        }
        if (m.length > rows) {
            b.append(",\n …");
        }
        b.append(']');
        if (m.length > rows || m[0].length > cols) {
            b.append("  (").append(m.length).append('x').append(m[0].length).append(", first ")
                    .append(rows).append('x').append(cols).append(" shown)");
        }
        return b.toString();
    }
}
