package dev.cnnlab.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10Test {
    @TempDir
    Path dir;

    /** A batch of {@code n} records; record i has label (first + i) % 10, red = i, green = 100, blue = 255. */
    private static byte[] batch(int n, int first) {
        byte[] b = new byte[n * Cifar10.RECORD_BYTES];
        for (int i = 0; i < n; i++) {
            int off = i * Cifar10.RECORD_BYTES;
            b[off] = (byte) ((first + i) % 10);
            Arrays.fill(b, off + 1, off + 1 + 1024, (byte) i);
            Arrays.fill(b, off + 1 + 1024, off + 1 + 2048, (byte) 100);
            Arrays.fill(b, off + 1 + 2048, off + 1 + 3072, (byte) 255);
        }
        return b;
    }

    private Path writeSet(Path into) throws Exception {
        Files.createDirectories(into);
        for (int k = 1; k <= 5; k++) Files.write(into.resolve("data_batch_" + k + ".bin"), batch(4, k));
        Files.write(into.resolve("test_batch.bin"), batch(3, 0));
        Files.writeString(into.resolve("batches.meta.txt"),
                "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n");
        return into;
    }

    @Test
    void readsBatchesAsRgbPlanes() throws Exception {
        Split s = Cifar10.load(writeSet(dir));
        assertEquals(20, s.train().size());
        assertEquals(3, s.test().size());
        assertEquals(3, s.train().channels());
        assertEquals(32, s.train().width());
        assertEquals(Cifar10.CLASSES, s.train().classes());
        assertArrayEquals(new int[] {1, 2, 3, 4, 2, 3, 4, 5}, Arrays.copyOf(s.train().labels(), 8));
        float[] p = s.train().pixels();
        int img1 = 3072; // second image: red plane = 1/255, green = 100/255, blue = 1
        assertEquals(1 / 255f, p[img1], 1e-7);
        assertEquals(100 / 255f, p[img1 + 1024 + 5], 1e-7);
        assertEquals(1f, p[img1 + 2048 + 1023]);
        assertEquals(0x0164ff, s.train().image(1).getRGB(0, 0) & 0xffffff, "planes become R, G, B");
    }

    @Test
    void findsTheUnpackedSubfolderAndUsesMetaNames() throws Exception {
        writeSet(dir.resolve("cifar-10-batches-bin"));
        Files.writeString(dir.resolve("cifar-10-batches-bin/batches.meta.txt"), "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n");
        Split s = Cifar10.load(dir);
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), s.test().classes());
    }

    @Test
    void missingDirectorySaysWhereToDownload() {
        Path nowhere = dir.resolve("cifar");
        DatasetException e = assertThrows(DatasetException.class, () -> Cifar10.load(nowhere));
        assertEquals("no such directory: " + nowhere + " — download CIFAR-10 binary version from "
                + Cifar10.URL + " and unpack it there (tar xzf cifar-10-binary.tar.gz)", e.getMessage());
    }

    @Test
    void missingBatchIsNamed() throws Exception {
        writeSet(dir);
        Files.delete(dir.resolve("data_batch_4.bin"));
        DatasetException e = assertThrows(DatasetException.class, () -> Cifar10.load(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("data_batch_4.bin") + ": no such file"), e.getMessage());
    }

    @Test
    void truncatedBatchIsReported() throws Exception {
        writeSet(dir);
        Files.write(dir.resolve("test_batch.bin"), Arrays.copyOf(batch(3, 0), 5000));
        DatasetException e = assertThrows(DatasetException.class, () -> Cifar10.load(dir));
        assertTrue(e.getMessage().startsWith("test_batch.bin: 5000 bytes is not a whole number of 3073-byte records"),
                e.getMessage());
        assertTrue(e.getMessage().contains("truncated download"), e.getMessage());
    }

    @Test
    void labelOutOfRangeIsReported() throws Exception {
        writeSet(dir);
        byte[] b = batch(4, 0);
        b[2 * Cifar10.RECORD_BYTES] = 42;
        Files.write(dir.resolve("data_batch_2.bin"), b);
        DatasetException e = assertThrows(DatasetException.class, () -> Cifar10.load(dir));
        assertTrue(e.getMessage().startsWith("data_batch_2.bin: record 2 has label 42, expected 0..9"), e.getMessage());
    }

    @Test
    void metaWithWrongNumberOfNamesIsReported() throws Exception {
        writeSet(dir);
        Files.writeString(dir.resolve("batches.meta.txt"), "cat\ndog\n");
        assertEquals("batches.meta.txt: expected 10 class names, found 2",
                assertThrows(DatasetException.class, () -> Cifar10.load(dir)).getMessage());
    }
}
