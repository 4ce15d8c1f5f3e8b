package dev.cnnlab.ops;

/** Inline-styled HTML tables for grids and explanation panels (no scripts, no classes, no external CSS). */
final class GridHtml {
    private GridHtml() {}

    static final String TABLE = "border-collapse:collapse;margin:2px 8px 2px 0;display:inline-table;vertical-align:middle";
    private static final String CELL = "border:1px solid #999;padding:1px 6px;text-align:right;"
            + "font-family:monospace;min-width:1.6em";
    static final String WINDOW = "background:#ffd54f";
    static final String RESULT = "background:#81c784;font-weight:bold";
    private static final String PAD = "color:#999;background:#eeeeee";
    private static final String PAD_WINDOW = "color:#8d6e00;background:#ffeaa0";

    /**
     * A table of {@code values}; {@code mark[r][c]} colours a cell ({@link #WINDOW}, {@link #RESULT} or null),
     * {@code pad[r][c]} greys out padding. Either mask may be null. Large matrices are elided after
     * {@link Grid#SHOW} rows/columns.
     */
    static String table(float[][] values, String[][] mark, boolean[][] pad) {
        int rows = Math.min(values.length, Grid.SHOW);
        int cols = Math.min(values[0].length, Grid.SHOW);
        StringBuilder b = new StringBuilder("<table style=\"").append(TABLE).append("\">");
        for (int r = 0; r < rows; r++) {
            b.append("<tr>");
            for (int c = 0; c < cols; c++) {
                boolean isPad = pad != null && pad[r][c];
                String m = mark == null ? null : mark[r][c];
                String style = CELL;
                if (isPad) {
                    style += ";" + (m != null ? PAD_WINDOW : PAD);
                } else if (m != null) {
                    style += ";" + m;
                }
                b.append("<td style=\"").append(style).append("\">").append(Num.fmt(values[r][c])).append("</td>");
            }
            if (values[0].length > cols) {
                b.append("<td style=\"padding:1px 6px\">…</td>");
            }
            b.append("</tr>");
        }
        if (values.length > rows) {
            b.append("<tr><td colspan=\"").append(cols).append("\" style=\"text-align:center\">… ")
                    .append(values.length).append('x').append(values[0].length).append(" in all</td></tr>");
        }
        return b.append("</table>").toString();
    }

    /** A caption above a table, as an inline block so panels sit side by side. */
    static String captioned(String caption, String table) {
        return "<div style=\"display:inline-block;vertical-align:top;margin-right:10px\">"
                + "<div style=\"font-size:85%;color:#555\">" + dev.cnnlab.display.Html.escape(caption) + "</div>" + table + "</div>";
    }
}
