package dev.cnnlab.data;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocDetectionTest {
    @TempDir
    Path voc;

    private static String annotation(int w, int h, String objects) {
        return "<annotation><folder>VOC2007</folder><filename>x.jpg</filename>"
                + "<size><width>" + w + "</width><height>" + h + "</height><depth>3</depth></size>"
                + objects + "</annotation>";
    }

    private static String object(String name, int xmin, int ymin, int xmax, int ymax, int difficult, int truncated) {
        return "<object><name>" + name + "</name><pose>Left</pose><truncated>" + truncated + "</truncated>"
                + "<difficult>" + difficult + "</difficult><bndbox><xmin>" + xmin + "</xmin><ymin>" + ymin
                + "</ymin><xmax>" + xmax + "</xmax><ymax>" + ymax + "</ymax></bndbox></object>";
    }

    @BeforeEach
    void layout() throws Exception {
        Files.createDirectories(voc.resolve("Annotations"));
        Files.createDirectories(voc.resolve("JPEGImages"));
        Files.createDirectories(voc.resolve("ImageSets/Main"));
        Files.writeString(voc.resolve("Annotations/000001.xml"), annotation(40, 30,
                object("dog", 5, 6, 20, 25, 0, 1) + object("person", 1, 1, 40, 30, 1, 0)));
        Files.writeString(voc.resolve("Annotations/000002.xml"), annotation(16, 16, object("car", 2, 2, 9, 10, 0, 0)));
        for (String id : List.of("000001", "000002")) {
            BufferedImage img = new BufferedImage(id.equals("000001") ? 40 : 16, id.equals("000001") ? 30 : 16,
                    BufferedImage.TYPE_INT_RGB);
            var g = img.createGraphics();
            g.setColor(Color.ORANGE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.dispose();
            ImageIO.write(img, "jpg", voc.resolve("JPEGImages/" + id + ".jpg").toFile());
        }
        Files.writeString(voc.resolve("ImageSets/Main/train.txt"), "000001\n000002\n\n");
    }

    @Test
    void aDatasetResizesImagesAndScalesBoxes() {
        DetectionData d = VocDetection.dataset(voc, "train", 64, 0);
        assertEquals(2, d.size());
        assertEquals(64, d.imageSize());
        assertEquals(VocDetection.CLASSES, d.classes());
        assertEquals(2 * 3 * 64 * 64, d.pixels().length);
        // 000001 is 40x30: the dog's VOC corners (5, 6)-(20, 25) cover [4, 20] x [5, 25], scaled by 64/40 and 64/30
        assertArrayEquals(new float[] {4 * 1.6f, 5 * 64 / 30f, 20 * 1.6f, 25 * 64 / 30f}, d.boxes(0)[0], 1e-4f);
        assertArrayEquals(new float[] {0, 0, 64, 64}, d.boxes(0)[1], 1e-4f);
        assertArrayEquals(new int[] {11, 14}, d.labels(0));
        assertArrayEquals(new boolean[] {false, true}, d.difficult(0));
        // 000002 is 16x16: the car's (2, 2)-(9, 10) covers [1, 9] x [1, 10], 4x larger at 64, then divided by 64
        assertArrayEquals(new float[] {4f / 64, 4f / 64, 36f / 64, 40f / 64}, d.normalisedBoxes(1)[0], 1e-5f);
        // the JPEGs are orange (255, 200, 0): red near 1, blue near 0 after JPEG and resizing
        float red = d.pixels()[0], blue = d.pixels()[2 * 64 * 64];
        assertTrue(red > 0.9f && blue < 0.1f, "red " + red + ", blue " + blue);
        assertEquals(1, VocDetection.dataset(voc, "train", 64, 1).size());
    }

    @Test
    void readsSizesObjectsAndFlags() {
        List<VocImage> images = VocDetection.load(voc, "train");
        assertEquals(2, images.size());
        VocImage first = images.get(0);
        assertEquals("000001", first.id());
        assertEquals(40, first.width());
        assertEquals(30, first.height());
        assertEquals(2, first.objects().size());
        VocObject dog = first.objects().get(0);
        assertEquals(new VocObject("dog", 11, 5, 6, 20, 25, false, true), dog);
        assertEquals(16, dog.width());
        assertTrue(first.objects().get(1).difficult());
        assertEquals(14, first.objects().get(1).classIndex());
        assertEquals(List.of(dog), first.objectsNotDifficult());
        assertEquals("car", images.get(1).objects().get(0).name());
    }

    @Test
    void imagesAreReadLazily() throws Exception {
        List<VocImage> images = VocDetection.load(voc, "train");
        Files.delete(voc.resolve("JPEGImages/000002.jpg")); // loading did not need it
        BufferedImage img = images.get(0).image();
        assertEquals(40, img.getWidth());
        assertEquals(30, img.getHeight());
        DatasetException e = assertThrows(DatasetException.class, () -> images.get(1).image());
        assertTrue(e.getMessage().endsWith("000002.jpg: no such file"), e.getMessage());
    }

    @Test
    void twentyClasses() {
        assertEquals(20, VocDetection.CLASSES.size());
        assertEquals("aeroplane", VocDetection.CLASSES.get(0));
        assertEquals("tvmonitor", VocDetection.CLASSES.get(19));
    }

    @Test
    void perClassListsWithASecondColumnAreAccepted() throws Exception {
        Files.writeString(voc.resolve("ImageSets/Main/dog_train.txt"), "000001  1\n000002 -1\n");
        assertEquals(2, VocDetection.load(voc, "dog_train").size());
    }

    @Test
    void boxWithXmaxBelowXminNamesFileAndBox() throws Exception {
        Files.writeString(voc.resolve("Annotations/000002.xml"), annotation(16, 16, object("car", 9, 2, 3, 10, 0, 0)));
        DatasetException e = assertThrows(DatasetException.class, () -> VocDetection.load(voc, "train"));
        assertEquals("000002.xml: object 0 (car): box xmin=9 ymin=2 xmax=3 ymax=10 has xmax < xmin or ymax < ymin",
                e.getMessage());
    }

    @Test
    void malformedXmlIsReported() throws Exception {
        Files.writeString(voc.resolve("Annotations/000001.xml"), "<annotation><size><width>3</width>");
        DatasetException e = assertThrows(DatasetException.class, () -> VocDetection.load(voc, "train"));
        assertTrue(e.getMessage().startsWith("000001.xml: malformed XML"), e.getMessage());
    }

    @Test
    void externalEntitiesAreRefused() throws Exception {
        Path secret = Files.writeString(voc.resolve("secret.txt"), "top secret");
        Files.writeString(voc.resolve("Annotations/000001.xml"), "<?xml version=\"1.0\"?>"
                + "<!DOCTYPE annotation [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + annotation(4, 4, "<object><name>&x;</name></object>"));
        DatasetException e = assertThrows(DatasetException.class, () -> VocDetection.load(voc, "train"));
        assertTrue(e.getMessage().startsWith("000001.xml: malformed XML"), e.getMessage());
        assertFalse(e.getMessage().contains("top secret"));
    }

    @Test
    void missingAnnotationListAndFolderAreNamed() throws Exception {
        Files.delete(voc.resolve("Annotations/000002.xml"));
        DatasetException e = assertThrows(DatasetException.class, () -> VocDetection.load(voc, "train"));
        assertTrue(e.getMessage().endsWith("000002.xml: no such file (annotation of image 000002)"), e.getMessage());
        e = assertThrows(DatasetException.class, () -> VocDetection.load(voc, "val"));
        assertTrue(e.getMessage().contains("val.txt: no such file"), e.getMessage());
        e = assertThrows(DatasetException.class, () -> VocDetection.load(voc.resolve("VOC2012"), "train"));
        assertTrue(e.getMessage().startsWith("no such directory: "), e.getMessage());
    }

    @Test
    void missingFieldsUnknownClassAndBadNumbersAreNamed() throws Exception {
        Path f = voc.resolve("Annotations/000002.xml");
        Files.writeString(f, "<annotation><object/></annotation>");
        assertEquals("000002.xml: missing <size> in <annotation>",
                assertThrows(DatasetException.class, () -> VocDetection.load(voc, "train")).getMessage());
        Files.writeString(f, annotation(16, 16, object("unicorn", 1, 1, 2, 2, 0, 0)));
        assertTrue(assertThrows(DatasetException.class, () -> VocDetection.load(voc, "train")).getMessage()
                .contains("unknown class 'unicorn'"));
        Files.writeString(f, annotation(16, 16, object("cat", 1, 1, 2, 2, 0, 0).replace("<xmax>2", "<xmax>two")));
        assertEquals("000002.xml: object 0: <xmax> is 'two', expected a number",
                assertThrows(DatasetException.class, () -> VocDetection.load(voc, "train")).getMessage());
        Files.writeString(f, annotation(16, 16, object("cat", 1, 1, 2, 2, 7, 0)));
        assertTrue(assertThrows(DatasetException.class, () -> VocDetection.load(voc, "train")).getMessage()
                .contains("<difficult> is '7', expected 0 or 1"));
    }

    @Test
    void nonImageJpegIsReported() throws Exception {
        Files.writeString(voc.resolve("JPEGImages/000001.jpg"), "not a jpeg");
        VocImage img = VocDetection.load(voc, "train").get(0);
        assertTrue(assertThrows(DatasetException.class, img::image).getMessage().contains("not a readable image"));
    }
}
