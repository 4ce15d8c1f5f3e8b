package dev.cnnlab.display;

import java.util.Objects;

/**
 * Where the library sends rich output (charts, tables, images, progress bars). In a notebook the cnnlab
 * kernel installs a {@link Sink} that turns objects into MIME bundles; in a plain Java program the default
 * sink prints {@code toString()}.
 */
public final class Display {
    /** Receives objects to show. Implemented by the kernel; the library never imports the kernel. */
    public interface Sink {
        /** Shows {@code value}; returns an id that {@link #update} can use to replace it in place. */
        String show(Object value);

        /** Replaces the output shown under {@code displayId} with {@code value}. */
        void update(String displayId, Object value);

        /** True where output is rendered richly (HTML, images), false on a console. */
        default boolean isRich() {
            return true;
        }
    }

    private static final Sink CONSOLE = new Sink() {
        @Override
        public String show(Object value) {
            System.out.println(value);
            return "";
        }

        @Override
        public void update(String displayId, Object value) {
            System.out.println(value);
        }

        @Override
        public boolean isRich() {
            return false;
        }
    };

    private static volatile Sink sink = CONSOLE;

    private Display() {}

    /** Installs the sink (the kernel does this at start-up). */
    public static void install(Sink s) {
        sink = Objects.requireNonNull(s, "sink");
    }

    /** Puts back the console sink of a plain Java program (for tests that installed their own). */
    public static void reset() {
        sink = CONSOLE;
    }

    /** True in a notebook (or any rich front end). */
    public static boolean isRich() {
        return sink.isRich();
    }

    /** Shows a value; returns its display id. */
    public static String show(Object value) {
        return sink.show(value);
    }

    /** Replaces a shown value in place. */
    public static void update(String displayId, Object value) {
        sink.update(displayId, value);
    }
}
