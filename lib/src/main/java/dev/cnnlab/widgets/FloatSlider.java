package dev.cnnlab.widgets;

/**
 * A slider over real numbers (ipywidgets' {@code FloatSlider}). The value stays in {@code [min, max]}: a value
 * outside is clamped, min above max is an error.
 * <pre>{@code
 * var k = new FloatSlider("rate", 0.5, 0, 1);      // description, value, min, max
 * k.observe("value", c -> System.out.println(c.newValue()));
 * }</pre>
 */
public final class FloatSlider extends Slider<FloatSlider> {
    /** A slider from 0 to 100 at 0, as {@code FloatSlider()}. */
    public FloatSlider() {
        this("", 0.0, 0.0, 100.0);
    }

    /** A slider labelled {@code description} from {@code min} to {@code max} (step 0.1) at {@code value}. */
    public FloatSlider(String description, double value, double min, double max) {
        super("FloatSlider", Double.class, 0.0, 100.0, 0.1, ".2f", description, value, min, max);
    }

    /** The current value. */
    public double value() {
        return (Double) get("value");
    }

    /** Sets the value (clamped into [min, max]); observers run if it changed. */
    public FloatSlider value(double v) {
        set("value", v);
        return this;
    }

    /** The smallest value. */
    public double min() {
        return (Double) get("min");
    }

    /** Sets the smallest value; an error if above max. */
    public FloatSlider min(double v) {
        set("min", v);
        return this;
    }

    /** The largest value. */
    public double max() {
        return (Double) get("max");
    }

    /** Sets the largest value; an error if below min. */
    public FloatSlider max(double v) {
        set("max", v);
        return this;
    }

    /** Sets the step between values (positive). */
    public FloatSlider step(double v) {
        set("step", v);
        return this;
    }
}
