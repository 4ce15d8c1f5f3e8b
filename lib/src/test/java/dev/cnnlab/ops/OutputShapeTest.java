package dev.cnnlab.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OutputShapeTest {
    @Test
    void theArticlesMnistShapes() {
        assertEquals(26, OutputShape.valid(28, 3));
        assertEquals(13, OutputShape.pool(26, 2, 0, 2));
        assertEquals(11, OutputShape.valid(13, 3));
        assertEquals(5, OutputShape.pool(11, 2, 0, 2)); // 64·5·5 = 1,600 values into Dense(128)
        assertEquals(6, OutputShape.pool(13, 2, 0, 2)); // odd sizes drop the last row/column
        assertEquals(126, OutputShape.valid(128, 3));
        assertEquals(63, OutputShape.pool(126, 2, 0, 2));
    }

    @Test
    void paddingStrideDilation() {
        assertEquals(3, OutputShape.conv(5, 3, 1, 2));       // (5 + 2 − 3)/2 + 1
        assertEquals(3, OutputShape.conv(7, 3, 0, 1, 2));    // dilated 3x3 spans 5
        assertEquals(5, OutputShape.conv(5, 3, 1, 1));       // 'same' for odd k, stride 1
        assertEquals(1, OutputShape.conv(3, 3, 0, 1));
        assertEquals(4, OutputShape.same(7, 2));
        assertEquals(4, OutputShape.of(7, 3, Padding.SAME, 2, 1));
        assertEquals(3, OutputShape.of(5, 3, Padding.of(1), 2, 1));
    }

    @Test
    void samePaddingPutsTheOddZeroAfter() {
        assertEquals(0, Padding.SAME.before(4, 2, 1, 1));
        assertEquals(1, Padding.SAME.after(4, 2, 1, 1));
        assertEquals(1, Padding.SAME.before(5, 3, 1, 1));
        assertEquals(1, Padding.SAME.after(5, 3, 1, 1));
        assertEquals(0, Padding.SAME.before(3, 2, 2, 1)); // 3 → 2 outputs needs one extra row at the bottom
        assertEquals(1, Padding.SAME.after(3, 2, 2, 1));
        assertEquals(Padding.VALID, Padding.of("Valid"));
        assertEquals(Padding.SAME, Padding.of(" same "));
        assertEquals(Padding.of(2), Padding.of("2"));
        assertEquals("same", Padding.SAME.toString());
    }

    /** The formula against counting window positions one by one. */
    @Test
    void formulaMatchesCountingPositions() {
        Random r = new Random(1);
        for (int t = 0; t < 300; t++) {
            int n = 1 + r.nextInt(30);
            int k = 1 + r.nextInt(5);
            int p = r.nextInt(3);
            int s = 1 + r.nextInt(4);
            int d = 1 + r.nextInt(3);
            int span = d * (k - 1) + 1;
            if (span > n + 2 * p) {
                continue;
            }
            int count = 0;
            for (int start = -p; start + span <= n + p; start += s) {
                count++;
            }
            assertEquals(count, OutputShape.conv(n, k, p, s, d), "n " + n + " k " + k + " p " + p + " s " + s + " d " + d);
            // 'same' always yields ceil(n/s) whatever the kernel
            assertEquals((n + s - 1) / s, OutputShape.of(n, k, Padding.SAME, s, d));
        }
    }

    @Test
    void buildersReportTheirShapes() {
        float[][] x = new float[7][9];
        float[][] k = new float[3][2];
        assertArrayEquals(new int[] {4, 5}, Corr2d.of(x, k).padding(1).stride(2).outputShape()); // (7+2−3)/2+1, (9+2−2)/2+1
        assertArrayEquals(new int[] {7, 9}, Conv2d.of(x, k).padding("same").outputShape());
        assertArrayEquals(new int[] {3, 4}, Pool.max(x).outputShape());
        assertArrayEquals(new int[] {4, 5}, Pool.max(x).padding("same").outputShape());
        assertArrayEquals(new int[] {2, 5, 8}, ConvLayer.of(new float[][][] {x}, new float[][][][] {{k}, {k}}).outputShape());
    }
}
