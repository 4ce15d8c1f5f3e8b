package dev.cnnlab.display;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Floats as a person reads them: 4 significant digits ({@code 1.1697641611099243} prints {@code 1.170},
 * {@code 0.000123456} prints {@code 1.235e-04}), where Tablesaw and {@code Double.toString} print all 16 or 17.
 *
 * <pre>{@code
 * SignificantDigits.format(1.1697641611099243);   // "1.170"
 * SignificantDigits.apply(table);                 // every double and float column prints so; values unchanged
 * }</pre>
 */
public final class SignificantDigits {
    /** Digits kept: enough to compare losses and accuracies by eye, few enough to read a column at a glance. */
    public static final int DIGITS = 4;
    private static final MathContext ROUND = new MathContext(DIGITS, RoundingMode.HALF_UP);

    private SignificantDigits() {}

    /**
     * {@code x} rounded half-up to 4 significant digits, trailing zeros kept ({@code 2.0} prints {@code 2.000}).
     * Magnitudes from 0.001 to below 1,000,000 print as plain decimals, others in scientific notation with a
     * two-digit exponent ({@code 1.235e+07}); NaN and infinities print as {@code NaN}, {@code Infinity},
     * {@code -Infinity}.
     */
    public static String format(double x) {
        if (Double.isNaN(x)) return "NaN";
        if (Double.isInfinite(x)) return x > 0 ? "Infinity" : "-Infinity";
        if (x == 0) return "0.000";
        // the shortest decimal that reads back as x (what Double.toString shows), so 0.125 rounds to 0.1250, not 0.1249
        BigDecimal r = new BigDecimal(Double.toString(x)).round(ROUND);
        int exponent = r.precision() - r.scale() - 1;   // of the leading digit, after rounding (9.9996 becomes 10.00)
        if (exponent < -3 || exponent >= 6) {
            BigDecimal mantissa = r.movePointLeft(exponent).setScale(DIGITS - 1, RoundingMode.UNNECESSARY);
            return mantissa.toPlainString() + (exponent < 0 ? "e-" : "e+") + String.format("%02d", Math.abs(exponent));
        }
        return r.setScale(Math.max(0, DIGITS - 1 - exponent), RoundingMode.UNNECESSARY).toPlainString();
    }

    /**
     * Sets a 4-significant-digit print formatter on every {@link DoubleColumn} and {@link FloatColumn} of {@code t}
     * (what {@code print()}, the notebook's table view and {@link Html#table} show); the values stay exact, and a
     * missing value (NaN) prints empty, as Tablesaw prints it.
     *
     * @return {@code t}, for chaining
     */
    public static Table apply(Table t) {
        for (Column<?> c : t.columns()) {
            if (c instanceof DoubleColumn d) d.setPrintFormatter(FORMATTER);
            else if (c instanceof FloatColumn f) f.setPrintFormatter(FORMATTER);
        }
        return t;
    }

    /**
     * {@link #apply} for the double and float columns that still print with Tablesaw's default (all 16 or 17
     * digits); a column given its own formatter keeps it. The notebook kernel calls this on every table it shows.
     *
     * @return {@code t}, for chaining
     */
    public static Table applyWhereUnformatted(Table t) {
        for (Column<?> c : t.columns()) {
            if (c instanceof DoubleColumn d && printsEveryDigit(d, i -> String.valueOf(d.getDouble(i)))) {
                d.setPrintFormatter(FORMATTER);
            } else if (c instanceof FloatColumn f && printsEveryDigit(f, i -> String.valueOf(f.getFloat(i)))) {
                f.setPrintFormatter(FORMATTER);
            }
        }
        return t;
    }

    /**
     * Tablesaw's default formatter prints {@code String.valueOf(value)}; a column whose first rows print so has no
     * formatter of its own (Tablesaw does not expose the formatter).
     */
    private static boolean printsEveryDigit(Column<?> c, java.util.function.IntFunction<String> plain) {
        for (int i = 0, n = Math.min(c.size(), 20); i < n; i++) {
            if (!c.isMissing(i) && !c.getString(i).equals(plain.apply(i))) return false;
        }
        return true;
    }

    private static final NumberColumnFormatter FORMATTER = new NumberColumnFormatter() {
        @Override
        public String format(double value) {
            return Double.isNaN(value) ? "" : SignificantDigits.format(value);
        }

        @Override
        public String format(float value) {
            return Float.isNaN(value) ? "" : SignificantDigits.format(Double.parseDouble(Float.toString(value)));
        }

        @Override
        public String toString() {
            return "SignificantDigits(" + DIGITS + ")";
        }
    };
}
