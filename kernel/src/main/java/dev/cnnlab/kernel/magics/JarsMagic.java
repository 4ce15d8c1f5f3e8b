package dev.cnnlab.kernel.magics;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code %jars PATH|GLOB...}: adds jars to the cells' class path, as IJava's {@code %jars}: a glob such as
 * {@code lib/*.jar}, a jar, or a folder, which adds the jars in it. Something that matches nothing is an error.
 */
public final class JarsMagic implements Magic {
    private final SearchPath searchPath;

    /** A {@code %jars} that looks for relative paths along {@code searchPath}. */
    public JarsMagic(SearchPath searchPath) {
        this.searchPath = searchPath;
    }

    @Override
    public String name() {
        return "jars";
    }

    @Override
    public String help() {
        return "%jars PATH|GLOB...: add jars to the class path (a folder adds the jars in it; e.g. %jars lib/*.jar)";
    }

    @Override
    public void line(String args, MagicContext ctx) {
        if (args.isBlank()) throw new MagicException("%jars needs a path or glob, e.g. %jars libs/*.jar");
        for (String arg : MagicArgs.split(args)) {
            List<Path> found = PathGlob.expand(arg, searchPath).stream().flatMap(p -> PathGlob.jarsIn(p).stream()).toList();
            if (found.isEmpty()) {
                throw new MagicException("%jars: no jar matches " + arg + " (looked in " + searchPath.describe() + ")");
            }
            for (Path p : found) {
                ctx.addToClasspath(p.toString());
                ctx.println("added " + p);
            }
        }
    }
}
