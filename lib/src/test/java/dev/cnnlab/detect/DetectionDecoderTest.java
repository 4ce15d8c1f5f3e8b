package dev.cnnlab.detect;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

class DetectionDecoderTest {
    @Test
    void handCase() {
        float[][] anchors = {{0.1f, 0.1f, 0.5f, 0.5f}, {0.12f, 0.1f, 0.52f, 0.5f}, {0.6f, 0.6f, 0.9f, 0.9f}};
        float[][] offsets = new float[3][4];
        // anchor 0: class 0 at 0.9 and class 1 at 0.06; anchor 1 overlaps anchor 0 (IoU 0.9), class 0 at 0.8;
        // anchor 2: background
        float[][] scores = {{0.04f, 0.9f, 0.06f}, {0.2f, 0.8f, 0f}, {0.99f, 0.005f, 0.005f}};
        List<Detection> d = DetectionDecoder.standard().decode(4, anchors, offsets, scores, 100);
        assertEquals(2, d.size(), d.toString());
        assertEquals(4, d.get(0).image());
        assertEquals(0, d.get(0).cls());
        assertEquals(0.9f, d.get(0).score());
        assertArrayEquals(new float[] {10, 10, 50, 50}, d.get(0).box().toArray(), 1e-4f);
        assertEquals(1, d.get(1).cls());   // another class on the same anchor is not suppressed
        assertEquals(0.06f, d.get(1).score());
        assertEquals(1, DetectionDecoder.standard().minScore(0.1f).decode(0, anchors, offsets, scores, 100).size());
        assertEquals(1, DetectionDecoder.standard().maxDetections(1).decode(0, anchors, offsets, scores, 100).size());
        // NMS off (threshold 1): anchor 1 survives as well
        assertEquals(3, DetectionDecoder.standard().nmsThreshold(1f).decode(0, anchors, offsets, scores, 100).size());
    }

    @Test
    void perfectOutputsFromTargetsGiveMapOne() {
        // the whole pipeline: anchors -> targets -> (a perfect network) -> decode + NMS -> mAP
        var data = SyntheticDetection.generate(20, 128, 9);
        float[][] anchors = concat(Anchors.generate(8, 8, new float[] {0.2f, 0.272f}, new float[] {1, 2, 0.5f}),
                Anchors.generate(4, 4, new float[] {0.37f, 0.447f}, new float[] {1, 2, 0.5f}));
        BoxCoder coder = BoxCoder.standard();
        List<Detection> found = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            var t = AnchorAssignment.targets(anchors, data.normalisedBoxes(i), data.labels(i), 0.5f, coder);
            float[][] scores = new float[anchors.length][data.numClasses() + 1];
            for (int a = 0; a < anchors.length; a++) scores[a][t.classes()[a]] = 1f;
            found.addAll(DetectionDecoder.standard().minScore(0.5f).decode(i, anchors, t.offsets(), scores, 128));
        }
        var voc = MeanAveragePrecision.voc(found, data.groundTruth(), data.numClasses());
        assertEquals(1.0, voc.map(), 1e-9, voc.toString());
        // boxes come back to within float rounding of the truth, so even COCO's strictest threshold holds
        assertEquals(1.0, MeanAveragePrecision.coco(found, data.groundTruth(), data.numClasses()).map(), 1e-9);
        assertEquals(data.numClasses(), voc.table().rowCount());
    }

    @Test
    void rejectsMismatchedOutputs() {
        float[][] anchors = {{0, 0, 1, 1}, {0, 0, 0.5f, 0.5f}};
        var e = assertThrows(DetectionException.class,
                () -> DetectionDecoder.standard().decode(0, anchors, new float[2][4], new float[1][3], 10));
        assertEquals("2 anchors but 1 rows of class scores", e.getMessage());
        e = assertThrows(DetectionException.class,
                () -> DetectionDecoder.standard().decode(0, anchors, new float[2][4], new float[][] {{0, 1}, {0, 1, 0}}, 10));
        assertTrue(e.getMessage().startsWith("scores[1]: expected 2 columns"), e.getMessage());
    }

    static float[][] concat(float[][] a, float[][] b) {
        float[][] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
