package dev.cnnlab.display;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Small images side by side in a grid, each optionally with a caption underneath: a look at a dataset, at
 * misclassified images ("true → predicted"), at feature maps or filters.
 *
 * <pre>{@code
 * test.grid(new int[] {0, 1, 2, 3}, 4);                 // four test images with their class names (ImageData.grid)
 * ImageGrid.of(images, captions, 8, 3);                 // any pictures, 8 per row, each 3x enlarged
 * }</pre>
 */
public final class ImageGrid {
    private ImageGrid() {}

    /**
     * Lays out {@code images} in rows of {@code columns}, each enlarged {@code scale} times (nearest neighbour,
     * so pixels stay visible), with {@code captions} (may be null, or shorter than the images).
     */
    public static BufferedImage of(List<BufferedImage> images, List<String> captions, int columns, int scale) {
        if (images.isEmpty()) throw new IllegalArgumentException("no images to show");
        if (columns <= 0 || scale <= 0) throw new IllegalArgumentException("columns and scale must be positive");
        int cw = 0, ch = 0;
        for (BufferedImage i : images) {
            cw = Math.max(cw, i.getWidth() * scale);
            ch = Math.max(ch, i.getHeight() * scale);
        }
        boolean text = captions != null && !captions.isEmpty();
        int font = 11, pad = 4, captionH = text ? font + 4 : 0;
        int cellW = Math.max(cw, text ? captionWidth(captions, font) : 0) + pad, cellH = ch + captionH + pad;
        int cols = Math.min(columns, images.size()), rows = (images.size() + cols - 1) / cols;
        BufferedImage out = new BufferedImage(cols * cellW + pad, rows * cellH + pad, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, font));
            FontMetrics fm = g.getFontMetrics();
            for (int k = 0; k < images.size(); k++) {
                BufferedImage img = images.get(k);
                int x = pad + (k % cols) * cellW, y = pad + (k / cols) * cellH;
                int w = img.getWidth() * scale, h = img.getHeight() * scale;
                g.drawImage(img, x + (cellW - pad - w) / 2, y, w, h, null);
                if (text && k < captions.size() && captions.get(k) != null) {
                    String c = captions.get(k);
                    while (c.length() > 1 && fm.stringWidth(c) > cellW - pad) c = c.substring(0, c.length() - 1);
                    g.setColor(Color.DARK_GRAY);
                    g.drawString(c, x + (cellW - pad - fm.stringWidth(c)) / 2, y + ch + font + 1);
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Widest caption in pixels (captions are cut only beyond 3x the image width). */
    private static int captionWidth(List<String> captions, int font) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            FontMetrics fm = g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, font));
            return captions.stream().filter(c -> c != null).mapToInt(fm::stringWidth).max().orElse(0) + 4;
        } finally {
            g.dispose();
        }
    }

    /**
     * A grey picture of an {@code h x w} map of values, scaled so the smallest is black and the largest white
     * (all grey if they are equal).
     */
    public static BufferedImage greyMap(float[] values, int offset, int h, int w) {
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < h * w; i++) {
            min = Math.min(min, values[offset + i]);
            max = Math.max(max, values[offset + i]);
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = max > min ? (values[offset + y * w + x] - min) / (max - min) : 0.5f;
                img.getRaster().setSample(x, y, 0, Math.round(v * 255));
            }
        }
        return img;
    }
}
