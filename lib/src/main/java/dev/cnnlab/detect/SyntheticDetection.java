package dev.cnnlab.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cnnlab.data.DetectionData;

/**
 * A synthetic object-detection set: square RGB images with 1–5 coloured shapes (circle, square,
 * triangle, diamond, cross) on a textured background, with a tight box and a class per shape.
 * Small enough for a tiny SSD to learn on a CPU in minutes, and fully offline.
 * <ul>
 *   <li>Images: float RGB, NCHW, values in [0, 1].</li>
 *   <li>Shapes: typical side {@code sqrt(w * h)} from 15% to 47% of the image (19–60 px at 128,
 *       38–120 px at 256), aspect {@code w / h} between 0.7 and 1.4 (so no side below about 10%), each
 *       overlapping earlier shapes by IoU at most 0.15 (later shapes may hide a corner of earlier ones;
 *       boxes always describe the whole shape).</li>
 *   <li>Boxes: pixel corners {@code (x1, y1, x2, y2)}, integers, inside the image;
 *       {@link #normalisedBoxes(int)} divides by the image size for anchors.</li>
 *   <li>Deterministic: the same seed gives the same images, boxes and classes, bit for bit.
 *       Image {@code i} depends only on {@code (seed, i)}, so a larger set starts with the smaller one.
 *       Shapes are rasterised with plain arithmetic (no fonts, no Java2D), so results do not depend on
 *       the machine.</li>
 * </ul>
 * <pre>{@code
 * var data = SyntheticDetection.generate(1000, 128, 42);
 * data.image(0);                 // BufferedImage
 * data.boxes(0); data.labels(0); // float[k][4] pixel corners, int[k] classes
 * data.groundTruth();            // for MeanAveragePrecision
 * }</pre>
 */
public final class SyntheticDetection implements DetectionData {
    /** Class names, indexed by class. */
    public static final List<String> CLASSES = List.of("circle", "square", "triangle", "diamond", "cross");
    /** Most shapes in one image. */
    public static final int MAX_OBJECTS = 5;

    private final float[] pixels;
    private final int count;
    private final int size;
    private final float[][][] boxes;
    private final int[][] labels;

    private SyntheticDetection(float[] pixels, int count, int size, float[][][] boxes, int[][] labels) {
        this.pixels = pixels;
        this.count = count;
        this.size = size;
        this.boxes = boxes;
        this.labels = labels;
    }

    /**
     * Generates {@code count} images of {@code size x size} pixels.
     *
     * @throws DetectionException if {@code count < 0} or {@code size < 32}
     */
    public static SyntheticDetection generate(int count, int size, long seed) {
        if (count < 0) throw new DetectionException("count must be >= 0, got " + count);
        if (size < 32) throw new DetectionException("size must be at least 32 pixels, got " + size);
        int plane = size * size;
        float[] pixels = new float[count * 3 * plane];
        float[][][] boxes = new float[count][][];
        int[][] labels = new int[count][];
        for (int i = 0; i < count; i++) {
            // one generator per image, seeded from (seed, i): image i is the same whatever count is
            Random r = new Random(seed * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L + 1);
            int off = i * 3 * plane;
            background(pixels, off, size, r);
            List<float[]> placed = new ArrayList<>();
            List<Integer> classes = new ArrayList<>();
            int wanted = 1 + r.nextInt(MAX_OBJECTS);
            for (int tries = 0; placed.size() < wanted && tries < 50; tries++) {
                float[] box = randomBox(size, r);
                if (overlapsTooMuch(box, placed)) continue;
                int cls = r.nextInt(CLASSES.size());
                float[] colour = shapeColour(r);
                paint(pixels, off, size, box, cls, colour);
                placed.add(box);
                classes.add(cls);
            }
            boxes[i] = placed.toArray(new float[0][]);
            labels[i] = classes.stream().mapToInt(Integer::intValue).toArray();
        }
        return new SyntheticDetection(pixels, count, size, boxes, labels);
    }

