package dev.cnnlab.kernel.magics;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A path or glob of {@code %jars}/{@code %classpath} expanded to the files and folders it names. Globs are Java's
 * ({@code *} and {@code ?} within a name, {@code **} across folders, {@code [abc]}, {@code {a,b}}), a superset of
 * IJava's {@code *} and {@code ?}; {@code /} separates names on every system. A relative path is looked for along
 * the {@link SearchPath} (the loaded file's folder, the notebook's, the current one).
 */
final class PathGlob {
    private PathGlob() {}

    /** The existing files and folders {@code arg} names, sorted; empty when none. */
    static List<Path> expand(String arg, SearchPath searchPath) {
        String glob = arg.replace('\\', '/');
        int wild = firstWildcard(glob);
        if (wild == glob.length()) {
            Path p = searchPath.find(arg);
            return p == null ? List.of() : List.of(p);
        }
        int cut = glob.lastIndexOf('/', wild);
        String prefix = cut < 0 ? "" : glob.substring(0, cut + 1);
        String pattern = glob.substring(cut + 1);
        for (Path root : prefix.isEmpty() ? searchPath.folders() : searchPath.candidates(prefix)) {
            if (!Files.isDirectory(root)) continue;
            List<Path> found = matches(root, pattern);
            if (!found.isEmpty()) return found;
        }
        return List.of();
    }

    private static List<Path> matches(Path root, String pattern) {
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        int depth = pattern.contains("**") ? Integer.MAX_VALUE : pattern.split("/").length;
        try (Stream<Path> s = Files.walk(root, depth)) {
            return s.filter(p -> !p.equals(root) && m.matches(root.relativize(p))).sorted().toList();
        } catch (IOException e) {
            throw new MagicException("cannot read folder " + root + ": " + e.getMessage(), e);
        }
    }

    /** The jars of a folder (sorted), or the file itself: what {@code %jars} adds for one match. */
    static List<Path> jarsIn(Path match) {
        if (!Files.isDirectory(match)) return List.of(match);
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(match)) {
            s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase().matches(".*\\.(jar|zip)"))
                    .sorted().forEach(out::add);
        } catch (IOException e) {
            throw new MagicException("cannot read folder " + match + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static int firstWildcard(String s) {
        int i = 0;
        while (i < s.length() && "*?[{".indexOf(s.charAt(i)) < 0) i++;
        return i;
    }
}
