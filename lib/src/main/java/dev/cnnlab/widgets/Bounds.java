package dev.cnnlab.widgets;

/**
 * The rules ipywidgets' bounded numbers follow (sliders, play): {@code min <= max} or an error, and the value
 * clamped into {@code [min, max]}, also when min or max move past it.
 */
final class Bounds {
    private Bounds() {}

    /** The accepted {@code value} for {@code key} of widget {@code w}. */
    static Object validate(Widget w, String key, Object value) {
        if (!(value instanceof Number n)) return value; // not a bound: description, readout, ...
        double v = n.doubleValue();
        double min = ((Number) w.get("min")).doubleValue();
        double max = ((Number) w.get("max")).doubleValue();
        switch (key) {
            case "value" -> {
                double c = Math.max(min, Math.min(max, v));
                return value instanceof Integer ? (Object) (int) c : (Object) c;
            }
            case "min" -> {
                if (v > max) throw new WidgetException(w.name() + ": min " + value + " is above max " + w.get("max"));
            }
            case "max" -> {
                if (v < min) throw new WidgetException(w.name() + ": max " + value + " is below min " + w.get("min"));
            }
            case "step" -> {
                if (v <= 0) throw new WidgetException(w.name() + ": step must be positive, got " + value);
            }
            default -> { } // other numbers (interval) have no bound
        }
        return value;
    }

    /** After min or max moved: the value clamped into the new range (sent if it changed). */
    static void changed(Widget w, String key) {
        if (key.equals("min") || key.equals("max")) w.set("value", w.get("value"));
    }

    /** Sets min, max and value in an order that never puts min above max on the way. */
    static void init(Widget w, Number value, Number min, Number max) {
        if (min.doubleValue() > max.doubleValue()) {
            throw new WidgetException(w.name() + ": min " + min + " is above max " + max);
        }
        if (min.doubleValue() > ((Number) w.get("max")).doubleValue()) {
            w.set("max", max);
            w.set("min", min);
        } else {
            w.set("min", min);
            w.set("max", max);
        }
        w.set("value", value);
    }
}
