package dev.cnnlab.widgets;

import java.util.List;
import java.util.Map;

/**
 * A row of buttons of which one is pressed (ipywidgets' {@code ToggleButtons}); reads best for two to five
 * options: {@code new ToggleButtons<>("pool", List.of("max", "avg"))}.
 *
 * @param <T> the type of the option values
 */
public final class ToggleButtons<T> extends Selection<T> {
    /** Buttons labelled {@code description} over {@code options}, each shown by its {@code toString()}. */
    public ToggleButtons(String description, List<T> options) {
        this(description, byLabel(options), true);
    }

    private ToggleButtons(String description, Map<String, T> options, boolean ignored) {
        super("ToggleButtonsModel", "ToggleButtonsView", Style.toggleButtons(), description, options);
        define("button_style", String.class, "");
        define("icons", List.class, List.of());
        define("tooltips", List.class, List.of());
        created();
    }

    /** Buttons over {@code options}: label shown to value chosen (use a {@code LinkedHashMap} for the order). */
    public static <T> ToggleButtons<T> labeled(String description, Map<String, T> options) {
        return new ToggleButtons<>(description, options, true);
    }

    /** One tooltip per option, in order. */
    public ToggleButtons<T> tooltips(List<String> tooltips) {
        set("tooltips", tooltips);
        return this;
    }
}
