package dev.cnnlab.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The step-by-step views: every output cell's arithmetic, the cap, and self-contained HTML. */
class ExplanationTest {
    private static final int[][] X = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    private static final int[][] CROSS = {{0, 1, 0}, {1, 0, 1}, {0, 1, 0}};

    static void assertHtmlSelfContained(Explanation e) {
        String h = e.toHtml();
        assertFalse(h.toLowerCase().contains("<script"), "no scripts");
        assertFalse(h.contains("class="), "inline styles only");
        assertEquals(h.split("<table", -1).length, h.split("</table>", -1).length, "tables closed");
        assertEquals(h.split("<div", -1).length, h.split("</div>", -1).length, "divs closed");
    }

    @Test
    void corr2dSpellsOutEverySumOfProducts() {
        Explanation e = Corr2d.of(X, CROSS).padding("same").explain();
        assertEquals(9, e.cells());
        assertEquals(9, e.lines().size());
        assertEquals("out[0][0] = 0·0 + 0·1 + 0·0 + 0·1 + 1·0 + 2·1 + 0·0 + 4·1 + 5·0 = 6", e.lines().get(0));
        assertEquals("out[1][1] = 1·0 + 2·1 + 3·0 + 4·1 + 5·0 + 6·1 + 7·0 + 8·1 + 9·0 = 20", e.lines().get(4));
        assertTrue(e.toString().contains("[[ 6,  9,  8],\n [13, 20, 17],\n [12, 21, 14]]"), e.toString());
        String h = e.toHtml();
        assertTrue(h.contains("background:#ffd54f"), "window highlighted");
        assertTrue(h.contains("background:#81c784"), "output cell highlighted");
        assertTrue(h.contains("input (padded)"));
        assertHtmlSelfContained(e);
    }

    @Test
    void conv2dShowsTheFlippedKernel() {
        Explanation e = Conv2d.explain(X, new int[][] {{1, 2}, {3, 4}});
        assertEquals("out[0][0] = 1·4 + 2·3 + 4·2 + 5·1 = 23", e.lines().get(0));
        assertTrue(e.toString().contains("flipped kernel:\n[[4, 3],\n [2, 1]]"), e.toString());
        assertHtmlSelfContained(e);
    }

    @Test
    void bigInputsAreCappedWithANote() {
        float[][] x = new float[10][10];
        Explanation e = Corr2d.of(x, new float[3][3]).explain();
        assertEquals(64, e.cells());
        assertEquals(Explanation.MAX_STEPS, e.lines().size());
        assertTrue(e.toString().endsWith("(first 16 of 64 output cells shown)"));
        assertTrue(e.toHtml().contains("first 16 of 64 output cells shown"));
        // a 28x28 map draws only the window under the kernel, not the whole image, for each step
        Explanation big = Pool.max(new float[28][28]).explain();
        assertTrue(big.toHtml().contains("input rows 0..1, cols 0..1"));
        assertTrue(big.toHtml().length() < 200_000, "HTML stays small: " + big.toHtml().length());
        assertHtmlSelfContained(big);
    }

    @Test
    void poolingShowsMaxAndAverage() {
        assertEquals(List.of("out[0][0] = max(2, 5, 1, 3) = 5"), Pool.max(new int[][] {{2, 5}, {1, 3}}).explain().lines());
        assertEquals(List.of("out[0][0] = (2 + 5 + 1 + 3) / 4 = 2.75"),
                Pool.avg(new int[][] {{2, 5}, {1, 3}}).explain().lines());
        // padding 1, stride 2: the corner window holds one real cell; counted zeros divide by 4, else by 1
        assertEquals("out[0][0] = (0 + 0 + 0 + 2) / 4 = 0.5",
                Pool.avg(new int[][] {{2, 5}, {1, 3}}).padding(1).explain().lines().get(0));
        assertEquals("out[0][0] = (2) / 1 = 2",
                Pool.avg(new int[][] {{2, 5}, {1, 3}}).padding(1).countPadding(false).explain().lines().get(0));
        assertEquals("out[0][0] = max(2) = 2", Pool.max(new int[][] {{2, 5}, {1, 3}}).padding(1).explain().lines().get(0));
    }

    @Test
    void denseShowsEachOutputAsWeightsTimesInputsPlusBias() {
        Explanation e = Dense.explain(new double[][] {{0.5, 1.2, -0.3}, {1.0, 0.8, 0.5}, {-0.2, 0.4, 1.1}},
                new double[] {2.5, 3.8, 1.2}, null);
        assertEquals(List.of("y[0] = 0.5·2.5 + 1.2·3.8 + (-0.3)·1.2 = 5.45", "y[1] = 1·2.5 + 0.8·3.8 + 0.5·1.2 = 6.14",
                "y[2] = (-0.2)·2.5 + 0.4·3.8 + 1.1·1.2 = 2.34"), e.lines());
        assertEquals(List.of("y[0] = 0·15 + 1·19 + 1 = 20", "y[1] = 1·15 + 0·19 + 1 = 16"),
                Dense.explain(new double[][] {{0, 1}, {1, 0}}, new double[] {15, 19}, new double[] {1, 1}).lines());
        assertHtmlSelfContained(e);
    }

    @Test
    void convLayerSumsOverChannelsPlusBias() {
        float[][][] x = {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}};
        float[][][][] w = ConvLayer.asKernels(new float[][] {{1, -1}});
        Explanation e = ConvLayer.of(x, w).bias(0.5f).explain();
        assertEquals("out[0][0][0] = (1·1) + (5·(-1)) + 0.5 = -3.5", e.lines().get(0));
        assertEquals(4, e.cells());
        assertHtmlSelfContained(e);
    }

    @Test
    void activationsAndFlattenExplain() {
        Explanation s = Activations.explainSoftmax(new double[] {1000, 1001});
        assertEquals("softmax[0] = e^(1000 − 1001) / 1.3679 = 0.3679 / 1.3679 = 0.2689", s.lines().get(0));
        assertEquals("relu(x[0][1]) = max(0, -2) = 0",
                Activations.explainRelu(new float[][] {{3, -2}}).lines().get(1));
        assertEquals("σ(x[0]) = 1 / (1 + e^(0)) = 0.5", Activations.explainSigmoid(new float[] {0}).lines().get(0));
        Explanation f = Flatten.explain(new float[][][] {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}});
        assertEquals("out[5] = x[1][0][1] = 6", f.lines().get(5));
        assertHtmlSelfContained(s);
        assertHtmlSelfContained(f);
    }

    @Test
    void numbersReadLikeAStudentWouldWriteThem() {
        assertEquals("5.45", Num.fmt(5.4500003f));
        assertEquals("20", Num.fmt(20f));
        assertEquals("-0.3", Num.fmt(-0.3f));
        assertEquals("0", Num.fmt(-0.0));
        assertEquals("0.3333", Num.fmt(1.0 / 3));
        assertEquals("1.000e-05", Num.fmt(1e-5));
        assertEquals("(-2)", Num.factor(-2));
        assertEquals("[[1, 2],\n [3, 4]]", Grid.of(new int[][] {{1, 2}, {3, 4}}).toString());
        assertEquals(Grid.of(new int[][] {{1, 2}}), Grid.of(new double[][] {{1.0, 2.0}}));
    }
}
