package dev.cnnlab.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code --key value} and {@code --flag} command-line options of the standalone benchmark mains. */
final class Options {
    private Options() {}

    /**
     * Reads {@code args}; names in {@code flags} take no value (they map to "true").
     *
     * @throws IllegalArgumentException for a stray argument or an option without its value
     */
    static Map<String, String> parse(String[] args, String... flags) {
        Set<String> flagSet = Set.of(flags);
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
            String k = args[i].substring(2);
            if (flagSet.contains(k)) {
                m.put(k, "true");
            } else {
                if (i + 1 >= args.length) throw new IllegalArgumentException("--" + k + " needs a value");
                m.put(k, args[++i]);
            }
        }
        return m;
    }
}
