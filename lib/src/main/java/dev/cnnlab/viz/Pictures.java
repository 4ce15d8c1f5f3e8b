package dev.cnnlab.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Arrays as pictures: a 2-D float array becomes a grey image (scaled so its smallest value is black and its
 * largest white), small images are enlarged without blurring, and several pictures are laid out side by side
 * with captions.
 *
 * <pre>{@code
 * Pictures.row(List.of("input", "edges"), Pictures.grey(x), Pictures.grey(edges))
 * }</pre>
 */
public final class Pictures {
    private static final int MIN_SIDE = 112; // tiny images (28x28) are enlarged to at least this

    private Pictures() {}

    /** A grey picture of {@code values}: min → black, max → white (a constant array is mid-grey). */
    public static BufferedImage grey(float[][] values) {
        int h = values.length, w = h == 0 ? 0 : values[0].length;
        if (h == 0 || w == 0) throw new IllegalArgumentException("cannot draw an empty array");
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (float[] row : values) {
            if (row.length != w) throw new IllegalArgumentException("rows of different lengths: " + w + " and " + row.length);
            for (float v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        float range = max - min;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float t = range == 0 ? 0.5f : (values[y][x] - min) / range;
                img.getRaster().setSample(x, y, 0, Math.round(t * 255));
            }
        }
        return img;
    }

    /** Enlarges by a whole factor with nearest-neighbour sampling (pixels stay sharp). */
    public static BufferedImage enlarge(BufferedImage img, int factor) {
        if (factor < 1) throw new IllegalArgumentException("factor must be >= 1, got " + factor);
        BufferedImage out = new BufferedImage(img.getWidth() * factor, img.getHeight() * factor, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(img, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }

    /** The pictures side by side, each enlarged to a readable size, with a caption under each. */
    public static BufferedImage row(List<String> captions, BufferedImage... images) {
        if (images.length == 0) throw new IllegalArgumentException("no pictures given");
        if (captions.size() != images.length) {
            throw new IllegalArgumentException(captions.size() + " captions for " + images.length + " pictures");
        }
        BufferedImage[] big = new BufferedImage[images.length];
        int width = 0, height = 0, gap = 8, captionHeight = 18;
        for (int i = 0; i < images.length; i++) {
            int side = Math.max(images[i].getWidth(), images[i].getHeight());
            big[i] = side < MIN_SIDE ? enlarge(images[i], (MIN_SIDE + side - 1) / side) : images[i];
            width += big[i].getWidth() + (i > 0 ? gap : 0);
            height = Math.max(height, big[i].getHeight());
        }
        BufferedImage out = new BufferedImage(width, height + captionHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.DARK_GRAY);
        int x = 0;
        for (int i = 0; i < big.length; i++) {
            g.drawImage(big[i], x, 0, null);
            g.drawString(captions.get(i), x + 2, height + 14);
            x += big[i].getWidth() + gap;
        }
        g.dispose();
        return out;
    }
}
