package dev.cnnlab.viz;

import java.util.Arrays;

import dev.cnnlab.data.ImageData;
import dev.cnnlab.nn.ModelException;
import dev.cnnlab.nn.Net;
import dev.cnnlab.nn.ReceptiveField;

/**
 * Grad-CAM (Selvaraju et al., 2017): where in the image a convolutional layer found the evidence for one class.
 * With A^k the layer's k-th feature map (h x w) and y_c the class score (the logit, before softmax):
 *
 * <pre>
 *   α_k = (1 / hw) Σ_ij ∂y_c / ∂A^k_ij          how much feature map k matters for class c
 *   L_c = ReLU( Σ_k α_k A^k )                    the h x w map: where the maps that matter are active
 * </pre>
 *
 * The ReLU keeps the places that raise the score. The coarse h x w map is then spread over the input: value
 * (u, v) sits at the centre of output (u, v)'s receptive field ({@link ReceptiveField}), and the pixels between
 * centres are interpolated bilinearly ({@link HeatMap#place}).
 *
 * <pre>{@code
 * GradCam cam = GradCam.of(net, "conv2d_1", test, 0, test.label(0));
 * cam.weights();   // α, one per feature map
 * cam.coarse();    // 11x11
 * HeatMap.overlay(test, 0, cam.map())
 * }</pre>
 */
public final class GradCam {
    private final String layer;
    private final int cls;
    private final float[] weights;
    private final float[][] coarse;
    private final float[][] map;
    private final float[] logits;

    private GradCam(String layer, int cls, float[] weights, float[][] coarse, float[][] map, float[] logits) {
        this.layer = layer;
        this.cls = cls;
        this.weights = weights;
        this.coarse = coarse;
        this.map = map;
        this.logits = logits;
    }

    /**
     * Grad-CAM of class {@code cls} at {@code layer} (a layer with image output) for one image (C x H x W values).
     *
     * @throws ModelException if the layer does not output images, the image has the wrong size or the class does
     *                        not exist
     */
    public static GradCam of(Net net, String layer, float[] image, int cls) {
        ScoreGradient.Result g = ScoreGradient.of(net, image, cls, layer);
        int k = (int) g.shape().get(0), h = (int) g.shape().get(1), w = (int) g.shape().get(2);
        float[][][] a = maps(g.values(), k, h, w), grad = maps(g.gradient(), k, h, w);
        float[][] coarse = combine(a, grad);
        ReceptiveField.Row field = ReceptiveField.of(net).row(layer);
        float[][] map = HeatMap.place(coarse, (int) net.inputShape().get(1), (int) net.inputShape().get(2),
                field.centre(), field.jump());
        return new GradCam(layer, cls, channelWeights(grad), coarse, map, g.logits());
    }

    /** Grad-CAM of class {@code cls} at {@code layer} for image {@code index} of {@code data}. */
    public static GradCam of(Net net, String layer, ImageData data, int index, int cls) {
        return of(net, layer, Saliency.image(data, index), cls);
    }

    /**
     * The weight of each feature map: α_k, the mean over the map of the score's gradient.
     *
     * @param gradients K maps of h x w gradients
     */
    public static float[] channelWeights(float[][][] gradients) {
        float[] alpha = new float[gradients.length];
        for (int k = 0; k < gradients.length; k++) {
            double sum = 0;
            int n = 0;
            for (float[] row : gradients[k]) {
                for (float v : row) {
                    sum += v;
                    n++;
                }
            }
            if (n == 0) throw new IllegalArgumentException("gradient map " + k + " is empty");
            alpha[k] = (float) (sum / n);
        }
        return alpha;
    }

    /**
     * The Grad-CAM map from a layer's feature maps and the score's gradient with respect to them:
     * ReLU(Σ_k α_k A^k), α_k the mean of gradient map k.
     *
     * @param activations K maps of h x w values A^k
     * @param gradients   K maps of h x w gradients ∂y_c / ∂A^k, the same shape
     * @throws IllegalArgumentException if the shapes differ
     */
    public static float[][] combine(float[][][] activations, float[][][] gradients) {
        if (activations.length == 0 || activations.length != gradients.length) {
            throw new IllegalArgumentException(activations.length + " feature maps but " + gradients.length
                    + " gradient maps: give one gradient map per feature map");
        }
        int h = activations[0].length, w = h == 0 ? 0 : activations[0][0].length;
        for (int k = 0; k < activations.length; k++) {
            for (float[][] m : new float[][][] {activations[k], gradients[k]}) {
                if (m.length != h || Arrays.stream(m).anyMatch(r -> r.length != w)) {
                    throw new IllegalArgumentException("map " + k + " is not " + h + "x" + w + " like map 0");
                }
            }
        }
        float[] alpha = channelWeights(gradients);
        float[][] cam = new float[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int k = 0; k < alpha.length; k++) s += alpha[k] * activations[k][y][x];
                cam[y][x] = (float) Math.max(0, s);
            }
        }
        return cam;
    }

    private static float[][][] maps(float[] flat, int k, int h, int w) {
        float[][][] m = new float[k][h][w];
        for (int c = 0; c < k; c++) {
            for (int y = 0; y < h; y++) System.arraycopy(flat, (c * h + y) * w, m[c][y], 0, w);
        }
        return m;
    }

    /** The layer the map was taken at. */
    public String layer() {
        return layer;
    }

    /** The class whose score was explained. */
    public int classIndex() {
        return cls;
    }

    /** α_k, one weight per feature map of the layer. */
    public float[] weights() {
        return weights.clone();
    }

    /** The map at the layer's resolution (h x w), before it is spread over the image. */
    public float[][] coarse() {
        return copy(coarse);
    }

    /** The map spread over the input image (H x W). */
    public float[][] map() {
        return copy(map);
    }

    /** The model's scores (logits) for the image. */
    public float[] logits() {
        return logits.clone();
    }

    private static float[][] copy(float[][] m) {
        float[][] c = new float[m.length][];
        for (int i = 0; i < m.length; i++) c[i] = m[i].clone();
        return c;
    }

    @Override
    public String toString() {
        return "GradCam[class " + cls + " at " + layer + ", " + coarse.length + "x" + coarse[0].length + " map, "
                + weights.length + " feature maps]";
    }
}
