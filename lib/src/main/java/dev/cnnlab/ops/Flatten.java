package dev.cnnlab.ops;

import java.util.List;

/**
 * Flattening feature maps into one vector for a dense layer.
 *
 * <pre>
 *   channels first (DJL, PyTorch):  out[c·H·W + i·W + j] = x[c][i][j]
 *   channels last  (Keras):         out[i·W·C + j·C + c] = x[c][i][j]
 * </pre>
 * Both hold the same {@code C·H·W} numbers in a different order, so weights trained with one order do not
 * fit the other. In the articles' MNIST models 64 maps of 5x5 flatten to 1,600 values.
 */
public final class Flatten {
    private Flatten() {}

    /** Row by row: {@code out[i·W + j] = x[i][j]}. */
    public static float[] apply(float[][] x) {
        return apply(new float[][][] {Inputs.matrix(x, "input")});
    }

    /** Channels first (NCHW, as DJL's {@code Blocks.batchFlattenBlock()}): {@code out[c·H·W + i·W + j] = x[c][i][j]}. */
    public static float[] apply(float[][][] x) {
        Inputs.volume(x, "input");
        int h = x[0].length;
        int w = x[0][0].length;
        float[] out = new float[x.length * h * w];
        for (int c = 0; c < x.length; c++) {
            for (int i = 0; i < h; i++) {
                System.arraycopy(x[c][i], 0, out, (c * h + i) * w, w);
            }
        }
        return out;
    }

    /** Channels last (Keras' default layout): {@code out[i·W·C + j·C + c] = x[c][i][j]}. */
    public static float[] channelsLast(float[][][] x) {
        Inputs.volume(x, "input");
        int cs = x.length;
        int h = x[0].length;
        int w = x[0][0].length;
        float[] out = new float[cs * h * w];
        for (int c = 0; c < cs; c++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    out[(i * w + j) * cs + c] = x[c][i][j];
                }
            }
        }
        return out;
    }

    /** Which input cell lands at each output position (channels first), first {@value Explanation#MAX_STEPS}. */
    public static Explanation explain(float[][][] x) {
        float[] out = apply(x);
        int h = x[0].length;
        int w = x[0][0].length;
        Explanation e = new Explanation("Flatten (channels first): out[c·H·W + i·W + j] = x[c][i][j]")
                .note("input " + Inputs.shape(x) + " (C x H x W) → " + out.length + " values");
        for (int c = 0; c < x.length; c++) {
            e.operand("channel " + c, x[c]);
        }
        for (int k = 0; k < out.length; k++) {
            if (!e.wants()) {
                continue;
            }
            int c = k / (h * w);
            int i = k / w % h;
            int j = k % w;
            e.step("out[" + k + "]", "x[" + c + "][" + i + "][" + j + "] = " + Num.fmt(out[k]),
                    List.of(Window.result("channel " + c, x[c], i, j)));
        }
        return e;
    }
}
