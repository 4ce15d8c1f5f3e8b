package dev.cnnlab.viz;

import java.awt.image.BufferedImage;
import java.util.List;

import dev.cnnlab.display.ImageGrid;

/**
 * Arrays as pictures: a 2-D float array becomes a grey image (scaled so its smallest value is black and its
 * largest white), and several pictures are laid out side by side with captions, small ones enlarged without
 * blurring (a thin front over {@link ImageGrid} for 2-D arrays).
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
        float[] flat = new float[h * w];
        for (int y = 0; y < h; y++) {
            if (values[y].length != w) throw new IllegalArgumentException("rows of different lengths: " + w + " and " + values[y].length);
            System.arraycopy(values[y], 0, flat, y * w, w);
        }
        return ImageGrid.greyMap(flat, 0, h, w);
    }

    /** A black-and-white picture of {@code mask}: true → white, false → black. */
    public static BufferedImage mask(boolean[][] mask) {
        int h = mask.length, w = h == 0 ? 0 : mask[0].length;
        if (h == 0 || w == 0) throw new IllegalArgumentException("cannot draw an empty mask");
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            if (mask[y].length != w) throw new IllegalArgumentException("rows of different lengths: " + w + " and " + mask[y].length);
            for (int x = 0; x < w; x++) img.getRaster().setSample(x, y, 0, mask[y][x] ? 255 : 0);
        }
        return img;
    }

    /** The pictures side by side, enlarged to a readable size (a whole factor), with a caption under each. */
    public static BufferedImage row(List<String> captions, BufferedImage... images) {
        if (images.length == 0) throw new IllegalArgumentException("no pictures given");
        if (captions.size() != images.length) {
            throw new IllegalArgumentException(captions.size() + " captions for " + images.length + " pictures");
        }
        int side = 1;
        for (BufferedImage i : images) side = Math.max(side, Math.max(i.getWidth(), i.getHeight()));
        int scale = side < MIN_SIDE ? (MIN_SIDE + side - 1) / side : 1;
        return ImageGrid.of(List.of(images), captions, images.length, scale);
    }
}
