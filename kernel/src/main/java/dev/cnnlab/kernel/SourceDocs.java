package dev.cnnlab.kernel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;

/**
 * Javadoc of the library's own classes and of the libraries it teaches with (DJL, Tablesaw, XChart), read from
 * their sources, for {@code inspect}. JShell finds Javadoc only in the JDK's src.zip, so for {@code dev.cnnlab.*}
 * or {@code NDArray} it would show just the signature. A source root is a folder or a {@code -sources.jar}.
 *
 * <p>Given a signature as JShell's {@code Documentation.signature()} writes it ({@code dev.cnnlab.ops.Conv2d},
 * {@code Fit Fit.epochs(int n)}, {@code TinySsd(int numClasses)}, {@code Padding.SAME:dev.cnnlab.ops.Padding},
 * {@code Fit.Optimizer.ADAM}), this finds the top-level class's file under the source roots, parses it (parse
 * only, cached per file until it changes) and renders the element's comment with {@link JavadocText}. Overloads
 * match by the simple names of their parameter types, else the first of that name is shown. Anything not found
 * (no roots, a JDK class, a member without a comment) gives an empty result, never an error.
 */
final class SourceDocs {
    /** System property with the source roots, a {@link File#pathSeparator} list; the launcher sets it. */
    static final String PROPERTY = "cnnlab.sources";

    private record Parsed(long modified, CompilationUnitTree unit, DocTrees trees) {}

    private final List<Path> roots;
    private List<Path> searchRoots;  // the folders, and the insides of the jars (opened on first use)
    private final Map<Path, Parsed> cache = new HashMap<>();
    private Set<String> fileNames;  // "Fit" for Fit.java: only such names are worth qualifying
    private JavaCompiler compiler;
    private StandardJavaFileManager files;

