package dev.cnnlab.viz;

import java.util.ArrayList;
import java.util.List;

import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import dev.cnnlab.display.Html;
import dev.cnnlab.display.HtmlRenderable;

/**
 * Claimed versus measured: one row per published claim with the figure measured here, a verdict and how to
 * re-run it. Verdicts are one of {@link Verdict}; the HTML view colours them.
 *
 * <pre>{@code
 * var claims = new ClaimTable()
 *     .add("003", "MNIST CNN, 5 epochs: test accuracy 0.98", "0.9815", Verdict.CONFIRMED, "Fit ... run(mnist)");
 * claims   // renders as a table in the notebook
 * }</pre>
 */
public final class ClaimTable implements HtmlRenderable {
    /** What the measurement says about a claim. */
    public enum Verdict {
        /** the measurement agrees */
        CONFIRMED("confirmed", "#e8f5e9"),
        /** the measurement contradicts it */
        WRONG("wrong", "#fdecea"),
        /** the claim contradicts itself or cannot happen as written */
        INCONSISTENT("inconsistent", "#fdecea"),
        /** a run was made, but not under the claim's conditions (e.g. a smaller data set), and it falls short */
        INCONCLUSIVE("inconclusive", "#fff8e1"),
        /** it could not be run here (data or method missing) */
        NOT_RUN("not run here", "#fff8e1"),
        /** there is nothing to measure */
        UNTESTABLE("untestable", "#eeeeee");

        private final String label;
        private final String colour;

        Verdict(String label, String colour) {
            this.label = label;
            this.colour = colour;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private record Row(String where, String claim, String measured, Verdict verdict, String how) {}

    private final List<Row> rows = new ArrayList<>();

    /** Adds a row; returns this table. */
    public ClaimTable add(String where, String claim, String measured, Verdict verdict, String how) {
        rows.add(new Row(where, claim, measured, verdict, how));
        return this;
    }

    /** Number of rows. */
    public int size() {
        return rows.size();
    }

    /** The verdict of row {@code i}. */
    public Verdict verdict(int i) {
        return rows.get(i).verdict();
    }

    /** The rows as a Tablesaw table (columns where, claim, measured, verdict, how). */
    public Table table() {
        return Table.create("claims",
                StringColumn.create("where", rows.stream().map(Row::where)),
                StringColumn.create("claim", rows.stream().map(Row::claim)),
                StringColumn.create("measured", rows.stream().map(Row::measured)),
                StringColumn.create("verdict", rows.stream().map(r -> r.verdict().toString())),
                StringColumn.create("how", rows.stream().map(Row::how)));
    }

    @Override
    public String toString() {
        return table().print();
    }

    @Override
    public String toHtml() {
        StringBuilder sb = new StringBuilder("<table style=\"border-collapse:collapse;font-family:sans-serif;font-size:13px\">"
                + "<tr style=\"background:#f5f5f5\"><th>where</th><th>claim</th><th>measured here</th><th>verdict</th>"
                + "<th>how to re-run</th></tr>");
        for (Row r : rows) {
            sb.append("<tr style=\"border-top:1px solid #ddd\"><td>").append(Html.escape(r.where())).append("</td><td>")
                    .append(Html.escape(r.claim())).append("</td><td>").append(Html.escape(r.measured()))
                    .append("</td><td style=\"background:").append(r.verdict().colour).append("\"><b>")
                    .append(r.verdict()).append("</b></td><td><code>").append(Html.escape(r.how())).append("</code></td></tr>");
        }
        return sb.append("</table>").toString();
    }
}
