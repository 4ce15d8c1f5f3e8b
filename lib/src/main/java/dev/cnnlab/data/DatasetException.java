package dev.cnnlab.data;

/**
 * A dataset could not be read, found, or verified. The message names the file (or dataset) and the
 * problem, e.g. {@code "train-images-idx3-ubyte.gz: expected magic 2051, found 0x1f8b — is it still gzipped?"}.
 */
public class DatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A problem described by {@code message}. */
    public DatasetException(String message) {
        super(message);
    }

    /** A problem described by {@code message}, caused by {@code cause}. */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
