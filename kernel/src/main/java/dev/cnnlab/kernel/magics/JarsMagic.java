package dev.cnnlab.kernel.magics;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@code %jars PATH|GLOB...}: adds jars (or class directories) to the cells' class path. */
public final class JarsMagic implements Magic {
    @Override
    public String name() {
        return "jars";
    }

    @Override
    public String help() {
        return "%jars PATH|GLOB...: add jars or class folders to the class path (e.g. %jars lib/*.jar)";
    }

    @Override
    public void line(String args, MagicContext ctx) {
        if (args.isBlank()) throw new MagicException("%jars needs a path or glob, e.g. %jars libs/*.jar");
        for (String arg : args.trim().split("\\s+")) {
            List<Path> found = resolve(arg);
            if (found.isEmpty()) throw new MagicException("%jars: nothing matches " + arg);
            for (Path p : found) {
                ctx.addToClasspath(p.toAbsolutePath().toString());
                ctx.println("added " + p);
            }
        }
    }

    static List<Path> resolve(String arg) {
        if (!arg.contains("*") && !arg.contains("?") && !arg.contains("[")) {
            Path p = Path.of(arg);
            return Files.exists(p) ? List.of(p) : List.of();
        }
        Path base = Path.of(".");
        String glob = arg;
        int cut = arg.replace('\\', '/').lastIndexOf('/', firstWildcard(arg));
        if (cut >= 0) {
            base = Path.of(arg.substring(0, cut + 1));
            glob = arg.substring(cut + 1);
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        List<Path> out = new ArrayList<>();
        Path root = base;
        try (Stream<Path> s = Files.walk(base, glob.contains("**") ? Integer.MAX_VALUE : glob.split("/").length)) {
            s.filter(p -> !p.equals(root) && m.matches(root.relativize(p))).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new MagicException("%jars: cannot read " + base + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static int firstWildcard(String s) {
        int i = 0;
        while (i < s.length() && "*?[".indexOf(s.charAt(i)) < 0) i++;
        return i;
    }
}
