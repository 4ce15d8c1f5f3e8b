package dev.cnnlab.detect;

import java.awt.image.BufferedImage;
import java.util.List;

import dev.cnnlab.viz.PrecisionRecallChart;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

/** BoxPainter and PrecisionRecallChart (viz) on detection results. */
class BoxPainterTest {
    static int count(BufferedImage img, java.awt.Color c) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF)) n++;
        }
        return n;
    }

    @Test
    void drawsTruthAndPredictionsInTheirColours() {
        float[] grey = new float[3 * 40 * 50];
        java.util.Arrays.fill(grey, 0.5f);
        BufferedImage plain = BoxPainter.on(grey, 3, 40, 50).scale(2).render();
        assertEquals(100, plain.getWidth());
        assertEquals(80, plain.getHeight());
        assertEquals(0, count(plain, BoxPainter.TRUTH));

        BufferedImage truthOnly = BoxPainter.on(grey, 3, 40, 50).scale(2)
                .truth(List.of(new GroundTruth(0, 1, new Box(5, 10, 30, 35), false))).render();
        assertTrue(count(truthOnly, BoxPainter.TRUTH) > 100);
        assertEquals(0, count(truthOnly, BoxPainter.PREDICTION));
        // the left edge of the box, at x = 5 * 2, is truth-coloured halfway down
        assertEquals(BoxPainter.TRUTH.getRGB() & 0xFFFFFF, truthOnly.getRGB(10, 45) & 0xFFFFFF);

        BufferedImage both = BoxPainter.on(grey, 3, 40, 50).classNames(List.of("a", "b"))
                .truth(List.of(new GroundTruth(0, 1, new Box(5, 10, 30, 35), false)))
                .predictions(List.of(new Detection(0, 1, 0.9f, new Box(8, 12, 33, 36)), new Detection(0, 0, 0.1f, new Box(0, 0, 10, 10))))
                .minScore(0.5f).render();
        int pred = count(both, BoxPainter.PREDICTION);
        assertTrue(pred > 100, "prediction pixels " + pred);
        BufferedImage all = BoxPainter.on(grey, 3, 40, 50).classNames(List.of("a", "b"))
                .truth(List.of(new GroundTruth(0, 1, new Box(5, 10, 30, 35), false)))
                .predictions(List.of(new Detection(0, 1, 0.9f, new Box(8, 12, 33, 36)), new Detection(0, 0, 0.1f, new Box(0, 0, 10, 10))))
                .render();
        assertTrue(count(all, BoxPainter.PREDICTION) > pred, "the 0.1 box appears without minScore");

        BufferedImage anchors = BoxPainter.on(grey, 3, 40, 50).scale(2)
                .boxes(Anchors.grid(1, 1).sizes(0.5f).ratios(1).boxes().stream().map(b -> b.scale(50, 40)).toList())
                .render();
        assertEquals(0, count(anchors, BoxPainter.TRUTH));
        // one anchor of half the image, centred: its left edge at x = 12.5 * 2 = 25, halfway down at y = 40
        assertEquals(BoxPainter.PLAIN.getRGB() & 0xFFFFFF, anchors.getRGB(25, 40) & 0xFFFFFF);
    }

    @Test
    void onlyTheChosenImage() {
        var data = SyntheticDetection.generate(2, 64, 11);
        List<Detection> preds = List.of(new Detection(1, 0, 0.8f, new Box(1, 1, 20, 20)));
        BufferedImage img = BoxPainter.on(data.image(0)).image(0).truth(data.groundTruth()).predictions(preds).render();
        assertEquals(0, count(img, BoxPainter.PREDICTION));
        assertTrue(count(img, BoxPainter.TRUTH) > 0);
    }

    @Test
    void badInput() {
        var e = assertThrows(DetectionException.class, () -> BoxPainter.on(new float[10], 3, 4, 4));
        assertTrue(e.getMessage().contains("does not match 3x4x4 = 48"), e.getMessage());
        e = assertThrows(DetectionException.class, () -> new Box(0, Float.NaN, 1, 1));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
        e = assertThrows(DetectionException.class, () -> BoxPainter.grid(
                List.of(new BufferedImage(8, 8, 1), new BufferedImage(8, 8, 1), new BufferedImage(9, 8, 1)), 2));
        assertTrue(e.getMessage().startsWith("image 2 is 9x8 but image 0 is 8x8"), e.getMessage());
        BufferedImage g = BoxPainter.grid(List.of(new BufferedImage(8, 8, 1), new BufferedImage(8, 8, 1),
                new BufferedImage(8, 8, 1)), 2);
        assertEquals(8 + 4 + 8, g.getWidth());
        assertEquals(8 + 4 + 8, g.getHeight());
    }

    @Test
    void precisionRecallChart() {
        List<GroundTruth> truth = List.of(MeanAveragePrecisionTest.gt(0, 0, 0, 0, 10, 10),
                MeanAveragePrecisionTest.gt(1, 0, 20, 20, 30, 30), MeanAveragePrecisionTest.gt(0, 2, 0, 0, 5, 5));
        List<Detection> dets = List.of(MeanAveragePrecisionTest.det(0, 0, 0.9f, 0, 0, 10, 10),
                MeanAveragePrecisionTest.det(0, 0, 0.8f, 40, 40, 50, 50),
                MeanAveragePrecisionTest.det(1, 0, 0.7f, 20, 20, 30, 30));
        var report = MeanAveragePrecision.voc(dets, truth, 3).withClassNames(List.of("circle", "square", "cross"));
        var chart = PrecisionRecallChart.of(report);
        // square has no objects: no curve; cross has objects but no detections: a curve at 0
        assertEquals(java.util.Set.of("circle (AP 0.833)", "cross (AP 0.000)"), chart.getSeriesMap().keySet());
        var one = PrecisionRecallChart.of(report, 0);
        assertEquals(2, one.getSeriesMap().size());
        // staircase: (0,1) (0.5,1) (0.5,2/3) (1,2/3) (1,0)... area under it equals the AP
        var s = one.getSeriesMap().get("interpolated");
        double[] x = s.getXData(), y = s.getYData();
        double area = 0;
        for (int i = 1; i < x.length; i++) area += (x[i] - x[i - 1]) * y[i];
        assertEquals(report.ap(0), area, 1e-12);
        assertThrows(DetectionException.class, () -> PrecisionRecallChart.of(report, 1));
    }
}
