package dev.cnnlab.widgets;

/**
 * What {@link IntSlider} and {@link FloatSlider} share: ipywidgets' slider state, the bounds rules ({@link Bounds})
 * and the settings that do not depend on the number type. Not public: the two sliders are the API.
 */
abstract class Slider<S extends Slider<S>> extends DescriptionWidget {
    /** Defines the slider's state with {@code type}'s defaults, then sets description, bounds and value. */
    Slider(String kind, Class<? extends Number> type, Number zero, Number hundred, Number step, String readoutFormat,
           String description, Number value, Number min, Number max) {
        super(kind + "Model", kind + "View", Style.slider());
        define("behavior", String.class, "drag-tap");
        define("continuous_update", Boolean.class, true);
        define("disabled", Boolean.class, false);
        define("max", type, hundred);
        define("min", type, zero);
        define("orientation", String.class, "horizontal");
        define("readout", Boolean.class, true);
        define("readout_format", String.class, readoutFormat);
        define("step", type, step);
        define("value", type, zero);
        set("description", description);
        Bounds.init(this, value, min, max);
        created();
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /** False: the value changes only when the handle is released, not while it is dragged. */
    public S continuousUpdate(boolean on) {
        set("continuous_update", on);
        return self();
    }

    @Override
    protected Object validate(String key, Object value) {
        return Bounds.validate(this, key, value);
    }

    @Override
    protected void changed(String key, Object oldValue, Object newValue) {
        Bounds.changed(this, key);
    }
}
