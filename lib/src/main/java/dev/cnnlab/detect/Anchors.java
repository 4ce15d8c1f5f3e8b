package dev.cnnlab.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Anchor boxes ("default boxes", "priors") centred on every cell of a feature map, SSD / d2l style.
 * <p>
 * For sizes {@code s_1..s_n} (fractions of the image side) and aspect ratios {@code r_1..r_m}
 * (width / height), each cell gets {@code n + m - 1} anchors: {@code (s_1, r_1), ..., (s_n, r_1)} and
 * then {@code (s_1, r_2), ..., (s_1, r_m)} — every size with the first ratio, every other ratio with
 * the first size. Pairing every size with every ratio would give {@code n * m}, mostly redundant.
 * <p>
 * An anchor with size {@code s} and ratio {@code r} on an {@code h x w} feature map has, in
 * normalised coordinates (the image is {@code [0,1] x [0,1]}):
 * <pre>
 *   centre  = ((x + 0.5) / w, (y + 0.5) / h)        for cell column x, row y
 *   width   = s * sqrt(r) * h / w                   (h / w keeps the anchor's pixel shape when h != w)
 *   height  = s / sqrt(r)
 * </pre>
 * Anchors are ordered cell by cell (row-major: row {@code y}, then column {@code x}), and within a
 * cell in the order above, so anchor {@code (y * w + x) * perCell + k} is the {@code k}-th of cell
 * {@code (y, x)}. They are not clipped: anchors near the border may poke out of {@code [0, 1]}.
 *
 * <pre>{@code
 * List<Box> a = Anchors.grid(4, 4).sizes(0.75f, 0.5f, 0.25f).ratios(1, 2, 0.5f).boxes();
 * a.size();   // 4 * 4 * (3 + 3 - 1) = 80
 * }</pre>
 */
public final class Anchors {
    private final int height;
    private final int width;
    private final float[] sizes;
    private final float[] ratios;

    private Anchors(int height, int width, float[] sizes, float[] ratios) {
        if (height <= 0 || width <= 0) {
            throw new DetectionException("feature map must be at least 1x1, got " + height + "x" + width);
        }
        this.height = height;
        this.width = width;
        this.sizes = sizes;
        this.ratios = ratios;
    }

    /** The anchors of an {@code height x width} feature map; give them {@link #sizes} and {@link #ratios}. */
    public static Anchors grid(int height, int width) {
        return new Anchors(height, width, null, null);
    }

    /** The sizes, fractions of the image side, largest first as in SSD (e.g. {@code 0.75f, 0.5f}). */
    public Anchors sizes(float... sizes) {
        return new Anchors(height, width, sizes.clone(), ratios);
    }

    /** The aspect ratios, width / height, the first one shared by every size (e.g. {@code 1, 2, 0.5f}). */
    public Anchors ratios(float... ratios) {
        return new Anchors(height, width, sizes, ratios.clone());
    }

    /** Anchors per cell: sizes + ratios - 1. */
    public int perCell() {
        return perCell(sizes, ratios);
    }

    /** The anchors as boxes in normalised coordinates, cell by cell (see the class comment for the order). */
    public List<Box> boxes() {
        List<Box> out = new ArrayList<>();
        for (float[] c : corners()) out.add(new Box(c[0], c[1], c[2], c[3]));
        return out;
    }

    /** The same anchors as {@code float[height * width * perCell][4]} corners, the form the network's targets use. */
    public float[][] corners() {
        return generate(height, width, sizes, ratios);
    }

    /** Anchors per cell: {@code sizes.length + ratios.length - 1}. */
    static int perCell(float[] sizes, float[] ratios) {
        checkParameters(sizes, ratios);
        return sizes.length + ratios.length - 1;
    }

    /**
     * All anchors of an {@code height x width} feature map as corner boxes in normalised coordinates,
     * {@code float[height * width * perCell][4]}.
     *
     * @throws DetectionException if the map is empty, or a size or ratio is not a positive number
     */
    static float[][] generate(int height, int width, float[] sizes, float[] ratios) {
        if (height <= 0 || width <= 0) {
            throw new DetectionException("feature map must be at least 1x1, got " + height + "x" + width);
        }
        int k = perCell(sizes, ratios);
        // half widths and heights of the k anchor shapes, shared by all cells
        double[] hw = new double[k];
        double[] hh = new double[k];
        double aspect = (double) height / width;
        for (int i = 0; i < k; i++) {
            double s = i < sizes.length ? sizes[i] : sizes[0];
            double r = i < sizes.length ? ratios[0] : ratios[i - sizes.length + 1];
            hw[i] = s * Math.sqrt(r) * aspect / 2;
            hh[i] = s / Math.sqrt(r) / 2;
        }
        float[][] out = new float[height * width * k][];
        int n = 0;
        for (int y = 0; y < height; y++) {
            double cy = (y + 0.5) / height;
            for (int x = 0; x < width; x++) {
                double cx = (x + 0.5) / width;
                for (int i = 0; i < k; i++) {
                    out[n++] = new float[] {(float) (cx - hw[i]), (float) (cy - hh[i]),
                            (float) (cx + hw[i]), (float) (cy + hh[i])};
                }
            }
        }
        return out;
    }

    private static void checkParameters(float[] sizes, float[] ratios) {
        if (sizes == null || sizes.length == 0) {
            throw new DetectionException("anchors need at least one size: .sizes(0.75f, 0.5f)");
        }
        if (ratios == null || ratios.length == 0) {
            throw new DetectionException("anchors need at least one ratio: .ratios(1, 2, 0.5f)");
        }
        for (int i = 0; i < sizes.length; i++) {
            if (!(sizes[i] > 0) || !Float.isFinite(sizes[i])) {
                throw new DetectionException("sizes[" + i + "] = " + sizes[i]
                        + ": a size is a positive fraction of the image side, e.g. 0.2");
            }
        }
        for (int i = 0; i < ratios.length; i++) {
            if (!(ratios[i] > 0) || !Float.isFinite(ratios[i])) {
                throw new DetectionException("ratios[" + i + "] = " + ratios[i]
                        + ": an aspect ratio is width / height, a positive number, e.g. 2 or 0.5");
            }
        }
    }
}
