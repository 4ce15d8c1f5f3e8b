package dev.cnnlab.nn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

import ai.djl.MalformedModelException;
import ai.djl.Model;

/**
 * A DJL model's parameters as one file of the user's choosing. DJL saves and loads by its own naming
 * ({@code PREFIX-0000.params} in a folder), so saving goes through a private temporary folder next to the
 * target and ends in an atomic rename (a reader never sees half a file); loading reads a private copy.
 */
public final class ModelFiles {
    private ModelFiles() {}

    /** Writes {@code model}'s parameters to {@code target}, replacing it atomically. */
    public static void save(Model model, Path target, String prefix) throws IOException {
        Path file = target.toAbsolutePath();
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempDirectory(file.getParent(), ".cnnlab-save-");
        try {
            model.setProperty("Epoch", "0");
            model.save(tmp, prefix);
            Files.move(tmp.resolve(prefix + "-0000.params"), file, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            deleteTemp(tmp);
        }
    }

    /** Reads parameters written by {@link #save} into {@code model} (same architecture). */
    public static void load(Model model, Path file, String prefix) throws IOException, MalformedModelException {
        Path tmp = Files.createTempDirectory(".cnnlab-load-");
        try {
            Files.copy(file, tmp.resolve(prefix + "-0000.params"));
            model.load(tmp, prefix);
        } finally {
            deleteTemp(tmp);
        }
    }

    private static void deleteTemp(Path tmp) {
        try (Stream<Path> s = Files.walk(tmp)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // only our own temporary folder; leaving it behind is harmless
        }
    }
}
