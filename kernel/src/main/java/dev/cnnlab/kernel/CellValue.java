package dev.cnnlab.kernel;

import java.util.Set;

import jdk.jshell.ExpressionSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

/**
 * How a cell's last expression is shown: not at all when typed with a closing {@code ;} (as in IPython);
 * primitives, boxes and strings by JShell's value string, sent as a {@code result} frame without a second
 * compile; other values rendered in the agent, where they live.
 */
final class CellValue {
    /** The variables that the kernel declares for shown expressions, one per expression, numbered. */
    static final String VARIABLE = "$cnnlabValue";

    private static final Set<String> SIMPLE_TYPES = Set.of(
            "int", "long", "short", "byte", "float", "double", "boolean", "char", "String", "java.lang.String",
            "Integer", "Long", "Short", "Byte", "Float", "Double", "Boolean", "Character");

    /** The variable holding a snippet's value and its type, when the snippet has one. */
    record Named(String name, String type) {
        /** True when JShell's value string is the whole view (no rendering in the agent needed). */
        boolean simple() {
            return SIMPLE_TYPES.contains(type);
        }
    }

    private CellValue() {}

    /** A last snippet typed with a closing ';' shows no value, e.g. {@code display(x);}. */
    static boolean hiddenBySemicolon(String rest, SourceCodeAnalysis.CompletionInfo info) {
        String typed = rest.substring(0, rest.length() - info.remaining().length()).strip();
        while (typed.endsWith("*/") || typed.contains("//")) {  // ignore a trailing comment
            int c = typed.endsWith("*/") ? typed.lastIndexOf("/*") : typed.lastIndexOf("//");
            if (c < 0) break;
            typed = typed.substring(0, c).strip();
        }
        return typed.endsWith(";");
    }

    /** The value's variable of an expression snippet ({@code $N} or a variable named alone), else null. */
    static Named of(Snippet snippet) {
        if (snippet instanceof VarSnippet v && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            return new Named(v.name(), v.typeName());
        }
        if (snippet instanceof ExpressionSnippet x && snippet.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND) {
            return new Named(x.name(), x.typeName());
        }
        return null;
    }

    /** The {@code result} frame for a plain-text value, as the agent's OutputFramer writes it. */
    static byte[] resultFrame(String text) {
        return dev.cnnlab.kernel.agent.OutputFramer.frame(
                "{\"type\":\"result\",\"data\":{\"text/plain\":" + new com.google.gson.Gson().toJson(text) + "}}");
    }
}
