package dev.cnnlab.widgets;

import dev.cnnlab.display.Html;

/**
 * A widget with a description label in front of it and a style model (ipywidgets' {@code DescriptionWidget}):
 * sliders, dropdowns, checkboxes, HTML and labels.
 */
public abstract class DescriptionWidget extends DOMWidget {
    /** A {@code @jupyter-widgets/controls} 2.0.0 widget with the given style model. */
    protected DescriptionWidget(String modelName, String viewName, Style style) {
        super(Style.CONTROLS, Style.VERSION, modelName, viewName);
        define("description", String.class, "");
        define("description_allow_html", Boolean.class, false);
        define("style", Widget.class, style);
    }

    /** The label shown in front of the widget. */
    public final String description() {
        return (String) get("description");
    }

    /** Sets the label shown in front of the widget. */
    public final void description(String text) {
        set("description", text);
    }

    /** The style model: {@code widget.style().set("description_width", "initial")}. */
    public final Style style() {
        return (Style) get("style");
    }

    /** {@code <i>description: value</i>}. */
    @Override
    public String toStaticHtml() {
        String d = description();
        return "<i>" + Html.escape((d.isEmpty() ? "" : d + ": ") + Repr.of(get("value"))) + "</i>";
    }
}
