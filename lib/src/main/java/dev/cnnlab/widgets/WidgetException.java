package dev.cnnlab.widgets;

/** Bad input to a widget: an unknown state key, a value of the wrong type, min above max, a value not in the options. */
public class WidgetException extends IllegalArgumentException {
    /** An error whose message names the widget and what is wrong. */
    public WidgetException(String message) {
        super(message);
    }
}
