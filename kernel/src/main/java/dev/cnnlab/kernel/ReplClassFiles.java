package dev.cnnlab.kernel;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a cell's cost from growing with the number of cells run before it. JShell keeps the compiled class of
 * every snippet in memory, and javac lists all of them each time it loads JShell's {@code REPL} package (in each
 * of the three or four javac passes of a cell), enters each as a class symbol, and walks them all again when
 * JShell purges that package after the pass: {@code 1 + 1} cost 8 ms of CPU in a fresh session and 15–37 ms
 * after 1,500–2,000 cells. A statement's class ({@code { ... }}, {@code x.add(1);}, a bare {@code x}) can never be
 * named by a later snippet, and the agent has already loaded it, so once it has run it is dropped here.
 * Declarations, imports and {@code $N} values are kept: later snippets compile against them.
 *
 * <p>JShell has no public way to do this, so it reaches into {@code jdk.jshell} by reflection (the launcher opens
 * that package with {@code --add-opens}); where the package is not open, or a JDK's internals differ, it logs once
 * and does nothing, and JShell behaves as it always does.
 */
final class ReplClassFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ReplClassFiles.class);

    private final NavigableMap<String, ?> classFiles;  // null: not reachable, do nothing
    private final Method classFullName;

    private ReplClassFiles(NavigableMap<String, ?> classFiles, Method classFullName) {
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
            if (map instanceof NavigableMap<?, ?>) {
                @SuppressWarnings("unchecked")  // JShell's TreeMap<String, OutputMemoryJavaFileObject>
                NavigableMap<String, ?> files = (NavigableMap<String, ?>) map;
                LOG.debug("statements' classes leave JShell's class cache once they ran");
                return new ReplClassFiles(files, name);
            }
            LOG.info("JShell's class cache is a {}, not a sorted map: statement classes are kept", map.getClass());
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
     * Drops the classes (and their nested classes) of the statements and bare expressions among these events.
     * Call it on the thread that evaluates, after {@code eval} returned: JShell's cache is not thread-safe.
     */
    void forgetStatements(List<SnippetEvent> events) {
        if (classFiles == null || events == null) return;
        for (SnippetEvent e : events) {
            Snippet.Kind kind = e.snippet().kind();
            if (kind != Snippet.Kind.STATEMENT && kind != Snippet.Kind.EXPRESSION) continue;
            try {
                String name = (String) classFullName.invoke(e.snippet());
                classFiles.remove(name);
                classFiles.subMap(name + "$", name + "$\uffff").clear();  // its anonymous and local classes
            } catch (ReflectiveOperationException | RuntimeException ex) {
                LOG.debug("could not drop the class of {}", e.snippet().id(), ex);
            }
        }
    }
}
