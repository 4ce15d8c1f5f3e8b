package dev.cnnlab.kernel;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much stream text (stdout and stderr together) one cell may send to the notebook: the rest is dropped
 * in the kernel as it arrives, so a cell printing hundreds of megabytes neither floods the front end nor
 * grows the kernel (every byte passed on is held, as a Java string and as JSON, until the client reads it).
 * JupyterLab caps what it displays in the same way. The limit is {@value #ENV} (bytes, or with a {@code k},
 * {@code M} or {@code G} suffix, powers of 1024; {@code 0} turns the cap off), default 10 MB. Output that a
 * cell's background threads print after the cell ends counts towards that cell.
 */
final class OutputBudget {
    private static final Logger LOG = LoggerFactory.getLogger(OutputBudget.class);
    static final String ENV = "CNNLAB_MAX_CELL_OUTPUT";
    static final long DEFAULT_LIMIT = 10L << 20;

    private final long limit;
    private long used;
    private long dropped;

    OutputBudget(long limit) {
        this.limit = limit <= 0 ? Long.MAX_VALUE : limit;
    }

    /** The budget set by {@value #ENV}; a malformed value is logged and the default used. */
    static OutputBudget fromEnvironment() {
        String v = System.getenv(ENV);
        try {
            return new OutputBudget(v == null || v.isBlank() ? DEFAULT_LIMIT : parse(v));
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: {}; using {}", ENV, e.getMessage(), size(DEFAULT_LIMIT));
            return new OutputBudget(DEFAULT_LIMIT);
        }
    }

    /** {@code "10485760"}, {@code "512k"}, {@code "10M"}, {@code "1G"} in bytes. */
    static long parse(String value) {
        String v = value.strip();
        char unit = Character.toLowerCase(v.isEmpty() ? ' ' : v.charAt(v.length() - 1));
        int shift = unit == 'k' ? 10 : unit == 'm' ? 20 : unit == 'g' ? 30 : 0;
        String digits = shift == 0 ? v : v.substring(0, v.length() - 1).strip();
        if (!digits.matches("\\d{1,12}")) {
            throw new IllegalArgumentException("'" + value + "' is not a size in bytes (e.g. 10485760, 512k, 10M)");
        }
        return Long.parseLong(digits) << shift;
    }

    /** Starts a cell: nothing used, nothing dropped. */
    synchronized void reset() {
        used = 0;
        dropped = 0;
    }

    /** How many of the next {@code n} bytes may pass; the others are counted as dropped. */
    synchronized int allow(int n) {
        long room = limit - used;
        int pass = (int) Math.max(0, Math.min(n, room));
        used += pass;
        dropped += n - pass;
        return pass;
    }

    /**
     * Records {@code n} bytes that were taken by {@link #allow} but dropped after all (the end of a cut character);
     * the budget is spent, so no later text slips into the room they leave.
     */
    synchronized void unpass(int n) {
        used = limit;
        dropped += n;
    }

    /** The bytes dropped since the last call (or the reset), and starts counting again. */
    synchronized long takeDropped() {
        long d = dropped;
        dropped = 0;
        return d;
    }

    /** The line telling the user how much was dropped, e.g. "... 40.0 MB of output dropped (limit 10 MB, ...)". */
    String notice(long droppedBytes) {
        return "... " + size(droppedBytes) + " of output dropped (limit " + exactSize(limit) + ", " + ENV + ")\n";
    }

    /** A size as people read it: "40.0 MB", "1.5 kB", "12 bytes" (k = 1024). */
    static String size(long bytes) {
        if (bytes >= 1L << 20) return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
        if (bytes >= 1L << 10) return String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }

    /** As {@link #size}, without the decimal for whole units: "10 MB", "512 kB". */
    static String exactSize(long bytes) {
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) return (bytes >> 20) + " MB";
        if (bytes >= 1L << 10 && bytes < 1L << 20 && bytes % (1L << 10) == 0) return (bytes >> 10) + " kB";
        return size(bytes);
    }
}
