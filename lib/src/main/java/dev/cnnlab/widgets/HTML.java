package dev.cnnlab.widgets;

/**
 * A piece of HTML that the kernel can replace (ipywidgets' {@code HTML}): {@code html.value("<b>loss 0.31</b>")}.
 * Its static rendering is the HTML itself.
 */
public final class HTML extends DescriptionWidget {
    /** Empty, as {@code HTML()}. */
    public HTML() {
        this("");
    }

    /** Showing {@code value}. */
    public HTML(String value) {
        super("HTMLModel", "HTMLView", Style.html());
        define("placeholder", String.class, "\u200b");
        define("value", String.class, "");
        set("value", value);
        created();
    }

    /** The HTML shown. */
    public String value() {
        return (String) get("value");
    }

    /** Replaces the HTML shown. */
    public HTML value(String html) {
        set("value", html);
        return this;
    }

    /** The HTML itself. */
    @Override
    public String toStaticHtml() {
        return value();
    }
}
