package dev.cnnlab.compress;

import java.io.IOException;
import java.util.Base64;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** HTML for the package's tables and charts (self-contained: inline styles, charts as PNG data URIs). */
final class Tables {
    private Tables() {}

    static String html(Table t) {
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

    static String chartHtml(Chart<?, ?> chart) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return "<img src='data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "'/>";
        } catch (IOException e) {
            return "<p>(chart could not be drawn: " + escape(e.getMessage()) + ")</p>";
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
