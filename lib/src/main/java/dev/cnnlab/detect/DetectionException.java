package dev.cnnlab.detect;

/**
 * Bad input to a detection utility: a box with {@code x2 < x1}, a NaN coordinate, arrays of different
 * lengths, an image of the wrong size. The message names the offending box (by index) and the problem,
 * e.g. {@code "predictions[3]: x2 (10.0) < x1 (12.0) — boxes are corners x1,y1,x2,y2"}.
 * <p>
 * It is an {@link IllegalArgumentException}, so code that catches that keeps working.
 */
public class DetectionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** A problem described by {@code message}. */
    public DetectionException(String message) {
        super(message);
    }
}
