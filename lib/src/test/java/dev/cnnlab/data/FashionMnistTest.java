package dev.cnnlab.data;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    @TempDir
    Path cache;

    private static final Path DEBIAN = FashionMnist.SYSTEM_DIR;

    private static boolean debianPresent() {
        return Files.isRegularFile(DEBIAN.resolve("train-images-idx3-ubyte.gz"))
                && Files.isRegularFile(DEBIAN.resolve("t10k-labels-idx1-ubyte.gz"));
    }

    @Test
    void loadsDebianFilesThenTheDecompressedCache() throws Exception {
        assumeTrue(debianPresent(), "Debian package dataset-fashion-mnist not installed");
        Split cold = FashionMnist.source(cache, DEBIAN, "http://127.0.0.1:9/").load(false);
        check(cold);
        Path dir = cache.resolve("fashion-mnist");
        assertEquals(47_040_016L, Files.size(dir.resolve("train-images-idx3-ubyte")), "decompressed IDX cached");
        assertTrue(FashionMnist.isCached(cache));
        // warm: no system folder now, so the data can only come from the cache
        Split warm = FashionMnist.source(cache, null, "http://127.0.0.1:9/").load(false);
        assertArrayEquals(cold.train().pixels(), warm.train().pixels());
        assertArrayEquals(cold.test().labels(), warm.test().labels());
    }

    private static void check(Split s) throws Exception {
        assertEquals(60_000, s.train().size());
        assertEquals(10_000, s.test().size());
        assertEquals(FashionMnist.CLASSES, s.train().classes());
        assertEquals("[1, 28, 28]", Arrays.toString(s.train().imageShape().getShape()));
        int[] six = new int[10], one = new int[10];
        Arrays.fill(six, 6_000);
        Arrays.fill(one, 1_000);
        assertArrayEquals(six, s.train().classCounts());
        assertArrayEquals(one, s.test().classCounts());
        // mean pixel of the train set, computed independently from the raw gzip with java.util.zip
        long sum = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(DEBIAN.resolve("train-images-idx3-ubyte.gz")))) {
            in.readNBytes(16);
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) for (int i = 0; i < n; i++) sum += buf[i] & 0xff;
        }
        double expected = sum / 255.0 / 47_040_000L;
        double mean = 0;
        for (float p : s.train().pixels()) mean += p;
        mean /= s.train().pixels().length;
        assertEquals(expected, mean, 1e-6);
        assertEquals(0.2860, mean, 5e-4, "the published Fashion-MNIST train mean");
    }

    @Test
    void corruptCacheFileIsReportedNotSilentlyUsed() throws Exception {
        Path dir = Files.createDirectories(cache.resolve("fashion-mnist"));
        Files.write(dir.resolve("train-images-idx3-ubyte"), Arrays.copyOf(Fixtures.idxImages(10, 28, 28), 1000));
        DatasetException e = assertThrows(DatasetException.class,
                () -> FashionMnist.source(cache, null, "http://127.0.0.1:9/").load(false));
        assertTrue(e.getMessage().startsWith("Fashion-MNIST: " + dir.resolve("train-images-idx3-ubyte").toAbsolutePath()
                + ": checksum mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("no intact copy of train-images-idx3-ubyte"), e.getMessage());
    }

    @Test
    void aTamperedCacheFileIsRefusedAndTheDebianCopyUsedInstead() throws Exception {
        assumeTrue(debianPresent(), "Debian package dataset-fashion-mnist not installed");
        Split good = FashionMnist.source(cache, DEBIAN, "http://127.0.0.1:9/").load(false);
        Path labels = cache.resolve("fashion-mnist/train-labels-idx1-ubyte");
        byte[] zeroed = Files.readAllBytes(labels);
        Arrays.fill(zeroed, 8, zeroed.length, (byte) 0);          // every label 0, the IDX header intact
        Files.write(labels, zeroed);
        Path images = cache.resolve("fashion-mnist/train-images-idx3-ubyte");
        Files.write(images, Arrays.copyOf(Files.readAllBytes(images), 1_000_000));   // truncated
        Split again = FashionMnist.source(cache, DEBIAN, "http://127.0.0.1:9/").load(false);
        assertArrayEquals(good.train().labels(), again.train().labels());
        assertArrayEquals(good.train().pixels(), again.train().pixels());
        assertEquals(47_040_016L, Files.size(images), "the cache file is written again from the intact copy");
        assertEquals(FashionMnist.FILES.get(1).idxSha256(), Sha256.of(labels));
        // with no intact copy left, the error names the bad file by its full path
        Files.write(labels, zeroed);
        DatasetException e = assertThrows(DatasetException.class,
                () -> FashionMnist.source(cache, null, "http://127.0.0.1:9/").load(false));
        assertTrue(e.getMessage().contains(labels.toAbsolutePath() + ": checksum mismatch"), e.getMessage());
    }

    @Test
    void wrongContentInAGzIsRejectedByTheIdxChecksum() throws Exception {
        Path dir = Files.createDirectories(cache.resolve("fashion-mnist"));
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), Fixtures.gzip(Fixtures.idxImages(10, 28, 28)));
        DatasetException e = assertThrows(DatasetException.class,
                () -> FashionMnist.source(cache, null, "http://127.0.0.1:9/").load(false));
        assertTrue(e.getMessage().contains("checksum mismatch of the decompressed IDX"), e.getMessage());
        assertTrue(e.getMessage().contains(FashionMnist.FILES.get(0).idxSha256()), e.getMessage());
        assertFalse(Files.exists(dir.resolve("train-images-idx3-ubyte")), "nothing cached from a bad file");
    }

    @Test
    void missingFilesWithoutDownloadNameTheFile() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> FashionMnist.source(cache, cache.resolve("nowhere"), "http://127.0.0.1:9/").load(false));
        assertTrue(e.getMessage().startsWith("Fashion-MNIST: train-images-idx3-ubyte.gz not found"), e.getMessage());
    }

    @Test
    void downloadOfAFileWithTheWrongHashIsRefusedAndDeleted() throws Exception {
        Map<String, byte[]> files = new HashMap<>();
        files.put("/train-images-idx3-ubyte.gz", Fixtures.gzip(Fixtures.idxImages(5, 28, 28)));
        HttpServer server = DownloadTest.serve(files);
        try {
            DatasetException e = assertThrows(DatasetException.class,
                    () -> FashionMnist.source(cache, null, DownloadTest.base(server)).load(true));
            assertTrue(e.getMessage().startsWith("train-images-idx3-ubyte.gz: checksum mismatch"), e.getMessage());
            assertTrue(e.getMessage().contains(FashionMnist.FILES.get(0).gzSha256()), e.getMessage());
            try (var s = Files.list(cache.resolve("fashion-mnist"))) {
                assertEquals(0, s.count(), "temp file removed, nothing kept");
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void downloadsMissingFilesWhenChecksumsMatch() throws Exception {
        assumeTrue(debianPresent(), "Debian package dataset-fashion-mnist not installed");
        // serve the Debian files; pretend their .gz hashes are the official ones for this test
        Map<String, byte[]> files = new HashMap<>();
        var specs = new java.util.ArrayList<IdxDataset.IdxFile>();
        for (IdxDataset.IdxFile f : FashionMnist.FILES) {
            byte[] gz = Files.readAllBytes(DEBIAN.resolve(f.name() + ".gz"));
            files.put("/" + f.name() + ".gz", gz);
            specs.add(new IdxDataset.IdxFile(f.name(), Sha256.of(gz), f.idxSha256()));
        }
        HttpServer server = DownloadTest.serve(files);
        try {
            Split s = new IdxDataset("Fashion-MNIST", cache.resolve("fashion-mnist"), java.util.List.of(),
                    DownloadTest.base(server), specs, FashionMnist.CLASSES).load(true);
            assertEquals(60_000, s.train().size());
            assertTrue(Files.isRegularFile(cache.resolve("fashion-mnist/t10k-labels-idx1-ubyte.gz")));
            assertTrue(Files.isRegularFile(cache.resolve("fashion-mnist/t10k-labels-idx1-ubyte")));
        } finally {
            server.stop(0);
        }
    }
}
