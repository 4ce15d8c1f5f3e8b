package dev.cnnlab.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/** A {@link DetectionData} held in arrays: what {@link VocDetection#dataset} builds from JPEGs and annotations. */
final class DetectionArrays implements DetectionData {
    private final float[] pixels;
    private final int size;
    private final List<String> classes;
    private final float[][][] boxes;
    private final int[][] labels;
    private final boolean[][] difficult;

    DetectionArrays(float[] pixels, int size, List<String> classes, float[][][] boxes, int[][] labels,
                    boolean[][] difficult) {
        this.pixels = pixels;
        this.size = size;
        this.classes = List.copyOf(classes);
        this.boxes = boxes;
        this.labels = labels;
        this.difficult = difficult;
    }

    /**
     * VOC images resized to {@code size x size} (bilinear; the aspect ratio is not kept, as in SSD), with their
     * boxes scaled alike. VOC's corners count pixels from 1 and include the last one, so a box covers
     * {@code [xmin - 1, xmax]} in continuous coordinates.
     */
    static DetectionArrays fromVoc(List<VocImage> images, int size) {
        if (size < 8) throw new DatasetException("image size must be at least 8 pixels, got " + size);
        int n = images.size(), plane = size * size;
        float[] pixels = new float[n * 3 * plane];
        float[][][] boxes = new float[n][][];
        int[][] labels = new int[n][];
        boolean[][] difficult = new boolean[n][];
        for (int i = 0; i < n; i++) {
            VocImage v = images.get(i);
            BufferedImage scaled = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scaled.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(v.image(), 0, 0, size, size, null);
            } finally {
                g.dispose();
            }
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int rgb = scaled.getRGB(x, y), o = i * 3 * plane + y * size + x;
                    pixels[o] = ((rgb >> 16) & 0xff) / 255f;
                    pixels[o + plane] = ((rgb >> 8) & 0xff) / 255f;
                    pixels[o + 2 * plane] = (rgb & 0xff) / 255f;
                }
            }
            float sx = size / (float) v.width(), sy = size / (float) v.height();
            List<VocObject> objects = v.objects();
            boxes[i] = new float[objects.size()][];
            labels[i] = new int[objects.size()];
            difficult[i] = new boolean[objects.size()];
            for (int k = 0; k < objects.size(); k++) {
                VocObject o = objects.get(k);
                boxes[i][k] = new float[] {Math.max(0, o.xmin() - 1) * sx, Math.max(0, o.ymin() - 1) * sy,
                        Math.min(v.width(), o.xmax()) * sx, Math.min(v.height(), o.ymax()) * sy};
                labels[i][k] = o.classIndex();
                difficult[i][k] = o.difficult();
            }
        }
        return new DetectionArrays(pixels, size, VocDetection.CLASSES, boxes, labels, difficult);
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int imageSize() {
        return size;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public float[] pixels() {
        return pixels;
    }

    @Override
    public float[][] boxes(int i) {
        Objects.checkIndex(i, labels.length);
        float[][] out = new float[boxes[i].length][];
        for (int k = 0; k < out.length; k++) out[k] = boxes[i][k].clone();
        return out;
    }

    @Override
    public int[] labels(int i) {
        Objects.checkIndex(i, labels.length);
        return labels[i].clone();
    }

    @Override
    public boolean[] difficult(int i) {
        Objects.checkIndex(i, labels.length);
        return difficult[i].clone();
    }

    @Override
    public String toString() {
        int objects = 0;
        for (int[] l : labels) objects += l.length;
        return "DetectionData[" + size() + " images 3x" + size + "x" + size + ", " + objects + " objects, "
                + classes.size() + " classes]";
    }
}
