package dev.cnnlab.train;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cnnlab.display.ImageGrid;
import static org.junit.jupiter.api.Assertions.*;

class ConfusionMatrixTest {
    @Test
    void countsPairsRowsTrueColumnsPredicted() {
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 0, 1, 1, 2}, new int[] {0, 1, 1, 1, 0}, List.of("a", "b", "c"));
        assertEquals(1, m.count(0, 0));
        assertEquals(1, m.count(0, 1));
        assertEquals(2, m.count(1, 1));
        assertEquals(1, m.count(2, 0));
        assertEquals(2, m.support(0));
        assertEquals(3, m.predictedCount(1));
        assertEquals(4, m.table().columnCount());
        assertEquals(1, m.chart().getSeriesMap().size());
        assertTrue(m.toHtml().contains("<table"));
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[] {3}, new int[] {0}, List.of("a")));
    }

    @Test
    void gridPlacesCaptionedImages() {
        BufferedImage a = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage g = ImageGrid.of(List.of(a, a, a), List.of("x", "y", "z"), 2, 2);
        assertTrue(g.getWidth() >= 2 * 8 && g.getHeight() >= 2 * 8);
        BufferedImage grey = ImageGrid.greyMap(new float[] {0, 1, 2, 3}, 0, 2, 2);
        assertEquals(0, grey.getRaster().getSample(0, 0, 0));
        assertEquals(255, grey.getRaster().getSample(1, 1, 0));
    }
}