    /** Number of images. */
    @Override
    public int size() {
        return count;
    }

    /** Side of the (square) images in pixels. */
    @Override
    public int imageSize() {
        return size;
    }

    /** Number of classes (5). */
    @Override
    public int numClasses() {
        return CLASSES.size();
    }

    /** Class names. */
    @Override
    public List<String> classes() {
        return CLASSES;
    }

    /** All images, NCHW (not a copy: do not modify). */
    @Override
    public float[] pixels() {
        return pixels;
    }

    /** Boxes of image {@code i}, pixel corners, one row per object (a copy). */
    @Override
    public float[][] boxes(int i) {
        Objects.checkIndex(i, count);
        float[][] out = new float[boxes[i].length][];
        for (int k = 0; k < out.length; k++) out[k] = boxes[i][k].clone();
        return out;
    }

    /** Boxes of image {@code i} divided by the image size: corners in [0, 1], the coordinates of {@link Anchors}. */
    @Override
    public float[][] normalisedBoxes(int i) {
        return Boxes.scale(boxes(i), 1f / size, 1f / size);
    }

    /** Classes of the objects of image {@code i} (a copy). */
    @Override
    public int[] labels(int i) {
        Objects.checkIndex(i, count);
        return labels[i].clone();
    }

    /** The objects of image {@code i}, pixel coordinates. */
    public List<GroundTruth> groundTruth(int i) {
        return GroundTruth.list(i, boxes[i], labels[i]);
    }

    /** The objects of all images, pixel coordinates, for {@link MeanAveragePrecision}. */
    public List<GroundTruth> groundTruth() {
        List<GroundTruth> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.addAll(groundTruth(i));
        return out;
    }

    /** Images {@code [from, to)} as a new set (copies; image indices restart at 0). */
    public SyntheticDetection slice(int from, int to) {
        Objects.checkFromToIndex(from, to, count);
        int per = 3 * size * size;
        return new SyntheticDetection(Arrays.copyOfRange(pixels, from * per, to * per), to - from, size,
                Arrays.copyOfRange(boxes, from, to), Arrays.copyOfRange(labels, from, to));
    }

    /** All images as an NDArray of shape (N, 3, size, size). */
    public NDArray imagesArray(NDManager manager) {
        return manager.create(pixels, new Shape(count, 3, size, size));
    }

    /**
     * Labels as an NDArray of shape (N, {@value #MAX_OBJECTS}, 5), rows {@code (class, x1, y1, x2, y2)} with
     * normalised corners; rows past an image's objects are {@code -1} (the d2l "banana" layout).
     */
    public NDArray labelsArray(NDManager manager) {
        float[] out = new float[count * MAX_OBJECTS * 5];
        Arrays.fill(out, -1f);
        for (int i = 0; i < count; i++) {
            float[][] b = normalisedBoxes(i);
            for (int k = 0; k < b.length; k++) {
                int o = (i * MAX_OBJECTS + k) * 5;
                out[o] = labels[i][k];
                System.arraycopy(b[k], 0, out, o + 1, 4);
            }
        }
        return manager.create(out, new Shape(count, MAX_OBJECTS, 5));
    }

    @Override
    public String toString() {
        int objects = 0;
        for (int[] l : labels) objects += l.length;
        return "SyntheticDetection[" + count + " images 3x" + size + "x" + size + ", " + objects + " objects, classes "
                + CLASSES + "]";
    }

    // --- drawing ------------------------------------------------------------------------------------------

