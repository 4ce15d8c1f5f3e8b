package dev.cnnlab.train;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

import dev.cnnlab.data.ImageData;
import dev.cnnlab.display.HtmlRenderable;
import dev.cnnlab.display.Progress;
import dev.cnnlab.nn.ModelException;
import dev.cnnlab.nn.Net;
import dev.cnnlab.display.Display;
import dev.cnnlab.viz.FeatureMaps;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

class EvaluationTest {
    @Test
    void metricsAgreeWithTheConfusionMatrix() {
        ImageData train = Synthetic.bars(300, 4, 11), test = Synthetic.bars(120, 4, 12);
        try (Net net = FitTest.tiny(4, false)) {
            Fit.of(net).adam(1e-2).batchSize(32).epochs(2).verbose(false).run(train);
            Evaluation ev = Evaluation.of(net, test);
            int diag = 0;
            for (int c = 0; c < 4; c++) diag += ev.confusion().count(c, c);
            assertEquals(diag / 120.0, ev.accuracy(), 1e-12);
            assertTrue(ev.accuracy() > 0.9, ev.toString());
            assertEquals(1.0, ev.topKAccuracy(4), 1e-12);
            var t = ev.perClass();
            assertEquals(4, t.rowCount());
            assertEquals(120, t.intColumn("support").sum(), 1e-9);
            int c0 = ev.confusion().count(0, 0);
            assertEquals(c0 / (double) ev.confusion().predictedCount(0), t.doubleColumn("precision").get(0), 1e-12);
            assertEquals(ev.misclassifiedIndices().length, 120 - diag);
        }
    }

    @Test
    void featureMapsAndFilters() {
        ImageData data = Synthetic.bars(4, 4, 13);
        try (Net net = FitTest.tiny(4, false)) {
            float[] maps = FeatureMaps.values(net, data, 0, "conv2d");
            assertEquals(4 * 6 * 6, maps.length);
            BufferedImage img = FeatureMaps.activations(net, data, 0, "conv2d");
            assertTrue(img.getWidth() > 6);
            assertNotNull(FeatureMaps.filters(net));
            assertThrows(ModelException.class, () -> FeatureMaps.activations(net, data, 0, "dense"));
            assertThrows(ModelException.class, () -> FeatureMaps.activations(net, data, 0, "nope"));
        }
    }

    @Test
    void augmentIsSeededAndKeepsShapes() {
        ImageData data = Synthetic.bars(10, 2, 14);
        Augment a = Augment.none().rotation(40).widthShift(0.2).heightShift(0.2).shear(20).zoom(0.2).horizontalFlip();
        ImageData x = a.apply(data, 5), y = a.apply(data, 5), z = a.apply(data, 6);
        assertArrayEquals(x.pixels(), y.pixels());
        assertFalse(java.util.Arrays.equals(x.pixels(), z.pixels()));
        assertArrayEquals(data.pixels(), Augment.none().apply(data, 1).pixels(), 1e-6f);
        // a flip alone mirrors exactly: every flipped image equals its mirror or itself
        float[] one = {1, 2, 3, 4};
        Augment.none().horizontalFlip().apply(one, 1, new ai.djl.ndarray.types.Shape(1, 1, 4), new Random(0));
        assertTrue(java.util.Arrays.equals(one, new float[] {1, 2, 3, 4}) || java.util.Arrays.equals(one, new float[] {4, 3, 2, 1}));
        float[] two = {1, 2};
        Augment.none().rescale(0.5).apply(two, 1, new ai.djl.ndarray.types.Shape(1, 1, 2), new Random(0));
        assertArrayEquals(new float[] {0.5f, 1f}, two, 1e-6f);
    }

    @Test
    void progressIsOneUpdatingDisplayWhenRich() {
        List<String> log = new java.util.ArrayList<>();
        Display.install(new Display.Sink() {
            @Override
            public String show(Object value) {
                log.add("show " + value);
                return "id1";
            }

            @Override
            public void update(String id, Object value) {
                log.add("update " + id + " " + (value instanceof dev.cnnlab.display.HtmlRenderable h ? h.toHtml().length() : 0));
            }
        });
        try (Progress p = Progress.start("Epoch 1/1", 10)) {
            for (int i = 1; i <= 10; i++) p.update(i, "loss " + i);
        } finally {
            Display.reset();
        }
        assertEquals(1, log.stream().filter(s -> s.startsWith("show")).count(), log.toString());
        assertTrue(log.get(log.size() - 1).startsWith("update id1"), log.toString());
    }
}
