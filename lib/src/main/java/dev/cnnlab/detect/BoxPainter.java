package dev.cnnlab.detect;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;


/**
 * Draws true and predicted boxes with their labels on a copy of an image. Truth is green with a solid
 * line and the class name; predictions are orange, dashed, labelled with class name and score; plain boxes
 * (anchors) are blue, without a label. The
 * image is enlarged first (3x by default, nearest neighbour so pixels stay visible) so that the labels
 * are readable on small images. Boxes are in the original image's pixel coordinates.
 *
 * <pre>{@code
 * BoxPainter.on(data.image(0)).classNames(data.classes())
 *         .truth(data.groundTruth(0))
 *         .predictions(predictions)        // List<Detection>; those of other images are skipped
 *         .minScore(0.3f)
 *         .render();                       // BufferedImage
 * }</pre>
 */
public final class BoxPainter {
    /** Colour of true boxes. */
    public static final Color TRUTH = new Color(0x00C853);
    /** Colour of predicted boxes. */
    public static final Color PREDICTION = new Color(0xFF6D00);
    /** Colour of plain boxes (anchors, proposals). */
    public static final Color PLAIN = new Color(0x2962FF);

    private final BufferedImage image;
    private int imageIndex = -1;
    private int scale = 3;
    private float minScore = Float.NEGATIVE_INFINITY;
    private List<String> names;
    private final List<GroundTruth> truth = new ArrayList<>();
    private final List<Detection> predictions = new ArrayList<>();
    private final List<Box> plain = new ArrayList<>();

    private BoxPainter(BufferedImage image) {
        this.image = image;
    }

    /** A painter for {@code image} (not modified). */
    public static BoxPainter on(BufferedImage image) {
        if (image == null) throw new DetectionException("image is null");
        return new BoxPainter(image);
    }

