package dev.cnnlab.kernel.agent;

import tech.tablesaw.api.Table;

import dev.cnnlab.display.Html;

/** HTML and text views of a Tablesaw table; big tables show their first and last rows only. */
final class TableHtml {
    static final int FULL_LIMIT = 40;
    static final int EDGE = 10;

    private TableHtml() {}

    static String plain(Table t) {
        if (t.rowCount() <= FULL_LIMIT) return t.printAll();
        return t.first(EDGE).printAll() + "\n...\n" + t.last(EDGE).printAll()
                + "\n[" + t.rowCount() + " rows x " + t.columnCount() + " columns]";
    }

    static String html(Table t) {
        StringBuilder sb = new StringBuilder("<table class=\"dataframe\" border=\"1\">");
        if (t.name() != null && !t.name().isEmpty()) sb.append("<caption>").append(Html.escape(t.name())).append("</caption>");
        sb.append("<thead><tr>");
        for (String c : t.columnNames()) sb.append("<th>").append(Html.escape(c)).append("</th>");
        sb.append("</tr></thead><tbody>");
        int n = t.rowCount();
        boolean cut = n > FULL_LIMIT;
        for (int r = 0; r < n; r++) {
            if (cut && r == EDGE) {
                sb.append("<tr>");
                for (int c = 0; c < t.columnCount(); c++) sb.append("<td>...</td>");
                sb.append("</tr>");
                r = n - EDGE;
            }
            sb.append("<tr>");
            for (int c = 0; c < t.columnCount(); c++) sb.append("<td>").append(Html.escape(t.getString(r, c))).append("</td>");
            sb.append("</tr>");
        }
        sb.append("</tbody></table>");
        if (cut) sb.append("<p>").append(n).append(" rows × ").append(t.columnCount()).append(" columns</p>");
        return sb.toString();
    }
}
