package dev.cnnlab.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Mistakes students make get an IllegalArgumentException that names the argument and the problem. */
class BadInputTest {
    private static final float[][] X3 = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};

    static String message(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void kernelLargerThanPaddedInput() {
        assertEquals("kernel 5x5 does not fit input 3x3 with padding 0",
                message(() -> Corr2d.apply(X3, new float[5][5])));
        assertEquals("kernel 3x3 with dilation 2 (spans 5x5) does not fit input 3x3 with padding 0",
                message(() -> Corr2d.of(X3, new float[3][3]).dilation(2).compute()));
        // padding 1 makes a 5x5 kernel fit
        assertEquals(1, Corr2d.of(X3, new float[5][5]).padding(1).compute().rows());
        assertEquals("kernel 3x3 does not fit input 2x2 with padding 0",
                message(() -> Pool.max(new float[2][2]).size(3).compute()));
        assertTrue(message(() -> OutputShape.conv(3, 5, 0, 1)).startsWith("kernel 5 does not fit input 3"));
    }

    @Test
    void strideAndDilationMustBePositive() {
        assertEquals("stride must be at least 1, got 0", message(() -> Corr2d.of(X3, X3).stride(0)));
        assertEquals("stride must be at least 1, got -1", message(() -> Pool.max(X3).stride(-1)));
        assertEquals("dilation must be at least 1, got 0", message(() -> Conv2d.of(X3, X3).dilation(0)));
        assertEquals("stride must be at least 1, got 0", message(() -> OutputShape.conv(5, 3, 0, 0)));
        assertEquals("pool size must be at least 1, got 0", message(() -> Pool.avg(X3).size(0)));
        assertEquals("padding must be 0 or more, got -1", message(() -> Corr2d.of(X3, X3).padding(-1)));
        assertEquals("padding \"full\" is not \"valid\", \"same\" or a number", message(() -> Padding.of("full")));
    }

    @Test
    void raggedEmptyAndNullArrays() {
        assertEquals("input is ragged: row 1 has 2 values but row 0 has 3",
                message(() -> Corr2d.apply(new int[][] {{1, 2, 3}, {4, 5}}, new int[][] {{1}})));
        assertEquals("kernel is ragged: row 1 has 1 values but row 0 has 2",
                message(() -> Conv2d.apply(new int[][] {{1, 2}}, new int[][] {{1, 2}, {3}})));
        assertEquals("input is empty: it needs at least one row and one column",
                message(() -> Pool.max(new float[0][0]).size(2).compute()));
        assertEquals("kernel is null", message(() -> Corr2d.of(X3, (float[][]) null)));
        assertEquals("W is ragged: row 1 has 1 values but row 0 has 2",
                message(() -> Dense.apply(new double[][] {{1, 2}, {3}}, new double[] {1, 2}, null)));
        assertEquals("input channel 1 is 2x3 but channel 0 is 3x3",
                message(() -> Pool.max(new float[][][] {X3, new float[2][3]}).computeAll()));
    }

    @Test
    void channelAndSizeMismatches() {
        float[][][] x = {X3, X3, X3};
        float[][][][] w = {{new float[2][2], new float[2][2]}};
        assertTrue(message(() -> ConvLayer.of(x, w)).startsWith("channel mismatch: input has 3 channels but weight[o] has 2"));
        assertEquals("bias has 2 values but the weight has 1 output channels",
                message(() -> ConvLayer.of(new float[][][] {X3}, new float[][][][] {{new float[2][2]}}).bias(1f, 2f)));
        assertTrue(message(() -> Dense.apply(new float[][] {{1, 2, 3}}, new float[] {1, 2}))
                .startsWith("x has 2 values but W has 3 columns (one per input)"));
        assertTrue(message(() -> Dense.apply(new float[][] {{1, 2, 3}, {4, 5, 6}}, new float[] {1, 2}))
                .contains("use Dense.fromKeras"));
        assertEquals("bias has 3 values but W has 2 rows (one per output)",
                message(() -> Dense.of(new double[][] {{1}, {2}}).bias(1, 2, 3)));
        assertEquals("input has 2 channels: use computeAll()",
                message(() -> Pool.max(new float[][][] {X3, X3}).compute()));
    }

    @Test
    void poolPaddingAtMostHalfTheWindow() {
        assertEquals("pool padding 2 is more than half the 2x2 window: a window could hold padding only",
                message(() -> Pool.max(X3).padding(2).compute()));
    }
}
