package dev.cnnlab.kernel.magics;

/** {@code %classpath}: prints the cells' class path; with arguments it adds to it like {@code %jars}. */
public final class ClasspathMagic implements Magic {
    private final JarsMagic jars = new JarsMagic();

    @Override
    public String name() {
        return "classpath";
    }

    @Override
    public String help() {
        return "%classpath [PATH|GLOB...]: print the class path, or add to it";
    }

    @Override
    public void line(String args, MagicContext ctx) {
        if (!args.isBlank()) {
            jars.line(args, ctx);
            return;
        }
        ctx.classPath().forEach(ctx::println);
    }
}
