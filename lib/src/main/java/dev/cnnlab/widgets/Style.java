package dev.cnnlab.widgets;

/**
 * A style model of {@code @jupyter-widgets/controls} 2.0.0: the looks of a control (colours, description
 * width). Each control makes the style model ipywidgets 8 makes for it; change keys with {@link #set}, e.g.
 * {@code slider.style().set("handle_color", "orange")} or {@code set("description_width", "initial")}.
 */
public final class Style extends Widget {
    static final String CONTROLS = "@jupyter-widgets/controls";
    static final String VERSION = "2.0.0";
    private static final String[] FONT = {"font_family", "font_size", "font_style", "font_variant", "font_weight",
        "text_color", "text_decoration"};

    private Style(String modelName) {
        super(CONTROLS, VERSION, modelName, "@jupyter-widgets/base", "2.0.0", "StyleView");
    }

    /** {@code DescriptionStyleModel}: the description width (dropdowns, play). */
    public static Style description() {
        Style s = new Style("DescriptionStyleModel");
        s.define("description_width", String.class, "");
        return s.ready();
    }

    /** {@code SliderStyleModel}: description width and handle colour. */
    public static Style slider() {
        Style s = new Style("SliderStyleModel");
        s.define("description_width", String.class, "");
        s.define("handle_color", String.class, null);
        return s.ready();
    }

    /** {@code ButtonStyleModel}: button colour and font. */
    public static Style button() {
        Style s = new Style("ButtonStyleModel");
        s.define("button_color", String.class, null);
        for (String k : FONT) s.define(k, String.class, null);
        return s.ready();
    }

    /** {@code ToggleButtonsStyleModel}: button width, description width, font weight. */
    public static Style toggleButtons() {
        Style s = new Style("ToggleButtonsStyleModel");
        s.define("button_width", String.class, "");
        s.define("description_width", String.class, "");
        s.define("font_weight", String.class, "");
        return s.ready();
    }

    /** {@code CheckboxStyleModel}: background and description width. */
    public static Style checkbox() {
        Style s = new Style("CheckboxStyleModel");
        s.define("background", String.class, null);
        s.define("description_width", String.class, "");
        return s.ready();
    }

    /** {@code HTMLStyleModel}: background, description width, font size, text colour. */
    public static Style html() {
        Style s = new Style("HTMLStyleModel");
        s.define("background", String.class, null);
        s.define("description_width", String.class, "");
        s.define("font_size", String.class, null);
        s.define("text_color", String.class, null);
        return s.ready();
    }

    /** {@code LabelStyleModel}: background, description width and font. */
    public static Style label() {
        Style s = new Style("LabelStyleModel");
        s.define("background", String.class, null);
        s.define("description_width", String.class, "");
        for (String k : FONT) s.define(k, String.class, null);
        return s.ready();
    }

    private Style ready() {
        created();
        return this;
    }
}
