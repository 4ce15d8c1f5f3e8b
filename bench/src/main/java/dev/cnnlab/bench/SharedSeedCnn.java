package dev.cnnlab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The seed CNN trained once per bench run and used twice. The training entry's target configuration trains it
 * (Adam 1e-3, batch 64, 5 epochs, all 60,000 Fashion-MNIST training images in file order, initial weights and
 * shuffling seeded 42) and saves it here; the compression entry loads it as its baseline instead of training the
 * same model again (about 150 s on 2 cores). When the file is missing (the training entry did not run, or ran
 * in {@code --quick} mode, or failed) the compression entry trains the baseline itself with the same recipe.
 *
 * <p>The file lives in a folder private to this run and is deleted when the run ends: a model trained by an
 * older build is never reused.
 */
final class SharedSeedCnn {
    /** What the file holds, in words, for the rows' notes. */
    static final String RECIPE = "Adam 1e-3, batch 64, 5 epochs, 60,000 images";
    private static Path dir;

    private SharedSeedCnn() {}

    /** Where the trained model is saved (and looked for) in this run; the folder is created on first use. */
    static synchronized Path file() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("cnnlab-bench-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary folder for the shared seed CNN", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(SharedSeedCnn::delete));
        }
        return dir.resolve("seed-cnn-b64-e5-60000.params");
    }

    /** Deletes this run's folder (only the one this class created). */
    static synchronized void delete() {
        if (dir == null) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
        dir = null;
    }
}
