package dev.cnnlab.bench;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./cnnlab bench}: runs every benchmark entry (or only those named by {@code --only NAME}, repeatable),
 * prints the machine facts and one Markdown table of cnnlab against its peers, and writes
 * {@code latest.md}, {@code latest.json} and {@code latest-ratios.png} into {@code bench/results/} (or
 * {@code --out DIR}). To add a benchmark, implement {@link Entry} and list it in {@link #ENTRIES}.
 * Progress and the children's output go to stderr; stdout holds only the report.
 */
public final class Bench {
    /** One benchmark: a name for {@code --only}, and a run that returns Markdown table rows. */
    public interface Entry {
        /** Short name, used by {@code --only}. */
        String name();

        /**
         * Runs the benchmark and returns its rows: {@link Row#markdown()} lines (7 cells, with the peer and the
         * ratio), or plain {@code | benchmark | measure | value | note |} lines.
         *
         * @param quick true for {@code --quick}: fewer repetitions, smaller data
         */
        List<String> run(boolean quick) throws Exception;
    }

    /** All entries, in the order they run; one per line so that branches adding one merge cleanly. */
    static final List<Entry> ENTRIES = List.of(
            new KernelBench(),
            new FirstCellsBench(),
            new DataLoadBench(),
            new InferenceBench(),
            new TrainingBench(),
            new DetectionBench(),
            new CompressionBench(),
            new GpuBench());

    /** Entries that run only when named with {@code --only} (tuning and diagnostic runs, not part of the table). */
    static final List<Entry> ON_DEMAND = List.of(new DistillationTuningBench(), new PrimitiveBench());

    private Bench() {}

    /** Entry point: {@code Bench [--quick] [--only NAME]... [--out DIR] [--list]}. */
    public static void main(String[] args) throws Exception {
        boolean quick = false;
        List<String> only = new ArrayList<>();
        Path out = Path.of("bench", "results");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--only" -> only.add(value(args, ++i, "--only needs a benchmark name"));
                case "--out" -> out = Path.of(value(args, ++i, "--out needs a folder"));
                case "--list" -> {
                    ENTRIES.forEach(e -> System.out.println(e.name()));
                    ON_DEMAND.forEach(e -> System.out.println(e.name() + " (only with --only)"));
                    return;
                }
                default -> {
                    System.err.println("bench: unknown option " + args[i] + " (use --quick, --only NAME, --out DIR,"
                            + " --list)");
                    System.exit(2);
                }
            }
        }
        Map<String, Entry> byName = new LinkedHashMap<>();
        ENTRIES.forEach(e -> byName.put(e.name(), e));
        ON_DEMAND.forEach(e -> byName.put(e.name(), e));
        for (String name : only) {
            if (!byName.containsKey(name)) {
                System.err.println("bench: no benchmark named " + name + "; known: " + byName.keySet());
                System.exit(2);
            }
        }
        long t0 = System.nanoTime();
        Map<String, String> facts = MachineFacts.collect(List.of(args));  // load average before our own work
        List<Row> rows = new ArrayList<>();
        boolean failed = false;
        List<Entry> chosen = only.isEmpty() ? ENTRIES : byName.values().stream().filter(e -> only.contains(e.name())).toList();
        WallTime times = new WallTime();
        for (Entry e : chosen) {
            System.err.println("bench: " + e.name() + " ...");
            long e0 = System.nanoTime();
            try {
                for (String row : e.run(quick)) rows.add(Row.parse(row));
            } catch (Exception | Error ex) {
                // one broken entry must not cost the others' figures
                failed = true;
                ex.printStackTrace();
                rows.add(Row.plain(e.name(), "failed", "-", ex.getClass().getSimpleName() + ": " + ex.getMessage()));
            }
            times.entry(e.name(), (System.nanoTime() - e0) / 1e9);
            System.err.printf("bench: %s took %.0f s%n", e.name(), (System.nanoTime() - e0) / 1e9);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        rows.addAll(times.rows(seconds, quick, chosen.equals(ENTRIES)));
        BenchReport report = new BenchReport(facts, rows, quick, seconds);
        // UTF-8 whatever the locale: the table has ≤, ≥ and → and must match latest.md byte for byte
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        stdout.print(report.markdown());
        stdout.flush();
        report.write(out);
        System.err.println("bench: wrote " + out.resolve("latest.md") + ", latest.json, latest-ratios.png");
        if (failed) System.exit(1);
    }

    private static String value(String[] args, int i, String error) {
        if (i >= args.length) {
            System.err.println("bench: " + error);
            System.exit(2);
        }
        return args[i];
    }
}
