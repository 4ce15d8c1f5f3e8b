package dev.cnnlab.widgets;

import dev.cnnlab.display.Html;

/** A line of plain text (ipywidgets' {@code Label}), e.g. a caption next to a control. */
public final class Label extends DescriptionWidget {
    /** Empty, as {@code Label()}. */
    public Label() {
        this("");
    }

    /** Showing {@code text}. */
    public Label(String text) {
        super("LabelModel", "LabelView", Style.label());
        define("placeholder", String.class, "\u200b");
        define("value", String.class, "");
        set("value", text);
        created();
    }

    /** The text shown. */
    public String value() {
        return (String) get("value");
    }

    /** Replaces the text shown. */
    public Label value(String text) {
        set("value", text);
        return this;
    }

    /** The text, escaped. */
    @Override
    public String toStaticHtml() {
        return "<span>" + Html.escape(value()) + "</span>";
    }
}