    /** Smooth stripes and blobs in a dark random tint, plus fine noise: texture the detector must ignore. */
    private static void background(float[] px, int off, int size, Random r) {
        int plane = size * size;
        float[] base = {0.1f + 0.3f * r.nextFloat(), 0.1f + 0.3f * r.nextFloat(), 0.1f + 0.3f * r.nextFloat()};
        double[] fx = new double[3], fy = new double[3], ph = new double[3];
        for (int k = 0; k < 3; k++) {
            fx[k] = (r.nextDouble() - 0.5) * 0.4;
            fy[k] = (r.nextDouble() - 0.5) * 0.4;
            ph[k] = r.nextDouble() * 2 * Math.PI;
        }
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double t = 0;
                for (int k = 0; k < 3; k++) t += Math.sin(fx[k] * x + fy[k] * y + ph[k]);
                float wave = (float) (t / 3 * 0.12);
                for (int c = 0; c < 3; c++) {
                    float v = base[c] + wave * (c + 1) / 2 + (r.nextFloat() - 0.5f) * 0.08f;
                    px[off + c * plane + y * size + x] = clamp(v);
                }
            }
        }
    }

    private static float[] randomBox(int size, Random r) {
        int lo = Math.round(size * 0.15f), hi = Math.round(size * 0.47f);
        int side = lo + r.nextInt(hi - lo + 1);
        double aspect = 0.7 + 0.7 * r.nextDouble();  // width / height
        int w = (int) Math.max(lo * 0.7, Math.min(hi, Math.round(side * Math.sqrt(aspect))));
        int h = (int) Math.max(lo * 0.7, Math.min(hi, Math.round(side / Math.sqrt(aspect))));
        int x = r.nextInt(size - w + 1), y = r.nextInt(size - h + 1);
        return new float[] {x, y, x + w, y + h};
    }

    private static boolean overlapsTooMuch(float[] box, List<float[]> placed) {
        for (float[] p : placed) if (Iou.of(box, p) > 0.15f) return true;
        return false;
    }

    /** A bright, saturated colour: one channel high, one low, one anywhere — stands out from the background. */
    private static float[] shapeColour(Random r) {
        float[] c = new float[3];
        int hiC = r.nextInt(3), loC = (hiC + 1 + r.nextInt(2)) % 3;
        for (int k = 0; k < 3; k++) c[k] = 0.3f + 0.7f * r.nextFloat();
        c[hiC] = 0.85f + 0.15f * r.nextFloat();
        c[loC] = 0.6f * r.nextFloat();
        return c;
    }

    /** Paints shape {@code cls} filling {@code box}, antialiased by 4x4 supersampling. */
    private static void paint(float[] px, int off, int size, float[] box, int cls, float[] colour) {
        int plane = size * size;
        int x0 = (int) box[0], y0 = (int) box[1], x1 = (int) box[2], y1 = (int) box[3];
        float w = box[2] - box[0], h = box[3] - box[1];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int hits = 0;
                for (int sy = 0; sy < 4; sy++) {
                    for (int sx = 0; sx < 4; sx++) {
                        // shape coordinates u, v in [-1, 1] across the box
                        float u = ((x + (sx + 0.5f) / 4) - box[0]) / w * 2 - 1;
                        float v = ((y + (sy + 0.5f) / 4) - box[1]) / h * 2 - 1;
                        if (inside(cls, u, v)) hits++;
                    }
                }
                if (hits == 0) continue;
                float a = hits / 16f;
                for (int c = 0; c < 3; c++) {
                    int o = off + c * plane + y * size + x;
                    px[o] = px[o] * (1 - a) + colour[c] * a;
                }
            }
        }
    }

    private static boolean inside(int cls, float u, float v) {
        return switch (cls) {
            case 0 -> u * u + v * v <= 1;                                 // circle (ellipse)
            case 1 -> true;                                               // square (rectangle)
            case 2 -> Math.abs(u) <= (v + 1) / 2;                         // triangle, apex up
            case 3 -> Math.abs(u) + Math.abs(v) <= 1;                     // diamond
            case 4 -> Math.abs(u) <= 0.34f || Math.abs(v) <= 0.34f;       // cross
            default -> throw new IllegalStateException("class " + cls);
        };
    }

    private static float clamp(float v) {
        return Math.max(0f, Math.min(1f, v));
    }
}
