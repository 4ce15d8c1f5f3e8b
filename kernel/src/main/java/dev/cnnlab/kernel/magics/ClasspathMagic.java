package dev.cnnlab.kernel.magics;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code %classpath}: prints the cells' class path; with arguments it adds the jars and class folders they name
 * (paths or globs), as IJava's {@code %classpath}. Something that matches nothing is an error.
 */
public final class ClasspathMagic implements Magic {
    private final SearchPath searchPath;

    /** A {@code %classpath} that looks for relative paths along {@code searchPath}. */
    public ClasspathMagic(SearchPath searchPath) {
        this.searchPath = searchPath;
    }

    @Override
    public String name() {
        return "classpath";
    }

    @Override
    public String help() {
        return "%classpath [PATH|GLOB...]: print the class path, or add jars and class folders to it";
    }

    @Override
    public void line(String args, MagicContext ctx) {
        if (args.isBlank()) {
            ctx.classPath().forEach(ctx::println);
            return;
        }
        for (String arg : MagicArgs.split(args)) {
            List<Path> found = PathGlob.expand(arg, searchPath);
            if (found.isEmpty()) {
                throw new MagicException("%classpath: nothing matches " + arg + " (looked in " + searchPath.describe() + ")");
            }
            for (Path p : found) {
                ctx.addToClasspath(p.toString());
                ctx.println("added " + p);
            }
        }
    }
}
