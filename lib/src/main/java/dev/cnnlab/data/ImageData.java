package dev.cnnlab.data;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;

import dev.cnnlab.display.ImageGrid;

/**
 * A labelled image set held as one float array: images NCHW float32 in [0,1], labels int in
 * [0, classes). Cheap to slice; converts to DJL arrays and datasets on demand.
 *
 * <pre>{@code
 * ImageData train = FashionMnist.load().train();
 * train.size();            // 60000
 * train.image(0);          // a BufferedImage to look at
 * train.toDataset(manager, 64, true);   // a DJL ArrayDataset
 * }</pre>
 */
public final class ImageData {
    private final float[] pixels;
    private final int[] labels;
    private final int channels;
    private final int height;
    private final int width;
    private final List<String> classes;

    /**
     * Wraps the arrays (not copied). {@code pixels.length} must be {@code labels.length * c * h * w}.
     *
     * @throws DatasetException if the sizes disagree or a label is outside [0, classes.size())
     */
    public ImageData(float[] pixels, int[] labels, int channels, int height, int width, List<String> classes) {
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        this.labels = Objects.requireNonNull(labels, "labels");
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classes = List.copyOf(classes);
        long per = (long) channels * height * width;
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new DatasetException("image shape must be positive, got " + channels + "x" + height + "x" + width);
        }
        if (per * labels.length != pixels.length) {
            throw new DatasetException(labels.length + " labels but " + pixels.length + " pixel values (expected "
                    + per * labels.length + " for " + channels + "x" + height + "x" + width + " images)");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= this.classes.size()) {
                throw new DatasetException("label " + labels[i] + " of image " + i + " is outside [0, "
                        + this.classes.size() + ")");
            }
        }
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Channels per image (1 grey, 3 RGB). */
    public int channels() {
        return channels;
    }

    /** Image height in pixels. */
    public int height() {
        return height;
    }

    /** Image width in pixels. */
    public int width() {
        return width;
    }

    /** The shape of one image, (C, H, W). */
    public Shape imageShape() {
        return new Shape(channels, height, width);
    }

    /** Class names, indexed by label. */
    public List<String> classes() {
        return classes;
    }

    /** The backing pixel array, NCHW (not a copy: do not modify). */
    public float[] pixels() {
        return pixels;
    }

    /** The backing label array (not a copy: do not modify). */
    public int[] labels() {
        return labels;
    }

    /** Label of image {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** Images {@code [from, to)} as a new set (copies the slice). */
    public ImageData slice(int from, int to) {
        Objects.checkFromToIndex(from, to, size());
        int per = channels * height * width;
        float[] p = java.util.Arrays.copyOfRange(pixels, from * per, to * per);
        int[] l = java.util.Arrays.copyOfRange(labels, from, to);
        return new ImageData(p, l, channels, height, width, classes);
    }

    /** The first {@code n} images (all if fewer). */
    public ImageData take(int n) {
        return slice(0, Math.min(n, size()));
    }

    /** A copy in a random order fixed by {@code seed}. */
    public ImageData shuffled(long seed) {
        return select(Permutation.of(size(), new Random(seed)));
    }

    /**
     * Splits off {@code fraction} of these images for validation, the same fraction of every class, chosen by
     * {@code seed} (see {@link ValidationSplit#of}): early stopping and model choice look at the validation part,
     * the test set stays untouched until the end.
     *
     * @throws DatasetException if {@code fraction} is not in (0, 1) or leaves one part empty
     */
    public ValidationSplit split(double fraction, long seed) {
        return ValidationSplit.of(this, fraction, seed);
    }

    /** The images at the given indices, in that order. */
    public ImageData select(int[] indices) {
        int per = channels * height * width;
        float[] p = new float[indices.length * per];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(pixels, indices[k] * per, p, k * per, per);
            l[k] = labels[indices[k]];
        }
        return new ImageData(p, l, channels, height, width, classes);
    }

    /** Channel {@code c} of image {@code i} as rows of pixels, {@code [height][width]} (a copy). */
    public float[][] channel(int i, int c) {
        Objects.checkIndex(i, size());
        Objects.checkIndex(c, channels);
        float[][] out = new float[height][width];
        int base = (i * channels + c) * height * width;
        for (int y = 0; y < height; y++) System.arraycopy(pixels, base + y * width, out[y], 0, width);
        return out;
    }

    /** Count of images per class. */
    public int[] classCounts() {
        int[] counts = new int[classes.size()];
        for (int l : labels) counts[l]++;
        return counts;
    }

    /** Image {@code i} as a picture (grey or RGB; values clamped to [0,1]). */
    public BufferedImage image(int i) {
        Objects.checkIndex(i, size());
        int plane = height * width;
        int base = i * channels * plane;
        BufferedImage img = new BufferedImage(width, height,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int o = base + y * width + x;
                if (channels == 1) {
                    int g = toByte(pixels[o]);
                    img.getRaster().setSample(x, y, 0, g);
                } else {
                    int r = toByte(pixels[o]), g = toByte(pixels[o + plane]), b = toByte(pixels[o + 2 * plane]);
                    img.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
        }
        return img;
    }

    private static int toByte(float v) {
        return Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
    }

    /** The images at {@code indices}, captioned with their class names, enlarged 3x, {@code columns} per row. */
    public BufferedImage grid(int[] indices, int columns) {
        List<BufferedImage> images = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int i : indices) {
            images.add(image(i));
            captions.add(classes.get(label(i)));
        }
        return ImageGrid.of(images, captions, columns, 3);
    }

    /** All images as one NDArray of shape (N, C, H, W). */
    public NDArray imagesArray(NDManager manager) {
        return manager.create(pixels, new Shape(size(), channels, height, width));
    }

    /** All labels as one int NDArray of shape (N). */
    public NDArray labelsArray(NDManager manager) {
        return manager.create(labels);
    }

    /** A DJL dataset over these images and labels. */
    public ArrayDataset toDataset(NDManager manager, int batchSize, boolean shuffle) {
        if (batchSize <= 0) throw new DatasetException("batch size must be positive, got " + batchSize);
        return new ArrayDataset.Builder()
                .setData(imagesArray(manager))
                .optLabels(labelsArray(manager))
                .setSampling(batchSize, shuffle)
                .build();
    }

    @Override
    public String toString() {
        return "ImageData[" + size() + " images " + channels + "x" + height + "x" + width + ", "
                + classes.size() + " classes]";
    }
}
