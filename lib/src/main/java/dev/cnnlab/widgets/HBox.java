package dev.cnnlab.widgets;

/** Widgets side by side in a row (ipywidgets' {@code HBox}): {@code new HBox(play, slider)}. */
public final class HBox extends Box {
    /** A row of {@code children}. */
    public HBox(Widget... children) {
        super("HBoxModel", "HBoxView", false, children);
        created();
    }
}
