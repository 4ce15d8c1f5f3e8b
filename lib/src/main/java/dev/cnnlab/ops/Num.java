package dev.cnnlab.ops;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number formatting for explanations: whole numbers without ".0", others to at most 4 decimals. */
final class Num {
    private Num() {}

    /** {@code 20}, {@code 5.45}, {@code -0.3}, {@code 1.234e-05}; float noise such as 5.4500003 shows as 5.45. */
    static String fmt(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        if (x != 0 && Math.abs(x) < 1e-3) {
            return String.format(java.util.Locale.ROOT, "%.3e", x);
        }
        // floats carry ~7 significant digits: round there first so 5.4500003f reads 5.45
        BigDecimal b = new BigDecimal(x).round(new java.math.MathContext(7, RoundingMode.HALF_EVEN));
        b = b.setScale(Math.min(4, Math.max(b.scale(), 0)), RoundingMode.HALF_EVEN).stripTrailingZeros();
        String s = b.toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** A factor inside a product: negatives in parentheses, so {@code 1·(-2)} is not misread. */
    static String factor(double x) {
        String s = fmt(x);
        return s.startsWith("-") ? "(" + s + ")" : s;
    }

}
