package dev.cnnlab.display;

import java.util.Map;

/**
 * An object that renders itself as a MIME bundle: several views of the same content, one per MIME type, from
 * which the front end picks the richest it understands (a live widget in JupyterLab, HTML in an exported
 * notebook, plain text on a console).
 */
public interface MimeRenderable {
    /**
     * The views of this object, keyed by MIME type, in order of preference. Each value is the content for its
     * type as text; a type ending in {@code json} (for example {@code application/vnd.jupyter.widget-view+json})
     * carries JSON text that the kernel embeds as a JSON object, not as a string.
     */
    Map<String, String> toMimeBundle();
}