    /**
     * A painter for one CHW float image in [0, 1] (1 or 3 channels).
     *
     * @throws DetectionException if {@code pixels.length != channels * height * width}
     */
    public static BoxPainter on(float[] pixels, int channels, int height, int width) {
        if (channels != 1 && channels != 3) throw new DetectionException("channels must be 1 or 3, got " + channels);
        if (height <= 0 || width <= 0 || pixels == null || pixels.length != channels * height * width) {
            throw new DetectionException("image of " + (pixels == null ? 0 : pixels.length) + " values does not match "
                    + channels + "x" + height + "x" + width + " = " + (long) channels * height * width);
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int o = y * width + x;
                int r = byteOf(pixels[o]);
                int g = channels == 3 ? byteOf(pixels[o + plane]) : r;
                int b = channels == 3 ? byteOf(pixels[o + 2 * plane]) : r;
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return new BoxPainter(img);
    }

    /** Class names for the labels (default {@code "class c"}). */
    public BoxPainter classNames(List<String> classNames) {
        this.names = List.copyOf(classNames);
        return this;
    }

    /** Enlargement factor, 1 to 16 (default 3). */
    public BoxPainter scale(int factor) {
        if (factor < 1 || factor > 16) throw new DetectionException("scale must be 1..16, got " + factor);
        this.scale = factor;
        return this;
    }

    /** Only draw predictions scoring at least this much. */
    public BoxPainter minScore(float min) {
        this.minScore = min;
        return this;
    }

    /** Only draw truth and predictions whose {@code image()} is {@code index} (default: draw all given). */
    public BoxPainter image(int index) {
        this.imageIndex = index;
        return this;
    }

    /** Adds true objects. */
    public BoxPainter truth(List<GroundTruth> objects) {
        truth.addAll(objects);
        return this;
    }

    /** Adds predictions. */
    public BoxPainter predictions(List<Detection> detections) {
        predictions.addAll(detections);
        return this;
    }

    /** Adds plain boxes of this image, outlined in blue with no label: anchors, proposals, a sliding window. */
    public BoxPainter boxes(List<Box> boxes) {
        plain.addAll(boxes);
        return this;
    }

    /** The enlarged image with truth drawn first and predictions on top. */
    public BufferedImage render() {
        int w = image.getWidth() * scale, h = image.getHeight() * scale;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(image, 0, 0, w, h, null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            float line = Math.max(2f, scale * 0.75f);
            for (Box b : plain) draw(g, b, null, PLAIN, new BasicStroke(line), false, w, h);
            List<GroundTruth> objects = new ArrayList<>();
            for (GroundTruth t : truth) if (imageIndex < 0 || t.image() == imageIndex) objects.add(t);
            for (GroundTruth t : objects) {
                String label = name(t.cls()) + (t.difficult() ? " (difficult)" : "");
                draw(g, t.box(), label, TRUTH, new BasicStroke(line), false, w, h);
            }
            // lowest score first, so the most confident boxes end up on top
            List<Detection> shown = new ArrayList<>();
            for (Detection d : predictions) {
                if ((imageIndex < 0 || d.image() == imageIndex) && d.score() >= minScore) shown.add(d);
            }
            shown.sort((a, b) -> Float.compare(a.score(), b.score()));
            BasicStroke dashed = new BasicStroke(line, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {3 * line, 2 * line}, 0f);
            for (Detection d : shown) {
                String label = name(d.cls()) + String.format(Locale.ROOT, " %.2f", d.score());
                draw(g, d.box(), label, PREDICTION, dashed, true, w, h);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Images side by side in rows of {@code columns}, with a 4-pixel gap (e.g. eight rendered predictions).
     *
     * @throws DetectionException if the images differ in size
     */
    public static BufferedImage grid(List<BufferedImage> images, int columns) {
        if (images.isEmpty()) throw new DetectionException("no images to lay out");
        if (columns < 1) throw new DetectionException("columns must be positive, got " + columns);
        int w = images.get(0).getWidth(), h = images.get(0).getHeight(), gap = 4;
        for (int i = 1; i < images.size(); i++) {
            BufferedImage im = images.get(i);
            if (im.getWidth() != w || im.getHeight() != h) {
                throw new DetectionException("image " + i + " is " + im.getWidth() + "x" + im.getHeight()
                        + " but image 0 is " + w + "x" + h + " — a grid needs images of one size");
            }
        }
        int cols = Math.min(columns, images.size()), rows = (images.size() + cols - 1) / cols;
        BufferedImage out = new BufferedImage(cols * w + (cols - 1) * gap, rows * h + (rows - 1) * gap,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            for (int i = 0; i < images.size(); i++) {
                g.drawImage(images.get(i), (i % cols) * (w + gap), (i / cols) * (h + gap), null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private void draw(Graphics2D g, Box b, String label, Color colour, BasicStroke stroke, boolean labelBelow,
                      int w, int h) {
        int x1 = Math.round(b.x1() * scale), y1 = Math.round(b.y1() * scale);
        int x2 = Math.round(b.x2() * scale), y2 = Math.round(b.y2() * scale);
        g.setColor(colour);
        g.setStroke(stroke);
        g.drawRect(x1, y1, Math.max(0, x2 - x1), Math.max(0, y2 - y1));
        if (label == null) return;
        // label on a filled tag: truth above the box's top edge, predictions below it (inside), so both stay readable
        FontMetrics fm = g.getFontMetrics();
        int tw = fm.stringWidth(label) + 6, th = fm.getHeight() + 2;
        int tx = Math.max(0, Math.min(x1, w - tw));
        int ty = labelBelow ? y1 : y1 - th;
        ty = Math.max(0, Math.min(ty, h - th));
        g.fillRect(tx, ty, tw, th);
        g.setColor(Color.BLACK);
        g.drawString(label, tx + 3, ty + 1 + fm.getAscent());
    }

    private String name(int c) {
        return names != null && c < names.size() ? names.get(c) : "class " + c;
    }

    private static int byteOf(float v) {
        return Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
    }
}
