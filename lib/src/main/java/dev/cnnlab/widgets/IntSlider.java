package dev.cnnlab.widgets;

/**
 * A slider over whole numbers (ipywidgets' {@code IntSlider}). The value stays in {@code [min, max]}: a value
 * outside is clamped, min above max is an error.
 * <pre>{@code
 * var k = new IntSlider("kernel", 3, 1, 7);      // description, value, min, max
 * k.observe("value", c -> System.out.println(c.newValue()));
 * }</pre>
 */
public final class IntSlider extends Slider<IntSlider> {
    /** A slider from 0 to 100 at 0, as {@code IntSlider()}. */
    public IntSlider() {
        this("", 0, 0, 100);
    }

    /** A slider labelled {@code description} from {@code min} to {@code max} (step 1) at {@code value}. */
    public IntSlider(String description, int value, int min, int max) {
        super("IntSlider", Integer.class, 0, 100, 1, "d", description, value, min, max);
    }

    /** The current value. */
    public int value() {
        return (Integer) get("value");
    }

    /** Sets the value (clamped into [min, max]); observers run if it changed. */
    public IntSlider value(int v) {
        set("value", v);
        return this;
    }

    /** The smallest value. */
    public int min() {
        return (Integer) get("min");
    }

    /** Sets the smallest value; an error if above max. */
    public IntSlider min(int v) {
        set("min", v);
        return this;
    }

    /** The largest value. */
    public int max() {
        return (Integer) get("max");
    }

    /** Sets the largest value; an error if below min. */
    public IntSlider max(int v) {
        set("max", v);
        return this;
    }

    /** Sets the step between values (positive). */
    public IntSlider step(int v) {
        set("step", v);
        return this;
    }
}
