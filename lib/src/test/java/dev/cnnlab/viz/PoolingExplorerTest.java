package dev.cnnlab.viz;

import dev.cnnlab.widgets.Interact;
import dev.cnnlab.widgets.ToggleButtons;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

class PoolingExplorerTest {
    // lesson 03's X
    static final int[][] X = {{1, 3, 2, 1}, {4, 6, 5, 0}, {7, 2, 9, 8}, {1, 0, 3, 4}};

    @Test
    void maxPoolingSaysWhichCellWonEachWindow() {
        var v = PoolingExplorer.of(X).view(true, 2, 2, 0);
        assertArrayEquals(new float[][] {{6, 5}, {7, 9}}, v.output().toArray());
        assertArrayEquals(new int[][] {{1, 1}}, v.from(0, 0));
        assertArrayEquals(new int[][] {{1, 2}}, v.from(0, 1));
        assertArrayEquals(new int[][] {{2, 0}}, v.from(1, 0));
        assertArrayEquals(new int[][] {{2, 2}}, v.from(1, 1));
        assertEquals("out[1][0] = x[2][0] = 7", v.lines().get(2));
    }

    @Test
    void averagePoolingComesFromEveryRealCellAndCountsPadding() {
        var v = PoolingExplorer.of(X).view(false, 2, 2, 0);
        assertArrayEquals(new float[][] {{3.5f, 2}, {2.5f, 6}}, v.output().toArray());
        assertArrayEquals(new int[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, v.from(0, 0));
        var padded = PoolingExplorer.of(X).view(false, 2, 2, 1);   // 3x3 output; the corner window holds x[0][0] only
        assertEquals("3x3", padded.output().shape());
        assertArrayEquals(new int[][] {{0, 0}}, padded.from(0, 0));
        assertEquals("out[0][0] = (1 + 0 + 0 + 0) / 4 = 0.25", padded.lines().get(0));
    }

    @Test
    void aTieGoesToTheFirstCellInRowMajorOrder() {
        var v = PoolingExplorer.of(new int[][] {{1, 5}, {5, 5}}).view(true, 2, 2, 0);
        assertArrayEquals(new int[][] {{0, 1}}, v.from(0, 0));
        assertThrows(IllegalArgumentException.class, () -> v.from(1, 0));
    }

    @Test
    @SuppressWarnings("unchecked")
    void switchingToAverageAndStrideOneRedrawsTheOutput() {
        Interact w = PoolingExplorer.of(X).widget();
        assertTrue(w.output().toStaticHtml().contains("max pooling, 2x2 window, stride 2, padding 0 → output 2x2"));
        ((ToggleButtons<Boolean>) w.children().get(0)).value(false);
        assertTrue(w.output().toStaticHtml().contains("average pooling"), w.output().toStaticHtml());
        ConvolutionExplorerTest.slider(w, "stride").value(1);
        assertTrue(w.output().toStaticHtml().contains("output 3x3"), w.output().toStaticHtml());
        ConvolutionExplorerTest.slider(w, "padding").value(1);   // window 2, padding 1 is allowed: 5x5
        assertTrue(w.output().toStaticHtml().contains("output 5x5"), w.output().toStaticHtml());
    }
}
