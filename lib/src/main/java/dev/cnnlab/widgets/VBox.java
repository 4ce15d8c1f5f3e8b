package dev.cnnlab.widgets;

/** Widgets stacked in a column (ipywidgets' {@code VBox}): {@code new VBox(slider, output)}. */
public class VBox extends Box {
    /** A column of {@code children}. */
    public VBox(Widget... children) {
        super("VBoxModel", "VBoxView", true, children);
        created();
    }
}
