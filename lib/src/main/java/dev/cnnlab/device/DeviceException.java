package dev.cnnlab.device;

/**
 * An engine or device setting cnnlab cannot honour, with a message that says what to change
 * ("CNNLAB_ENGINE=TensorFlow: unknown engine; available here: MXNet, PyTorch").
 */
public class DeviceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A problem described by {@code message}. */
    public DeviceException(String message) {
        super(message);
    }
}
