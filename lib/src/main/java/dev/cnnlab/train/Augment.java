package dev.cnnlab.train;

import java.util.Random;

import ai.djl.ndarray.types.Shape;
import dev.cnnlab.data.ImageData;

/**
 * Random image changes for training, like Keras' {@code ImageDataGenerator}: rotation, width/height shift,
 * shear, zoom, horizontal flip and rescale. Each image gets its own random affine transform (about the image
 * centre), sampled bilinearly; pixels from outside take the nearest edge value (Keras' fill_mode='nearest').
 * Seeded: the same seed gives the same images.
 *
 * <pre>{@code
 * // the seed article's generator (images are already in [0,1], so no rescale here)
 * Augment a = Augment.none().rotation(40).widthShift(0.2).heightShift(0.2).shear(0.2).zoom(0.2).horizontalFlip();
 * Fit.of(net).augment(a)...
 * }</pre>
 */
public final class Augment {
    private double rotation;     // degrees, uniform in [-r, r]
    private double widthShift;   // fraction of width
    private double heightShift;  // fraction of height
    private double shear;        // degrees, like Keras' shear_range
    private double zoom;         // scale factor in [1-z, 1+z]
    private boolean flip;
    private float rescale = 1f;

    private Augment() {}

    /** No change; add transformations with the methods below. */
    public static Augment none() {
        return new Augment();
    }

    /** Rotates by a random angle in [-degrees, degrees]. */
    public Augment rotation(double degrees) {
        rotation = degrees;
        return this;
    }

    /** Shifts left/right by up to {@code fraction} of the width. */
    public Augment widthShift(double fraction) {
        widthShift = fraction;
        return this;
    }

    /** Shifts up/down by up to {@code fraction} of the height. */
    public Augment heightShift(double fraction) {
        heightShift = fraction;
        return this;
    }

    /** Shears by a random angle in [-degrees, degrees] (Keras' shear_range is in degrees too). */
    public Augment shear(double degrees) {
        shear = degrees;
        return this;
    }

    /** Zooms by a random factor in [1-range, 1+range]. */
    public Augment zoom(double range) {
        if (range < 0 || range >= 1) throw new TrainingException("zoom range must be in [0, 1), got " + range);
        zoom = range;
        return this;
    }

    /** Mirrors half of the images left-right. */
    public Augment horizontalFlip() {
        flip = true;
        return this;
    }

    /** Multiplies every pixel by {@code factor} after the transform (Keras' rescale=1/255 for byte images). */
    public Augment rescale(double factor) {
        rescale = (float) factor;
        return this;
    }

    /** Changes a whole set (a new copy), seeded: useful to look at what the network will see. */
    public ImageData apply(ImageData data, long seed) {
        float[] copy = data.pixels().clone();
        apply(copy, data.size(), data.imageShape(), new Random(seed));
        return new ImageData(copy, data.labels().clone(), data.channels(), data.height(), data.width(), data.classes());
    }

    /** Changes {@code n} images (N, C, H, W) in {@code pixels} in place. */
    public void apply(float[] pixels, int n, Shape image, Random random) {
        int c = (int) image.get(0), h = (int) image.get(1), w = (int) image.get(2);
        float[] src = new float[c * h * w];
        for (int i = 0; i < n; i++) {
            int base = i * c * h * w;
            System.arraycopy(pixels, base, src, 0, src.length);
            transform(src, pixels, base, c, h, w, random);
        }
    }

    private void transform(float[] src, float[] dst, int base, int c, int h, int w, Random r) {
        double theta = Math.toRadians(uniform(r, rotation));
        double tx = uniform(r, widthShift) * w;
        double ty = uniform(r, heightShift) * h;
        double sh = Math.toRadians(uniform(r, shear));
        double zx = 1 + uniform(r, zoom), zy = 1 + uniform(r, zoom);
        boolean mirror = flip && r.nextBoolean();
        // inverse map: output pixel -> source position, as Keras' apply_affine_transform does
        double cos = Math.cos(theta), sin = Math.sin(theta);
        // rotation x shear x zoom, multiplied out
        double a = cos * zx, b = -Math.sin(theta + sh) * zy, d = sin * zx, e = Math.cos(theta + sh) * zy;
        double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double ox = (mirror ? w - 1 - x : x) - cx, oy = y - cy;
                double sx = a * ox + b * oy + cx - tx;
                double sy = d * ox + e * oy + cy - ty;
                for (int ch = 0; ch < c; ch++) {
                    dst[base + ch * plane + y * w + x] = rescale * bilinear(src, ch * plane, h, w, sx, sy);
                }
            }
        }
    }

    private static float bilinear(float[] img, int off, int h, int w, double x, double y) {
        x = Math.max(0, Math.min(w - 1, x)); // 'nearest' fill: clamp to the edge
        y = Math.max(0, Math.min(h - 1, y));
        int x0 = (int) x, y0 = (int) y;
        int x1 = Math.min(w - 1, x0 + 1), y1 = Math.min(h - 1, y0 + 1);
        double fx = x - x0, fy = y - y0;
        double top = img[off + y0 * w + x0] * (1 - fx) + img[off + y0 * w + x1] * fx;
        double bottom = img[off + y1 * w + x0] * (1 - fx) + img[off + y1 * w + x1] * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }

    private static double uniform(Random r, double range) {
        return range == 0 ? 0 : (r.nextDouble() * 2 - 1) * range;
    }

    @Override
    public String toString() {
        return String.format("Augment[rotation=%s°, widthShift=%s, heightShift=%s, shear=%s°, zoom=%s, flip=%s, rescale=%s]",
                rotation, widthShift, heightShift, shear, zoom, flip, rescale);
    }
}
