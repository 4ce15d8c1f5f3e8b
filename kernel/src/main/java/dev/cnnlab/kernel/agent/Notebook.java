package dev.cnnlab.kernel.agent;

import java.util.UUID;

import dev.cnnlab.display.Progress;
import dev.cnnlab.display.Display;
import dev.cnnlab.widgets.Widgets;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The notebook API every cell sees (statically imported at start-up): {@code display}, {@code updateDisplay},
 * {@code clearOutput}, {@code render}, {@code markdown}, {@code html}, {@code latex}, {@code svg}, {@code printf}.
 * Names and signatures follow IJava's ({@code io.github.spencerpark.ijava.runtime.Display} and its start-up
 * script) so its notebooks run unchanged. Runs in the agent JVM; output reaches the kernel through
 * {@link OutputFramer}.
 */
public final class Notebook {
    private Notebook() {}

    /** Shows {@code value} now (rich where possible); returns its display id for {@link #updateDisplay}. */
    public static String display(Object value) {
        String id = UUID.randomUUID().toString();
        OutputFramer.send("display", id, AgentRenderer.render(value));
        return id;
    }

    /**
     * Shows {@code value} as the given MIME types (IJava's {@code display(o, as...)}), e.g.
     * {@code display("<b>hi</b>", "text/html")}; returns its display id. See {@link #render(Object, String...)}.
     */
    public static String display(Object value, String... mimeTypes) {
        String id = UUID.randomUUID().toString();
        OutputFramer.send("display", id, RenderAs.render(value, mimeTypes));
        return id;
    }

    /** Replaces the output shown under {@code displayId} with {@code value}. */
    public static void updateDisplay(String displayId, Object value) {
        OutputFramer.send("update", displayId, AgentRenderer.render(value));
    }

    /** Replaces the output shown under {@code displayId} with {@code value} as the given MIME types. */
    public static void updateDisplay(String displayId, Object value, String... mimeTypes) {
        OutputFramer.send("update", displayId, RenderAs.render(value, mimeTypes));
    }

    /** Clears this cell's output now (as IPython's {@code clear_output()}). */
    public static void clearOutput() {
        clearOutput(false);
    }

    /**
     * Clears this cell's output; with {@code wait} the front end clears only when the next output arrives, so an
     * animation redrawn in a loop does not flicker.
     */
    public static void clearOutput(boolean wait) {
        OutputFramer.send("{\"type\":\"clear\",\"wait\":" + wait + "}");
    }

    /** The MIME bundle for {@code value}; returning it from a cell shows it. */
    public static MimeBundle render(Object value) {
        return AgentRenderer.render(value);
    }

    /**
     * The MIME bundle for {@code value} as the requested types (IJava's {@code render(o, as...)}), plus
     * {@code text/plain}: a string becomes the content of each text-like type ({@code render(md, "text/markdown")}
     * as a cell's last line shows rendered Markdown); a type the value cannot be shown as is left out.
     */
    public static MimeBundle render(Object value, String... mimeTypes) {
        return RenderAs.render(value, mimeTypes);
    }

    /** {@code System.out.printf} without the {@code System.out.} (IJava defines it for every notebook). */
    public static void printf(String format, Object... args) {
        System.out.printf(format, args);
    }

    /**
     * IJava's programmatic magics are not available: cnnlab runs magics in the kernel, not in the JVM that runs the
     * cells. Always throws, naming the magic line to write instead.
     */
    public static <T> T lineMagic(String name, java.util.List<String> args) {
        throw new UnsupportedOperationException("lineMagic(\"" + name + "\", ...) is IJava's; cnnlab runs magics only"
                + " as lines of a cell: write %" + name + " " + String.join(" ", args) + " on a line of its own");
    }

    /** As {@link #lineMagic}: not available; write the cell magic as the first line of a cell. Always throws. */
    public static <T> T cellMagic(String name, java.util.List<String> args, String body) {
        throw new UnsupportedOperationException("cellMagic(\"" + name + "\", ...) is IJava's; cnnlab runs cell magics"
                + " only as the first line of a cell: %%" + name + " " + String.join(" ", args));
    }

    /**
     * IJava's {@code eval(code)} is not available: it runs code in IJava's kernel, and cnnlab's cells run in a JVM
     * apart from the kernel. Always throws, saying so.
     */
    public static Object eval(String code) {
        throw new UnsupportedOperationException("eval(...) is IJava's (it runs code inside IJava's kernel); cnnlab runs"
                + " cells in a JVM apart from its kernel: write the code in the cell itself");
    }

    /** IJava's {@code getKernelInstance()} is not available (see {@link #eval}). Always throws, saying so. */
    public static Object getKernelInstance() {
        throw new UnsupportedOperationException("getKernelInstance() is IJava's; cnnlab's kernel is not reachable from"
                + " cells (they run in a JVM apart from it): use the magics, display(...) and render(...) instead");
    }

    /** Markdown text shown rendered. */
    public static MimeBundle markdown(String md) {
        return MimeBundle.text(md).put("text/markdown", md);
    }

    /** An HTML fragment shown rendered. */
    public static MimeBundle html(String html) {
        return MimeBundle.text(html).put("text/html", html);
    }

    /** LaTeX maths (with or without surrounding {@code $}) shown rendered. */
    public static MimeBundle latex(String tex) {
        String t = tex.strip();
        String math = t.startsWith("$") ? t : "$$" + t + "$$";
        return MimeBundle.text(tex).put("text/latex", math);
    }

    /** An XChart chart as SVG (with a PNG and text fallback). */
    public static MimeBundle svg(Chart<?, ?> chart) {
        return AgentRenderer.svg(chart);
    }

    /**
     * Sends the cell's last value to the kernel as its execute_result. Used by the kernel, not by cells. Strings
     * and characters are quoted as JShell quotes them ({@code "abc"}, {@code 'a'}), so {@code "1"} and {@code 1}
     * look different.
     */
    public static void $result(Object value) {
        MimeBundle bundle = value instanceof String || value instanceof Character
                ? MimeBundle.text(AgentMain.valueText(value))
                : AgentRenderer.render(value);
        OutputFramer.send("result", null, bundle);
    }

    /**
     * {@link #$result} as a variable's initializer: the kernel runs a cell's last expression as
     * {@code Object $cnnlabValue = Notebook.$shown(expr);} (see its CellEvaluator). Returns null, so that variable
     * keeps no value alive. Not for cells.
     */
    public static Object $shown(Object value) {
        $result(value);
        return null;
    }

    /** Takes the value of an expression run for its effect, as {@link #$shown} does without showing it. Not for cells. */
    public static Object $ran(Object value) {
        return null;  // the expression has run
    }

    /**
     * Agent start-up (run by the kernel as the first snippet): routes library displays, progress bars and widgets
     * to the notebook and connects the kernel's side line (interrupts, widget messages) on {@code interruptPort}
     * (0 = none).
     */
    public static void $init(int interruptPort) {
        OutputFramer.bind(System.out);
        Display.install(new Display.Sink() {
            @Override
            public String show(Object value) {
                return display(value);
            }

            @Override
            public void update(String displayId, Object value) {
                updateDisplay(displayId, value);
            }
        });
        Progress.setFactory(NotebookProgress::new);
        Widgets.setRenderer(value -> AgentRenderer.render(value).data());
        if (interruptPort > 0) {
            KernelChannel.start(interruptPort, Thread.currentThread(), WidgetFrames::receive);
            Widgets.install(new WidgetFrames());
        }
    }
}
