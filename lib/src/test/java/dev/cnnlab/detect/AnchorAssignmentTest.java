package dev.cnnlab.detect;

import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

class AnchorAssignmentTest {
    // the d2l example: five anchors, two objects (dog, cat)
    static final float[][] ANCHORS = {
        {0f, 0.1f, 0.2f, 0.3f}, {0.15f, 0.2f, 0.4f, 0.4f}, {0.63f, 0.05f, 0.88f, 0.98f},
        {0.66f, 0.45f, 0.8f, 0.8f}, {0.57f, 0.3f, 0.92f, 0.9f}};
    static final float[][] OBJECTS = {{0.1f, 0.08f, 0.52f, 0.92f}, {0.55f, 0.2f, 0.9f, 0.88f}};

    @Test
    void d2lExample() {
        // IoU matrix (by hand from the corners):
        //   anchor 0: (0.0523, 0)   anchor 1: (0.1385, 0)   anchor 2: (0, 0.5164)
        //   anchor 3: (0, 0.2084)   anchor 4: (0, 0.7490)
        // best pair: anchor 4 <- cat; then anchor 1 <- dog; anchor 2 takes cat by threshold 0.5
        int[] a = AnchorAssignment.assign(ANCHORS, OBJECTS, 0.5f);
        assertArrayEquals(new int[] {-1, 0, 1, -1, 1}, a);
        var t = AnchorAssignment.targets(ANCHORS, OBJECTS, new int[] {0, 1}, 0.5f, BoxCoder.standard());
        assertArrayEquals(new int[] {0, 1, 2, 0, 2}, t.classes());
        assertEquals(3, t.positives());
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1}, t.maskFlat());
        assertArrayEquals(new float[4], t.offsets()[0]);
        // d2l prints these offsets for anchor 1 (dog) to 4 decimals
        assertArrayEquals(new float[] {1.4000f, 10.0000f, 2.5940f, 7.1754f}, t.offsets()[1], 1e-3f);
        assertEquals(20, t.offsetsFlat().length);
    }

    @Test
    void everyObjectGetsAnAnchorEvenBelowThreshold() {
        float[][] anchors = {{0, 0, 0.5f, 0.5f}, {0.5f, 0.5f, 1, 1}};
        // a thin object overlapping anchor 1 with IoU far below 0.5
        float[][] objects = {{0.6f, 0.6f, 0.65f, 0.9f}};
        assertArrayEquals(new int[] {-1, 0}, AnchorAssignment.assign(anchors, objects, 0.5f));
        // an object that touches nothing gets no anchor; no objects at all: all background
        assertArrayEquals(new int[] {-1, -1},
                AnchorAssignment.assign(anchors, new float[][] {{2, 2, 3, 3}}, 0.5f));
        assertArrayEquals(new int[] {-1, -1}, AnchorAssignment.assign(anchors, new float[0][], 0.5f));
    }

    @Test
    void rejectsMismatchedClasses() {
        assertThrows(DetectionException.class,
                () -> AnchorAssignment.targets(ANCHORS, OBJECTS, new int[] {0}, 0.5f, BoxCoder.standard()));
    }
}
