package dev.cnnlab.widgets;

/**
 * One change of a widget's state key, as passed to {@link Widget#observe} observers (the {@code change} dict of
 * ipywidgets' {@code observe}).
 *
 * @param owner    the widget that changed
 * @param name     the state key, e.g. {@code "value"}
 * @param oldValue the value before the change
 * @param newValue the value after the change
 */
public record Change(Widget owner, String name, Object oldValue, Object newValue) {}
