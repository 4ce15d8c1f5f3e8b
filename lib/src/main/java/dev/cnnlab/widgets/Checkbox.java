package dev.cnnlab.widgets;

/** A checkbox with a description (ipywidgets' {@code Checkbox}): {@code new Checkbox("bias", true)}. */
public final class Checkbox extends DescriptionWidget {
    /** An unchecked checkbox without description, as {@code Checkbox()}. */
    public Checkbox() {
        this("", false);
    }

    /** A checkbox labelled {@code description}, checked if {@code value}. */
    public Checkbox(String description, boolean value) {
        super("CheckboxModel", "CheckboxView", Style.checkbox());
        define("disabled", Boolean.class, false);
        define("indent", Boolean.class, true);
        define("value", Boolean.class, false);
        set("description", description);
        set("value", value);
        created();
    }

    /** True if checked. */
    public boolean value() {
        return (Boolean) get("value");
    }

    /** Checks or unchecks the box; observers run if it changed. */
    public Checkbox value(boolean v) {
        set("value", v);
        return this;
    }
}
