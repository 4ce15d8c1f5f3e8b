package dev.cnnlab.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A generated image set for fast runs and tests: one light shape per image (circle, square,
 * triangle, cross, ring) at a random position, size, rotation and colour, on a darker textured
 * background (noise or stripes). The label is the shape. Same seed, same pixels, on any machine.
 *
 * <pre>{@code
 * ImageData shapes = SyntheticShapes.generate(10_000, 28, 42);           // grey, 1x28x28
 * ImageData colour = SyntheticShapes.generate(2_000, 32, 7, true);       // RGB, 3x32x32
 * Split split = SyntheticShapes.split(8_000, 2_000, 28, 42);
 * }</pre>
 */
public final class SyntheticShapes {
    /** Class names, indexed by label. */
    public static final List<String> CLASSES = List.of("circle", "square", "triangle", "cross", "ring");

    private static final int CIRCLE = 0, SQUARE = 1, TRIANGLE = 2, CROSS = 3, RING = 4;
    // 2x2 samples per pixel give soft edges, so small shapes still look like themselves
    private static final double[] SUB = {0.25, 0.75};
    // sine by table, built with StrictMath: fast, and bit-identical on every JVM (Math.sin may differ)
    private static final int SINE_SIZE = 4096;
    private static final double[] SINE = new double[SINE_SIZE];

    static {
        for (int i = 0; i < SINE_SIZE; i++) SINE[i] = StrictMath.sin(2 * Math.PI * i / SINE_SIZE);
    }

    private SyntheticShapes() {}

    /** {@code count} grey images of {@code size x size} pixels, classes balanced, order shuffled. */
    public static ImageData generate(int count, int size, long seed) {
        return generate(count, size, seed, false);
    }

    /**
     * {@code count} images of {@code size x size} pixels, grey (1 channel) or RGB (3 channels).
     * Each class appears {@code count / 5} or one more times.
     *
     * @throws DatasetException if {@code count < 0} or {@code size < 8}
     */
    public static ImageData generate(int count, int size, long seed, boolean rgb) {
        if (count < 0) throw new DatasetException("SyntheticShapes: count must be >= 0, got " + count);
        if (size < 8) throw new DatasetException("SyntheticShapes: size must be at least 8 pixels, got " + size);
        int channels = rgb ? 3 : 1, plane = size * size;
        SplittableRandom rng = new SplittableRandom(seed);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) labels[i] = i % CLASSES.size();
        for (int i = count - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        float[] pixels = new float[count * channels * plane];
        float[] bg = new float[channels], fg = new float[channels];
        for (int n = 0; n < count; n++) {
            for (int c = 0; c < channels; c++) {
                bg[c] = (float) rng.nextDouble(0.0, 0.3);
                fg[c] = (float) rng.nextDouble(0.6, 1.0);
            }
            if (!rgb) fg[0] = Math.max(fg[0], bg[0] + 0.45f);
            double r = size * rng.nextDouble(0.25, 0.42);
            double cx = rng.nextDouble(r, size - r), cy = rng.nextDouble(r, size - r);
            double angle = rng.nextDouble(-0.35, 0.35), cos = StrictMath.cos(angle), sin = StrictMath.sin(angle);
            boolean stripes = rng.nextBoolean();
            double freq = rng.nextDouble(0.6, 1.6), dir = rng.nextDouble(Math.PI), phase = rng.nextDouble(2 * Math.PI);
            double fx = freq * StrictMath.cos(dir), fy = freq * StrictMath.sin(dir);
            double reach = 1.25 * r + 1; // every shape lies within 1.25 r of its centre
            int base = n * channels * plane;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double cover = 0;
                    boolean near = Math.abs(x + 0.5 - cx) <= reach && Math.abs(y + 0.5 - cy) <= reach;
                    for (int s = 0; near && s < 2; s++) {
                        double sy = SUB[s];
                        for (double sx : SUB) {
                            double dx = (x + sx - cx) / r, dy = (y + sy - cy) / r;
                            if (inside(labels[n], cos * dx + sin * dy, -sin * dx + cos * dy)) cover += 0.25;
                        }
                    }
                    double texture = stripes ? 0.1 * sine(fx * x + fy * y + phase) : rng.nextDouble(-0.1, 0.1);
                    for (int c = 0; c < channels; c++) {
                        double v = (bg[c] + texture) * (1 - cover) + fg[c] * cover;
                        pixels[base + c * plane + y * size + x] = (float) Math.min(1, Math.max(0, v));
                    }
                }
            }
        }
        return new ImageData(pixels, labels, channels, size, size, CLASSES);
    }

    /** A train and a test set from one seed (the test set uses a derived seed, so they differ). */
    public static Split split(int trainCount, int testCount, int size, long seed) {
        return new Split(generate(trainCount, size, seed), generate(testCount, size, seed ^ 0x5DEECE66DL));
    }

    private static double sine(double radians) {
        int i = (int) Math.floor(radians * (SINE_SIZE / (2 * Math.PI)));
        return SINE[Math.floorMod(i, SINE_SIZE)];
    }

    /** Is the point (u, v), in units of the shape's radius around its centre, inside the shape? */
    private static boolean inside(int shape, double u, double v) {
        switch (shape) {
            case CIRCLE:
                return u * u + v * v <= 0.81;
            case SQUARE:
                return Math.abs(u) <= 0.78 && Math.abs(v) <= 0.78;
            case TRIANGLE: // apex up, base at v = 0.75
                return v <= 0.75 && Math.abs(u) <= (v + 1) * (0.95 / 1.75);
            case CROSS:
                return (Math.abs(u) <= 0.28 && Math.abs(v) <= 1) || (Math.abs(v) <= 0.28 && Math.abs(u) <= 1);
            case RING: {
                double d2 = u * u + v * v;
                return d2 <= 1 && d2 >= 0.36;
            }
            default:
                throw new IllegalStateException("shape " + shape);
        }
    }
}
