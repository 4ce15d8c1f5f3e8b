package dev.cnnlab.detect;

import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

class AnchorsTest {
    @Test
    void oneCellByHand() {
        // 1x1 map: centre (0.5, 0.5); sizes {0.5, 0.25}, ratios {1, 4}: anchors (0.5,1), (0.25,1), (0.5,4)
        float[][] a = Anchors.generate(1, 1, new float[] {0.5f, 0.25f}, new float[] {1, 4});
        assertEquals(3, a.length);
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.75f, 0.75f}, a[0], 1e-7f);
        assertArrayEquals(new float[] {0.375f, 0.375f, 0.625f, 0.625f}, a[1], 1e-7f);
        // ratio 4: w = 0.5 * 2 = 1, h = 0.5 / 2 = 0.25
        assertArrayEquals(new float[] {0f, 0.375f, 1f, 0.625f}, a[2], 1e-7f);
    }

    @Test
    void cellOrderIsRowMajorAndCentresAreCellCentres() {
        float[] sizes = {0.2f, 0.1f, 0.05f};
        float[] ratios = {1, 2, 0.5f};
        int k = Anchors.perCell(sizes, ratios);
        assertEquals(5, k);
        float[][] a = Anchors.generate(2, 4, sizes, ratios);
        assertEquals(2 * 4 * 5, a.length);
        // cell (row 1, column 2): centre ((2 + 0.5) / 4, (1 + 0.5) / 2) = (0.625, 0.75)
        float[] first = a[(1 * 4 + 2) * k];
        assertEquals(0.625f, (first[0] + first[2]) / 2, 1e-6f);
        assertEquals(0.75f, (first[1] + first[3]) / 2, 1e-6f);
        // size 0.2, ratio 1 on a 2x4 map: w = 0.2 * 2/4 = 0.1, h = 0.2
        assertEquals(0.1f, first[2] - first[0], 1e-6f);
        assertEquals(0.2f, first[3] - first[1], 1e-6f);
        // last anchor of the cell: size 0.2, ratio 0.5: w = 0.2 * sqrt(0.5) * 0.5, h = 0.2 / sqrt(0.5)
        float[] last = a[(1 * 4 + 2) * k + 4];
        assertEquals(0.2 * Math.sqrt(0.5) * 0.5, last[2] - last[0], 1e-6);
        assertEquals(0.2 / Math.sqrt(0.5), last[3] - last[1], 1e-6);
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(DetectionException.class, () -> Anchors.generate(0, 3, new float[] {0.5f}, new float[] {1}));
        var e = assertThrows(DetectionException.class,
                () -> Anchors.generate(2, 2, new float[] {0.5f, -1}, new float[] {1}));
        assertTrue(e.getMessage().startsWith("sizes[1]"), e.getMessage());
        assertThrows(DetectionException.class, () -> Anchors.generate(2, 2, new float[] {0.5f}, new float[0]));
    }

    @Test
    void theBuilderGivesTheSameAnchorsAsBoxes() {
        Anchors grid = Anchors.grid(1, 1).sizes(0.5f, 0.25f).ratios(1, 4);
        assertEquals(3, grid.perCell());
        java.util.List<Box> boxes = grid.boxes();
        assertEquals(new Box(0.25f, 0.25f, 0.75f, 0.75f), boxes.get(0));
        assertEquals(new Box(0f, 0.375f, 1f, 0.625f), boxes.get(2));
        assertEquals(4 * 4 * 5, Anchors.grid(4, 4).sizes(0.75f, 0.5f, 0.25f).ratios(1, 2, 0.5f).boxes().size());
        var e = assertThrows(DetectionException.class, () -> Anchors.grid(2, 2).ratios(1).boxes());
        assertTrue(e.getMessage().contains(".sizes("), e.getMessage());
        assertThrows(DetectionException.class, () -> Anchors.grid(0, 2));
    }
}
