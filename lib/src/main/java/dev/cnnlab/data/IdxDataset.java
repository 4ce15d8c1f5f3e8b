package dev.cnnlab.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The four IDX files of an MNIST-style set (train/t10k images and labels) and where to find them:
 * decompressed in the cache (the fast warm path), else gzipped in the cache or a system folder, else
 * downloaded with a SHA-256 check. After the first read the decompressed IDX is written to the cache
 * so the next load skips gunzip.
 */
final class IdxDataset {
    /**
     * One file of the set.
     *
     * @param name      file name without {@code .gz}
     * @param gzSha256  SHA-256 of the official {@code .gz} download (null: unknown, download refused)
     * @param idxSha256 SHA-256 of the decompressed IDX (null: not checked)
     */
    record IdxFile(String name, String gzSha256, String idxSha256) {}

    private final String title;
    private final Path cacheDir;
    private final List<Path> systemDirs;
    private final String baseUrl;
    private final List<IdxFile> files; // train images, train labels, test images, test labels
    private final List<String> classes;

    IdxDataset(String title, Path cacheDir, List<Path> systemDirs, String baseUrl, List<IdxFile> files,
               List<String> classes) {
        if (files.size() != 4) throw new IllegalArgumentException("need 4 IDX files, got " + files.size());
        this.title = title;
        this.cacheDir = cacheDir;
        this.systemDirs = List.copyOf(systemDirs);
        this.baseUrl = baseUrl;
        this.files = List.copyOf(files);
        this.classes = List.copyOf(classes);
    }

    /** True if all four files are in the cache folder (decompressed or gzipped). */
    boolean isCached() {
        return files.stream().allMatch(f -> Files.isRegularFile(cacheDir.resolve(f.name()))
                || Files.isRegularFile(cacheDir.resolve(f.name() + ".gz")));
    }

    /** True if all four files are available without the network. */
    boolean isAvailableOffline() {
        return files.stream().allMatch(f -> Files.isRegularFile(cacheDir.resolve(f.name())) || findGz(f) != null);
    }

    /** Loads train and test; downloads missing files when {@code allowDownload}. */
    Split load(boolean allowDownload) {
        ImageData train = Idx.combine(Idx.parseImages(files.get(0).name(), bytes(files.get(0), allowDownload)),
                files.get(0).name(), Idx.parseLabels(files.get(1).name(), bytes(files.get(1), allowDownload)),
                files.get(1).name(), classes);
        ImageData test = Idx.combine(Idx.parseImages(files.get(2).name(), bytes(files.get(2), allowDownload)),
                files.get(2).name(), Idx.parseLabels(files.get(3).name(), bytes(files.get(3), allowDownload)),
                files.get(3).name(), classes);
        return new Split(train, test);
    }

    private byte[] bytes(IdxFile f, boolean allowDownload) {
        Path raw = cacheDir.resolve(f.name());
        String rejected = null;
        if (Files.isRegularFile(raw)) {
            byte[] data = Idx.readBytes(raw);
            rejected = Verified.problem(raw, data, f.idxSha256());
            if (rejected == null) {
                Verified.stampIfMissing(raw, data, f.idxSha256());
                return data;
            }
            System.err.println(title + ": " + rejected + " — not used; reading an intact copy instead");
        }
        for (Path gz : gzCandidates(f)) {
            byte[] data = Idx.readBytes(gz);
            String problem = Verified.problem(gz, data, f.idxSha256());
            if (problem == null) return cache(raw, data);
            rejected = problem;
            System.err.println(title + ": " + problem);
        }
        if (!allowDownload) {
            throw new DatasetException(title + ": " + (rejected != null ? rejected + ", and no intact copy of "
                    + f.name() + " in " + cacheDir.toAbsolutePath() + (systemDirs.isEmpty() ? "" : " or " + systemDirs)
                    : f.name() + ".gz not found in " + cacheDir + (systemDirs.isEmpty() ? "" : " or " + systemDirs))
                    + " and downloading is off");
        }
        URI url = URI.create(baseUrl + f.name() + ".gz");
        System.err.println(title + ": downloading " + url);
        Path gz = Download.fetch(url, cacheDir.resolve(f.name() + ".gz"), f.gzSha256());
        byte[] data = Idx.readBytes(gz);
        String problem = Verified.problem(gz, data, f.idxSha256());
        if (problem != null) throw new DatasetException(problem);
        return cache(raw, data);
    }

    /** Writes the verified decompressed IDX to the cache (atomically), and its stamp; returns it. */
    private byte[] cache(Path raw, byte[] data) {
        try {
            AtomicFiles.write(raw, data);
            Verified.stamp(raw, data);
        } catch (IOException e) {
            // a read-only cache only costs speed; the data itself is fine
            System.err.println(title + ": could not cache " + raw + " (" + e.getMessage() + ")");
        }
        return data;
    }

    /** The compressed copies to try, the cache's first, then the system folders'. */
    private List<Path> gzCandidates(IdxFile f) {
        List<Path> out = new java.util.ArrayList<>();
        Path cached = cacheDir.resolve(f.name() + ".gz");
        if (Files.isRegularFile(cached)) out.add(cached);
        for (Path dir : systemDirs) {
            Path p = dir.resolve(f.name() + ".gz");
            if (Files.isRegularFile(p)) out.add(p);
        }
        return out;
    }

    private Path findGz(IdxFile f) {
        Path cached = cacheDir.resolve(f.name() + ".gz");
        if (Files.isRegularFile(cached)) return cached;
        for (Path dir : systemDirs) {
            Path p = dir.resolve(f.name() + ".gz");
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }
}
