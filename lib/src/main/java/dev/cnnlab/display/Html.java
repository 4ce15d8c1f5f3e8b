package dev.cnnlab.display;

import java.io.IOException;
import java.util.Base64;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Self-contained HTML for the library's rich output: escaped text, Tablesaw tables and XChart charts (inline
 * styles, charts as PNG data URIs), so an output renders the same in JupyterLab, a saved notebook and nbconvert.
 */
public final class Html {
    private Html() {}

    /** A Tablesaw table as an HTML table, every row, with its name as the caption. */
    public static String table(Table t) {
        StringBuilder sb = new StringBuilder("<table style='border-collapse:collapse;font-family:monospace'>");
        sb.append("<caption style='text-align:left'>").append(escape(t.name())).append("</caption><tr>");
        for (String c : t.columnNames()) sb.append("<th style='padding:2px 8px;border-bottom:1px solid #999'>").append(escape(c)).append("</th>");
        sb.append("</tr>");
        for (int r = 0; r < t.rowCount(); r++) {
            sb.append("<tr>");
            for (Column<?> c : t.columns()) {
                sb.append("<td style='padding:2px 8px;text-align:right'>").append(escape(c.getString(r))).append("</td>");
            }
            sb.append("</tr>");
        }
        return sb.append("</table>").toString();
    }

    /** An XChart chart as an inline PNG image. */
    public static String chart(Chart<?, ?> chart) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return "<img src='data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "'/>";
        } catch (IOException e) {
            return "<p>(chart could not be drawn: " + escape(e.getMessage()) + ")</p>";
        }
    }

    /** A picture as an inline PNG image. */
    public static String image(java.awt.image.BufferedImage picture) {
        try {
            var bytes = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(picture, "png", bytes);
            return "<img src='data:image/png;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray()) + "'/>";
        } catch (IOException e) {
            return "<p>(picture could not be drawn: " + escape(String.valueOf(e.getMessage())) + ")</p>";
        }
    }

    /** {@code s} with {@code & < > "} escaped, safe in element text and in quoted attribute values. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
