package dev.cnnlab.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

/**
 * A small image folder drawn on the spot, to practise with {@link ImageFolder} without downloading anything:
 * colour PNG pictures of an arrow, a crescent, a hexagon and a star, each at a random place, size, angle and
 * colour on a random background with a few stray lines. Written as {@code dir/CLASS/NNN.png}.
 *
 * <pre>{@code
 * Path dir = Files.createTempDirectory("shapes");
 * DrawnShapes.write(dir, 30, 40, 7);              // 4 classes x 30 PNG files of 40x40 pixels
 * ImageData data = ImageFolder.load(dir).data();
 * }</pre>
 */
public final class DrawnShapes {
    /** Class names (the subfolders written). */
    public static final List<String> CLASSES = List.of("arrow", "crescent", "hexagon", "star");

    private DrawnShapes() {}

    /**
     * Draws {@code perClass} pictures of every class, {@code size x size} RGB pixels, into {@code dir/CLASS/},
     * named {@code 000.png, 001.png, ...}; each file is written atomically. Same seed, same pictures.
     *
     * @return the files written, class by class
     * @throws DatasetException if {@code perClass < 1}, {@code size < 16}, or a file cannot be written
     */
    public static List<Path> write(Path dir, int perClass, int size, long seed) {
        if (perClass < 1) throw new DatasetException("DrawnShapes: perClass must be >= 1, got " + perClass);
        if (size < 16) throw new DatasetException("DrawnShapes: size must be at least 16 pixels, got " + size);
        SplittableRandom rng = new SplittableRandom(seed);
        List<Path> written = new java.util.ArrayList<>();
        for (int k = 0; k < CLASSES.size(); k++) {
            for (int i = 0; i < perClass; i++) {
                Path file = dir.resolve(CLASSES.get(k)).resolve(String.format("%03d.png", i));
                try {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    ImageIO.write(draw(k, size, rng), "png", bytes);
                    AtomicFiles.write(file, bytes.toByteArray());
                } catch (IOException e) {
                    throw new DatasetException("cannot write " + file.toAbsolutePath() + ": " + e.getMessage(), e);
                }
                written.add(file);
            }
        }
        return written;
    }

    /** One picture of class {@code k}. */
    static BufferedImage draw(int k, int size, SplittableRandom rng) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(colour(rng, 0.0, 0.35));
        g.fillRect(0, 0, size, size);
        g.setStroke(new BasicStroke((float) (size / 40.0)));
        for (int l = 0; l < 3; l++) {                      // clutter the shape must be told apart from
            g.setColor(colour(rng, 0.2, 0.5));
            g.drawLine(rng.nextInt(size), rng.nextInt(size), rng.nextInt(size), rng.nextInt(size));
        }
        double r = size * rng.nextDouble(0.25, 0.4);
        double cx = rng.nextDouble(r, size - r), cy = rng.nextDouble(r, size - r);
        AffineTransform at = new AffineTransform();
        at.translate(cx, cy);
        at.rotate(rng.nextDouble(-Math.PI, Math.PI));
        at.scale(r, r);
        g.setColor(colour(rng, 0.6, 1.0));
        g.fill(at.createTransformedShape(unitShape(k)));
        g.dispose();
        return img;
    }

    /** Class {@code k}'s outline in a unit circle around the origin. */
    private static Shape unitShape(int k) {
        return switch (k) {
            case 0 -> polygon(new double[] {-1, 0.1, 0.1, 1, 0.1, 0.1, -1}, new double[] {-0.25, -0.25, -0.7, 0, 0.7, 0.25, 0.25});
            case 1 -> {
                Area moon = new Area(new Ellipse2D.Double(-1, -1, 2, 2));
                moon.subtract(new Area(new Ellipse2D.Double(-0.45, -1.05, 2, 2)));
                yield moon;
            }
            case 2 -> star(6, 1, 1);
            default -> star(5, 1, 0.42);
        };
    }

    /** A {@code points}-pointed star (or a polygon when {@code inner == outer}). */
    private static Shape star(int points, double outer, double inner) {
        int n = inner == outer ? points : 2 * points;
        double[] xs = new double[n], ys = new double[n];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n, rad = (inner == outer || i % 2 == 0) ? outer : inner;
            xs[i] = rad * Math.sin(a);
            ys[i] = -rad * Math.cos(a);
        }
        return polygon(xs, ys);
    }

    private static Shape polygon(double[] xs, double[] ys) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) p.lineTo(xs[i], ys[i]);
        p.closePath();
        return p;
    }

    private static Color colour(SplittableRandom rng, double lo, double hi) {
        return new Color((float) rng.nextDouble(lo, hi), (float) rng.nextDouble(lo, hi), (float) rng.nextDouble(lo, hi));
    }
}
