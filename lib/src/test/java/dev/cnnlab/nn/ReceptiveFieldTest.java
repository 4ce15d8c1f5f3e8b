package dev.cnnlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.cnnlab.nn.ReceptiveField.Step;

/** Receptive fields of stacks worked out by hand, then measured on real models by changing one pixel. */
class ReceptiveFieldTest {
    private static int[] sizes(ReceptiveField rf) {
        return rf.rows().stream().mapToInt(ReceptiveField.Row::size).toArray();
    }

    private static int[] jumps(ReceptiveField rf) {
        return rf.rows().stream().mapToInt(ReceptiveField.Row::jump).toArray();
    }

    @Test
    void stacksComputedByHand() {
        // two 3x3 convs: each adds 2 pixels -> 3, 5
        ReceptiveField cc = ReceptiveField.of(10, Step.conv(3), Step.conv(3));
        assertArrayEquals(new int[] {3, 5}, sizes(cc));
        assertEquals(5, cc.last().size());
        // conv3, pool2 (adds 1 at jump 1), conv3 (adds 2 at jump 2): 3, 4, 8; jumps 1, 2, 2
        ReceptiveField cpc = ReceptiveField.of(28, Step.conv(3), Step.pool(2), Step.conv(3));
        assertArrayEquals(new int[] {3, 4, 8}, sizes(cpc));
        assertArrayEquals(new int[] {1, 2, 2}, jumps(cpc));
        // strided, padded: conv3/s2/p1 twice. Layer-2 unit 0 sees layer-1 units -1..1, which see input -3..-1 and
        // 1..3: rows -3..3, 7 pixels, starting 3 rows into the padding; neighbours 4 apart
        ReceptiveField s = ReceptiveField.of(16, Step.conv(3, 2, 1), Step.conv(3, 2, 1));
        assertArrayEquals(new int[] {3, 7}, sizes(s));
        assertArrayEquals(new int[] {2, 4}, jumps(s));
        assertEquals(-1, s.rows().get(0).first());
        assertEquals(-3, s.last().first());
        assertEquals(0.0, s.last().centre(), 1e-12);
        assertEquals(8, s.rows().get(0).height());
        assertEquals(4, s.last().height());
        assertArrayEquals(new int[] {5, 11}, s.last().span(2));
    }

    @Test
    void theSeedCnnFromItsLayers() {
        try (Net net = SequentialTest.seedCnn(1, 28, 28, 10, false)) {
            ReceptiveField rf = ReceptiveField.of(net);
            assertEquals(List.of("conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1"),
                    rf.rows().stream().map(ReceptiveField.Row::layer).toList());
            assertArrayEquals(new int[] {3, 4, 8, 10}, sizes(rf));
            assertArrayEquals(new int[] {1, 2, 2, 4}, jumps(rf));
            assertArrayEquals(new int[] {26, 13, 11, 5}, rf.rows().stream().mapToInt(ReceptiveField.Row::height).toArray());
            assertEquals(3.5, rf.row("conv2d_1").centre(), 1e-12);
            // pixel row 10: conv2d_1 unit u sees rows 2u..2u+7, so u = 2..5
            boolean[][] reached = rf.reached("conv2d_1", 10, 10);
            for (int u = 0; u < 11; u++) {
                for (int v = 0; v < 11; v++) assertEquals(u >= 2 && u <= 5 && v >= 2 && v <= 5, reached[u][v], u + "," + v);
            }
            boolean[][] window = rf.window("conv2d_1", 0, 1);
            int n = 0;
            for (int y = 0; y < 28; y++) for (int x = 0; x < 28; x++) if (window[y][x]) n++;
            assertEquals(64, n);
            assertTrue(window[7][9] && !window[7][10] && !window[8][2]);
            assertEquals(4, rf.table().rowCount());
        }
    }

    /** The formulas and the experiment agree at every layer, for pixels at the corners, edges and inside. */
    @Test
    void perturbingOnePixelChangesExactlyTheOutputsTheFormulasSay() {
        float[] image = new float[28 * 28];
        Random r = new Random(7);
        for (int i = 0; i < image.length; i++) image[i] = r.nextFloat();
        try (Net seed = SequentialTest.seedCnn(1, 28, 28, 10, false);
             Net strided = Sequential.input(1, 28, 28).conv2d(4, 3, 2, 1).relu().maxPool(3, 2, 1)
                     .conv2d(6, 5, 1, 2).relu().avgPool(2).flatten().dense(3).build()) {
            for (Net net : List.of(seed, strided)) {
                ReceptiveField rf = ReceptiveField.of(net);
                for (ReceptiveField.Row row : rf.rows()) {
                    for (int[] p : new int[][] {{0, 0}, {10, 10}, {27, 13}, {14, 27}, {5, 22}}) {
                        boolean[][] want = rf.reached(row.layer(), p[0], p[1]);
                        boolean[][] got = ReceptiveField.changed(net, row.layer(), image, p[0], p[1]);
                        for (int u = 0; u < want.length; u++) {
                            assertArrayEquals(want[u], got[u], net.name() + " " + row.layer() + " pixel " + p[0] + ","
                                    + p[1] + " output row " + u);
                        }
                    }
                }
            }
        }
    }

    @Test
    void badInputIsNamed() {
        assertThrows(ModelException.class, () -> Step.conv(0));
        assertTrue(assertThrows(ModelException.class, () -> ReceptiveField.of(4, Step.conv(3), Step.conv(3), Step.conv(3)))
                .getMessage().contains("does not fit"));
        ReceptiveField rf = ReceptiveField.of(8, Step.conv(3));
        assertThrows(ModelException.class, () -> rf.reached("conv3", 8, 0));
        assertTrue(assertThrows(ModelException.class, () -> rf.row("conv5")).getMessage().contains("conv3"));
    }
}
