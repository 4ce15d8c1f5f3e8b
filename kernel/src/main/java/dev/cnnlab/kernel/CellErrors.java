package dev.cnnlab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Builds the {@link CellError}s a user reads: javac's message at the cell's line and column with the source
 * line and a caret; exceptions with their stack trace cut where JShell's machinery begins and snippet frames
 * written as cell lines.
 */
final class CellErrors {
    private CellErrors() {}

    /** Where a snippet of the current cell starts: its offset in the cell text. */
    record Origin(String cell, int offset) {
        int lineAt(int pos) {
            int line = 1;
            for (int i = 0; i < Math.min(pos, cell.length()); i++) if (cell.charAt(i) == '\n') line++;
            return line;
        }

        int columnAt(int pos) {
            int p = Math.min(pos, cell.length());
            int nl = cell.lastIndexOf('\n', p - 1);
            return p - nl;
        }

        String lineText(int line) {
            String[] lines = cell.split("\n", -1);
            return line - 1 < lines.length ? lines[line - 1] : "";
        }
    }

    static CellError compile(JShell shell, Snippet snippet, Origin origin) {
        List<Diag> diags = shell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList());
        if (diags.isEmpty()) diags = shell.diagnostics(snippet).collect(Collectors.toList());
        List<String> tb = new ArrayList<>();
        String first = null;
        for (Diag d : diags) {
            long start = d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition();
            int pos = origin.offset() + (int) Math.max(start, 0);
            int line = origin.lineAt(pos);
            int col = origin.columnAt(pos);
            String msg = d.getMessage(Locale.ROOT);
            String head = "cell line " + line + ", column " + col + ": " + msg.lines().findFirst().orElse(msg);
            if (first == null) first = head;
            tb.add("\u001b[31merror\u001b[0m at " + head);
            msg.lines().skip(1).forEach(l -> tb.add("    " + l));
            tb.add("    " + origin.lineText(line));
            tb.add("    " + " ".repeat(Math.max(col - 1, 0)) + "^");
        }
        if (first == null) first = "the snippet was rejected: " + snippet.source().strip();
        return new CellError("CompilationError", first, tb);
    }

    static CellError incomplete(Origin origin) {
        int line = origin.lineAt(origin.cell().length());
        return new CellError("CompilationError", "cell line " + line + ": the code is incomplete (missing ';', ')' or '}'?)",
                List.of("cell line " + line + ": the code is incomplete (missing ';', ')' or '}'?)"));
    }

    static CellError runtime(JShell shell, JShellException ex, Map<String, Origin> origins) {
        if (ex instanceof UnresolvedReferenceException ure) {
            var snippet = ure.getSnippet();
            String missing = shell.unresolvedDependencies(snippet).collect(Collectors.joining(", "));
            String msg = "'" + snippet.name() + "' cannot be used until " + missing + " is declared";
            return new CellError("UnresolvedReference", msg, List.of(msg));
        }
        String name = ex instanceof EvalException ee ? ee.getExceptionClassName() : ex.getClass().getName();
        List<String> tb = new ArrayList<>();
        appendTrace(ex, name, origins, tb);
        String simple = name.substring(name.lastIndexOf('.') + 1);
        return new CellError(simple, ex.getMessage() == null ? "" : ex.getMessage(), tb);
    }

    private static void appendTrace(Throwable ex, String name, Map<String, Origin> origins, List<String> tb) {
        tb.add("\u001b[31m" + name + "\u001b[0m" + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
        for (StackTraceElement el : ex.getStackTrace()) {
            String cls = el.getClassName();
            if (cls.startsWith("jdk.jshell.") || cls.startsWith("jdk.internal.reflect.")
                    || cls.startsWith("java.lang.reflect.")) break;  // JShell's machinery: not the user's code
            tb.add("    at " + frame(el, origins));
        }
        Throwable cause = ex.getCause();
        if (cause != null && cause != ex) {
            String cn = cause instanceof EvalException ee ? ee.getExceptionClassName() : cause.getClass().getName();
            tb.add("Caused by:");
            appendTrace(cause, cn, origins, tb);
        }
    }

    private static String frame(StackTraceElement el, Map<String, Origin> origins) {
        String file = el.getFileName();
        if (file == null || !file.startsWith("#")) return el.toString();
        String method = el.getMethodName().equals("do_it$") ? "cell" : el.getMethodName();
        Origin o = origins.get(file.substring(1));
        if (o != null && el.getLineNumber() > 0) {
            int line = o.lineAt(o.offset()) + el.getLineNumber() - 1;
            return method + " (cell line " + line + ")";
        }
        return method + " (snippet " + file + ":" + el.getLineNumber() + ")";
    }
}
