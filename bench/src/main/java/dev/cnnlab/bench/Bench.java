package dev.cnnlab.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./cnnlab bench}: runs every benchmark entry (or only those named by {@code --only NAME},
 * repeatable) and prints one Markdown table. To add a benchmark, implement {@link Entry} and list
 * it in {@link #ENTRIES}.
 */
public final class Bench {
    /** One benchmark: a name for {@code --only}, and a run that returns Markdown table rows. */
    public interface Entry {
        /** Short name, used by {@code --only}. */
        String name();

        /**
         * Runs the benchmark and returns its rows, each {@code | benchmark | measure | value | note |}.
         *
         * @param quick true for {@code --quick}: fewer repetitions
         */
        List<String> run(boolean quick) throws Exception;
    }

    /** All entries, in the order they run. */
    static final List<Entry> ENTRIES = List.of(new DataLoadBench(), new CompressionBench(), new DistillationTuningBench());

    private Bench() {}

    /** Entry point: {@code Bench [--quick] [--only NAME]... [--list]}. */
    public static void main(String[] args) throws Exception {
        boolean quick = false;
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--only" -> {
                    if (i + 1 >= args.length) throw new IllegalArgumentException("--only needs a benchmark name");
                    only.add(args[++i]);
                }
                case "--list" -> {
                    ENTRIES.forEach(e -> System.out.println(e.name()));
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --quick, --only NAME, --list)");
            }
        }
        Map<String, Entry> byName = new LinkedHashMap<>();
        ENTRIES.forEach(e -> byName.put(e.name(), e));
        for (String name : only) {
            if (!byName.containsKey(name)) {
                throw new IllegalArgumentException("no benchmark named " + name + "; known: " + byName.keySet());
            }
        }
        System.out.println("| benchmark | measure | value | note |");
        System.out.println("|---|---|---|---|");
        for (Entry e : ENTRIES) {
            if (!only.isEmpty() && !only.contains(e.name())) continue;
            for (String row : e.run(quick)) System.out.println(row);
        }
    }
}
