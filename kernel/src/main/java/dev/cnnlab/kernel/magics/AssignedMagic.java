package dev.cnnlab.kernel.magics;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IJava's line magic as the value of an assignment, {@code List<String> added = %jars libs/*.jar}: the magic runs
 * (in the kernel, as every magic here) and the Java line gets its value in its place: the class path entries it
 * added for {@code %jars} and {@code %classpath} (IJava's values), {@code null} for the others.
 */
record AssignedMagic(String target, String name, String args) {
    private static final Pattern FORM = Pattern.compile("^(.*[^=!<>+\\-*/%&|^]=)\\s*%([A-Za-z]\\w*)(?:\\s+(.*))?$");

    /** The form in {@code line}, or null: no {@code = %name}, or it is inside a string literal or after a comment. */
    static AssignedMagic parse(String line) {
        Matcher m = FORM.matcher(line.strip());
        if (!m.matches()) return null;
        String target = m.group(1);
        if (inString(target) || target.contains("//")) return null;
        return new AssignedMagic(target, m.group(2), m.group(3) == null ? "" : m.group(3).strip());
    }

    /** The Java that replaces the line: the assignment of {@code value} (null, or a list of strings). */
    String java(List<String> value) {
        if (value == null) return target + " null;\n";
        StringBuilder sb = new StringBuilder(target).append(" java.util.List.of(");
        for (int i = 0; i < value.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append('"').append(value.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append(");\n").toString();
    }

    /** True when {@code prefix} ends inside a string literal (an odd number of unescaped quotes), as IJava checks. */
    private static boolean inString(String prefix) {
        boolean in = false;
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '\\') i++;
            else if (c == '"') in = !in;
        }
        return in;
    }
}
