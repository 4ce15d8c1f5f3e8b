package dev.cnnlab.detect;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.cnnlab.data.DetectionData;
import dev.cnnlab.train.Checkpoint;
import dev.cnnlab.train.EarlyStopping;
import dev.cnnlab.train.History;

import static org.junit.jupiter.api.Assertions.*;

/** Tiny runs only (64x64 images, a handful of them): shapes, a falling loss, output format, errors, save/load. */
class DetectorTest {
    private static final int S = 64;
    private static SyntheticDetection data;
    private static Detector det;

    @BeforeAll
    static void setUp() {
        data = SyntheticDetection.generate(8, S, 3);
        det = Detector.create(S, data.classes());
    }

    @AfterAll
    static void tearDown() {
        det.close();
    }

    @Test
    void anchorsFollowTheFeatureMaps() {
        // 4x4, 2x2 and 1x1 cells at 64 px, 4 anchors each
        assertEquals((16 + 4 + 1) * 4, det.anchorCount());
        assertEquals((256 + 64 + 16) * 4, TinySsd.anchors(256).length);
        float[][] first = Anchors.generate(16, 16, TinySsd.SIZES[0], TinySsd.RATIOS);
        assertArrayEquals(first[17], TinySsd.anchors(256)[17]);
        assertThrows(DetectionException.class, () -> TinySsd.anchors(100));
    }

    @Test
    void forwardShapes() {
        try (var sub = det.model().getNDManager().newSubManager()) {
            NDList y = det.forward(sub.zeros(new Shape(2, 3, S, S)), false);
            assertEquals(new Shape(2, det.anchorCount(), 6), y.get(0).getShape());
            assertEquals(new Shape(2, det.anchorCount() * 4L), y.get(1).getShape());
            var e = assertThrows(DetectionException.class, () -> det.forward(sub.zeros(new Shape(2, 1, S, S)), false));
            assertTrue(e.getMessage().contains("(N, 3, 64, 64)") && e.getMessage().contains("(2, 1, 64, 64)"), e.getMessage());
        }
    }

    @Test
    void trainingLowersTheLoss() {
        try (Detector d = Detector.create(S, data.classes(), 7)) {
            History h = DetectorFit.of(d).batchSize(4).epochs(3).verbose(false).run(data, data.slice(0, 2));
            assertEquals(3, h.epochs().size());
            assertTrue(h.epochs().get(2).loss() < h.epochs().get(0).loss(), h.toString());
            assertTrue(Double.isFinite(h.last().valLoss()), h.toString());
            double acc = h.last().accuracy();
            assertTrue(acc >= 0 && acc <= 1, h.toString());
        }
    }

    @Test
    void earlyStoppingAndCheckpointWorkForDetectionToo(@TempDir Path dir) {
        Path best = dir.resolve("best.params");
        try (Detector d = Detector.create(S, data.classes(), 7)) {
            EarlyStopping stop = EarlyStopping.onValLoss(1);
            History h = DetectorFit.of(d).batchSize(4).epochs(4).adam(2e-2).verbose(false)
                    .callbacks(stop, Checkpoint.bestOnValLoss(best)).run(data, data.slice(0, 2));
            int argmin = 0;
            for (int i = 1; i < h.epochs().size(); i++) {
                if (h.epochs().get(i).valLoss() < h.epochs().get(argmin).valLoss()) argmin = i;
            }
            assertEquals(h.epochs().get(argmin).epoch(), stop.bestEpoch(), h.toString());
            assertTrue(h.epochs().size() == 4 || h.notes().get(0).startsWith("early stop after epoch"), h.toString());
            // the detector now holds the best epoch's weights, which the checkpoint saved
            float[] img = Arrays.copyOf(data.pixels(), 3 * S * S);
            try (Detector saved = Detector.create(S, data.classes(), 99)) {
                saved.load(best);
                assertEquals(d.predict(img), saved.predict(img));
            }
        }
    }

    @Test
    void anyDetectionDatasetTrainsAndEvaluatesAndDifficultObjectsAreNotCounted() {
        // the synthetic set seen only through the interface, with image 0's first object marked difficult (as VOC can)
        DetectionData view = new DetectionData() {
            public int size() { return data.size(); }
            public int imageSize() { return data.imageSize(); }
            public List<String> classes() { return data.classes(); }
            public float[] pixels() { return data.pixels(); }
            public float[][] boxes(int i) { return data.boxes(i); }
            public int[] labels(int i) { return data.labels(i); }
            public boolean[] difficult(int i) {
                boolean[] d = new boolean[data.labels(i).length];
                if (i == 0) d[0] = true;
                return d;
            }
        };
        int c = data.labels(0)[0];
        assertEquals(det.evaluate(data).objects(c) - 1, det.evaluate(view).objects(c));
        assertEquals(det.predict(data), det.predict(view), "the same pixels give the same detections");
        try (Detector d = Detector.create(S, data.classes(), 7)) {
            History h = DetectorFit.of(d).batchSize(4).epochs(1).verbose(false).run(view);
            assertTrue(Double.isFinite(h.last().loss()) && h.last().loss() > 0, h.toString());
        }
    }

