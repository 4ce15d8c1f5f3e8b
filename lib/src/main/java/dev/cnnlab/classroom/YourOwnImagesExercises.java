package dev.cnnlab.classroom;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import dev.cnnlab.data.ImageFolder;
import dev.cnnlab.nn.Net;
import dev.cnnlab.nn.Sequential;

/** Exercises of notebook 13-your-own-images: the expected values come from the real loader and a real net. */
final class YourOwnImagesExercises {
    static final int[] COLOUR = {200, 100, 50};
    static final int[][] X = {{0, 30, 60}, {90, 120, 150}, {180, 210, 240}};

    private YourOwnImagesExercises() {}

    static Lesson lesson() {
        return new Lesson("13-your-own-images", List.of(
                new Exercise("ex1", "grey value in [0,1] that ImageFolder gives the RGB colour COLOUR",
                        () -> (double) load(colourImage(), 1, 1).data().pixels()[0], 1e-5,
                        "weigh red, green and blue by 0.299, 0.587 and 0.114, then divide by 255"),
                new Exercise("ex2", "the 3x3 grey image X resized to 2x2 by area averaging, values in [0,1]",
                        YourOwnImagesExercises::resized, 1e-5,
                        "each output pixel covers 1.5 x 1.5 input pixels: a whole pixel counts 1, a half pixel 1/2 "
                                + "along each axis; divide the weighted sum by 2.25, then by 255"),
                new Exercise("ex3", "trainable parameters of the seed CNN with a 4-class head, conv2d, conv2d_1 and "
                        + "dense frozen", YourOwnImagesExercises::trainableAfterFreezing, 0,
                        "only the last dense layer learns: its weights are inputs x outputs, plus one bias per output")));
    }

    private static BufferedImage colourImage() {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, (COLOUR[0] << 16) | (COLOUR[1] << 8) | COLOUR[2]);
        return img;
    }

    private static Object resized() {
        BufferedImage img = new BufferedImage(3, 3, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 3; y++) for (int x = 0; x < 3; x++) img.getRaster().setSample(x, y, 0, X[y][x]);
        float[] p = load(img, 2, 2).data().pixels();
        return new double[][] {{p[0], p[1]}, {p[2], p[3]}};
    }

    /** Writes {@code img} as a PNG into a one-class temp folder and loads it through {@link ImageFolder}. */
    private static ImageFolder load(BufferedImage img, int h, int w) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("cnnlab-ex");
            Files.createDirectories(dir.resolve("one"));
            ImageIO.write(img, "png", dir.resolve("one/a.png").toFile());
            return ImageFolder.load(dir, h, w, 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) deleteOwn(dir);
        }
    }

    private static void deleteOwn(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temp folder of our own: leaving it is harmless
        }
    }

    private static Object trainableAfterFreezing() {
        try (Net net = Sequential.input(1, 28, 28).conv2d(32, 3).relu().maxPool(2).conv2d(64, 3).relu().maxPool(2)
                .flatten().dense(128).relu().dense(4).softmax().build()) {
            net.freeze("conv2d", "conv2d_1", "dense");
            return net.summary().trainableParams();
        }
    }
}
