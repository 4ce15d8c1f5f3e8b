package dev.cnnlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of the benchmark table: {@code | benchmark | measure | cnnlab | peer | cnnlab/peer | target | note |}.
 * The ratio is always cnnlab's figure divided by the peer's, measured in the same run; the target says which
 * direction is good and whether it was met.
 *
 * @param benchmark what was measured, with the peer's name ("kernel vs ipykernel")
 * @param measure   the figure ("start to kernel_info_reply")
 * @param value     cnnlab's figure with its unit ("812 ms")
 * @param peer      the peer's figure with its unit, or "" when there is none
 * @param ratio     cnnlab / peer, or null when there is no peer figure
 * @param target    the target ("≤ 1.5x ipykernel"), or ""
 * @param met       whether the target was met; null when there is no target or it could not be judged
 * @param note      anything a reader needs to trust the figure
 */
public record Row(String benchmark, String measure, String value, String peer, Double ratio, String target,
                  Boolean met, String note) {

    /** Column titles, in order. */
    public static final List<String> COLUMNS =
            List.of("benchmark", "measure", "cnnlab", "peer", "cnnlab/peer", "target", "note");

    /** A row without a peer figure and without a target. */
    public static Row plain(String benchmark, String measure, String value, String note) {
        return new Row(benchmark, measure, value, "", null, "", null, note);
    }

    /** A row comparing cnnlab with its peer; the ratio is computed here (NaN inputs give no ratio). */
    public static Row compare(String benchmark, String measure, double cnnlab, double peer, String format, String unit,
                              String note) {
        Double ratio = Double.isFinite(cnnlab) && Double.isFinite(peer) && peer != 0 ? cnnlab / peer : null;
        return new Row(benchmark, measure, figure(format, cnnlab, unit), figure(format, peer, unit), ratio, "", null,
                note);
    }

    /** This row with a target and its verdict. */
    public Row target(String target, Boolean met) {
        return new Row(benchmark, measure, value, peer, ratio, target, met, note);
    }

    /** A figure with its unit, or "-" when it was not measured. */
    public static String figure(String format, double v, String unit) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) + (unit.isEmpty() ? "" : " " + unit) : "-";
    }

    /** "met", "missed" or "" for a verdict. */
    public static String verdict(Boolean met) {
        return met == null ? "" : met ? "met" : "missed";
    }

    /** The Markdown line; "|" inside a cell is escaped so the table stays well-formed. */
    public String markdown() {
        String t = target.isEmpty() ? "" : target + (met == null ? "" : ": **" + verdict(met) + "**");
        String r = ratio == null ? "" : String.format(Locale.ROOT, "%.2fx", ratio);
        return "| " + String.join(" | ", cell(benchmark), cell(measure), cell(value), cell(peer), r, cell(t), cell(note))
                + " |";
    }

    /** Markdown header and separator lines. */
    public static String header() {
        return "| " + String.join(" | ", COLUMNS) + " |\n|" + "---|".repeat(COLUMNS.size());
    }

    /**
     * Reads a line an entry returned: a line from {@link #markdown()}, or a plain 4-cell
     * {@code | benchmark | measure | value | note |} line.
     *
     * @throws IllegalArgumentException when the line is not a table row of 4 or 7 cells
     */
    public static Row parse(String line) {
        List<String> cells = cells(line);
        if (cells.size() == 4) return plain(cells.get(0), cells.get(1), cells.get(2), cells.get(3));
        if (cells.size() != 7) {
            throw new IllegalArgumentException("a benchmark row needs 4 or 7 cells, got " + cells.size() + ": " + line);
        }
        String r = cells.get(4).replace("x", "").trim();
        Double ratio = r.isEmpty() ? null : Double.valueOf(r);
        String t = cells.get(5);
        Boolean met = t.endsWith(": **met**") ? Boolean.TRUE : t.endsWith(": **missed**") ? Boolean.FALSE : null;
        if (met != null) t = t.substring(0, t.lastIndexOf(": **"));
        return new Row(cells.get(0), cells.get(1), cells.get(2), cells.get(3), ratio, t, met, cells.get(6));
    }

    private static List<String> cells(String line) {
        String s = line.trim();
        if (!s.startsWith("|") || !s.endsWith("|") || s.length() < 2) {
            throw new IllegalArgumentException("not a Markdown table row: " + line);
        }
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() - 1 && s.charAt(i + 1) == '|') {
                cur.append('|');
                i++;
            } else if (c == '|') {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().trim());
        return out;
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace('\n', ' ');
    }
}
