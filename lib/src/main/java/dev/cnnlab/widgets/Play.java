package dev.cnnlab.widgets;

/**
 * Play / pause / stop buttons that step an integer value from min to max in the browser, one step every
 * {@code interval} milliseconds (ipywidgets' {@code Play}). Link it to a slider with
 * {@link Widgets#jslink} to animate, e.g. training epochs or feature maps:
 * <pre>{@code
 * var play = new Play(0, 0, 9).interval(500);
 * var epoch = new IntSlider("epoch", 0, 0, 9);
 * Widgets.jslink(play, "value", epoch, "value");
 * new HBox(play, epoch);
 * }</pre>
 */
public final class Play extends DescriptionWidget {
    /** A player from 0 to 100 at 0, as {@code Play()}. */
    public Play() {
        this(0, 0, 100);
    }

    /** A player from {@code min} to {@code max} (step 1, every 100 ms) at {@code value}. */
    public Play(int value, int min, int max) {
        super("PlayModel", "PlayView", Style.description());
        define("disabled", Boolean.class, false);
        define("interval", Integer.class, 100);
        define("max", Integer.class, 100);
        define("min", Integer.class, 0);
        define("playing", Boolean.class, false);
        define("repeat", Boolean.class, false);
        define("show_repeat", Boolean.class, true);
        define("step", Integer.class, 1);
        define("value", Integer.class, 0);
        Bounds.init(this, value, min, max);
        created();
    }

    /** The current value. */
    public int value() {
        return (Integer) get("value");
    }

    /** Sets the value (clamped into [min, max]). */
    public Play value(int v) {
        set("value", v);
        return this;
    }

    /** Sets the milliseconds between steps (positive). */
    public Play interval(int millis) {
        if (millis <= 0) throw new WidgetException(name() + ": interval must be positive milliseconds, got " + millis);
        set("interval", millis);
        return this;
    }

    /** Sets the step added at each tick. */
    public Play step(int v) {
        set("step", v);
        return this;
    }

    /** True: start again at min after max. */
    public Play repeat(boolean on) {
        set("repeat", on);
        return this;
    }

    /** Starts (true) or pauses (false) playing in the browser. */
    public Play playing(boolean on) {
        set("playing", on);
        return this;
    }

    /** True while the browser is playing. */
    public boolean playing() {
        return (Boolean) get("playing");
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
