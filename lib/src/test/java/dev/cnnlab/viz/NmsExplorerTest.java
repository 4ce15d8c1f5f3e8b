package dev.cnnlab.viz;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import dev.cnnlab.detect.Box;
import dev.cnnlab.detect.Detection;
import dev.cnnlab.widgets.FloatSlider;
import dev.cnnlab.widgets.Interact;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

class NmsExplorerTest {
    /** Lesson 09's four boxes: IoU(0,1) = 1444/1756 = 0.822, IoU(0,3) = 1520/1676 = 0.907, box 2 apart. */
    static NmsExplorer lessonBoxes() {
        float[][] boxes = {{10, 10, 50, 50}, {12, 12, 52, 52}, {60, 60, 90, 90}, {11, 9, 49, 51}};
        float[] scores = {0.9f, 0.8f, 0.7f, 0.6f};
        List<Detection> d = new ArrayList<>();
        for (int i = 0; i < 4; i++) d.add(new Detection(0, 0, scores[i], Box.of(boxes[i])));
        return NmsExplorer.of(new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB), d, List.of("shape"));
    }

    @Test
    void keptBoxesForThresholdsComputedByHand() {
        var e = lessonBoxes();
        assertArrayEquals(new int[] {0, 2}, e.view(0.5f, 0f).kept());
        assertArrayEquals(new int[] {0, 1, 2}, e.view(0.85f, 0f).kept());    // 0.822 <= 0.85 < 0.907
        assertArrayEquals(new int[] {0, 1, 2, 3}, e.view(0.95f, 0f).kept());
        var high = e.view(0.5f, 0.75f);
        assertArrayEquals(new int[] {0}, high.kept());
        assertEquals("4 candidates: 2 below score 0.75, 1 removed by NMS at IoU > 0.50, 1 kept", high.summary());
        assertEquals(300, high.render().getWidth(), "drawn 3x larger");
        assertThrows(IllegalArgumentException.class, () -> e.view(1.5f, 0));
    }

    @Test
    void movingTheSlidersRedrawsTheBoxes() {
        Interact w = lessonBoxes().widget();
        assertTrue(w.output().toStaticHtml().contains("0 below score 0.40, 2 removed by NMS at IoU &gt; 0.50, 2 kept"),
                w.output().toStaticHtml());
        ((FloatSlider) w.children().get(0)).value(0.85);
        assertTrue(w.output().toStaticHtml().contains("1 removed by NMS at IoU &gt; 0.85, 3 kept"), w.output().toStaticHtml());
        ((FloatSlider) w.children().get(1)).value(0.75);
        assertTrue(w.output().toStaticHtml().contains("2 below score 0.75, 0 removed by NMS at IoU &gt; 0.85, 2 kept"),
                w.output().toStaticHtml());
    }
}
