package dev.cnnlab.widgets;

import java.util.List;

/**
 * A widget with a view on the page: it has a {@link Layout} (size, margins, flex) and optional CSS classes and
 * tooltip, as ipywidgets' {@code DOMWidget}.
 */
public abstract class DOMWidget extends Widget {
    /** A model from {@code module} at {@code version} whose view comes from the same module. */
    protected DOMWidget(String module, String version, String modelName, String viewName) {
        super(module, version, modelName, module, version, viewName);
        define("_dom_classes", List.class, List.of());
        define("layout", Widget.class, new Layout());
        define("tabbable", Boolean.class, null);
        define("tooltip", String.class, null);
    }

    /** The layout: {@code widget.layout().width("300px")}. */
    public final Layout layout() {
        return (Layout) get("layout");
    }

    /** Sets the text shown when the pointer rests on the widget (null for none). */
    public final void tooltip(String text) {
        set("tooltip", text);
    }
}
