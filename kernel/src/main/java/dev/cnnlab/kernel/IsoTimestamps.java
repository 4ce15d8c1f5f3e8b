package dev.cnnlab.kernel;

import java.lang.reflect.Field;
import java.text.DateFormat;
import java.text.SimpleDateFormat;

import org.dflib.jjava.jupyter.messages.KernelTimestamp;

/**
 * Message dates in ISO 8601 with milliseconds, as the Jupyter protocol asks. jjava-jupyter 1.0-a6 writes
 * {@code yyyy-MM-dd'T'HH:mmZ} (no seconds, {@code +0000}): jupyter_client cannot parse that, so clients and
 * nbclient's execution timings see plain strings of minute precision. jjava keeps one {@link SimpleDateFormat}
 * per thread; {@link #onThisThread()} re-patterns the calling thread's before it sends a message.
 */
final class IsoTimestamps {
    static final String PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
    private static final ThreadLocal<DateFormat> FORMATS = formats();
    private static final ThreadLocal<Boolean> DONE = ThreadLocal.withInitial(() -> false);

    private IsoTimestamps() {}

    @SuppressWarnings("unchecked")
    private static ThreadLocal<DateFormat> formats() {
        try {
            Field f = KernelTimestamp.class.getDeclaredField("DATE_FORMAT");
            f.setAccessible(true);
            return (ThreadLocal<DateFormat>) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;  // jjava changed: leave its dates as they are
        }
    }

    /** Makes messages sent from this thread carry ISO dates (once per thread; cheap afterwards). */
    static void onThisThread() {
        if (FORMATS == null || DONE.get()) return;
        if (FORMATS.get() instanceof SimpleDateFormat f) f.applyPattern(PATTERN);  // keeps its UTC time zone
        DONE.set(true);
    }
}
