package dev.cnnlab.kernel.magics;

/** {@code %imports}: lists the imports in force (the kernel's defaults, narrowed where the user's clash, and the user's). */
public final class ImportsMagic implements Magic {
    @Override
    public String name() {
        return "imports";
    }

    @Override
    public String help() {
        return "%imports: list the imports in force (a default that clashes with yours gives way to yours)";
    }

    @Override
    public void line(String args, MagicContext ctx) {
        if (!args.isBlank()) throw new MagicException("%imports takes no arguments, got '" + args.strip() + "'");
        ctx.imports().forEach(ctx::println);
    }
}