    SourceDocs(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** The roots named by {@value #PROPERTY}; none when it is unset. */
    static SourceDocs fromSystemProperty() {
        String list = System.getProperty(PROPERTY, "");
        List<Path> roots = new ArrayList<>();
        for (String p : list.split(File.pathSeparator)) if (!p.isBlank()) roots.add(Path.of(p));
        return new SourceDocs(roots);
    }

    /**
     * The Javadoc of the element {@code signature} names. {@code qualify} maps a type name as a signature writes
     * it ({@code Fit}) to its qualified name ({@code dev.cnnlab.train.Fit}), or null if it cannot.
     */
    synchronized Optional<JavadocText> find(String signature, UnaryOperator<String> qualify) {
        if (roots.isEmpty() || signature == null || signature.isBlank()) return Optional.empty();
        try {
            return Optional.ofNullable(lookup(signature.strip(), qualify))
                    .map(JavadocText::of).filter(d -> !d.text().isEmpty());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();  // inspect then shows the signature alone, as without sources
        }
    }

    private DocCommentTree lookup(String sig, UnaryOperator<String> qualify) throws IOException {
        int paren = sig.indexOf('(');
        if (paren < 0) {  // a class, an enum constant, or a field "Owner.NAME:type"
            int colon = sig.indexOf(':');
            return element(qualified(withoutGenerics(colon < 0 ? sig : sig.substring(0, colon)), qualify), null, null);
        }
        String[] words = withoutGenerics(sig.substring(0, paren)).strip().split("\\s+");
        String target = words[words.length - 1];
        List<String> params = new ArrayList<>();
        for (String p : splitTopLevel(sig.substring(paren + 1, sig.lastIndexOf(')')))) {
            if (!p.isBlank()) params.add(simpleType(withoutGenerics(p).strip().split("\\s+")[0]));
        }
        if (words.length == 1) return element(qualified(target, qualify), "<init>", params);  // no return type
        int dot = target.lastIndexOf('.');
        if (dot < 0) return null;
        return element(qualified(target.substring(0, dot), qualify), target.substring(dot + 1), params);
    }

    /** {@code Fit.Optimizer} with {@code Fit} qualified; names starting lower case are taken as qualified. */
    private String qualified(String dotted, UnaryOperator<String> qualify) {
        if (dotted.isEmpty() || !Character.isUpperCase(dotted.charAt(0))) return dotted;
        int dot = dotted.indexOf('.');
        String first = dot < 0 ? dotted : dotted.substring(0, dot);
        if (!fileNames().contains(first)) return dotted;  // Math, String: no source here, no JShell query
        String q = qualify.apply(first);  // a type's signature, e.g. "java.util.Map.Entry<K, V>"
        if (q == null || q.contains(":") || q.contains("(")) return dotted;  // a variable or a method
        q = withoutGenerics(q).strip();
        return q.contains(" ") ? dotted : q + (dot < 0 ? "" : dotted.substring(dot));
    }

    /** The comment of a type (method null), or of its member: a method, a constructor ("<init>") or a field. */
    private DocCommentTree element(String dotted, String method, List<String> params) throws IOException {
        String[] segs = dotted.split("\\.");
        for (Path root : searchRoots()) {
            Path dir = root;
            for (int k = 0; k < segs.length; k++) {  // the first existing file names the top-level class
                Path file = dir.resolve(segs[k] + ".java");
                if (Files.isRegularFile(file)) return member(parse(file), segs, k, method, params);
                dir = dir.resolve(segs[k]);
            }
        }
        return null;
    }

    /** The roots to search: folders as they are, a jar as its inside; a missing or unreadable one is left out. */
    private List<Path> searchRoots() {
        if (searchRoots == null) {
            searchRoots = new ArrayList<>();
            for (Path root : roots) {
                if (Files.isDirectory(root)) {
                    searchRoots.add(root);
                } else if (Files.isRegularFile(root) && root.getFileName().toString().endsWith(".jar")) {
                    try {  // kept open while the kernel runs: its files are parsed on demand
                        searchRoots.add(FileSystems.newFileSystem(root).getPath("/"));
                    } catch (IOException | RuntimeException e) {
                        // not a readable jar: its classes show signatures only
                    }
                }
            }
        }
        return searchRoots;
    }

    private DocCommentTree member(Parsed p, String[] segs, int top, String method, List<String> params) {
        TreePath path = null;
        for (Tree t : p.unit().getTypeDecls()) {
            if (t instanceof ClassTree c && c.getSimpleName().contentEquals(segs[top])) {
                path = new TreePath(new TreePath(p.unit()), c);
            }
        }
        for (int i = top + 1; path != null && i < segs.length; i++) {
            TreePath next = child(path, segs[i], null);
            if (next == null && i == segs.length - 1 && method == null) return doc(p, childMember(path, segs[i]));
            path = next;
        }
        if (path == null) return null;
        if (method == null) return doc(p, path);
        return doc(p, child(path, method, params));
    }

    /** A nested class named {@code name} (params null), or the method that best matches {@code params}. */
    private static TreePath child(TreePath owner, String name, List<String> params) {
        TreePath first = null;
        for (Tree t : ((ClassTree) owner.getLeaf()).getMembers()) {
            if (params == null && t instanceof ClassTree c && c.getSimpleName().contentEquals(name)) {
                return new TreePath(owner, t);
            }
            if (params != null && t instanceof MethodTree m && m.getName().contentEquals(name)) {
                List<String> types = new ArrayList<>();
                for (VariableTree v : m.getParameters()) types.add(simpleType(withoutGenerics(v.getType().toString())));
                if (types.equals(params)) return new TreePath(owner, t);
                if (first == null) first = new TreePath(owner, t);
            }
        }
        return first;
    }

    /** A field or enum constant. */
    private static TreePath childMember(TreePath owner, String name) {
        for (Tree t : ((ClassTree) owner.getLeaf()).getMembers()) {
            if (t instanceof VariableTree v && v.getName().contentEquals(name)) return new TreePath(owner, t);
        }
        return null;
    }

    private static DocCommentTree doc(Parsed p, TreePath path) {
        return path == null ? null : p.trees().getDocCommentTree(path);
    }

    private Set<String> fileNames() {
        if (fileNames == null) {
            fileNames = new HashSet<>();
            for (Path root : searchRoots()) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.map(Path::getFileName).filter(f -> f != null).map(Path::toString).filter(n -> n.endsWith(".java"))
                            .forEach(n -> fileNames.add(n.substring(0, n.length() - ".java".length())));
                } catch (IOException | UncheckedIOException e) {
                    // an unreadable folder: its classes show signatures only
                }
            }
        }
        return fileNames;
    }

    private Parsed parse(Path file) throws IOException {
        long modified = Files.getLastModifiedTime(file).toMillis();
        Parsed p = cache.get(file);
        if (p != null && p.modified() == modified) return p;
        if (compiler == null) {
            compiler = ToolProvider.getSystemJavaCompiler();
            files = compiler.getStandardFileManager(null, null, null);
        }
        var task = (JavacTask) compiler.getTask(null, files, d -> { }, List.of("-proc:none"), null,
                files.getJavaFileObjects(file));
        CompilationUnitTree unit = task.parse().iterator().next();
        p = new Parsed(modified, unit, DocTrees.instance(task));
        cache.put(file, p);
        return p;
    }

    /** {@code List<E>.add} → {@code List.add}; also drops method type parameters like {@code <T>}. */
    static String withoutGenerics(String s) {
        StringBuilder b = new StringBuilder();
        int depth = 0;
        for (char ch : s.toCharArray()) {
            if (ch == '<') depth++;
            else if (ch == '>') depth--;
            else if (depth == 0) b.append(ch);
        }
        return b.toString();
    }

    /** {@code dev.cnnlab.data.Split} → {@code Split}; varargs as arrays, as the parser writes them. */
    private static String simpleType(String type) {
        String t = type.replace("...", "[]").replace(" ", "");
        return t.substring(t.lastIndexOf('.', t.indexOf('[') < 0 ? t.length() : t.indexOf('[')) + 1);
    }

    /** Splits a parameter list at commas outside type arguments. */
    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0, start = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '<') depth++;
            else if (ch == '>') depth--;
            else if (ch == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }
}
