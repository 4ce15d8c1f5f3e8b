package dev.cnnlab.widgets;

/**
 * The CSS layout of a widget's view (ipywidgets' {@code Layout}, a {@code LayoutModel} of
 * {@code @jupyter-widgets/base} 2.0.0): every key is a CSS value as text, null for the browser's default.
 * Typed setters cover the common keys; {@link #set} reaches the rest ({@code "grid_template_columns"}, ...).
 */
public final class Layout extends Widget {
    private static final String[] KEYS = {"align_content", "align_items", "align_self", "border_bottom", "border_left",
        "border_right", "border_top", "bottom", "display", "flex", "flex_flow", "grid_area", "grid_auto_columns",
        "grid_auto_flow", "grid_auto_rows", "grid_column", "grid_gap", "grid_row", "grid_template_areas",
        "grid_template_columns", "grid_template_rows", "height", "justify_content", "justify_items", "left", "margin",
        "max_height", "max_width", "min_height", "min_width", "object_fit", "object_position", "order", "overflow",
        "padding", "right", "top", "visibility", "width"};

    /** A layout with every key at the browser's default. */
    public Layout() {
        super("@jupyter-widgets/base", "2.0.0", "LayoutModel", "@jupyter-widgets/base", "2.0.0", "LayoutView");
        for (String k : KEYS) define(k, String.class, null);
        created();
    }

    /** CSS width, e.g. {@code "300px"} or {@code "50%"}. */
    public Layout width(String css) {
        set("width", css);
        return this;
    }

    /** CSS height, e.g. {@code "200px"}. */
    public Layout height(String css) {
        set("height", css);
        return this;
    }

    /** CSS margin, e.g. {@code "0 0 0 10px"}. */
    public Layout margin(String css) {
        set("margin", css);
        return this;
    }

    /** CSS padding. */
    public Layout padding(String css) {
        set("padding", css);
        return this;
    }

    /** A border on all four sides, e.g. {@code "1px solid gray"} (ipywidgets' {@code border} shorthand). */
    public Layout border(String css) {
        for (String side : new String[] {"border_top", "border_right", "border_bottom", "border_left"}) set(side, css);
        return this;
    }

    /** CSS display, e.g. {@code "none"} to hide the widget or {@code "flex"}. */
    public Layout display(String css) {
        set("display", css);
        return this;
    }
}
