package dev.cnnlab.detect;

import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

class IouTest {
    @Test
    void handComputedCases() {
        float[] a = {0, 0, 2, 2};
        assertEquals(1f, Iou.of(a, a));
        // overlap 1x2 = 2, union 4 + 4 - 2 = 6
        assertEquals(2f / 6f, Iou.of(a, new float[] {1, 0, 3, 2}), 1e-7f);
        // overlap 1x1 = 1, union 4 + 4 - 1 = 7
        assertEquals(1f / 7f, Iou.of(a, new float[] {1, 1, 3, 3}), 1e-7f);
        // contained: 1 / 4
        assertEquals(0.25f, Iou.of(a, new float[] {0.5f, 0.5f, 1.5f, 1.5f}), 1e-7f);
        // touching edges and disjoint boxes: 0
        assertEquals(0f, Iou.of(a, new float[] {2, 0, 4, 2}));
        assertEquals(0f, Iou.of(a, new float[] {5, 5, 6, 6}));
        // two empty boxes: 0, not NaN
        assertEquals(0f, Iou.of(new float[] {1, 1, 1, 1}, new float[] {1, 1, 1, 1}));
    }

    @Test
    void matrixIsPairwise() {
        float[][] a = {{0, 0, 2, 2}, {1, 1, 3, 3}};
        float[][] b = {{0, 0, 2, 2}, {1, 0, 3, 2}, {10, 10, 11, 11}};
        float[][] m = Iou.matrix(a, b);
        assertEquals(2, m.length);
        assertEquals(3, m[0].length);
        assertArrayEquals(new float[] {1, 2f / 6, 0}, m[0], 1e-7f);
        assertArrayEquals(new float[] {1f / 7, 2f / 6, 0}, m[1], 1e-7f);
        assertEquals(0, Iou.matrix(new float[0][], b).length);
    }

    @Test
    void rejectsBadBoxes() {
        var e = assertThrows(DetectionException.class,
                () -> Iou.matrix(new float[][] {{0, 0, 1, 1}}, new float[][] {{0, 0, 1, 1}, {2, 2, 1, 3}}));
        assertTrue(e.getMessage().startsWith("b[1]: x2"), e.getMessage());
    }
}
