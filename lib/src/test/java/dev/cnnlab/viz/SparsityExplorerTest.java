package dev.cnnlab.viz;

import java.util.List;
import java.util.Random;

import dev.cnnlab.compress.MagnitudePruning;
import dev.cnnlab.compress.PruningSweep;
import dev.cnnlab.data.ImageData;
import dev.cnnlab.nn.Net;
import dev.cnnlab.nn.Sequential;
import dev.cnnlab.widgets.FloatSlider;
import dev.cnnlab.widgets.Interact;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

class SparsityExplorerTest {
    static PruningSweep sweep;

    @BeforeAll
    static void measureOnce() {
        Random r = new Random(3);
        float[] px = new float[40 * 64];
        int[] labels = new int[40];
        for (int i = 0; i < px.length; i++) px[i] = r.nextFloat();
        for (int i = 0; i < labels.length; i++) labels[i] = i % 4;
        ImageData test = new ImageData(px, labels, 1, 8, 8, List.of("a", "b", "c", "d"));
        try (Net net = Sequential.input(1, 8, 8).conv2d(4, 3).relu().maxPool(2).flatten().dense(4).softmax().seed(1).build()) {
            sweep = MagnitudePruning.of(net).perLayer().sweep(test, 0.5, 0.9);
        }
    }

    @Test
    void theSliderPicksTheNearestMeasuredPoint() {
        var e = SparsityExplorer.of(sweep);
        List<PruningSweep.Point> p = e.points();
        assertEquals(3, p.size());
        assertEquals(0.0, p.get(0).sparsity());
        assertEquals(p.get(2), e.view(0.9).point());
        assertEquals(p.get(2), e.view(0.8).point());
        assertEquals(p.get(1), e.view(0.62).point());
        assertEquals(p.get(0), e.view(0.2).point());
        // fewer nonzero weights, smaller sparse file
        assertTrue(p.get(2).sparseBytes() < p.get(1).sparseBytes() && p.get(1).sparseBytes() < p.get(0).sparseBytes(), p.toString());
        var v = e.view(0.9);
        assertEquals((double) p.get(2).sparseBytes() / sweep.denseBytes(), v.fileFraction(), 1e-12);
        assertEquals(2, v.chart().getSeriesMap().size(), "the sweep and the marked point");
        assertTrue(e.view(0.8).summary().contains("the measured point nearest 80 %"), e.view(0.8).summary());
        assertThrows(IllegalArgumentException.class, () -> e.view(1.2));
    }

    @Test
    void movingTheSliderShowsAnotherPoint() {
        Interact w = SparsityExplorer.of(sweep).widget();
        var p = sweep.points();
        assertTrue(w.output().toStaticHtml().contains(String.format("%.1f %% of the weights zero", 100 * p.get(2).sparsity())));
        ((FloatSlider) w.children().get(0)).value(0.5);
        String html = w.output().toStaticHtml();
        assertTrue(html.contains(String.format("%.1f %% of the weights zero", 100 * p.get(1).sparsity())), html);
        assertTrue(html.contains(String.format("%,d bytes", p.get(1).sparseBytes())), html);
    }
}
