package dev.cnnlab.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Wall time of every entry and of the whole run, as rows of the one table, so that the time budget of
 * {@code ./cnnlab bench} (issue #9: the full run ≤ 20 minutes on 2 cores, {@code --quick} ≤ 3 minutes) is visible
 * in the report itself. The load average beside each figure says how much of it other work on the machine took.
 */
final class WallTime {
    /** Budget of a full run, in seconds. */
    static final double FULL_BUDGET_S = 20 * 60;
    /** Budget of a {@code --quick} run, in seconds. */
    static final double QUICK_BUDGET_S = 3 * 60;
    private static final String BENCHMARK = "bench wall time";

    private final List<Row> rows = new ArrayList<>();

    /** Records that entry {@code name} took {@code seconds}. */
    void entry(String name, double seconds) {
        rows.add(Row.plain(BENCHMARK, "entry " + name, seconds(seconds), "load average at its end " + load()));
    }

    /**
     * The entries' rows and a total row. The total is judged against the budget only when every entry ran
     * ({@code complete}): a subset chosen with {@code --only} has no budget of its own.
     */
    List<Row> rows(double totalSeconds, boolean quick, boolean complete) {
        List<Row> out = new ArrayList<>(rows);
        double budget = quick ? QUICK_BUDGET_S : FULL_BUDGET_S;
        String note = "from the start of Bench to the table, without the launcher's Maven build; load average at the end "
                + load();
        Row total = Row.plain(BENCHMARK, "total", seconds(totalSeconds),
                complete ? note : note + "; a subset (--only): no budget");
        if (complete) {
            total = total.target(String.format(Locale.ROOT, "≤ %.0f s (%s)", budget, quick ? "--quick" : "full run"),
                    totalSeconds <= budget);
        }
        out.add(total);
        return out;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.0f s", s);
    }

    private static String load() {
        return String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
