package dev.cnnlab.viz;

import java.util.Arrays;

import dev.cnnlab.data.ImageData;
import dev.cnnlab.nn.ModelException;
import dev.cnnlab.nn.Net;

/**
 * A saliency map (Simonyan, Vedaldi and Zisserman, 2013): how strongly each input pixel moves one class score.
 * It is the gradient of the score y_c (the logit, before softmax) with respect to the image, in absolute value,
 * the largest over the channels:
 *
 * <pre>
 *   S(y, x) = max over channels ch of | ∂y_c / ∂image(ch, y, x) |
 * </pre>
 *
 * For a linear model y = W·x + b the gradient is the row W_c, so the map is |W_c| whatever the image; for a CNN
 * it depends on the image through the ReLUs and max-pools that are active. Computed with DJL's autograd.
 *
 * <pre>{@code
 * float[][] s = Saliency.of(net, test, 0, test.label(0));   // 28x28
 * HeatMap.overlay(test, 0, s)                               // the image with the map on top
 * }</pre>
 */
public final class Saliency {
    private Saliency() {}

    /**
     * The saliency map of class {@code cls} for one image (C x H x W values, as the model expects); shape H x W.
     *
     * @throws ModelException if the image has the wrong size or the class does not exist
     */
    public static float[][] of(Net net, float[] image, int cls) {
        ScoreGradient.Result g = ScoreGradient.of(net, image, cls, null);
        int c = (int) g.shape().get(0), h = (int) g.shape().get(1), w = (int) g.shape().get(2);
        float[][] s = new float[h][w];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) s[y][x] = Math.max(s[y][x], Math.abs(g.gradient()[(ch * h + y) * w + x]));
            }
        }
        return s;
    }

    /** The saliency map of class {@code cls} for image {@code index} of {@code data}; shape H x W. */
    public static float[][] of(Net net, ImageData data, int index, int cls) {
        return of(net, image(data, index), cls);
    }

    /** The pixels of image {@code index} (C x H x W values). */
    static float[] image(ImageData data, int index) {
        if (index < 0 || index >= data.size()) {
            throw new ModelException("image " + index + " does not exist: the data has " + data.size() + " images");
        }
        int per = data.channels() * data.height() * data.width();
        return Arrays.copyOfRange(data.pixels(), index * per, (index + 1) * per);
    }
}
