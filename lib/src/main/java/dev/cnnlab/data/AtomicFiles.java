package dev.cnnlab.data;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes that a reader never sees half done: write to a temp file in the target's folder, then
 * rename it over the target in one step.
 */
final class AtomicFiles {
    private AtomicFiles() {}

    /** A fresh temp file next to {@code target} (same folder, so the rename stays on one file system). */
    static Path tempNextTo(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
    }

    /** Moves {@code temp} onto {@code target} atomically where the file system allows it. */
    static void moveInto(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes {@code data} to {@code target} through a temp file and a rename. */
    static void write(Path target, byte[] data) throws IOException {
        Path temp = tempNextTo(target);
        try {
            Files.write(temp, data);
            moveInto(temp, target);
        } finally {
            Files.deleteIfExists(temp); // only our own temp file; gone already after a successful move
        }
    }
}
