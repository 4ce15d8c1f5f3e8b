package dev.cnnlab.kernel.debug;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;

/**
 * How one snippet's lines sit in a cell and in the class JShell compiles it to. JShell wraps a snippet in a
 * generated class ({@code REPL.$JShell$12}: package, imports, class, a {@code do_it$} method or a field around the
 * code), so the class's line numbers are the wrapper's, not the cell's. The wrapper JShell reports for the source
 * just before it runs ({@link SourceCodeAnalysis#wrappers}) has the same lines as the one compiled (only the class
 * name differs), and {@code sourceToWrappedPosition} gives, for the first character of each snippet line, where it
 * landed.
 */
public final class CellLineMap {
    private final String path;
    private final TreeMap<Integer, Integer> cellToWrapper = new TreeMap<>();
    private final TreeMap<Integer, Integer> wrapperToCell = new TreeMap<>();
    private int firstWrapperLine = Integer.MAX_VALUE;

    private CellLineMap(String path) {
        this.path = path;
    }

    /**
     * The map for {@code source} (one snippet, exactly as it is evaluated) whose first line is line
     * {@code firstCellLine} (1-based) of the cell saved as {@code path}; only its first {@code cellLines} lines
     * are the cell's (the kernel may wrap an expression in code of its own).
     */
    public static CellLineMap of(SourceCodeAnalysis.SnippetWrapper wrapper, String source, String path, int firstCellLine,
                                 int cellLines) {
        CellLineMap map = new CellLineMap(path);
        String wrapped = wrapper.wrapped();
        int lineStart = 0;
        for (int line = 0; lineStart <= source.length() && line < cellLines; line++) {
            int end = source.indexOf('\n', lineStart);
            if (end < 0) end = source.length();
            // the line's last character that JShell placed: in a declaration `int x = 5;` that is the `5` in the
            // method that runs (the name is in the field; the `;` is not placed at all, it maps to 0)
            for (int p = end - 1; p >= lineStart; p--) {
                if (Character.isWhitespace(source.charAt(p))) continue;
                int w = wrapper.sourceToWrappedPosition(p);
                if (w <= 0 || w > wrapped.length()) continue;
                int wrapperLine = 1 + count(wrapped, w);
                int first = wrapper.sourceToWrappedPosition(lineStart);
                if (first > 0) map.firstWrapperLine = Math.min(map.firstWrapperLine, 1 + count(wrapped, first));
                map.firstWrapperLine = Math.min(map.firstWrapperLine, wrapperLine);
                map.cellToWrapper.putIfAbsent(firstCellLine + line, wrapperLine);
                map.wrapperToCell.putIfAbsent(wrapperLine, firstCellLine + line);
                break;
            }
            lineStart = end + 1;
        }
        return map;
    }

    /**
     * The map of {@code source} evaluated next in {@code shell} (see {@link #of}), or null when JShell cannot tell
     * (the debugger then simply has no breakpoints in it).
     */
    public static CellLineMap before(JShell shell, String source, String path, int firstCellLine, int cellLines) {
        try {
            List<SourceCodeAnalysis.SnippetWrapper> wrappers = shell.sourceCodeAnalysis().wrappers(source);
            return wrappers.size() == 1 ? of(wrappers.get(0), source, path, firstCellLine, cellLines) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int count(String s, int upTo) {
        int n = 0;
        for (int i = 0; i < upTo; i++) if (s.charAt(i) == '\n') n++;
        return n;
    }

    @Override
    public String toString() {
        return cellToWrapper.toString();
    }

    /** The dumped cell file this snippet belongs to. */
    public String path() {
        return path;
    }

    /**
     * The wrapper lines where a cell line's code may start, best first: its own, then the unmapped lines above it
     * (javac numbers a statement by its first line: `int x =` above a `5;` that JShell moved to the next line).
     * Empty when the line is not in this snippet or has no code.
     */
    public List<Integer> wrapperLines(int cellLine) {
        Integer w = cellToWrapper.get(cellLine);
        List<Integer> lines = new ArrayList<>();
        if (w == null) return lines;
        lines.add(w);
        for (int up = w - 1; up >= firstWrapperLine && !wrapperToCell.containsKey(up); up--) lines.add(up);
        return lines;
    }

    /**
     * The cell line of a wrapper line, or -1 outside the snippet. A wrapper line between mapped ones belongs to
     * the next mapped line (the first line of a statement JShell split, see {@link #wrapperLines}).
     */
    public int cellLine(int wrapperLine) {
        Map.Entry<Integer, Integer> e = wrapperToCell.ceilingEntry(wrapperLine);
        if (e == null || wrapperLine < firstWrapperLine) return -1;
        return e.getValue();
    }

    /** Whether any line of this snippet is in {@code lines} (cell lines). */
    public boolean coversAny(java.util.Collection<Integer> lines) {
        for (int line : lines) if (cellToWrapper.containsKey(line)) return true;
        return false;
    }
}
