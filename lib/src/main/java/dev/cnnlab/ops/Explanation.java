package dev.cnnlab.ops;

import dev.cnnlab.display.HtmlRenderable;
import java.util.ArrayList;
import java.util.List;

/**
 * A step-by-step account of an operation: the operands, then every output cell as the arithmetic that
 * produced it (a sum of products, a max, an average), with the input window highlighted. Returned by the
 * {@code explain(...)} methods of {@link Corr2d}, {@link Conv2d}, {@link ConvLayer}, {@link Pool},
 * {@link Dense}, {@link Activations} and {@link Flatten}. In a notebook it renders as HTML tables (window in
 * amber, padding in grey, the output cell in green); {@link #toString()} gives the same steps as text.
 * Only the first {@value #MAX_STEPS} output cells are spelled out; a note says how many there are.
 */
public final class Explanation implements HtmlRenderable {
    /** Output cells spelled out at most. */
    public static final int MAX_STEPS = 16;

    /** One operand or picture: a matrix with optional marks (window/result colours) and padding mask. */
    record Panel(String caption, float[][] values, String[][] mark, boolean[][] pad) {
        String html() {
            return GridHtml.captioned(caption, GridHtml.table(values, mark, pad));
        }
    }

    /** One output cell: its name, its arithmetic, and the pictures that show where it came from. */
    record Step(String label, String formula, List<Panel> panels) {}

    private final String title;
    private final List<String> notes = new ArrayList<>();
    private final List<Panel> operands = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private int total;

    Explanation(String title) {
        this.title = title;
    }

    Explanation note(String line) {
        notes.add(line);
        return this;
    }

    Explanation operand(String caption, float[][] values) {
        operands.add(new Panel(caption, values, null, null));
        return this;
    }

    Explanation operand(Panel p) {
        operands.add(p);
        return this;
    }

    /** True while more steps are wanted; every call counts one output cell. */
    boolean wants() {
        total++;
        return steps.size() < MAX_STEPS;
    }

    Explanation step(String label, String formula, List<Panel> panels) {
        steps.add(new Step(label, formula, panels));
        return this;
    }

    /** Number of output cells the operation has. */
    public int cells() {
        return total;
    }

    /** The spelled-out lines, e.g. {@code "out[0][1] = 1·0 + 2·1 + … = 20"}, at most {@value #MAX_STEPS}. */
    public List<String> lines() {
        List<String> l = new ArrayList<>();
        for (Step s : steps) {
            l.add(s.label() + " = " + s.formula());
        }
        return l;
    }

    private String capNote() {
        return total > steps.size() ? "(first " + steps.size() + " of " + total + " output cells shown)" : null;
    }

    /** The title, operands as aligned text, then one line per output cell. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(title).append('\n');
        for (String n : notes) {
            b.append(n).append('\n');
        }
        for (Panel p : operands) {
            b.append(p.caption()).append(":\n").append(Grid.text(p.values())).append('\n');
        }
        for (String line : lines()) {
            b.append(line).append('\n');
        }
        String cap = capNote();
        if (cap != null) {
            b.append(cap).append('\n');
        }
        return b.toString().stripTrailing();
    }

    /** HTML: title, notes, operands side by side, then per output cell its pictures and arithmetic. */
    @Override
    public String toHtml() {
        StringBuilder b = new StringBuilder("<div style=\"font-family:sans-serif;margin-bottom:12px\">");
        b.append("<div style=\"font-weight:bold;margin-bottom:4px\">").append(dev.cnnlab.display.Html.escape(title)).append("</div>");
        for (String n : notes) {
            b.append("<div style=\"color:#444\">").append(dev.cnnlab.display.Html.escape(n)).append("</div>");
        }
        b.append("<div style=\"margin:6px 0\">");
        for (Panel p : operands) {
            b.append(p.html());
        }
        b.append("</div>");
        for (Step s : steps) {
            b.append("<div style=\"border-top:1px solid #ddd;padding:4px 0\">");
            for (Panel p : s.panels()) {
                b.append(p.html());
            }
            b.append("<div style=\"font-family:monospace;margin-top:2px\"><b>").append(dev.cnnlab.display.Html.escape(s.label()))
                    .append("</b> = ").append(dev.cnnlab.display.Html.escape(s.formula())).append("</div></div>");
        }
        String cap = capNote();
        if (cap != null) {
            b.append("<div style=\"color:#555;font-style:italic\">").append(dev.cnnlab.display.Html.escape(cap)).append("</div>");
        }
        return b.append("</div>").toString();
    }
}
