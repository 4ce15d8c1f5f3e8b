package dev.cnnlab.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Zalando Research, MIT licence): 70,000 grey 28x28 pictures of clothing in 10
 * classes, 60,000 to train and 10,000 to test, 6,000 / 1,000 per class.
 *
 * <p>Offline first: loads from the cache ({@code DatasetCache.root()/fashion-mnist}), else from
 * Debian's {@code dataset-fashion-mnist} package ({@code /usr/share/datasets/fashion-mnist}), else
 * downloads the official files and checks their SHA-256. The first load writes the decompressed IDX
 * files to the cache; later loads read those (well under a second).
 *
 * <pre>{@code
 * Split data = FashionMnist.load();
 * data.train().size();        // 60000
 * data.train().classes();     // [T-shirt/top, Trouser, ...]
 * }</pre>
 */
public final class FashionMnist {
    /** Class names, indexed by label. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Where Debian's {@code dataset-fashion-mnist} package puts the gzipped IDX files. */
    public static final Path SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The official download location. */
    public static final String BASE_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

    /*
     * Checksums. gz: SHA-256 of the official downloads, as published alongside them (torchvision,
     * TFDS and others list the same values). idx: SHA-256 of the decompressed IDX, computed here from
     * Debian's files. Debian recompressed the .gz (no file name in the gzip header, 23-24 bytes
     * shorter), so its .gz hashes differ from the official ones; the decompressed data are the same
     * size and are what we verify. Debian .gz hashes, for reference (not checked):
     *   train-images b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7
     *   train-labels 0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056
     *   t10k-images  cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa
     *   t10k-labels  8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05
     */
    static final List<IdxDataset.IdxFile> FILES = List.of(
            new IdxDataset.IdxFile("train-images-idx3-ubyte",
                    "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
                    "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
            new IdxDataset.IdxFile("train-labels-idx1-ubyte",
                    "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
                    "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
            new IdxDataset.IdxFile("t10k-images-idx3-ubyte",
                    "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
                    "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
            new IdxDataset.IdxFile("t10k-labels-idx1-ubyte",
                    "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
                    "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"));

    private FashionMnist() {}

    /** Loads the set from the cache, the Debian package, or the official download (in that order). */
    public static Split load() {
        return load(DatasetCache.root());
    }

    /** As {@link #load()}, with {@code cacheRoot} in place of {@link DatasetCache#root()}. */
    public static Split load(Path cacheRoot) {
        return source(cacheRoot, SYSTEM_DIR, BASE_URL).load(true);
    }

    /** True if the decompressed or gzipped files are in the cache under {@code cacheRoot}. */
    public static boolean isCached(Path cacheRoot) {
        return source(cacheRoot, SYSTEM_DIR, BASE_URL).isCached();
    }

    /** The set with every location replaceable (tests use a local server and temp folders). */
    static IdxDataset source(Path cacheRoot, Path systemDir, String baseUrl) {
        return new IdxDataset("Fashion-MNIST", cacheRoot.resolve("fashion-mnist"),
                systemDir == null ? List.of() : List.of(systemDir), baseUrl, FILES, CLASSES);
    }
}
