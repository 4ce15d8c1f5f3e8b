package dev.cnnlab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;

import dev.cnnlab.train.EpochStats;
import dev.cnnlab.train.History;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class SignificantDigitsTest {
    @Test
    void realTrainingFiguresKeepFourSignificantDigits() {
        assertEquals("1.170", SignificantDigits.format(1.1697641611099243));   // a loss from issue 26's table
        assertEquals("0.8203", SignificantDigits.format(0.8203125));           // 105/128 accuracy: 0.82031 -> 0.8203
        assertEquals("0.1250", SignificantDigits.format(0.125));               // exact half-way digit kept, zero padded
        assertEquals("2.000", SignificantDigits.format(2.0));
        assertEquals("-0.6931", SignificantDigits.format(-Math.log(2)));     // 0.693147...
        assertEquals("1235", SignificantDigits.format(1234.5678));            // images per second
        assertEquals("12350", SignificantDigits.format(12345.678));
        assertEquals("0.001000", SignificantDigits.format(0.001));
    }

    @Test
    void roundingThatCarriesMovesTheLeadingDigit() {
        assertEquals("10.00", SignificantDigits.format(9.9996));
        assertEquals("1.000e+06", SignificantDigits.format(999_999.7));
        assertEquals("0.001000", SignificantDigits.format(0.00099996));
    }

    @Test
    void tinyAndHugeMagnitudesUseScientificNotation() {
        assertEquals("1.235e-04", SignificantDigits.format(0.000123456));
        assertEquals("6.022e+23", SignificantDigits.format(6.02214076e23));
        assertEquals("1.234e+07", SignificantDigits.format(12_344_999.0));
        assertEquals("0.000", SignificantDigits.format(0.0));
        assertEquals("NaN", SignificantDigits.format(Double.NaN));
        assertEquals("-Infinity", SignificantDigits.format(Double.NEGATIVE_INFINITY));
    }

    @Test
    void applyFormatsDoubleAndFloatColumnsAndKeepsValues() {
        Table t = Table.create("t", IntColumn.create("epoch", 1, 2),
                DoubleColumn.create("loss", 1.1697641611099243, Double.NaN),
                FloatColumn.create("acc", new float[] {0.1f, 0.83333333f}));
        assertTrue(t.print().contains("1.1697641611099243"), "before: " + t.print());
        SignificantDigits.apply(t);
        assertEquals("1.170", t.getString(0, 1));
        assertEquals("", t.getString(1, 1), "a missing value prints empty");
        assertEquals("0.1000", t.getString(0, 2));
        assertEquals("0.8333", t.getString(1, 2));
        assertEquals("1", t.getString(0, 0), "int columns untouched");
        assertEquals(1.1697641611099243, t.doubleColumn("loss").get(0), 0.0, "the value itself is exact");
        String printed = t.printAll();
        assertTrue(printed.contains("1.170") && printed.contains("0.8333"), printed);
        assertFalse(printed.contains("1.16976"), printed);
        assertTrue(Html.table(t).contains(">1.170<"), Html.table(t));
    }

    @Test
    void historyTablePrintsFourSignificantDigits() {
        History h = History.of(List.of(new EpochStats(1, 1.1697641611099243, 0.5859375, 0.8412345, 0.71875, Double.NaN,
                1e-3, 12.3456, 4863.41)), List.of(), "cpu", false);
        Table t = h.table();
        String printed = t.printAll();
        for (String cell : List.of("1.170", "0.5859", "0.8412", "0.7188", "0.001000", "12.35", "4863")) {
            assertTrue(printed.contains(cell), cell + " missing in\n" + printed);
        }
        assertFalse(printed.contains("1.1697641611099243"), printed);
        assertEquals(1.1697641611099243, t.doubleColumn("loss").get(0), 0.0);
    }

    @Test
    void unformattedColumnsGetFourDigitsAndOwnFormattersStay() {
        var plain = tech.tablesaw.api.DoubleColumn.create("ratio", 0.1579083306729098, -0.17000000000000348);
        var own = tech.tablesaw.api.DoubleColumn.create("own", 0.1579083306729098);
        own.setPrintFormatter(new tech.tablesaw.columns.numbers.NumberColumnFormatter(new java.text.DecimalFormat("0.0")));
        var t = tech.tablesaw.api.Table.create("t", plain, own.append(1.25));
        assertEquals("0.1579083306729098", t.getString(0, 0), "Tablesaw's default prints every digit");
        SignificantDigits.applyWhereUnformatted(t);
        assertEquals("0.1579", t.getString(0, 0));
        assertEquals("-0.1700", t.getString(1, 0));
        assertEquals("0.2", t.getString(0, 1), "a column's own formatter is kept");
        assertEquals(0.1579083306729098, t.doubleColumn("ratio").get(0), 0.0, "values are unchanged");
    }
}
