package dev.cnnlab.classroom;

import dev.cnnlab.display.Html;
import dev.cnnlab.display.HtmlRenderable;

/**
 * The result of {@link Check#check}: passed or not, and what is wrong. Its text form starts with
 * {@code [check] LESSON/ID: PASS} or {@code FAIL}, which {@code ./cnnlab grade} reads from executed notebooks.
 *
 * @param lesson  lesson name
 * @param id      exercise id
 * @param passed  whether the answer is right
 * @param message what is wrong (or a short confirmation)
 */
public record Feedback(String lesson, String id, boolean passed, String message) implements HtmlRenderable {
    @Override
    public String toString() {
        return "[check] " + lesson + "/" + id + ": " + (passed ? "PASS" : "FAIL") + " — " + message;
    }

    @Override
    public String toHtml() {
        String colour = passed ? "#1b7f3b" : "#b3261e";
        String bg = passed ? "#e8f5e9" : "#fdecea";
        return "<div style=\"border-left:4px solid " + colour + ";background:" + bg
                + ";padding:6px 10px;font-family:sans-serif\"><b style=\"color:" + colour + "\">"
                + (passed ? "✔ " : "✘ ") + Html.escape(id) + (passed ? " correct" : " not yet") + "</b> — "
                + Html.escape(message) + "<span style=\"display:none\">" + Html.escape(toString()) + "</span></div>";
    }
}
