package dev.cnnlab.widgets;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.cnnlab.display.Html;

/**
 * A push button (ipywidgets' {@code Button}) that runs its click handlers in the kernel:
 * <pre>{@code
 * var train = new Button("Train one epoch");
 * train.onClick(b -> out.append(Fit.of(net).epochs(1).run(data.train())));
 * }</pre>
 * A handler's exception is reported (into {@link #errorsTo} if set), never thrown at the front end.
 */
public final class Button extends DOMWidget {
    private final List<Consumer<Button>> handlers = new CopyOnWriteArrayList<>();

    /** A button without a label, as {@code Button()}. */
    public Button() {
        this("");
    }

    /** A button labelled {@code description}. */
    public Button(String description) {
        super(Style.CONTROLS, Style.VERSION, "ButtonModel", "ButtonView");
        define("button_style", String.class, "");
        define("description", String.class, "");
        define("disabled", Boolean.class, false);
        define("icon", String.class, "");
        define("style", Widget.class, Style.button());
        set("description", description);
        created();
    }

    /** Runs {@code handler} at every click. */
    public Button onClick(Consumer<Button> handler) {
        handlers.add(java.util.Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /** Runs the click handlers as if the button was clicked. */
    public void click() {
        for (Consumer<Button> h : handlers) {
            try {
                h.accept(this);
            } catch (Throwable e) {
                Widgets.report(this, "click handler", e);
            }
        }
    }

    /** One of {@code "primary", "success", "info", "warning", "danger"} or {@code ""}. */
    public Button buttonStyle(String style) {
        if (!List.of("primary", "success", "info", "warning", "danger", "").contains(style)) {
            throw new WidgetException(name() + ": button_style must be primary, success, info, warning, danger or '', got '" + style + "'");
        }
        set("button_style", style);
        return this;
    }

    /** Enables (false) or disables (true) the button. */
    public Button disabled(boolean on) {
        set("disabled", on);
        return this;
    }

    /** The style model: {@code button.style().set("button_color", "lightgreen")}. */
    public Style style() {
        return (Style) get("style");
    }

    @Override
    protected void onCustom(Map<String, Object> content) {
        if ("click".equals(content.get("event"))) click();
    }

    /** The label in a static button look. */
    @Override
    public String toStaticHtml() {
        return "<button disabled>" + Html.escape((String) get("description")) + "</button>";
    }
}
