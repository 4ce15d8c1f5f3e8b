package dev.cnnlab.widgets;

import java.util.List;
/**
 * Widgets laid out together (ipywidgets' {@code Box}); see {@link HBox} and {@link VBox}. Not public: the notebook
 * star-imports this package and {@code dev.cnnlab.detect}, whose {@code Box} is a bounding box.
 */
abstract class Box extends DOMWidget {
    private final boolean column;

    /** A {@code @jupyter-widgets/controls} box; {@code column}: children stacked (for the static HTML). */
    protected Box(String modelName, String viewName, boolean column, Widget... children) {
        super(Style.CONTROLS, Style.VERSION, modelName, viewName);
        this.column = column;
        define("box_style", String.class, "");
        define("children", List.class, List.of());
        set("children", List.of(children));
    }

    /** The widgets inside, in order. */
    @SuppressWarnings("unchecked")
    public final List<Widget> children() {
        return (List<Widget>) get("children");
    }

    /** Replaces the widgets inside. */
    public final void children(Widget... children) {
        set("children", List.of(children));
    }

    @Override
    protected Object validate(String key, Object value) {
        if (key.equals("children")) {
            for (Object c : (List<?>) value) {
                if (!(c instanceof Widget)) throw new WidgetException(name() + ": children must be widgets, got " + Repr.of(c));
            }
        }
        return value;
    }

    /** The children's static HTML side by side (HBox) or stacked (VBox). */
    @Override
    public String toStaticHtml() {
        StringBuilder sb = new StringBuilder("<div style='display:flex;gap:8px;flex-direction:")
                .append(column ? "column" : "row").append("'>");
        for (Widget w : children()) sb.append("<div>").append(w.toStaticHtml()).append("</div>");
        return sb.append("</div>").toString();
    }
}
