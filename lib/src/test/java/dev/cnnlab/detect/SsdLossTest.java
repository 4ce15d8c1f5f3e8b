package dev.cnnlab.detect;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import static org.junit.jupiter.api.Assertions.*;

/** The SSD loss on a hand-made case: one image, 6 anchors, 2 classes. */
class SsdLossTest {
    // anchor 0 is an object of class 1 (label 2); the others are background with rising confidence in an object
    private static final float[] LOGITS = {
        0, 0, 2,     // positive, mostly right
        0, 0, 0,     // background anchors: equal scores...
        0, 1, 0,
        0, 2, 0,
        0, 3, 0,
        0, 4, 0};    // ...up to very wrong
    private static final float[] CLASSES = {2, 0, 0, 0, 0, 0};

    private static double ce(int anchor, int label) {
        double sum = 0;
        for (int c = 0; c < 3; c++) sum += Math.exp(LOGITS[anchor * 3 + c]);
        return Math.log(sum) - LOGITS[anchor * 3 + label];
    }

    private static SsdLoss.Parts run(SsdLoss loss, NDManager m, float[] offsetError) {
        float[] mask = new float[24];
        java.util.Arrays.fill(mask, 0, 4, 1f);
        float[] predicted = new float[24];
        System.arraycopy(offsetError, 0, predicted, 0, 4);
        java.util.Arrays.fill(predicted, 4, 24, 9f);  // background offsets are masked out whatever they are
        NDList labels = new NDList(m.create(CLASSES, new Shape(1, 6)), m.zeros(new Shape(1, 24)), m.create(mask, new Shape(1, 24)));
        NDList predictions = new NDList(m.create(LOGITS, new Shape(1, 6, 3)), m.create(predicted, new Shape(1, 24)));
        return loss.parts(labels, predictions);
    }

    @Test
    void hardNegativesKeepTheThreeWorstBackgroundAnchors() {
        try (NDManager m = NDManager.newBaseManager()) {
            SsdLoss.Parts p = run(SsdLoss.standard(), m, new float[] {0.5f, -2f, 0, 0});
            double expected = ce(0, 2) + ce(5, 0) + ce(4, 0) + ce(3, 0);
            assertEquals(expected, p.classLoss().getFloat(), 1e-5);
            assertEquals(0.5 * 0.25 + 1.5, p.boxLoss().getFloat(), 1e-6);  // smooth L1: quadratic, then linear
            assertEquals(1f, p.positives().getFloat());
            assertEquals(1f, p.correctPositives().getFloat());
            assertEquals(expected + 1.625, p.total().getFloat(), 1e-5);
        }
    }

    @Test
    void allNegativesUsesEveryAnchor() {
        try (NDManager m = NDManager.newBaseManager()) {
            SsdLoss.Parts p = run(SsdLoss.allNegatives(), m, new float[4]);
            double expected = ce(0, 2);
            for (int a = 1; a < 6; a++) expected += ce(a, 0);
            assertEquals(expected, p.classLoss().getFloat(), 1e-5);
            assertEquals(0f, p.boxLoss().getFloat());
        }
        assertThrows(DetectionException.class, () -> SsdLoss.of(-1, 1));
    }
}
