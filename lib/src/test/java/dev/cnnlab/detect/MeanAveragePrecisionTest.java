package dev.cnnlab.detect;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

/** Hand-computed fixtures; the random comparison with the numpy oracle is in {@link MapOracleTest}. */
class MeanAveragePrecisionTest {
    static GroundTruth gt(int image, int cls, float x1, float y1, float x2, float y2) {
        return new GroundTruth(image, cls, new Box(x1, y1, x2, y2));
    }

    static Detection det(int image, int cls, float score, float x1, float y1, float x2, float y2) {
        return new Detection(image, cls, score, new Box(x1, y1, x2, y2));
    }

    @Test
    void perfectDetectorScoresOne() {
        List<GroundTruth> truth = List.of(gt(0, 0, 0, 0, 10, 10), gt(0, 1, 20, 20, 40, 30), gt(1, 0, 5, 5, 9, 9));
        List<Detection> dets = new ArrayList<>();
        for (GroundTruth g : truth) dets.add(new Detection(g.image(), g.cls(), 0.9f, g.box()));
        assertEquals(1.0, MeanAveragePrecision.voc(dets, truth, 2).map(), 1e-12);
        assertEquals(1.0, MeanAveragePrecision.voc2007(dets, truth, 2).map(), 1e-12);
        var coco = MeanAveragePrecision.coco(dets, truth, 2);
        assertEquals(1.0, coco.map(), 1e-12);
        assertEquals(1.0, coco.mapAt(9), 1e-12);
    }

