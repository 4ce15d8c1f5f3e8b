package dev.cnnlab.train;

/**
 * How much work a notebook does: the full run that gives the figures the prose states, or the fast mode
 * ({@code CNNLAB_FAST=1}: small subsets, few epochs) in which every notebook runs in seconds for tests.
 *
 * <pre>{@code
 * int epochs = Budget.pick(1, 5);        // 1 in fast mode, 5 otherwise
 * var train = data.train().take(Budget.pick(2_000, 60_000));
 * }</pre>
 */
public final class Budget {
    private Budget() {}

    /** True when the environment variable {@code CNNLAB_FAST} is set to 1/true/yes (or the property {@code cnnlab.fast}). */
    public static boolean fast() {
        String v = System.getProperty("cnnlab.fast", System.getenv("CNNLAB_FAST"));
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
    }

    /** {@code fastValue} in fast mode, {@code fullValue} otherwise. */
    public static int pick(int fastValue, int fullValue) {
        return fast() ? fastValue : fullValue;
    }

    /** {@code fastValue} in fast mode, {@code fullValue} otherwise. */
    public static double pick(double fastValue, double fullValue) {
        return fast() ? fastValue : fullValue;
    }

    /** "fast mode" or "full mode", for printing next to figures. */
    public static String describe() {
        return fast() ? "fast mode (CNNLAB_FAST=1: small subsets, few epochs)" : "full mode";
    }
}
