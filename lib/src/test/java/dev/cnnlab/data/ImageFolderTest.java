package dev.cnnlab.data;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.*;

class ImageFolderTest {
    @TempDir
    Path dir;

    /** A 4x4 RGB picture of four 2x2 blocks: red, green / blue, white. */
    static BufferedImage quarters() {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        int[] colours = {0xff0000, 0x00ff00, 0x0000ff, 0xffffff};
        for (int y = 0; y < 4; y++) for (int x = 0; x < 4; x++) img.setRGB(x, y, colours[(y / 2) * 2 + x / 2]);
        return img;
    }

    static void png(BufferedImage img, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(img, "png", file.toFile()));
    }

    static BufferedImage grey(int size, int value) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) img.getRaster().setSample(x, y, 0, value);
        return img;
    }

    @Test
    void classesAreSubfoldersInNameOrderAndImagesAreResized() throws IOException {
        png(grey(8, 10), dir.resolve("b_dog/2.png"));
        png(grey(6, 20), dir.resolve("b_dog/1.png"));
        png(grey(5, 30), dir.resolve("a_cat/x.PNG"));
        BufferedImage rgb = new BufferedImage(7, 3, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(rgb, "jpg", dir.resolve("a_cat/y.jpeg").toFile());
        Files.writeString(dir.resolve("a_cat/notes.txt"), "not an image");
        Files.createDirectories(dir.resolve(".thumbnails"));
        png(grey(4, 0), dir.resolve(".thumbnails/t.png"));

        ImageFolder f = ImageFolder.load(dir, 4, 4, 1);
        assertEquals(List.of("a_cat", "b_dog"), f.classes());
        assertArrayEquals(new int[] {0, 0, 1, 1}, f.data().labels());
        assertEquals(List.of(dir.resolve("a_cat/x.PNG"), dir.resolve("a_cat/y.jpeg"), dir.resolve("b_dog/1.png"),
                dir.resolve("b_dog/2.png")), f.files());
        assertEquals("1x4x4", f.data().channels() + "x" + f.data().height() + "x" + f.data().width());
        assertTrue(f.skipped().isEmpty());
        // a uniform image stays uniform whatever the resize: 20/255 everywhere in b_dog/1.png (6x6 -> 4x4)
        for (int i = 32; i < 48; i++) assertEquals(20 / 255f, f.data().pixels()[i], 1e-6);
        assertTrue(f.toString().contains("a_cat=2, b_dog=2"), f.toString());

        ImageFolder colour = ImageFolder.load(dir, 2, 3, 3);
        assertEquals("3x2x3", colour.data().channels() + "x" + colour.data().height() + "x" + colour.data().width());
        assertEquals(4 * 3 * 2 * 3, colour.data().pixels().length);
    }

    @Test
    void greySamplesAreReadAsTheyAreWithoutGammaChange() throws IOException {
        png(grey(3, 128), dir.resolve("only/a.png"));
        float[] p = ImageFolder.load(dir, 3, 3, 1).data().pixels();
        for (float v : p) assertEquals(128 / 255f, v, 1e-6); // getRGB() would give 0.7373 (188) for a grey image
    }

    @Test
    void colourBecomesGreyWithBt601WeightsAndBlocksAverage() throws IOException {
        png(quarters(), dir.resolve("q/a.png"));
        float[] grey = ImageFolder.load(dir, 2, 2, 1).data().pixels();
        assertArrayEquals(new float[] {0.299f, 0.587f, 0.114f, 1f}, grey, 1e-6f);
        float[] rgb = ImageFolder.load(dir, 2, 2, 3).data().pixels();
        // planes R, G, B of the four blocks red, green / blue, white
        assertArrayEquals(new float[] {1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1}, rgb, 1e-6f);
        // 4x4 -> 1x1: the mean of all 16 pixels, (0.299 + 0.587 + 0.114 + 1) / 4 = 0.5
        assertEquals(0.5f, ImageFolder.load(dir, 1, 1, 1).data().pixels()[0], 1e-6f);
    }

    @Test
    void areaResizeWeighsPixelsByOverlap() {
        // 3x3 -> 2x2: output pixel 0 covers input [0, 1.5), so pixel 0 counts 2/3 and pixel 1 counts 1/3
        float[] src = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        float[] out = ImageFolder.resize(src, 1, 3, 3, 2, 2);
        assertArrayEquals(new float[] {12 / 9f, 24 / 9f, 48 / 9f, 60 / 9f}, out, 1e-5f);
        // 2 -> 4 along x: each input pixel spans two outputs, which copy it
        assertArrayEquals(new float[] {1, 1, 3, 3}, ImageFolder.resize(new float[] {1, 3}, 1, 1, 2, 1, 4), 1e-6f);
        // 3 -> 2 along x, 2 channels resized apart
        assertArrayEquals(new float[] {1 / 3f, 5 / 3f, 10, 10},
                ImageFolder.resize(new float[] {0, 1, 2, 10, 10, 10}, 2, 1, 3, 1, 2), 1e-5f);
    }

    @Test
    void damagedFilesAreSkippedWithAMessageNamingThem() throws IOException {
        png(grey(4, 50), dir.resolve("ok/a.png"));
        png(grey(4, 60), dir.resolve("ok/b.png"));
        Path garbage = dir.resolve("ok/garbage.png");
        Files.writeString(garbage, "this is not a PNG");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(quarters(), "png", bytes);
        Path truncated = dir.resolve("ok/truncated.png");
        Files.write(truncated, Arrays.copyOf(bytes.toByteArray(), 40));

        ImageFolder f = ImageFolder.load(dir, 4, 4, 1);
        assertEquals(2, f.data().size());
        assertEquals(List.of(dir.resolve("ok/a.png"), dir.resolve("ok/b.png")), f.files());
        assertEquals(2, f.skipped().size(), f.skipped().toString());
        assertTrue(f.skipped().get(0).startsWith("skipped " + garbage.toAbsolutePath() + ": "), f.skipped().get(0));
        assertTrue(f.skipped().get(1).startsWith("skipped " + truncated.toAbsolutePath() + ": "), f.skipped().get(1));
        assertTrue(f.toString().endsWith("2 skipped]"), f.toString());
    }

    @Test
    void anEmptyClassOrNoClassIsAnErrorNamingTheFolder() throws IOException {
        png(grey(4, 50), dir.resolve("full/a.png"));
        Files.createDirectories(dir.resolve("empty"));
        Files.writeString(dir.resolve("empty/readme.txt"), "no pictures here");
        DatasetException e = assertThrows(DatasetException.class, () -> ImageFolder.load(dir));
        assertTrue(e.getMessage().contains(dir.resolve("empty").toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no .png, .jpg or .jpeg"), e.getMessage());

        Files.writeString(dir.resolve("empty/bad.png"), "broken");
        e = assertThrows(DatasetException.class, () -> ImageFolder.load(dir));
        assertTrue(e.getMessage().contains("empty") && e.getMessage().contains("no readable images"), e.getMessage());

        Path flat = dir.resolve("flat");
        png(grey(4, 1), flat.resolve("lonely.png").toAbsolutePath());
        e = assertThrows(DatasetException.class, () -> ImageFolder.load(flat));
        assertTrue(e.getMessage().startsWith("no class folders in " + flat.toAbsolutePath()), e.getMessage());
        e = assertThrows(DatasetException.class, () -> ImageFolder.load(dir.resolve("missing")));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertThrows(DatasetException.class, () -> ImageFolder.load(dir.resolve("full").getParent(), 4, 4, 2));
    }

    @Test
    void drawnShapesWriteAFolderThatLoadsTheSameForTheSameSeed() throws IOException {
        List<Path> files = DrawnShapes.write(dir.resolve("a"), 3, 32, 5);
        DrawnShapes.write(dir.resolve("b"), 3, 32, 5);
        assertEquals(12, files.size());
        ImageFolder a = ImageFolder.load(dir.resolve("a")), b = ImageFolder.load(dir.resolve("b"));
        assertEquals(DrawnShapes.CLASSES, a.classes());
        assertArrayEquals(new int[] {3, 3, 3, 3}, a.data().classCounts());
        assertArrayEquals(a.data().pixels(), b.data().pixels());
        // the shape is drawn in a light colour (>= 0.6 per channel) over a dark background (<= 0.35 per channel)
        for (int i = 0; i < a.data().size(); i++) {
            float max = 0, min = 1;
            for (int k = i * 784; k < (i + 1) * 784; k++) {
                max = Math.max(max, a.data().pixels()[k]);
                min = Math.min(min, a.data().pixels()[k]);
            }
            assertTrue(max >= 0.6f && min <= 0.35f, "image " + i + ": " + min + ".." + max);
        }
        try (var s = Files.list(dir.resolve("a/star"))) {
            assertTrue(s.allMatch(p -> p.getFileName().toString().matches("\\d{3}\\.png")), "temp files left behind");
        }
    }
}
