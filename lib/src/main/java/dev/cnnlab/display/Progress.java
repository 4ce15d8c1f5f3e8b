package dev.cnnlab.display;

import java.util.Objects;

/**
 * Progress of long work (an epoch, a sweep, a download). In a notebook it is one display updated in place;
 * on a console one line rewritten with {@code \r}. Obtain one with {@link #start(String, long)}.
 */
public interface Progress extends AutoCloseable {
    /** Reports that {@code done} of the total steps are finished, with a short status (metrics). */
    void update(long done, String status);

    /** Marks the work finished (leaves the final state visible). */
    @Override
    void close();

    /** Makes progress reporters. */
    interface Factory {
        /** Starts reporting work of {@code total} steps under {@code title}. */
        Progress start(String title, long total);
    }

    /** Starts a reporter from the installed factory. */
    static Progress start(String title, long total) {
        return Holder.factory.start(title, total);
    }

    /**
     * Installs a factory. The default shows an HTML bar updated in place ({@code Display.show}/{@code update})
     * when {@code Display.isRich()}, and a console line otherwise.
     */
    static void setFactory(Factory f) {
        Holder.factory = Objects.requireNonNull(f, "factory");
    }

    /** Puts back the default factory (for tests that installed their own). */
    static void reset() {
        Holder.factory = Holder.DEFAULT;
    }

    /** Holds the installed factory. */
    final class Holder {
        static final Factory DEFAULT = (title, total) -> Display.isRich()
                ? new HtmlProgress(title, total) : new ConsoleProgress(title, total);
        static volatile Factory factory = DEFAULT;

        private Holder() {}
    }
}
