package dev.cnnlab.kernel;

import java.util.List;
import java.util.Map;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;

/**
 * What a cell's new declaration did to the variables declared before it, said as JShell's own tool says it.
 * Redefining a class (even compatibly) makes JShell declare every variable of that type again: the variable is
 * reset to null, or cannot be used at all until its declaration compiles again. Without a word the notebook
 * would just show a {@code NullPointerException} a few cells later, e.g.
 * <pre>
 * |  replaced class Foo
 * |    update replaced variable x, reset to null
 * </pre>
 */
final class RedefinitionNotice {
    private RedefinitionNotice() {}

    /** The lines for {@code events} (one snippet's, from {@code JShell.eval}), or "" when no variable lost its value. */
    static String of(JShell shell, List<SnippetEvent> events) {
        StringBuilder lines = new StringBuilder();
        // in declaration order: JShell lists the updates in the order of a hash set of snippet numbers, which
        // changes with how many snippets came before (e.g. the kernel's warm-up)
        List<SnippetEvent> inOrder = events.stream().sorted(java.util.Comparator.comparingLong(e -> number(e.snippet())))
                .toList();
        for (SnippetEvent e : inOrder) {
            if (e.causeSnippet() == null || !(e.snippet() instanceof VarSnippet v) || !e.previousStatus().isActive()) continue;
            if (v.name().startsWith(CellValue.VARIABLE)) continue;
            lines.append("|    update ");
            switch (e.status()) {
                case VALID, RECOVERABLE_DEFINED -> lines.append("replaced variable ").append(v.name()).append(", reset to null");
                case RECOVERABLE_NOT_DEFINED -> {
                    List<String> missing = shell.unresolvedDependencies(v).toList();
                    lines.append("replaced variable ").append(v.name()).append(", which cannot be referenced until ")
                            .append(missing.isEmpty() ? "its declaration is run again" : String.join(", ", missing) + " is declared");
                }
                default -> lines.append("dropped variable ").append(v.name());
            }
            lines.append('\n');
        }
        if (lines.length() == 0) return "";
        return header(events) + lines;
    }

    /** A snippet's number (JShell numbers them in the order they were declared), or Long.MAX_VALUE. */
    private static long number(Snippet s) {
        try {
            return Long.parseLong(s.id());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** "|  replaced class Foo", as the tool's line for the declaration that caused the updates. */
    private static String header(List<SnippetEvent> events) {
        SnippetEvent primary = events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(events.get(0));
        Snippet cause = primary.causeSnippet() == null ? primary.snippet() : primary.causeSnippet();
        String action = !primary.previousStatus().isActive() ? "created"
                : primary.isSignatureChange() ? "replaced" : "modified";
        String what = cause instanceof TypeDeclSnippet t ? KINDS.getOrDefault(t.subKind(), "class") + " " + t.name()
                : cause instanceof jdk.jshell.MethodSnippet m ? "method " + m.name() + "(" + m.parameterTypes() + ")"
                : cause instanceof jdk.jshell.DeclarationSnippet d ? "variable " + d.name()
                : "snippet";
        return "|  " + action + " " + what + "\n";
    }

    private static final Map<Snippet.SubKind, String> KINDS = Map.of(
            Snippet.SubKind.CLASS_SUBKIND, "class", Snippet.SubKind.INTERFACE_SUBKIND, "interface",
            Snippet.SubKind.ENUM_SUBKIND, "enum", Snippet.SubKind.ANNOTATION_TYPE_SUBKIND, "annotation interface",
            Snippet.SubKind.RECORD_SUBKIND, "record");
}
