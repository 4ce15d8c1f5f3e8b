package dev.cnnlab.widgets;

import java.util.List;
import java.util.Map;

/**
 * A drop-down list of options (ipywidgets' {@code Dropdown}); the first option is chosen at the start.
 * <pre>{@code
 * var padding = new Dropdown<>("padding", List.of("valid", "same"));
 * padding.value();                                     // "valid"
 * var act = Dropdown.labeled("activation", Map.of("ReLU", relu, "tanh", tanh));
 * }</pre>
 *
 * @param <T> the type of the option values
 */
public final class Dropdown<T> extends Selection<T> {
    /** A drop-down labelled {@code description} over {@code options}, each shown by its {@code toString()}. */
    public Dropdown(String description, List<T> options) {
        this(description, byLabel(options), true);
    }

    private Dropdown(String description, Map<String, T> options, boolean ignored) {
        super("DropdownModel", "DropdownView", Style.description(), description, options);
        created();
    }

    /** A drop-down over {@code options}: label shown to value chosen (use a {@code LinkedHashMap} for the order). */
    public static <T> Dropdown<T> labeled(String description, Map<String, T> options) {
        return new Dropdown<>(description, options, true);
    }
}
