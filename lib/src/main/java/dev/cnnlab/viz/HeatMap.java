package dev.cnnlab.viz;

import java.awt.image.BufferedImage;

import dev.cnnlab.data.ImageData;

/**
 * A map of non-negative values (a saliency or Grad-CAM map) drawn in colour over a grey image: each value is
 * divided by the map's largest, t in [0, 1], coloured from blue (low) through green and yellow to red (high),
 * and mixed into the image with weight 0.6·t, so where the map is 0 the image shows unchanged.
 *
 * <pre>{@code
 * HeatMap.overlay(test, 0, Saliency.of(net, test, 0, 3))
 * }</pre>
 */
public final class HeatMap {
    static final double MAX_ALPHA = 0.6;

    private HeatMap() {}

    /**
     * Spreads a coarse h x w map over an H x W image: value (u, v) sits at input position
     * (centre + u·jump, centre + v·jump), as a layer's output sits at the centre of its receptive field, and the
     * pixels between are interpolated bilinearly (beyond the outermost centres the edge value is kept).
     *
     * @throws IllegalArgumentException if the map is empty or ragged, a size is not positive or jump is not positive
     */
    public static float[][] place(float[][] coarse, int height, int width, double centre, double jump) {
        int h = coarse.length, w = h == 0 ? 0 : coarse[0].length;
        if (h == 0 || w == 0) throw new IllegalArgumentException("cannot place an empty map");
        for (float[] row : coarse) {
            if (row.length != w) throw new IllegalArgumentException("rows of different lengths: " + w + " and " + row.length);
        }
        if (height <= 0 || width <= 0 || !(jump > 0)) {
            throw new IllegalArgumentException("sizes and jump must be positive, got " + height + "x" + width
                    + " and jump " + jump);
        }
        float[][] out = new float[height][width];
        for (int y = 0; y < height; y++) {
            double ty = clamp((y - centre) / jump, h - 1);
            int y0 = (int) Math.floor(ty), y1 = Math.min(y0 + 1, h - 1);
            double fy = ty - y0;
            for (int x = 0; x < width; x++) {
                double tx = clamp((x - centre) / jump, w - 1);
                int x0 = (int) Math.floor(tx), x1 = Math.min(x0 + 1, w - 1);
                double fx = tx - x0;
                double top = coarse[y0][x0] * (1 - fx) + coarse[y0][x1] * fx;
                double bottom = coarse[y1][x0] * (1 - fx) + coarse[y1][x1] * fx;
                out[y][x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }

    private static double clamp(double t, int max) {
        return Math.max(0, Math.min(max, t));
    }

    /**
     * {@code heat} (same size as the image, values >= 0) over {@code image} (grey values in [0, 1]; outside is
     * clamped).
     *
     * @throws IllegalArgumentException if the sizes differ or the map has a negative or non-finite value
     */
    public static BufferedImage overlay(float[][] image, float[][] heat) {
        int h = image.length, w = h == 0 ? 0 : image[0].length;
        if (h == 0 || w == 0) throw new IllegalArgumentException("cannot draw an empty image");
        if (heat.length != h || heat[0].length != w) {
            throw new IllegalArgumentException("the map is " + heat.length + "x" + heat[0].length + " but the image is "
                    + h + "x" + w + ": spread a coarse map over the image first (HeatMap.place)");
        }
        float max = 0;
        for (float[] row : heat) {
            for (float v : row) {
                if (!(v >= 0) || Float.isInfinite(v)) {
                    throw new IllegalArgumentException("a heat map holds values >= 0, found " + v);
                }
                max = Math.max(max, v);
            }
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double grey = Math.max(0, Math.min(1, image[y][x])) * 255;
                double t = max > 0 ? heat[y][x] / max : 0;
                int[] c = colour(t);
                double a = MAX_ALPHA * t;
                int r = (int) Math.round((1 - a) * grey + a * c[0]);
                int g = (int) Math.round((1 - a) * grey + a * c[1]);
                int b = (int) Math.round((1 - a) * grey + a * c[2]);
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    /** The pixels where {@code mask} is true marked in red over {@code image} (a receptive field, say). */
    public static BufferedImage overlay(float[][] image, boolean[][] mask) {
        float[][] heat = new float[mask.length][];
        for (int y = 0; y < mask.length; y++) {
            heat[y] = new float[mask[y].length];
            for (int x = 0; x < mask[y].length; x++) heat[y][x] = mask[y][x] ? 1 : 0;
        }
        return overlay(image, heat);
    }

    /** {@code heat} over image {@code index} of {@code data} (its first channel). */
    public static BufferedImage overlay(ImageData data, int index, float[][] heat) {
        return overlay(data.channel(index, 0), heat);
    }

    /** The colour of t in [0, 1]: blue (0), cyan, green, yellow, red (1), as red, green, blue in 0..255. */
    static int[] colour(double t) {
        double[][] stops = {{0, 0, 255}, {0, 255, 255}, {0, 255, 0}, {255, 255, 0}, {255, 0, 0}};
        double p = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = Math.min((int) p, stops.length - 2);
        double f = p - i;
        int[] c = new int[3];
        for (int k = 0; k < 3; k++) c[k] = (int) Math.round(stops[i][k] * (1 - f) + stops[i + 1][k] * f);
        return c;
    }
}
