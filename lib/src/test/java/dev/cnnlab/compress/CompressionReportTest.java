package dev.cnnlab.compress;

import java.util.List;

import dev.cnnlab.data.ImageData;
import dev.cnnlab.nn.Net;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import static org.junit.jupiter.api.Assertions.*;

class CompressionReportTest {
    @Test
    void oneRowPerModelWithTheAgreedColumns() {
        ImageData train = Tiny.bars(300, 4, 5), test = Tiny.bars(200, 4, 6);
        Net net = Tiny.trained();
        CompressionReport r = CompressionReport.on(test).latency(64, 3).baseline("2 epochs", net);
        try (PrunedNet p = MagnitudePruning.of(net).sparsity(0.5).perLayer().run();
             Net small = FilterPruning.of(net).remove("conv2d", 0.5).remove("conv2d_1", 0.5).run();
             QuantizedNet q = Int8Quantization.of(net).calibrate(train, 2, 32).run()) {
            r.add("magnitude pruning", "50 % per layer", p.net())
                    .add("filter pruning", "50 %", small)
                    .add("int8", "per-channel", q);
        }
        Table t = r.table();
        assertEquals(List.of("method", "settings", "params", "non-zeros", "file bytes", "MACs", "ms/image",
                "accuracy %", "Δ accuracy pt", "size x", "speed-up x"), t.columnNames());
        assertEquals(List.of("baseline", "magnitude pruning", "filter pruning", "int8"), t.stringColumn("method").asList());
        long params = 72 + 8 + 192 + 6 + 288 + 12 + 48 + 4; // 630
        assertEquals(params, t.longColumn("params").get(0));
        assertEquals(40 + 51 + 156 + 52, t.longColumn("params").get(2)); // hand-computed in FilterPruningTest
        // 300 of the 600 weights are zero; the 30 biases are not pruned
        assertTrue(t.longColumn("non-zeros").get(1) <= params - 300);
        assertEquals(0.0, t.doubleColumn("Δ accuracy pt").get(0));
        assertEquals(1.0, t.doubleColumn("size x").get(0));
        assertEquals(t.longColumn("file bytes").get(0), t.longColumn("file bytes").get(1), "dense file: no smaller");
        assertTrue(t.doubleColumn("size x").get(3) > 2.5, t.print());
        assertEquals(1296 + 192 + 12 * 12 + 48, t.longColumn("MACs").get(2));
        for (double ms : t.doubleColumn("ms/image").asDoubleArray()) assertTrue(ms > 0);
        assertEquals(t.doubleColumn("accuracy %").get(0) + t.doubleColumn("Δ accuracy pt").get(3),
                t.doubleColumn("accuracy %").get(3), 0.011);
        assertTrue(r.chart().getSeriesMap().size() >= 4);
        assertEquals(4, r.latencyChart().getSeriesMap().keySet().stream().filter(k -> !k.equals("Pareto front")).count());
        String html = r.toHtml();
        assertTrue(html.contains("<table") && html.contains("filter pruning") && html.contains("data:image/png"));
    }

    @Test
    void needsABaselineAndTestImages() {
        ImageData test = Tiny.bars(10, 4, 6);
        try (Net net = Tiny.net()) {
            assertThrows(CompressionException.class, () -> CompressionReport.on(test.slice(0, 0)));
            var e = assertThrows(CompressionException.class, () -> CompressionReport.on(test).add("x", "", net));
            assertTrue(e.getMessage().contains("baseline"), e.getMessage());
        }
    }
}
