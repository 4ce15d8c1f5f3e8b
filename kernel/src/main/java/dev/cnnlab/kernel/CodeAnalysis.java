package dev.cnnlab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import dev.cnnlab.display.Html;

/**
 * Completion, inspection and is-complete answers from JShell's source analysis. A cell holds several
 * snippets; each request is answered for the snippet under the cursor.
 */
final class CodeAnalysis {
    private final Supplier<JShell> shell;
    private final SourceDocs sourceDocs = SourceDocs.fromSystemProperty();

    CodeAnalysis(Supplier<JShell> shell) {
        this.shell = shell;
    }

    /** Offset in {@code code} where the snippet containing {@code cursor} starts. */
    private int snippetStart(SourceCodeAnalysis sca, String code, int cursor) {
        String prefix = code.substring(0, cursor);
        int start = 0;
        String rest = prefix;
        while (!rest.isBlank()) {
            var info = sca.analyzeCompletion(rest);
            if (!info.completeness().isComplete() || info.remaining().isEmpty()) break;
            start += rest.length() - info.remaining().length();
            rest = info.remaining();
        }
        return start;
    }

    ReplacementOptions complete(String code, int cursor) {
        cursor = Math.max(0, Math.min(cursor, code.length()));
        if (lineAt(code, cursor).stripLeading().startsWith("%")) return null;
        SourceCodeAnalysis sca = shell.get().sourceCodeAnalysis();
        int start = snippetStart(sca, code, cursor);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                sca.completionSuggestions(code.substring(start), cursor - start, anchor);
        Set<String> seen = new LinkedHashSet<>();
        for (var s : suggestions) if (s.matchesType()) seen.add(s.continuation());
        for (var s : suggestions) seen.add(s.continuation());
        return new ReplacementOptions(new ArrayList<>(seen), start + anchor[0], cursor);
    }

    DisplayData inspect(String code, int cursor) {
        cursor = Math.max(0, Math.min(cursor, code.length()));
        while (cursor < code.length() && Character.isJavaIdentifierPart(code.charAt(cursor))) cursor++;
        JShell js = shell.get();
        SourceCodeAnalysis sca = js.sourceCodeAnalysis();
        int start = snippetStart(sca, code, cursor);
        String snippet = code.substring(start, cursor);
        List<SourceCodeAnalysis.Documentation> docs = sca.documentation(snippet, snippet.length(), true);
        if (docs.isEmpty() && !snippet.isEmpty() && Character.isJavaIdentifierPart(snippet.charAt(snippet.length() - 1))) {
            docs = sca.documentation(snippet + "(", snippet.length() + 1, true);  // a method name: as if called
        }
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        for (var d : docs) {
            text.append(d.signature()).append('\n');
            html.append("<pre>").append(Html.escape(d.signature())).append("</pre>");
            if (d.javadoc() != null && !d.javadoc().isBlank()) {
                text.append('\n').append(d.javadoc().strip()).append("\n\n");
                html.append("<div>").append(d.javadoc().strip()).append("</div>");
            } else {  // JShell reads Javadoc from the JDK's src.zip only: the library's comes from its sources
                sourceDocs.find(d.signature(), name -> typeName(sca, name)).ifPresent(j -> {
                    text.append('\n').append(j.text()).append("\n\n");
                    html.append("<div>").append(j.html()).append("</div>");
                });
            }
        }
        if (docs.isEmpty()) {  // a variable of the session: show its type and value summary
            String word = identifierBefore(code, cursor);
            js.variables().filter(v -> v.name().equals(word)).reduce((a, b) -> b).ifPresent(v -> {
                text.append(v.typeName()).append(' ').append(v.name());
                html.append("<pre>").append(Html.escape(v.typeName() + " " + v.name())).append("</pre>");
            });
            js.methods().filter(m -> m.name().equals(word)).forEach(m -> {
                text.append(m.signature()).append('\n');
                html.append("<pre>").append(Html.escape(m.name() + m.signature())).append("</pre>");
            });
        }
        if (text.length() == 0) return null;
        DisplayData data = new DisplayData(text.toString().strip());
        data.putHTML(html.toString());
        return data;
    }

    /** complete, invalid, or the indent for the next line of an unfinished statement. */
    String isComplete(String code) {
        if (code.stripLeading().startsWith("%")) return BaseKernel.IS_COMPLETE_YES;
        SourceCodeAnalysis sca = shell.get().sourceCodeAnalysis();
        String rest = code;
        while (true) {
            var info = sca.analyzeCompletion(rest);
            Completeness c = info.completeness();
            if (c == Completeness.EMPTY) return BaseKernel.IS_COMPLETE_YES;
            if (c == Completeness.DEFINITELY_INCOMPLETE || c == Completeness.CONSIDERED_INCOMPLETE) {
                return "    ".repeat(Math.max(1, depth(code)));
            }
            if (c == Completeness.UNKNOWN) return BaseKernel.IS_COMPLETE_BAD;
            if (info.remaining().isBlank()) return BaseKernel.IS_COMPLETE_YES;
            rest = info.remaining();
        }
    }

    /** The qualified name of the type {@code name} means in this session ({@code Fit}: dev.cnnlab.train.Fit). */
    private static String typeName(SourceCodeAnalysis sca, String name) {
        List<SourceCodeAnalysis.Documentation> docs = sca.documentation(name, name.length(), false);
        return docs.isEmpty() ? null : docs.get(0).signature();
    }

    private static int depth(String code) {
        int d = 0;
        for (char ch : code.toCharArray()) {
            if (ch == '{' || ch == '(' || ch == '[') d++;
            else if (ch == '}' || ch == ')' || ch == ']') d--;
        }
        return Math.min(d, 8);
    }

    private static String lineAt(String code, int cursor) {
        int s = code.lastIndexOf('\n', cursor - 1) + 1;
        int e = code.indexOf('\n', cursor);
        return code.substring(s, e < 0 ? code.length() : e);
    }

    private static String identifierBefore(String code, int cursor) {
        int s = cursor;
        while (s > 0 && Character.isJavaIdentifierPart(code.charAt(s - 1))) s--;
        return code.substring(s, cursor);
    }
}