    @Test
    void sameSeedSameNumbers() {
        double[] losses = new double[2];
        for (int run = 0; run < 2; run++) {
            try (Detector d = Detector.create(S, data.classes(), 5)) {
                losses[run] = DetectorFit.of(d).batchSize(4).seed(3).verbose(false).run(data).last().loss();
            }
        }
        assertEquals(losses[0], losses[1]);
    }

    @Test
    void predictReturnsPixelBoxesByDescendingScore() {
        int per = 3 * S * S;
        List<Detection> found = det.predict(Arrays.copyOf(data.pixels(), per));
        assertFalse(found.isEmpty());
        assertTrue(found.size() <= 100);
        for (int i = 0; i < found.size(); i++) {
            Detection d = found.get(i);
            assertEquals(0, d.image());
            assertTrue(d.cls() >= 0 && d.cls() < 5);
            assertTrue(d.score() >= 0.01f && d.score() <= 1f);
            if (i > 0) assertTrue(found.get(i - 1).score() >= d.score());
            float[] b = d.box().toArray();
            for (float v : b) assertTrue(v >= 0 && v <= S, Arrays.toString(b));
        }
        // a picture holds 8-bit values, so its scores differ a little from the float image's
        assertFalse(det.predict(data.image(0)).isEmpty());
        List<List<Detection>> batch = det.predictBatch(Arrays.copyOf(data.pixels(), 3 * per), 3);
        assertEquals(3, batch.size());
        // the same detections, to float rounding: engines may sum a batch of 3 in another order than a batch of 1
        assertSameDetections(found, batch.get(0));
        assertTrue(batch.get(2).stream().allMatch(d -> d.image() == 2));
        assertSameDetections(batch.get(2), det.predict(data).stream().filter(d -> d.image() == 2).toList());
    }

    private static void assertSameDetections(List<Detection> expected, List<Detection> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Detection e = expected.get(i), a = actual.get(i);
            assertEquals(e.image(), a.image());
            assertEquals(e.cls(), a.cls(), "detection " + i);
            assertEquals(e.score(), a.score(), 1e-5f, "detection " + i);
            assertArrayEquals(e.box().toArray(), a.box().toArray(), 1e-4f, "detection " + i);
        }
    }

    @Test
    void evaluateAndPaint() {
        AveragePrecisionReport voc = det.evaluate(data);
        assertTrue(voc.map() >= 0 && voc.map() <= 1);
        assertEquals("circle", voc.className(0));
        assertTrue(det.evaluateCoco(data).map() <= voc.map() + 1e-9);
        BufferedImage img = det.paint(data, 1);
        assertEquals(3 * S, img.getWidth());
    }

    @Test
    void badInputNamesExpectedAndGot() {
        var e = assertThrows(DetectionException.class, () -> det.predict(new float[S * S]));
        assertTrue(e.getMessage().contains("3 x 64 x 64 = 12,288") && e.getMessage().contains("got 4,096")
                && e.getMessage().contains("one channel"), e.getMessage());
        e = assertThrows(DetectionException.class, () -> det.predict(new float[3 * 128 * 128]));
        assertTrue(e.getMessage().contains("3 x 128 x 128 image"), e.getMessage());
        e = assertThrows(DetectionException.class, () -> det.predict(new BufferedImage(32, 64, BufferedImage.TYPE_INT_RGB)));
        assertTrue(e.getMessage().contains("64x64") && e.getMessage().contains("got 32x64"), e.getMessage());
        e = assertThrows(DetectionException.class, () -> det.evaluate(SyntheticDetection.generate(1, 128, 1)));
        assertTrue(e.getMessage().contains("128x128") && e.getMessage().contains("64x64"), e.getMessage());
        e = assertThrows(DetectionException.class, () -> DetectorFit.of(det).run(SyntheticDetection.generate(0, S, 1)));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(DetectionException.class, () -> det.predict(SyntheticDetection.generate(0, S, 1)));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertThrows(DetectionException.class, () -> Detector.create(100, data.classes()));
        assertThrows(DetectionException.class, () -> Detector.create(S, List.of()));
    }

    @Test
    void saveAndLoadGiveTheSamePredictions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.params");
        det.save(file);
        assertTrue(Files.size(file) > 0);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary folder left behind");
        }
        float[] img = Arrays.copyOf(data.pixels(), 3 * S * S);
        try (Detector other = Detector.create(S, data.classes(), 99)) {
            assertNotEquals(det.predict(img), other.predict(img));
            other.load(file);
            assertEquals(det.predict(img), other.predict(img));
        }
        try (Detector wrong = Detector.create(S, List.of("a", "b", "c", "d", "e"))) {
            var e = assertThrows(DetectionException.class, () -> wrong.load(file));
            assertTrue(e.getMessage().contains("circle"), e.getMessage());
        }
        assertThrows(DetectionException.class, () -> det.load(dir.resolve("missing.params")));
    }
}
