package dev.cnnlab.viz;

import java.util.List;

import dev.cnnlab.widgets.IntSlider;
import dev.cnnlab.widgets.Interact;
import dev.cnnlab.widgets.Widget;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

class ConvolutionExplorerTest {
    // lesson 02's X and K
    static final int[][] X = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    static final int[][] K = {{0, 1, 0}, {1, 0, 1}, {0, 1, 0}};

    @Test
    void strideTwoPaddingOneByHand() {
        var v = ConvolutionExplorer.of(X, K).view("X", "K", 2, 1, 1, 1, 1);
        // padded centre (2i+1, 2j+1) is x[2i][2j]; the plus kernel adds its up, left, right and down neighbours
        assertArrayEquals(new float[][] {{0 + 0 + 2 + 4, 0 + 2 + 0 + 6}, {4 + 0 + 8 + 0, 6 + 8 + 0 + 0}}, v.output().toArray());
        assertEquals("rows floor((3 + 2·1 − 1·(3 − 1) − 1) / 2) + 1 = 2; columns floor((3 + 2·1 − 1·(3 − 1) − 1) / 2) + 1 = 2",
                v.formula());
        List<String> lines = v.cell().lines();
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("out[1][1] = ") && lines.get(0).endsWith(" = 14"), lines.get(0));
    }

    @Test
    void outputShapeFollowsTheFormulaWithDilation() {
        var e = ConvolutionExplorer.of(X, K);
        for (int s = 1; s <= 3; s++) {
            for (int p = 0; p <= 2; p++) {
                for (int d = 1; d <= 3; d++) {
                    int n = 8, k = 3, expected = (n + 2 * p - d * (k - 1) - 1) / s + 1;
                    if (d * (k - 1) + 1 > n + 2 * p) continue;
                    var v = e.view("8x8 square", "Sobel x", s, p, d, 0, 0);
                    assertEquals(expected + "x" + expected, v.output().shape(), "s=" + s + " p=" + p + " d=" + d);
                }
            }
        }
        // the square's left edge: Sobel x answers +4 where the dark-to-bright step is under the kernel's middle column
        var valid = e.view("8x8 square", "Sobel x", 1, 0, 1, 0, 0).output();
        assertEquals(4f, valid.get(2, 0));   // window cols 0..2: dark, dark, bright → 1·1+2·1+1·1 = 4
        assertEquals(-4f, valid.get(2, 4));
    }

    @Test
    void cellOutsideASmallerOutputMovesToItsLastCellAndBadSettingsSayWhy() {
        var e = ConvolutionExplorer.of(X, K);
        var v = e.view("X", "K", 1, 0, 1, 5, 5);   // valid 3x3 on 3x3: one cell
        assertEquals(0, v.row());
        assertEquals(20f, v.output().get(0, 0));
        var bad = assertThrows(IllegalArgumentException.class, () -> e.view("X", "K", 1, 0, 2, 0, 0));
        assertTrue(bad.getMessage().contains("dilation 2"), bad.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class, () -> e.view("Y", "K", 1, 0, 1, 0, 0));
        assertTrue(unknown.getMessage().contains("no image named 'Y'"), unknown.getMessage());
    }

    @Test
    void movingASliderRedrawsTheOutput() {
        Interact w = ConvolutionExplorer.of(X, K).widget();
        assertTrue(html(w).contains("output 1x1"), html(w));
        slider(w, "padding").value(1);
        assertTrue(html(w).contains("output 3x3"), html(w));
        slider(w, "stride").value(2);
        assertTrue(html(w).contains("output 2x2"), html(w));
        slider(w, "dilation").value(3);   // spans 7 cells > 5 padded: the reason shows instead
        assertTrue(html(w).contains("does not fit"), html(w));
        assertTrue(w.toStaticHtml().contains("stride"), "the controls render statically too");
    }

    static String html(Interact w) {
        return w.output().toStaticHtml();
    }

    static IntSlider slider(Interact w, String description) {
        for (Widget c : w.children()) {
            if (c instanceof IntSlider s && description.equals(s.get("description"))) return s;
        }
        throw new AssertionError("no slider " + description);
    }
}