    @Test
    void duplicateIsFalsePositiveByHand() {
        // class 0: two objects; ranked: hit, duplicate of the same object, miss
        // precision 1, 1/2, 1/3; recall 1/2 throughout
        List<GroundTruth> truth = List.of(gt(0, 0, 0, 0, 10, 10), gt(1, 0, 20, 20, 30, 30));
        List<Detection> dets = List.of(det(0, 0, 0.9f, 0, 0, 10, 10), det(0, 0, 0.8f, 0, 0, 10, 10),
                det(1, 0, 0.7f, 5, 5, 9, 9));
        assertEquals(0.5, MeanAveragePrecision.voc(dets, truth, 1).map(), 1e-12);           // area 1/2 * 1
        assertEquals(6.0 / 11, MeanAveragePrecision.voc2007(dets, truth, 1).map(), 1e-12);  // t = 0..0.5
        assertEquals(51.0 / 101, MeanAveragePrecision.coco(dets, truth, 1).map(), 1e-12);   // t = 0..0.50
        var curve = MeanAveragePrecision.voc(dets, truth, 1).curve(0);
        assertArrayEquals(new double[] {1, 0.5, 1.0 / 3}, curve.precision(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, curve.recall(), 1e-12);
    }

    @Test
    void tiedScoresKeepInputOrder() {
        List<GroundTruth> truth = List.of(gt(0, 0, 0, 0, 10, 10));
        Detection hit = det(0, 0, 0.5f, 0, 0, 10, 10), miss = det(0, 0, 0.5f, 50, 50, 60, 60);
        // hit first: precision 1 at recall 1 -> AP 1; miss first: precision 1/2 at recall 1 -> AP 1/2
        assertEquals(1.0, MeanAveragePrecision.voc(List.of(hit, miss), truth, 1).map(), 1e-12);
        assertEquals(0.5, MeanAveragePrecision.voc(List.of(miss, hit), truth, 1).map(), 1e-12);
        assertEquals(0.5, MeanAveragePrecision.coco(List.of(miss, hit), truth, 1).map(), 1e-12);
    }

    @Test
    void difficultObjectsNeitherCountNorPenalise() {
        // object A ordinary, object B difficult; ranked: on B, elsewhere (miss), on A
        GroundTruth a = gt(0, 0, 0, 0, 10, 10);
        GroundTruth b = new GroundTruth(0, 0, new Box(30, 30, 40, 40), true);
        List<Detection> dets = List.of(det(0, 0, 0.9f, 30, 30, 40, 40), det(0, 0, 0.8f, 60, 60, 70, 70),
                det(0, 0, 0.7f, 0, 0, 10, 10), det(0, 0, 0.6f, 30, 30, 40, 40));
        // with B difficult: curve = miss, hit (both detections on B ignored): precision 0, 1/2; recall 0, 1
        var voc = MeanAveragePrecision.voc(dets, List.of(a, b), 1);
        assertEquals(1, voc.objects(0));
        assertEquals(2, voc.curve(0).size());
        assertEquals(0.5, voc.map(), 1e-12);
        // COCO: the first detection on B is ignored, the second finds B taken: a false positive
        // curve = miss, hit, miss: envelope 1/2 up to recall 1 -> AP 1/2 at every threshold
        assertEquals(0.5, MeanAveragePrecision.coco(dets, List.of(a, b), 1).map(), 1e-12);
        // B ordinary: hit, miss, hit, duplicate: recall 1/2, 1/2, 1, 1 -> AP 1/2 * 1 + 1/2 * 2/3
        var plain = MeanAveragePrecision.voc(dets, List.of(a, gt(0, 0, 30, 30, 40, 40)), 1);
        assertEquals(0.5 + 0.5 * 2.0 / 3, plain.map(), 1e-12);
    }

    @Test
    void classWithoutObjectsIsNaNAndLeftOutOfTheMean() {
        List<GroundTruth> truth = List.of(gt(0, 0, 0, 0, 10, 10));
        List<Detection> dets = List.of(det(0, 0, 0.9f, 0, 0, 10, 10), det(0, 1, 0.8f, 0, 0, 10, 10));
        for (var r : List.of(MeanAveragePrecision.voc(dets, truth, 3), MeanAveragePrecision.voc2007(dets, truth, 3),
                MeanAveragePrecision.coco(dets, truth, 3))) {
            assertEquals(1.0, r.ap(0), 1e-12);
            assertTrue(Double.isNaN(r.ap(1)), r.toString());
            assertTrue(Double.isNaN(r.ap(2)));
            assertFalse(r.hasObjects(1));
            assertEquals(1.0, r.map(), 1e-12, r.toString());
        }
        assertTrue(Double.isNaN(MeanAveragePrecision.voc(dets, List.of(), 2).map()));
    }

    @Test
    void emptyPredictionsGiveZero() {
        List<GroundTruth> truth = List.of(gt(0, 0, 0, 0, 10, 10), gt(3, 1, 0, 0, 5, 5));
        assertEquals(0.0, MeanAveragePrecision.voc(List.of(), truth, 2).map());
        assertEquals(0.0, MeanAveragePrecision.voc2007(List.of(), truth, 2).map());
        var coco = MeanAveragePrecision.coco(List.of(), truth, 2);
        assertEquals(0.0, coco.map());
        assertEquals(0.0, coco.ap(1));
        assertEquals(0, coco.curve(0).size());
    }

    @Test
    void cocoAveragesOverIouThresholds() {
        // IoU 0.72: a hit at t = .50 .55 .60 .65 .70, a miss at .75 ... .95 -> 5/10
        List<GroundTruth> truth = List.of(gt(0, 0, 0, 0, 10, 10));
        List<Detection> dets = List.of(det(0, 0, 0.9f, 0, 0, 10, 7.2f));
        var coco = MeanAveragePrecision.coco(dets, truth, 1);
        assertEquals(0.5, coco.map(), 1e-12);
        assertEquals(1.0, coco.mapAt(0), 1e-12);
        assertEquals(0.0, coco.mapAt(5), 1e-12);
        assertEquals(1.0, MeanAveragePrecision.voc(dets, truth, 1).map(), 1e-12);
        assertArrayEquals(new double[] {.5, .55, .6, .65, .7, .75, .8, .85, .9, .95},
                MeanAveragePrecision.cocoThresholds(), 1e-12);
    }

    @Test
    void iouExactlyAtThresholdMissesForVocAndHitsForCoco() {
        // IoU 50 / 100 = 0.5: VOC needs > 0.5 (devkit), COCO needs >= t (pycocotools)
        List<GroundTruth> truth = List.of(gt(0, 0, 0, 0, 10, 10));
        List<Detection> dets = List.of(det(0, 0, 0.9f, 0, 0, 10, 5));
        assertEquals(0.0, MeanAveragePrecision.voc(dets, truth, 1).map());
        assertEquals(0.1, MeanAveragePrecision.coco(dets, truth, 1).map(), 1e-12);
        String json = MapOracleTest.toJson(new MapOracleTest.Case(1, 100, dets, truth));
        assertTrue(json.startsWith("{\"num_classes\":1,\"max_dets\":100,\"detections\":[[0,0,0.8999999761581421,0.0,"),
                json);
    }

    @Test
    void cocoCountsOnlyTopDetectionsPerImage() {
        List<GroundTruth> truth = List.of(gt(0, 0, 0, 0, 10, 10));
        List<Detection> dets = List.of(det(0, 0, 0.9f, 50, 50, 60, 60), det(0, 0, 0.8f, 0, 0, 10, 10));
        assertEquals(0.0, MeanAveragePrecision.coco(dets, truth, 1, 1).map());
        assertEquals(0.5, MeanAveragePrecision.coco(dets, truth, 1, 2).map(), 1e-12);
    }

    @Test
    void reportShowsAsTable() {
        List<GroundTruth> truth = List.of(gt(0, 0, 0, 0, 10, 10));
        var r = MeanAveragePrecision.voc(List.of(det(0, 0, 0.9f, 0, 0, 10, 10)), truth, 2)
                .withClassNames(List.of("circle", "square"));
        assertTrue(r.toHtml().contains("<td style=\"padding:2px 8px\">circle</td>"), r.toHtml());
        assertTrue(r.toHtml().contains("no objects"));
        assertEquals("VOC all-point AP@0.5: mAP 1.0000 (circle 1.0000, square n/a)", r.toString());
    }

    @Test
    void badInputIsNamed() {
        List<GroundTruth> truth = List.of(gt(0, 0, 0, 0, 10, 10));
        var e = assertThrows(DetectionException.class, () -> MeanAveragePrecision.voc(
                List.of(det(0, 0, 0.9f, 0, 0, 1, 1), det(0, 5, 0.9f, 0, 0, 1, 1)), truth, 3));
        assertTrue(e.getMessage().startsWith("detections[1]: class 5 but numClasses is 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> det(0, 0, Float.NaN, 0, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> det(0, 0, 0.5f, 0, Float.NaN, 1, 1));
        e = assertThrows(DetectionException.class,
                () -> Detection.list(2, new float[][] {{0, 0, 1, 1}, {4, 0, 1, 1}}, new int[2], new float[2]));
        assertTrue(e.getMessage().startsWith("boxes[1]: x2 (1.0) < x1 (4.0)"), e.getMessage());
        assertThrows(DetectionException.class, () -> MeanAveragePrecision.voc(null, truth, 1));
    }
}
