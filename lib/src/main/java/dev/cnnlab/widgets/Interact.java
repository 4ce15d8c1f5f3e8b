package dev.cnnlab.widgets;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Controls above an {@link Output} that shows a function's result, recomputed at every change of a control
 * (ipywidgets' {@code interact}); made by {@link Widgets#interact}. The function reads the controls' current
 * values itself, so any Java call fits:
 * <pre>{@code
 * var stride = new IntSlider("stride", 1, 1, 3);
 * var padding = new Dropdown<>("padding", List.of("valid", "same"));
 * Widgets.interact(() -> Conv2d.explain(x, k, stride.value(), padding.value()), stride, padding);
 * }</pre>
 * The first result is computed at once, so the static HTML of an exported notebook shows it. An exception from
 * the function or a control's observer is shown in the output in place of the result.
 */
public final class Interact extends VBox {
    private final Supplier<?> function;
    private final Output output;

    Interact(Supplier<?> function, Widget... controls) {
        super(withOutput(controls));
        this.function = java.util.Objects.requireNonNull(function, "function");
        this.output = (Output) children().get(children().size() - 1);
        set("_dom_classes", List.of("widget-interact"));
        for (Widget c : controls) {
            c.errorsTo(output);
            if (c instanceof Button b) b.onClick(x -> run());
            else c.observe("value", change -> run());
        }
        run();
    }

    /** The same as {@link Widgets#interact}: {@code f}'s result below {@code controls}, recomputed at each change. */
    public static Interact of(Supplier<?> f, Widget... controls) {
        return new Interact(f, controls);
    }

    /** The output that shows the result. */
    public Output output() {
        return output;
    }

    /** Recomputes the result and shows it in place of the previous one. */
    public void run() {
        try {
            output.replace(function.get());
        } catch (Throwable e) {
            output.clear();
            output.appendError(e);
        }
    }

    private static Widget[] withOutput(Widget[] controls) {
        List<Widget> all = new ArrayList<>();
        for (Widget c : controls) {
            if (c == null) throw new WidgetException("Interact: a control is null");
            if (!(c instanceof Button || c instanceof Selection || c.state().containsKey("value"))) {
                throw new WidgetException("Interact: " + c.name() + " has no value to watch; use a slider, dropdown, checkbox or button");
            }
            all.add(c);
        }
        all.add(new Output());
        return all.toArray(Widget[]::new);
    }
}
