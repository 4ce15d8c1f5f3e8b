package dev.cnnlab.kernel.magics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a relative path in a magic ({@code %load}, {@code %jars}, {@code %classpath}, {@code %loadFromPOM}) is
 * looked for, in order: the folder of the file being {@code %load}ed (so a helper file can load its neighbours),
 * the notebook's folder, the current directory. Jupyter sends no notebook path with a cell; jupyter_server
 * (2.0.7 and later) starts the kernel with {@code JPY_SESSION_NAME} set to the notebook's full path and with the
 * notebook's folder as its working directory, and nbclient ({@code ./cnnlab run}) uses that folder too.
 */
public final class SearchPath {
    private final Path notebookDir;
    private final Deque<Path> loading = new ArrayDeque<>();

    /** A search path with the notebook's folder, or null where it is not known (then only the current directory). */
    public SearchPath(Path notebookDir) {
        this.notebookDir = notebookDir == null ? null : notebookDir.toAbsolutePath().normalize();
    }

    /**
     * The notebook's folder as jupyter_server tells it in {@code JPY_SESSION_NAME} (a file path; null, blank, not a
     * path or a missing folder gives null).
     */
    public static Path notebookDirFrom(String jpySessionName) {
        if (jpySessionName == null || jpySessionName.isBlank()) return null;
        try {
            Path dir = Path.of(jpySessionName).toAbsolutePath().getParent();
            return dir != null && Files.isDirectory(dir) ? dir : null;
        } catch (RuntimeException e) {  // e.g. an InvalidPathException: not a path at all
            return null;
        }
    }

    /** The notebook's folder, or null. */
    public Path notebookDir() {
        return notebookDir;
    }

    /** The folders a relative path is tried against, in order, without repeats. */
    public List<Path> folders() {
        Set<Path> out = new LinkedHashSet<>();
        if (!loading.isEmpty()) out.add(loading.peek());
        if (notebookDir != null) out.add(notebookDir);
        out.add(Path.of("").toAbsolutePath().normalize());
        return new ArrayList<>(out);
    }

    /** {@code path} against each folder in turn ({@code path} alone when absolute). */
    public List<Path> candidates(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute()) return List.of(p.normalize());
        return folders().stream().map(d -> d.resolve(p).normalize()).toList();
    }

    /** The first existing file or folder {@code path} names, or null. */
    public Path find(String path) {
        for (Path c : candidates(path)) if (Files.exists(c)) return c;
        return null;
    }

    /** The folder relative paths are taken from first: that of the file being loaded, else the notebook's, else ".". */
    public Path base() {
        return folders().get(0);
    }

    /** Runs {@code body} while {@code file} is being loaded: its folder comes first in the search path. */
    public void loading(Path file, Runnable body) {
        loading.push(file.toAbsolutePath().normalize().getParent());
        try {
            body.run();
        } finally {
            loading.pop();
        }
    }

    /** The folders, for error messages: "a, b or c". */
    public String describe() {
        List<String> names = folders().stream().map(Path::toString).toList();
        if (names.size() == 1) return names.get(0);
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
