package dev.cnnlab.kernel.magics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Splits a cell into Java and magics and runs them in order: a cell starting with {@code %%name} is a cell
 * magic; a line starting with {@code %name} (where the Java before it is complete) is a line magic, and so is
 * {@code x = %name args} ({@link AssignedMagic}).
 * Unknown magics fail with the list of known ones.
 */
public final class Magics {
    private final Map<String, Magic> magics = new LinkedHashMap<>();
    private final Map<String, List<String>> aliases = new LinkedHashMap<>();

    /**
     * The standard set: maven (IJava's addMavenDependencies, addMavenDependency), mavenRepo (addMavenRepo),
     * loadFromPOM, jars, classpath, load, time, imports, lsmagic; relative paths along {@code searchPath}, Maven
     * artifacts from {@code ~/.m2/repository} first.
     */
    public static Magics standard(SearchPath searchPath) {
        Magics m = new Magics();
        MavenResolution resolution = new MavenResolution(MavenResolution.userLocalRepository());
        MavenMagic maven = new MavenMagic(resolution);
        m.register(maven, "addMavenDependencies", "addMavenDependency");
        m.register(maven.repoMagic(), "addMavenRepo");
        m.register(new LoadFromPomMagic(resolution, searchPath));
        m.register(new JarsMagic(searchPath));
        m.register(new ClasspathMagic(searchPath));
        m.register(new LoadMagic(searchPath));
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
                m.magics.values().stream().distinct().forEach(x -> {
                    List<String> also = m.aliases.getOrDefault(x.name(), List.of());
                    ctx.println("  " + x.help() + (also.isEmpty() ? "" : " (also %" + String.join(", %", also) + ")"));
                });
                ctx.println("  %%time: time the whole cell; %%loadFromPOM: add the dependencies of the cell's POM XML");
            }
        });
        return m;
    }

    /** Adds {@code magic} under its name and under {@code otherNames} (e.g. IJava's names for it). */
    public void register(Magic magic, String... otherNames) {
        magics.put(magic.name(), magic);
        for (String n : otherNames) magics.put(n, magic);
        if (otherNames.length > 0) aliases.put(magic.name(), List.of(otherNames));
    }

    /** The names a magic answers to, in order of registration. */
    public Set<String> names() {
        return Collections.unmodifiableSet(magics.keySet());
    }

    /** True when the cell has a magic anywhere (else it goes to Java as is). */
    public static boolean hasMagic(String code) {
        if (code.indexOf('%') < 0) return false;
        for (String line : code.split("\n", -1)) {
            if (line.stripLeading().startsWith("%") || AssignedMagic.parse(line) != null) return true;
        }
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
            } else if (AssignedMagic.parse(line) != null
                    && (pending.toString().isBlank() || javaComplete.test(pending.toString()))) {
                if (!pending.toString().isBlank()) java.accept(pending.toString());
                pending.setLength(0);
                java.accept(assigned(AssignedMagic.parse(line), ctx));
            } else {
                pending.append(line).append('\n');
            }
        }
        if (!pending.toString().isBlank()) java.accept(pending.toString());
    }

    /** Runs the magic of {@code x = %name args}; the Java assignment of its value. */
    private String assigned(AssignedMagic a, MagicContext ctx) {
        Magic magic = lookup(a.name(), "%");
        List<String> added = new java.util.ArrayList<>();
        magic.line(a.args(), new MagicContext() {  // as ctx, remembering what the magic adds to the class path
            @Override
            public void runCell(String code) {
                ctx.runCell(code);
            }

            @Override
            public void println(String text) {
                ctx.println(text);
            }

            @Override
            public List<String> classPath() {
                return ctx.classPath();
            }

            @Override
            public void addToClasspath(String path) {
                added.add(path);
                ctx.addToClasspath(path);
            }

            @Override
            public List<String> imports() {
                return ctx.imports();
            }
        });
        boolean hasValue = magic.name().equals("jars") || magic.name().equals("classpath");
        return a.java(hasValue ? added : null);
    }

    private Magic lookup(String name, String prefix) {
        Magic m = magics.get(name);
        if (m == null) {
            throw new MagicException("unknown magic " + prefix + name + ". Known line magics: %"
                    + String.join(", %", magics.keySet()) + "; cell magics: %%time, %%loadFromPOM (see %lsmagic)");
        }
        return m;
    }
}
