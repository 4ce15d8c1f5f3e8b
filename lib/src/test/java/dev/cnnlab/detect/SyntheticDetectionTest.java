package dev.cnnlab.detect;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

class SyntheticDetectionTest {
    @Test
    void sameSeedSameData() {
        var a = SyntheticDetection.generate(20, 64, 7);
        var b = SyntheticDetection.generate(20, 64, 7);
        assertArrayEquals(a.pixels(), b.pixels());
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(a.labels(i), b.labels(i));
            assertArrayEquals(a.boxes(i), b.boxes(i));
        }
        var c = SyntheticDetection.generate(20, 64, 8);
        assertFalse(java.util.Arrays.equals(a.pixels(), c.pixels()));
        // image i depends on (seed, i) only: a bigger set starts with the smaller one
        var longer = SyntheticDetection.generate(30, 64, 7);
        assertArrayEquals(a.pixels(), longer.slice(0, 20).pixels());
        assertArrayEquals(a.boxes(19), longer.boxes(19));
    }

    @Test
    void boxesAreInsideSizedAndCounted() {
        int size = 128;
        var d = SyntheticDetection.generate(300, size, 1);
        assertEquals(300 * 3 * size * size, d.pixels().length);
        int[] perClass = new int[d.numClasses()];
        int[] perCount = new int[SyntheticDetection.MAX_OBJECTS + 1];
        for (int i = 0; i < d.size(); i++) {
            float[][] b = d.boxes(i);
            int[] l = d.labels(i);
            assertEquals(b.length, l.length);
            assertTrue(b.length >= 1 && b.length <= SyntheticDetection.MAX_OBJECTS, "image " + i + ": " + b.length);
            perCount[b.length]++;
            for (int k = 0; k < b.length; k++) {
                assertTrue(b[k][0] >= 0 && b[k][1] >= 0 && b[k][2] <= size && b[k][3] <= size);
                float w = b[k][2] - b[k][0], h = b[k][3] - b[k][1];
                assertTrue(w >= 13 && w <= 60 && h >= 13 && h <= 60, w + "x" + h);
                perClass[l[k]]++;
                for (int j = 0; j < k; j++) assertTrue(Iou.of(b[j], b[k]) <= 0.15f);
            }
        }
        for (int c = 0; c < perClass.length; c++) assertTrue(perClass[c] > 100, "class " + c + ": " + perClass[c]);
        for (int n = 1; n <= SyntheticDetection.MAX_OBJECTS; n++) assertTrue(perCount[n] > 10, n + " objects: " + perCount[n]);
        for (float v : d.pixels()) assertTrue(v >= 0 && v <= 1);
        assertEquals(d.size(), d.groundTruth().stream().mapToInt(GroundTruth::image).max().getAsInt() + 1);
    }

    @Test
    void shapesStandOutFromTheBackground() {
        var d = SyntheticDetection.generate(50, 64, 3);
        int plane = 64 * 64;
        for (int i = 0; i < d.size(); i++) {
            float[][] b = d.boxes(i);
            int[] l = d.labels(i);
            // the centre of every shape except the last-drawn-over ones is shape colour: max channel >= 0.85
            float[][] later = b;
            for (int k = 0; k < b.length; k++) {
                int cx = (int) ((b[k][0] + b[k][2]) / 2), cy = (int) ((b[k][1] + b[k][3]) / 2);
                boolean covered = false;
                for (int j = k + 1; j < later.length; j++) {
                    covered |= cx >= later[j][0] && cx < later[j][2] && cy >= later[j][1] && cy < later[j][3];
                }
                if (covered) continue;
                float max = 0;
                for (int c = 0; c < 3; c++) max = Math.max(max, d.pixels()[i * 3 * plane + c * plane + cy * 64 + cx]);
                assertTrue(max >= 0.8f, "image " + i + " object " + k + " (" + d.classes().get(l[k]) + "): " + max);
            }
        }
    }

    @Test
    void arraysForTraining() {
        var d = SyntheticDetection.generate(4, 64, 5);
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(new ai.djl.ndarray.types.Shape(4, 3, 64, 64), d.imagesArray(m).getShape());
            var labels = d.labelsArray(m);
            assertEquals(new ai.djl.ndarray.types.Shape(4, 5, 5), labels.getShape());
            float[] flat = labels.toFloatArray();
            assertEquals(d.labels(0)[0], flat[0]);
            assertEquals(d.boxes(0)[0][0] / 64f, flat[1], 1e-6f);
            for (int i = 0; i < 4; i++) {
                for (int k = 0; k < 5; k++) {
                    float cls = flat[(i * 5 + k) * 5];
                    assertEquals(k < d.labels(i).length ? d.labels(i)[k] : -1f, cls, "image " + i + " row " + k);
                }
            }
        }
        assertEquals(64, d.image(0).getWidth());
        assertThrows(DetectionException.class, () -> SyntheticDetection.generate(3, 16, 0));
        assertThrows(DetectionException.class, () -> SyntheticDetection.generate(-1, 64, 0));
    }

    @Test
    void tinySsdAnchorsCoverTheObjects() {
        // d2l's TinySSD anchors on a 128-pixel input (feature maps 16, 8, 4, 2, 1): an SSD can only learn
        // an object well if some anchor overlaps it; check almost every object has one at IoU >= 0.5
        float[][] sizes = {{0.2f, 0.272f}, {0.37f, 0.447f}, {0.54f, 0.619f}, {0.71f, 0.79f}, {0.88f, 0.961f}};
        int[] maps = {16, 8, 4, 2, 1};
        float[][] anchors = new float[0][];
        for (int s = 0; s < maps.length; s++) {
            anchors = DetectionDecoderTest.concat(anchors, Anchors.generate(maps[s], maps[s], sizes[s], new float[] {1, 2, 0.5f}));
        }
        var data = SyntheticDetection.generate(200, 128, 4);
        int objects = 0, covered = 0;
        for (int i = 0; i < data.size(); i++) {
            float[][] iou = Iou.matrix(data.normalisedBoxes(i), anchors);
            for (float[] row : iou) {
                float best = 0;
                for (float v : row) best = Math.max(best, v);
                objects++;
                if (best >= 0.5f) covered++;
            }
        }
        assertTrue(covered >= 0.95 * objects, covered + " of " + objects + " objects have an anchor with IoU >= 0.5");
    }
}
