package dev.cnnlab.detect;

import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

class BoxesTest {
    @Test
    void cornerCenterXywhByHand() {
        float[][] corner = {{10, 20, 30, 60}};
        // centre (20, 40), size 20 x 40
        assertArrayEquals(new float[] {20, 40, 20, 40}, Boxes.cornerToCenter(corner)[0]);
        assertArrayEquals(new float[] {10, 20, 20, 40}, Boxes.cornerToXywh(corner)[0]);
        assertArrayEquals(new float[] {10, 20, 30, 60}, Boxes.centerToCorner(new float[][] {{20, 40, 20, 40}})[0]);
        assertArrayEquals(new float[] {10, 20, 30, 60}, Boxes.xywhToCorner(new float[][] {{10, 20, 20, 40}})[0]);
        assertArrayEquals(new float[] {800}, Boxes.areas(corner));
    }

    @Test
    void roundTripsLeaveBoxesUnchanged() {
        float[][] b = {{0.1f, 0.2f, 0.5f, 0.9f}, {3, 4, 3, 4}, {-2, -1, 7, 5}};
        float[][] back = Boxes.centerToCorner(Boxes.cornerToCenter(b));
        float[][] back2 = Boxes.xywhToCorner(Boxes.cornerToXywh(b));
        for (int i = 0; i < b.length; i++) {
            assertArrayEquals(b[i], back[i], 1e-6f);
            assertArrayEquals(b[i], back2[i], 1e-6f);
        }
    }

    @Test
    void scaleAndClip() {
        float[][] px = {{-16, 32, 64, 300}};
        assertArrayEquals(new float[] {-0.125f, 0.25f, 0.5f, 2.34375f}, Boxes.scale(px, 1f / 128, 1f / 128)[0]);
        assertArrayEquals(new float[] {0, 1, 0.99f, 1}, Boxes.clip(new float[][] {{-0.5f, 1.5f, 0.99f, 2}}, 0, 1)[0],
                1e-6f);
    }

    @Test
    void badBoxesNameIndexAndProblem() {
        var e = assertThrows(DetectionException.class,
                () -> Boxes.validate(new float[][] {{0, 0, 1, 1}, {5, 0, 2, 1}}, "predictions"));
        assertTrue(e.getMessage().startsWith("predictions[1]: x2 (2.0) < x1 (5.0)"), e.getMessage());
        e = assertThrows(DetectionException.class,
                () -> Boxes.validate(new float[][] {{0, 0, 1, 1}, {0, 0, 1, 1}, {0, Float.NaN, 1, 1}}, "truth"));
        assertTrue(e.getMessage().startsWith("truth[2]: coordinates must be finite"), e.getMessage());
        e = assertThrows(DetectionException.class, () -> Boxes.validate(new float[][] {{0, 3, 1, 1}}, "b"));
        assertTrue(e.getMessage().startsWith("b[0]: y2 (1.0) < y1 (3.0)"), e.getMessage());
        e = assertThrows(DetectionException.class, () -> Boxes.validate(new float[][] {{0, 3, 1}}, "b"));
        assertTrue(e.getMessage().contains("4 numbers"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Box(1, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Boxes.toBoxes(new float[][] {{Float.NaN, 0, 1, 1}}));
    }

    @Test
    void boxRecord() {
        Box b = Box.ofCenter(5, 5, 4, 2);
        assertEquals(new Box(3, 4, 7, 6), b);
        assertEquals(8f, b.area());
        assertEquals(new Box(0.75f, 1, 1.75f, 1.5f), b.scale(0.25f, 0.25f));
        assertEquals(1f, b.iou(b));
    }
}
