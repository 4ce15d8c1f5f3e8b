package dev.cnnlab.widgets;

import java.util.List;

/**
 * A link kept in the browser between two widgets' state keys (ipywidgets' {@code Link}, made by
 * {@link Widgets#jslink}): a change of either side is copied to the other without a round trip through the
 * kernel. {@link #close()} unlinks.
 */
public final class Link extends Widget {
    /** Links {@code source.sourceKey} and {@code target.targetKey}; both must be state keys. */
    public Link(Widget source, String sourceKey, Widget target, String targetKey) {
        super(Style.CONTROLS, Style.VERSION, "LinkModel", Style.CONTROLS, Style.VERSION, null);
        source.typeOf(sourceKey);
        target.typeOf(targetKey);
        define("source", List.class, null);
        define("target", List.class, null);
        set("source", List.of(source, sourceKey));
        set("target", List.of(target, targetKey));
        created();
    }
}
