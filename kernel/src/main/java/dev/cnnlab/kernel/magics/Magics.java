package dev.cnnlab.kernel.magics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Splits a cell into Java and magics and runs them in order: a cell starting with {@code %%name} is a cell
 * magic; a line starting with {@code %name} (where the Java before it is complete) is a line magic.
 * Unknown magics fail with the list of known ones.
 */
public final class Magics {
    private final Map<String, Magic> magics = new LinkedHashMap<>();

    /** The standard set: maven, mavenRepo, jars, classpath, load, time, imports, lsmagic. */
    public static Magics standard() {
        Magics m = new Magics();
        MavenMagic maven = new MavenMagic();
        m.register(maven);
        m.register(maven.repoMagic());
        m.register(new JarsMagic());
        m.register(new ClasspathMagic());
        m.register(new LoadMagic());
        m.register(new TimeMagic());
        m.register(new ImportsMagic());
        m.register(new Magic() {
            @Override
            public String name() {
                return "lsmagic";
            }

            @Override
            public String help() {
                return "%lsmagic: list the magics";
            }

            @Override
            public void line(String args, MagicContext ctx) {
                ctx.println("Line magics (%name) and cell magics (%%name, first line of a cell):");
                m.magics.values().forEach(x -> ctx.println("  " + x.help()));
                ctx.println("  %%time: time the whole cell");
            }
        });
        return m;
    }

    public void register(Magic magic) {
        magics.put(magic.name(), magic);
    }

    /** True when the cell has a magic anywhere (else it goes to Java as is). */
    public static boolean hasMagic(String code) {
        for (String line : code.split("\n", -1)) if (line.stripLeading().startsWith("%")) return true;
        return false;
    }

    /**
     * Runs {@code code}: Java parts through {@code java}, magics here. {@code javaComplete} tells whether the
     * Java gathered so far is complete, so a line starting with '%' inside an expression stays Java.
     */
    public void run(String code, MagicContext ctx, java.util.function.Consumer<String> java, Predicate<String> javaComplete) {
        String trimmed = code.stripLeading();
        if (trimmed.startsWith("%%")) {
            int nl = trimmed.indexOf('\n');
            String head = nl < 0 ? trimmed.substring(2) : trimmed.substring(2, nl);
            String body = nl < 0 ? "" : trimmed.substring(nl + 1);
            String[] parts = head.strip().split("\\s+", 2);
            lookup(parts[0], "%%").cell(parts.length > 1 ? parts[1] : "", body, ctx);
            return;
        }
        StringBuilder pending = new StringBuilder();
        for (String line : code.split("\n", -1)) {
            String s = line.stripLeading();
            if (s.startsWith("%") && !s.startsWith("%%") && (pending.toString().isBlank() || javaComplete.test(pending.toString()))) {
                if (!pending.toString().isBlank()) java.accept(pending.toString());
                pending.setLength(0);
                String[] parts = s.substring(1).strip().split("\\s+", 2);
                lookup(parts[0], "%").line(parts.length > 1 ? parts[1] : "", ctx);
            } else {
                pending.append(line).append('\n');
            }
        }
        if (!pending.toString().isBlank()) java.accept(pending.toString());
    }

    private Magic lookup(String name, String prefix) {
        Magic m = magics.get(name);
        if (m == null) {
            throw new MagicException("unknown magic " + prefix + name + ". Known: %"
                    + String.join(", %", magics.keySet()) + ", %%time (see %lsmagic)");
        }
        return m;
    }
}
