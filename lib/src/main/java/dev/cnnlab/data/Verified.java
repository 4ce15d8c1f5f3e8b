package dev.cnnlab.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a dataset file against its known SHA-256 every time it is read from the cache. Hashing the 47 MB of
 * Fashion-MNIST's training images on every warm load would cost about a tenth of a second, so a file that was
 * hashed once gets a stamp beside it ({@code NAME.verified}: size, modification time and hash); a file whose size
 * or time differs from its stamp is hashed again. Files under 1 MB (the labels) are always hashed.
 */
final class Verified {
    private static final int ALWAYS_HASH = 1 << 20;

    private Verified() {}

    /** Null when {@code data} (read from {@code file}) is the known content, else what is wrong, naming the file. */
    static String problem(Path file, byte[] data, String sha256) {
        if (sha256 == null) return null;
        if (data.length >= ALWAYS_HASH && stampMatches(file, sha256)) return null;
        String actual = Sha256.of(data);
        if (!actual.equals(sha256)) {
            return file.toAbsolutePath() + ": checksum mismatch of the decompressed IDX: expected SHA-256 " + sha256
                    + ", got " + actual + " — damaged, or not the official file";
        }
        return null;
    }

    /** Records that {@code file} now holds {@code data}, whose hash was checked. */
    static void stamp(Path file, byte[] data) throws IOException {
        AtomicFiles.write(stampOf(file), (Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis() + " "
                + Sha256.of(data)).getBytes(StandardCharsets.US_ASCII));
    }

    /** Stamps a cache file that passed {@link #problem} without one (hashed this time), so later loads skip it. */
    static void stampIfMissing(Path file, byte[] data, String sha256) {
        if (sha256 == null || data.length < ALWAYS_HASH || stampMatches(file, sha256)) return;
        try {
            stamp(file, data);
        } catch (IOException e) {
            // a read-only cache is hashed on every load: slower, still checked
        }
    }

    private static boolean stampMatches(Path file, String sha256) {
        try {
            Path stamp = stampOf(file);
            if (!Files.isRegularFile(stamp)) return false;
            String want = Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis() + " " + sha256;
            return Files.readString(stamp, StandardCharsets.US_ASCII).strip().equals(want);
        } catch (IOException e) {
            return false;
        }
    }

    private static Path stampOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".verified");
    }
}
