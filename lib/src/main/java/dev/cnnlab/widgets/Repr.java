package dev.cnnlab.widgets;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Python-like short reprs of state values for widgets' {@code toString}: {@code 'k'}, {@code ['a', 'b']}, {@code True}. */
final class Repr {
    private static final int MAX = 40;

    private Repr() {}

    static String of(Object v) {
        String s = full(v);
        return s.length() <= MAX ? s : s.substring(0, MAX - 3) + "...";
    }

    private static String full(Object v) {
        if (v == null) return "None";
        if (v instanceof String s) return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof byte[] b) return "b'<" + b.length + " bytes>'";
        if (v instanceof Widget w) return w.getClass().getSimpleName() + "(...)";
        if (v instanceof List<?> l) return l.stream().map(Repr::full).collect(Collectors.joining(", ", "[", "]"));
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> full(e.getKey()) + ": " + full(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return v.toString();
    }
}
