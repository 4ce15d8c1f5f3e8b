package dev.cnnlab.kernel.magics;

/** A magic that cannot do what was asked; its message is shown in the cell. */
public final class MagicException extends RuntimeException {
    public MagicException(String message) {
        super(message);
    }

    public MagicException(String message, Throwable cause) {
        super(message, cause);
    }
}
