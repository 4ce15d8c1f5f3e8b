package dev.cnnlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Downloads one file and keeps it only if its SHA-256 matches. The bytes go to a temp file in the
 * target's folder; after verification it is renamed onto the target. On a mismatch the temp file is
 * deleted and the target (if a file was there before) is left untouched.
 *
 * <pre>{@code
 * Download.fetch(URI.create("http://.../train-images-idx3-ubyte.gz"), cacheDir.resolve("train-images-idx3-ubyte.gz"),
 *         "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84");
 * }</pre>
 */
public final class Download {
    private static final int CONNECT_TIMEOUT_MS = 15_000;
    private static final int READ_TIMEOUT_MS = 60_000;

    private Download() {}

    /**
     * Fetches {@code source} (http, https or file URL) into {@code target}, verifying its SHA-256.
     *
     * @param expectedSha256 lower- or upper-case hex; a download without a known checksum is refused
     * @return {@code target}
     * @throws DatasetException on a network error, an HTTP error status, or a checksum mismatch
     */
    public static Path fetch(URI source, Path target, String expectedSha256) {
        String name = Idx.displayName(target);
        if (expectedSha256 == null || !expectedSha256.matches("[0-9a-fA-F]{64}")) {
            throw new DatasetException(name + ": no known SHA-256 for " + source
                    + " — refusing to download data that cannot be verified");
        }
        Path temp = null;
        try {
            temp = AtomicFiles.tempNextTo(target);
            MessageDigest md = Sha256.digest();
            URLConnection conn = source.toURL().openConnection();
            conn.setConnectTimeout(CONNECT_TIMEOUT_MS);
            conn.setReadTimeout(READ_TIMEOUT_MS);
            if (conn instanceof HttpURLConnection http) {
                int code = http.getResponseCode();
                if (code != HttpURLConnection.HTTP_OK) {
                    throw new DatasetException(name + ": download from " + source + " failed with HTTP " + code
                            + " " + http.getResponseMessage());
                }
            }
            try (InputStream in = new DigestInputStream(conn.getInputStream(), md);
                 OutputStream out = Files.newOutputStream(temp)) {
                in.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(md.digest());
            if (!actual.equalsIgnoreCase(expectedSha256)) {
                throw new DatasetException(name + ": checksum mismatch for " + source + ": expected SHA-256 "
                        + expectedSha256.toLowerCase() + ", got " + actual + " — download deleted, try again");
            }
            AtomicFiles.moveInto(temp, target);
            return target;
        } catch (IOException e) {
            throw new DatasetException(name + ": cannot download " + source + " (" + e + ") — offline?", e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) return;
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a leftover *.part temp file is harmless; never mask the real error
        }
    }
}
