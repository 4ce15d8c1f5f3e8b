package dev.cnnlab.kernel;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/**
 * Keeps the kernel's default star imports out of the way of the user's own: when a cell imports a package on
 * demand ({@code import ai.djl.nn.convolutional.*;}) whose classes share simple names with a default package
 * ({@code dev.cnnlab.ops} has a {@code Conv2d} too), the default's star import is dropped and replaced by
 * single-type imports of its other classes, so {@code Conv2d} means the user's and cnnlab's is reachable by its
 * full name. Two star imports with a common name would make every use of it ambiguous.
 */
final class DefaultImports {
    private final Supplier<List<String>> classPath;
    private final Map<String, Set<String>> classesByPackage = new HashMap<>();
    private boolean indexed;
    /** The kernel's import snippets still in force: star imports by package, narrowed ones by simple name. */
    private final Map<String, ImportSnippet> stars = new LinkedHashMap<>();
    private final Map<String, ImportSnippet> singles = new HashMap<>();
    /** Packages the user imported on demand. */
    private final Set<String> userStars = new TreeSet<>();

    DefaultImports(Supplier<List<String>> classPath) {
        this.classPath = classPath;
    }

    /** Remembers a start-up snippet's events: the kernel's own imports (a fresh agent starts a fresh record). */
    synchronized void startup(List<SnippetEvent> events) {
        for (SnippetEvent e : events) {
            if (e.snippet() instanceof ImportSnippet i && e.status().isActive() && !i.isStatic()
                    && i.subKind() == Snippet.SubKind.TYPE_IMPORT_ON_DEMAND_SUBKIND) {
                stars.put(packageOf(i), i);
            }
        }
    }

    /** A fresh agent: the kernel's imports are evaluated again. */
    synchronized void restart() {
        stars.clear();
        singles.clear();
        userStars.clear();
    }

    /** After a user's snippet ran: a star import of theirs narrows the kernel's clashing defaults. */
    synchronized void userSnippet(JShell shell, List<SnippetEvent> events) {
        for (SnippetEvent e : events) {
            if (!(e.snippet() instanceof ImportSnippet i) || !e.status().isActive() || i.isStatic()
                    || i.subKind() != Snippet.SubKind.TYPE_IMPORT_ON_DEMAND_SUBKIND) continue;
            String pkg = packageOf(i);
            if (stars.containsKey(pkg) && stars.get(pkg) == i) continue;
            stars.remove(pkg);  // the user's own import of a default package: now it is theirs
            userStars.add(pkg);
            Set<String> theirs = classes(pkg);
            for (String name : new ArrayList<>(singles.keySet())) {
                if (theirs.contains(name)) shell.drop(singles.remove(name));
            }
            for (var d : new ArrayList<>(stars.entrySet())) {
                Set<String> ours = classes(d.getKey());
                if (ours.stream().noneMatch(theirs::contains)) continue;
                shell.drop(d.getValue());
                stars.remove(d.getKey());
                for (String name : ours) {
                    if (isUsers(name) || singles.containsKey(name)) continue;
                    for (SnippetEvent n : shell.eval("import " + d.getKey() + "." + name + ";")) {
                        if (n.causeSnippet() == null && n.snippet() instanceof ImportSnippet s && n.status().isActive()) {
                            singles.put(name, s);
                        }
                    }
                }
            }
        }
    }

    private boolean isUsers(String simpleName) {
        for (String p : userStars) if (classes(p).contains(simpleName)) return true;
        return false;
    }

    private static String packageOf(ImportSnippet i) {
        String f = i.fullname();
        return f.endsWith(".*") ? f.substring(0, f.length() - 2) : f;
    }

    /** The top-level classes of {@code pkg} on the cells' class path and in the JDK, by simple name. */
    Set<String> classes(String pkg) {
        if (!indexed) index();
        Set<String> s = classesByPackage.get(pkg);
        if (s == null) {
            s = jdkClasses(pkg);
            classesByPackage.put(pkg, s);
        }
        return s;
    }

    private void index() {
        indexed = true;
        for (String entry : classPath.get()) {
            Path p = Path.of(entry);
            try {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> files = Files.walk(p)) {
                        files.forEach(f -> add(p.relativize(f).toString().replace('\\', '/')));
                    }
                } else if (Files.isRegularFile(p)) {
                    try (ZipFile z = new ZipFile(p.toFile())) {
                        z.stream().forEach(e -> add(e.getName()));
                    }
                }
            } catch (IOException | RuntimeException ignored) {
                // an unreadable entry adds no names
            }
        }
    }

    private void add(String classFile) {
        if (!classFile.endsWith(".class") || classFile.contains("$") || classFile.startsWith("META-INF/")) return;
        int slash = classFile.lastIndexOf('/');
        if (slash < 0) return;
        String pkg = classFile.substring(0, slash).replace('/', '.');
        String name = classFile.substring(slash + 1, classFile.length() - ".class".length());
        if (name.equals("package-info") || name.equals("module-info")) return;
        classesByPackage.computeIfAbsent(pkg, k -> new TreeSet<>()).add(name);
    }

    private static Set<String> jdkClasses(String pkg) {
        Set<String> names = new TreeSet<>();
        try {
            FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
            try (Stream<Path> modules = Files.list(jrt.getPath("/modules"))) {
                for (Path m : modules.toList()) {
                    Path dir = m.resolve(pkg.replace('.', '/'));
                    if (!Files.isDirectory(dir)) continue;
                    try (Stream<Path> files = Files.list(dir)) {
                        files.map(f -> f.getFileName().toString())
                                .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.startsWith("package-info"))
                                .forEach(n -> names.add(n.substring(0, n.length() - 6)));
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // no JDK image: no JDK names
        }
        return names;
    }

    /** The imports in force, as sources ({@code %imports}). */
    static List<String> inForce(JShell shell) {
        return shell.imports().map(i -> i.source().strip()).toList();
    }
}
