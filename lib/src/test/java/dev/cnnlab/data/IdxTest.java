package dev.cnnlab.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] data) throws Exception {
        return Files.write(dir.resolve(name), data);
    }

    @Test
    void readsRawImagesAsUnitFloats() throws Exception {
        Idx.Images x = Idx.readImages(write("imgs", Fixtures.idxImages(3, 4, 5)));
        assertEquals(3, x.count());
        assertEquals(4, x.rows());
        assertEquals(5, x.cols());
        assertEquals(60, x.pixels().length);
        assertEquals(0f, x.pixels()[0]);
        assertEquals(1 / 255f, x.pixels()[1], 1e-7);
        assertEquals((7 + 3) / 255f, x.pixels()[20 + 3], 1e-7); // image 1, pixel 3
    }

    @Test
    void extremesMapToZeroAndOne() throws Exception {
        byte[] data = Fixtures.idxImages(1, 16, 16); // pixel values 0..255
        float[] p = Idx.readImages(write("imgs", data)).pixels();
        assertEquals(0f, p[0]);
        assertEquals(1f, p[255]);
        assertEquals(128 / 255f, p[128], 1e-7);
    }

    @Test
    void gzipIsDetectedByMagicNotByName() throws Exception {
        byte[] raw = Fixtures.idxImages(2, 3, 3);
        Path gzNoSuffix = write("images-without-suffix", Fixtures.gzip(raw));
        Path rawWithGzName = write("raw.gz", raw);
        assertArrayEquals(Idx.readImages(rawWithGzName).pixels(), Idx.readImages(gzNoSuffix).pixels());
    }

    @Test
    void readsLabelsRawAndGzipped() throws Exception {
        int[] labels = {0, 9, 3, 3, 7};
        assertArrayEquals(labels, Idx.readLabels(write("l", Fixtures.idxLabels(labels))));
        assertArrayEquals(labels, Idx.readLabels(write("l.gz", Fixtures.gzip(Fixtures.idxLabels(labels)))));
    }

    @Test
    void readPairsImagesAndLabels() throws Exception {
        ImageData d = Idx.read(write("i", Fixtures.idxImages(3, 28, 28)), write("l", Fixtures.idxLabels(2, 0, 1)),
                FashionMnist.CLASSES);
        assertEquals(3, d.size());
        assertEquals(1, d.channels());
        assertArrayEquals(new int[] {2, 0, 1}, d.labels());
    }

    @Test
    void doublyGzippedFileSaysStillGzipped() throws Exception {
        Path f = write("train-images-idx3-ubyte", Fixtures.gzip(Fixtures.gzip(Fixtures.idxImages(1, 2, 2))));
        DatasetException e = assertThrows(DatasetException.class, () -> Idx.readImages(f));
        assertTrue(e.getMessage().startsWith("train-images-idx3-ubyte: expected magic 2051, found 0x1f8b08"), e.getMessage());
        assertTrue(e.getMessage().endsWith("is it still gzipped?"), e.getMessage());
    }

    @Test
    void labelFileGivenAsImagesIsNamed() throws Exception {
        Path f = write("labels", Fixtures.idxLabels(1, 2));
        DatasetException e = assertThrows(DatasetException.class, () -> Idx.readImages(f));
        assertTrue(e.getMessage().contains("expected magic 2051, found 0x00000801"), e.getMessage());
        assertTrue(e.getMessage().contains("label file"), e.getMessage());
    }

    @Test
    void truncatedRawFileGivesExpectedAndFoundBytes() throws Exception {
        byte[] full = Fixtures.idxImages(10, 28, 28);
        Path f = write("train-images-idx3-ubyte", Arrays.copyOf(full, 1000));
        DatasetException e = assertThrows(DatasetException.class, () -> Idx.readImages(f));
        assertEquals("train-images-idx3-ubyte: expected 7856 bytes, found 1000 — truncated download?", e.getMessage());
    }

    @Test
    void truncatedGzipIsReported() throws Exception {
        byte[] gz = Fixtures.gzip(Fixtures.idxImages(50, 28, 28));
        Path f = write("t10k-images-idx3-ubyte.gz", Arrays.copyOf(gz, gz.length / 2));
        DatasetException e = assertThrows(DatasetException.class, () -> Idx.readImages(f));
        assertTrue(e.getMessage().startsWith("t10k-images-idx3-ubyte.gz: gzip data ends early"), e.getMessage());
    }

    @Test
    void truncatedLabelsAndShortHeader() throws Exception {
        Path labels = write("l", Arrays.copyOf(Fixtures.idxLabels(1, 2, 3, 4), 10));
        assertEquals("l: expected 12 bytes, found 10 — truncated download?",
                assertThrows(DatasetException.class, () -> Idx.readLabels(labels)).getMessage());
        Path header = write("h", Arrays.copyOf(Fixtures.idxImages(1, 2, 2), 9));
        assertTrue(assertThrows(DatasetException.class, () -> Idx.readImages(header)).getMessage()
                .contains("expected an IDX header of 16 bytes, found 9"));
        Path empty = write("empty", new byte[0]);
        assertTrue(assertThrows(DatasetException.class, () -> Idx.readLabels(empty)).getMessage()
                .startsWith("empty: expected an IDX header"));
    }

    @Test
    void extraBytesAreReported() throws Exception {
        byte[] data = Arrays.copyOf(Fixtures.idxLabels(1, 2), 20);
        Path f = write("l", data);
        assertTrue(assertThrows(DatasetException.class, () -> Idx.readLabels(f)).getMessage()
                .contains("expected 10 bytes, found 20"));
    }

    @Test
    void countMismatchNamesBothFiles() throws Exception {
        Path img = write("train-images-idx3-ubyte", Fixtures.idxImages(3, 2, 2));
        Path lab = write("t10k-labels-idx1-ubyte", Fixtures.idxLabels(1, 2));
        DatasetException e = assertThrows(DatasetException.class, () -> Idx.read(img, lab, List.of("a", "b", "c")));
        assertEquals("train-images-idx3-ubyte has 3 images but t10k-labels-idx1-ubyte has 2 labels — "
                + "are they from the same set (train vs t10k)?", e.getMessage());
    }

    @Test
    void labelOutsideClassesIsNamed() throws Exception {
        Path img = write("i", Fixtures.idxImages(2, 2, 2));
        Path lab = write("labels", Fixtures.idxLabels(1, 12));
        assertTrue(assertThrows(DatasetException.class, () -> Idx.read(img, lab, FashionMnist.CLASSES)).getMessage()
                .startsWith("labels: label 12 at index 1"));
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nope");
        assertTrue(assertThrows(DatasetException.class, () -> Idx.readImages(f)).getMessage().endsWith("nope: no such file"));
    }
}
