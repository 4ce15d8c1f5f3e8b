package dev.cnnlab.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 (Alex Krizhevsky, "Learning Multiple Layers of Features from Tiny Images", 2009): 60,000
 * colour 32x32 images in 10 classes, 50,000 train and 10,000 test. Reads the <b>binary version</b>
 * ({@code cifar-10-binary.tar.gz}, unpacked): {@code data_batch_1.bin .. data_batch_5.bin} and
 * {@code test_batch.bin}, each a run of 3,073-byte records (1 label byte, then the red, green and blue
 * 32x32 planes), and {@code batches.meta.txt} with the class names.
 *
 * <pre>{@code
 * Split data = Cifar10.load(Path.of("cifar-10-batches-bin"));
 * data.train().imageShape();   // (3, 32, 32)
 * }</pre>
 */
public final class Cifar10 {
    /** Where to get the binary version. */
    public static final String URL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    /** Class names as in {@code batches.meta.txt}, used when that file is absent. */
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");
    /** Bytes per record: 1 label + 3 x 32 x 32 pixels. */
    public static final int RECORD_BYTES = 1 + 3 * 32 * 32;

    private static final int PIXELS = 3 * 32 * 32;
    private static final float[] UNIT = new float[256];

    static {
        for (int i = 0; i < 256; i++) UNIT[i] = i / 255f;
    }

    private Cifar10() {}

    /** Loads from {@code DatasetCache.root()/cifar-10-batches-bin}. */
    public static Split load() {
        return load(DatasetCache.root().resolve("cifar-10-batches-bin"));
    }

    /**
     * Loads the binary batches in {@code dir} (or in its {@code cifar-10-batches-bin} subfolder, which is
     * what unpacking the archive creates).
     *
     * @throws DatasetException if the folder or a batch is missing, or a batch is truncated or corrupt
     */
    public static Split load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException("no such directory: " + dir + " — download CIFAR-10 binary version from "
                    + URL + " and unpack it there (tar xzf cifar-10-binary.tar.gz)");
        }
        if (!Files.exists(dir.resolve("data_batch_1.bin")) && Files.isDirectory(dir.resolve("cifar-10-batches-bin"))) {
            dir = dir.resolve("cifar-10-batches-bin");
        }
        List<String> classes = classNames(dir);
        List<Path> trainFiles = new ArrayList<>();
        for (int i = 1; i <= 5; i++) trainFiles.add(dir.resolve("data_batch_" + i + ".bin"));
        return new Split(read(trainFiles, classes), read(List.of(dir.resolve("test_batch.bin")), classes));
    }

    /** Reads batch files into one set, in file order. */
    static ImageData read(List<Path> files, List<String> classes) {
        List<byte[]> contents = new ArrayList<>();
        int total = 0;
        for (Path f : files) {
            byte[] b = readFile(f);
            if (b.length == 0 || b.length % RECORD_BYTES != 0) {
                throw new DatasetException(f.getFileName() + ": " + b.length + " bytes is not a whole number of "
                        + RECORD_BYTES + "-byte records (a full batch is 30730000) — truncated download, or not the binary version?");
            }
            contents.add(b);
            total += b.length / RECORD_BYTES;
        }
        float[] pixels = new float[total * PIXELS];
        int[] labels = new int[total];
        int n = 0;
        for (int k = 0; k < files.size(); k++) {
            byte[] b = contents.get(k);
            for (int off = 0; off < b.length; off += RECORD_BYTES, n++) {
                int label = b[off] & 0xff;
                if (label >= classes.size()) {
                    throw new DatasetException(files.get(k).getFileName() + ": record " + off / RECORD_BYTES
                            + " has label " + label + ", expected 0.." + (classes.size() - 1)
                            + " — is this CIFAR-100 or a corrupt file?");
                }
                labels[n] = label;
                int base = n * PIXELS;
                for (int i = 0; i < PIXELS; i++) pixels[base + i] = UNIT[b[off + 1 + i] & 0xff];
            }
        }
        return new ImageData(pixels, labels, 3, 32, 32, classes);
    }

    private static byte[] readFile(Path f) {
        if (!Files.isRegularFile(f)) {
            throw new DatasetException(f + ": no such file — the CIFAR-10 binary version has data_batch_1..5.bin "
                    + "and test_batch.bin (" + URL + ")");
        }
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new DatasetException(f + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Class names from {@code batches.meta.txt} (one per line, blank lines ignored), else {@link #CLASSES}. */
    static List<String> classNames(Path dir) {
        Path meta = dir.resolve("batches.meta.txt");
        if (!Files.isRegularFile(meta)) return CLASSES;
        try {
            List<String> names = Files.readAllLines(meta, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (names.size() != 10) {
                throw new DatasetException(meta.getFileName() + ": expected 10 class names, found " + names.size());
            }
            return names;
        } catch (IOException e) {
            throw new DatasetException(meta + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
