package dev.cnnlab.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClaimTableTest {
    @Test
    void rowsBecomeATableAndColouredHtml() {
        var t = new ClaimTable()
                .add("004", "total 224,800 params", "224,002", ClaimTable.Verdict.WRONG, "net.summary()")
                .add("000", "attention <fusion>", "-", ClaimTable.Verdict.UNTESTABLE, "");
        assertEquals(2, t.table().rowCount());
        assertEquals("wrong", t.table().stringColumn("verdict").get(0));
        assertEquals(ClaimTable.Verdict.UNTESTABLE, t.verdict(1));
        assertTrue(t.toHtml().contains("#fdecea\"><b>wrong</b>"), t.toHtml());
        assertTrue(t.toHtml().contains("attention &lt;fusion&gt;"));
    }
}
