package dev.cnnlab.detect;

import java.util.Random;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

class NmsTest {
    static final float[][] BOXES = {
        {0, 0, 10, 10},     // 0
        {1, 0, 11, 10},     // 1: IoU with 0 = 90/110 = 0.818
        {20, 20, 30, 30},   // 2: far away
        {0, 0, 10, 5},      // 3: IoU with 0 = 0.5 exactly
    };

    @Test
    void keepsBestOfEachCluster() {
        float[] scores = {0.8f, 0.9f, 0.3f, 0.7f};
        // 1 (0.9) suppresses 0 (0.818 > 0.5); 3 vs 1: inter 9*5=45, union 50+100-45=105 -> 0.43 kept; 2 kept
        assertArrayEquals(new int[] {1, 3, 2}, Nms.apply(BOXES, scores, 0.5f));
        assertArrayEquals(new int[] {1, 2}, Nms.apply(BOXES, scores, 0.4f));
    }

    @Test
    void equalScoresKeepInputOrderAndThresholdIsStrict() {
        float[] scores = {0.5f, 0.5f, 0.5f, 0.5f};
        // 0 first; 1 suppressed by 0; 2 kept; 3 has IoU exactly 0.5 with 0: not > 0.5, kept
        assertArrayEquals(new int[] {0, 2, 3}, Nms.apply(BOXES, scores, 0.5f));
    }

    @Test
    void classWiseOnlySuppressesSameClass() {
        float[] scores = {0.8f, 0.9f, 0.3f, 0.7f};
        assertArrayEquals(new int[] {1, 0, 3, 2}, Nms.classWise(BOXES, scores, new int[] {0, 1, 0, 0}, 0.5f));
        assertArrayEquals(new int[] {1, 3, 2}, Nms.classWise(BOXES, scores, new int[] {1, 1, 0, 1}, 0.5f));
        int[][] b = Nms.batched(new float[][][] {BOXES, new float[0][]}, new float[][] {scores, {}},
                new int[][] {{0, 1, 0, 0}, {}}, 0.5f);
        assertArrayEquals(new int[] {1, 0, 3, 2}, b[0]);
        assertEquals(0, b[1].length);
    }

    @Test
    void agreesWithNaiveForwardSuppression() {
        Random r = new Random(1);
        int n = 5000;
        float[][] boxes = new float[n][];
        float[] scores = new float[n];
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            float x = r.nextFloat() * 500, y = r.nextFloat() * 500;
            boxes[i] = new float[] {x, y, x + 5 + r.nextFloat() * 60, y + 5 + r.nextFloat() * 60};
            scores[i] = r.nextInt(100) / 100f;  // many ties
            classes[i] = r.nextInt(3);
        }
        assertArrayEquals(naive(boxes, scores, null, 0.5f), Nms.apply(boxes, scores, 0.5f));
        assertArrayEquals(naive(boxes, scores, classes, 0.3f), Nms.classWise(boxes, scores, classes, 0.3f));
        // mixed sizes: tiny, image-sized, zero-area and identical boxes, on a grid so edges touch exactly
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(10);
            float x = r.nextInt(50) * 10, y = r.nextInt(50) * 10;
            boxes[i] = switch (kind) {
                case 0 -> new float[] {0, 0, 500 + r.nextInt(3), 500};
                case 1 -> new float[] {x, y, x, y + 10};
                case 2 -> new float[] {100, 100, 200, 200};
                default -> new float[] {x, y, x + 10 * (1 + r.nextInt(8)), y + 10 * (1 + r.nextInt(8))};
            };
        }
        for (float t : new float[] {0f, 0.3f, 0.5f, 0.9f}) {
            assertArrayEquals(naive(boxes, scores, null, t), Nms.apply(boxes, scores, t), "threshold " + t);
            assertArrayEquals(naive(boxes, scores, classes, t), Nms.classWise(boxes, scores, classes, t));
        }
    }

    /** The textbook version: sort (stable), then each kept box suppresses later ones. */
    private static int[] naive(float[][] boxes, float[] scores, int[] classes, float t) {
        Integer[] order = new Integer[boxes.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
        boolean[] dead = new boolean[boxes.length];
        java.util.List<Integer> kept = new java.util.ArrayList<>();
        for (int p = 0; p < order.length; p++) {
            if (dead[p]) continue;
            kept.add(order[p]);
            for (int q = p + 1; q < order.length; q++) {
                if (classes != null && classes[order[p]] != classes[order[q]]) continue;
                if (Iou.of(boxes[order[p]], boxes[order[q]]) > t) dead[q] = true;
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void rejectsBadInput() {
        var e = assertThrows(DetectionException.class,
                () -> Nms.apply(BOXES, new float[] {0.1f, Float.NaN, 0, 0}, 0.5f));
        assertEquals("scores[1] is NaN", e.getMessage());
        assertThrows(DetectionException.class, () -> Nms.apply(BOXES, new float[3], 0.5f));
        e = assertThrows(DetectionException.class,
                () -> Nms.apply(new float[][] {{0, 0, 1, 1}, {3, 0, 1, 1}}, new float[2], 0.5f));
        assertTrue(e.getMessage().startsWith("boxes[1]"));
    }
}
