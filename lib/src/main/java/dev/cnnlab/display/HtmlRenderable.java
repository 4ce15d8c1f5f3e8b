package dev.cnnlab.display;

/**
 * An object with an HTML view. The notebook kernel shows {@link #toHtml()} (and {@code toString()} as the
 * plain-text fallback) when a cell returns it or calls {@code display(obj)}.
 */
public interface HtmlRenderable {
    /** A self-contained HTML fragment (no scripts, inline styles only). */
    String toHtml();
}
