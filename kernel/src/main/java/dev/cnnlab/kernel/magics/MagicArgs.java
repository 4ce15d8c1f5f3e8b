package dev.cnnlab.kernel.magics;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line magic's arguments as IJava does: on white space, with {@code "..."} or {@code '...'} keeping a
 * path with spaces in one argument (the quotes are removed).
 */
final class MagicArgs {
    private MagicArgs() {}

    /** The arguments of {@code line}; an unclosed quote is an error naming it. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inArg = false;
        char quote = 0;
        int quoteAt = -1;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else cur.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                quoteAt = i;
                inArg = true;
            } else if (Character.isWhitespace(c)) {
                if (inArg) out.add(cur.toString());
                cur.setLength(0);
                inArg = false;
            } else {
                cur.append(c);
                inArg = true;
            }
        }
        if (quote != 0) {
            throw new MagicException("unclosed " + quote + " at column " + (quoteAt + 1) + " in: " + line.strip());
        }
        if (inArg) out.add(cur.toString());
        return out;
    }
}
