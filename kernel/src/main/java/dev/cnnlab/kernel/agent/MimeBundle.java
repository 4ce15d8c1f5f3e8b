package dev.cnnlab.kernel.agent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Jupyter MIME bundle: MIME type → content (text, or base64 for images). Returning one from a cell (for
 * example {@code html("<b>hi</b>")}) shows it as is; {@code text/plain} is always present.
 */
public final class MimeBundle {
    private final Map<String, String> data = new LinkedHashMap<>();

    /** A bundle with only a plain-text view. */
    public static MimeBundle text(String text) {
        return new MimeBundle().put("text/plain", text);
    }

    /** Adds (or replaces) the content for one MIME type; returns this bundle. */
    public MimeBundle put(String mimeType, String content) {
        data.put(mimeType, content);
        return this;
    }

    /** The content per MIME type, in insertion order. */
    public Map<String, String> data() {
        return Collections.unmodifiableMap(data);
    }

    /**
     * The bundle as a JSON object (MIME type → string); the content of a {@code +json} type (a widget view) is
     * JSON text and goes in as a JSON object, as nbformat wants it.
     */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{");
        for (var e : data.entrySet()) {
            if (sb.length() > 1) sb.append(',');
            Json.quote(e.getKey(), sb);
            sb.append(':');
            if (e.getKey().endsWith("+json")) sb.append(e.getValue());
            else Json.quote(e.getValue(), sb);
        }
        return sb.append('}').toString();
    }

    /** The plain-text view, so a bundle printed with println reads well. */
    @Override
    public String toString() {
        return data.getOrDefault("text/plain", "");
    }
}
