package dev.cnnlab.kernel;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a cell's cost from growing with the number of cells run before it. JShell keeps the compiled class of
 * every snippet in memory, and javac lists all of them each time it loads JShell's {@code REPL} package (in each
 * of the three or four javac passes of a cell), enters each as a class symbol, and walks them all again when
 * JShell purges that package after the pass: {@code 1 + 1} cost 8 ms of CPU in a fresh session and 15–37 ms
 * after 1,500–2,000 cells. A statement's class ({@code { ... }}, {@code x.add(1);}, a bare {@code x}) can never be
 * named by a later snippet, and the agent has already loaded it, so once it has run it is dropped here, as is the
 * class of a declaration once it is overwritten or dropped. Current declarations and {@code $N} values are kept:
 * later snippets compile against them. Classes that are not JShell's wrappers are left alone.
 *
 * <p>JShell has no public way to do this, so it reaches into {@code jdk.jshell} by reflection (the launcher opens
 * that package with {@code --add-opens}); where the package is not open, or a JDK's internals differ, it logs once
 * and does nothing, and JShell behaves as it always does.
 */
final class ReplClassFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ReplClassFiles.class);

    private final Map<String, ?> classFiles;  // null: not reachable, do nothing
    private final Method classFullName;

    private ReplClassFiles(Map<String, ?> classFiles, Method classFullName) {
        this.classFiles = classFiles;
        this.classFullName = classFullName;
    }

    /** The class-file cache of this JShell, or an instance that does nothing when it cannot be reached. */
    static ReplClassFiles of(JShell shell) {
        try {
            Object taskFactory = read(shell, JShell.class, "taskFactory");
            Object fileManager = read(taskFactory, taskFactory.getClass(), "fileManager");
            Object map = read(fileManager, fileManager.getClass(), "classObjects");
            Method name = Snippet.class.getDeclaredMethod("classFullName");
            name.setAccessible(true);
            if (map instanceof Map<?, ?>) {
                @SuppressWarnings("unchecked")  // JShell's TreeMap<String, OutputMemoryJavaFileObject>
                Map<String, ?> files = (Map<String, ?>) map;
                LOG.debug("statements' classes leave JShell's class cache once they ran");
                return new ReplClassFiles(files, name);
            }
            LOG.debug("JShell's class cache is a {}, not a map: classes are kept", map.getClass());
        } catch (ReflectiveOperationException | RuntimeException e) {  // InaccessibleObjectException is a RuntimeException
            LOG.debug("JShell's class cache is not reachable ({}): statement classes are kept, so cells slow down"
                    + " a little as a session grows (start the JVM with --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED)",
                    e.toString());
        }
        return new ReplClassFiles(null, null);
    }

    private static Object read(Object owner, Class<?> type, String name) throws ReflectiveOperationException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(owner);
    }

    /** Whether statement classes are being dropped. */
    boolean active() {
        return classFiles != null;
    }

    /** How many compiled snippet classes JShell holds (-1 when not reachable). */
    int size() {
        return classFiles == null ? -1 : classFiles.size();
    }

    /**
     * Drops every class that no live declaration owns: those of statements and bare expressions that have run, of
     * overwritten and dropped declarations (the kernel's numbered value variables, dropped once they ran; a
     * redefined variable, method or class compiles against its new class from then on), and the intermediate
     * classes JShell compiles while it redefines one. Call it on the thread that evaluates, after {@code eval}
     * returned: JShell's cache is not thread-safe.
     */
    void prune(JShell shell) {
        if (classFiles == null) return;
        try {
            Set<String> live = new HashSet<>();
            for (Snippet snippet : (Iterable<Snippet>) shell.snippets()::iterator) {
                Snippet.Kind kind = snippet.kind();
                if (kind == Snippet.Kind.STATEMENT || kind == Snippet.Kind.EXPRESSION || kind == Snippet.Kind.IMPORT) continue;
                if (shell.status(snippet).isActive()) live.add((String) classFullName.invoke(snippet));
            }
            classFiles.keySet().removeIf(name -> name.startsWith(WRAPPER) && !live.contains(outermost(name)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("could not prune JShell's class cache", e);
        }
    }

    /** {@code REPL.$JShell$7B} for {@code REPL.$JShell$7B$Box$1}: the wrapper class a snippet's class belongs to. */
    static String outermost(String className) {
        if (!className.startsWith(WRAPPER)) return className;
        int nested = className.indexOf('$', WRAPPER.length());
        return nested < 0 ? className : className.substring(0, nested);
    }

    private static final String WRAPPER = "REPL.$JShell$";
}
