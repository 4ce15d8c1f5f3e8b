package dev.cnnlab.widgets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A choice of one option (ipywidgets' {@code _Selection}): the front end sees the labels
 * ({@code _options_labels}) and the chosen {@code index}; the kernel keeps the values behind the labels, which
 * may be any objects. Observe {@code "value"}, {@code "label"} or {@code "index"}.
 *
 * @param <T> the type of the option values
 */
public abstract class Selection<T> extends DescriptionWidget {
    private volatile List<T> values = List.of();

    /** A {@code @jupyter-widgets/controls} selection with the given style. */
    protected Selection(String modelName, String viewName, Style style, String description, Map<String, T> options) {
        super(modelName, viewName, style);
        define("_options_labels", List.class, List.of());
        define("disabled", Boolean.class, false);
        define("index", Integer.class, null);
        set("description", description);
        options(options);
    }

    /** Labels shown for plain options: their {@code toString()}. */
    static <T> Map<String, T> byLabel(List<T> options) {
        Map<String, T> m = new LinkedHashMap<>();
        for (T o : options) m.put(String.valueOf(o), o);
        if (m.size() < options.size()) throw new WidgetException("options must have distinct labels, got " + options);
        return m;
    }

    /** Replaces the options (label to value, in order); the first becomes chosen. */
    public final void options(Map<String, T> options) {
        List<T> newValues = new ArrayList<>(options.values());
        // the index goes first to null so that the labels and values never disagree with it
        set("index", null);
        values = Collections.unmodifiableList(newValues);
        set("_options_labels", new ArrayList<>(options.keySet()));
        if (!newValues.isEmpty()) set("index", 0);
    }

    /** The option values, in order. */
    public final List<T> options() {
        return values;
    }

    /** The chosen value, null if there are no options. */
    public final T value() {
        Integer i = index();
        return i == null ? null : values.get(i);
    }

    /** Chooses the option whose value equals {@code v}; an error naming the options if there is none. */
    public final void value(T v) {
        int i = values.indexOf(v);
        if (i < 0) throw new WidgetException(name() + ": " + Repr.of(v) + " is not one of the options " + Repr.of(values));
        set("index", i);
    }

    /** The chosen label, null if there are no options. */
    @SuppressWarnings("unchecked")
    public final String label() {
        Integer i = index();
        return i == null ? null : ((List<String>) get("_options_labels")).get(i);
    }

    /** The chosen index, null if there are no options. */
    public final Integer index() {
        return (Integer) get("index");
    }

    /** Chooses the option at {@code i}. */
    public final void index(int i) {
        set("index", i);
    }

    @Override
    protected Object validate(String key, Object value) {
        if (key.equals("index") && value != null) {
            int i = (Integer) value;
            if (i < 0 || i >= values.size()) {
                throw new WidgetException(name() + ": index " + i + " is out of range for " + values.size() + " options");
            }
        }
        return value;
    }

    @Override
    protected void changed(String key, Object oldValue, Object newValue) {
        if (!key.equals("index")) return;
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) get("_options_labels");
        Object oldV = oldValue == null || (Integer) oldValue >= values.size() ? null : values.get((Integer) oldValue);
        Object oldL = oldValue == null || (Integer) oldValue >= labels.size() ? null : labels.get((Integer) oldValue);
        fire("value", oldV, value());
        fire("label", oldL, label());
    }

    @Override
    protected List<String> derivedKeys() {
        return List.of("value", "label");
    }

    /** {@code <i>description: label</i>}. */
    @Override
    public String toStaticHtml() {
        String d = description();
        return "<i>" + dev.cnnlab.display.Html.escape((d.isEmpty() ? "" : d + ": ") + label()) + "</i>";
    }

    /** ipywidgets' repr of a selection: its options and value. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + (description().isEmpty() ? "" : "description=" + Repr.of(description()) + ", ")
                + "index=" + index() + ", options=" + Repr.of(get("_options_labels")) + ", value=" + Repr.of(value()) + ")";
    }
}
