package dev.cnnlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;


/**
 * A fresh kernel's first cells, cnnlab against ipykernel (issue #28, "fast first cells"): several fresh kernels of
 * each, started in turn by {@code bench/kernel/kernel_bench.py --first-cells}; in each the time from
 * {@code start_kernel()} to the first {@code 1 + 1} result, then the p50 of the next 50 {@code 1 + 1} cells and of
 * the 50 after those. cnnlab warms javac and its agent while idle ({@code Warmup} in the kernel), so the cells
 * start after a short pause, as a reader's. Targets: first cells ≤ 2x ipykernel, later cells ≤ 1.5x.
 */
final class FirstCellsBench implements Bench.Entry {
    static final int CELLS = 50;
    /** Seconds between the first result and the next cells: a reader's pause, the warm-up's time. */
    static final double PAUSE_S = 3.0;

    @Override
    public String name() {
        return "first-cells";
    }

    @Override
    public List<String> run(boolean quick) throws Exception {
        String missing = PeerPython.missing("jupyter_client");
        if (missing == null) missing = PeerPython.missing("ipykernel");
        String bench = "fresh kernel vs ipykernel";
        if (missing != null) return List.of(Row.plain(bench, "skipped", "-", missing).markdown());
        int fresh = quick ? 1 : 3;
        Map<String, Map<String, Object>> by = measure(fresh);
        Map<String, Object> c = by.getOrDefault("cnnlab", Map.of("error", "no result"));
        Map<String, Object> p = by.getOrDefault("python3", Map.of("error", "no result"));
        List<String> rows = new ArrayList<>();
        for (var side : List.of(Map.entry("cnnlab", c), Map.entry("ipykernel", p))) {
            if (side.getValue().containsKey("error")) {
                rows.add(Row.plain(bench, side.getKey() + " failed", "-", "" + side.getValue().get("error")).markdown());
            }
        }
        String how = String.format("median over %d fresh kernel%s each, in turn; the cells start %.0f s after the first"
                + " result", fresh, fresh == 1 ? "" : "s", PAUSE_S);
        Row first = Row.compare(bench, "`1 + 1` p50, first " + CELLS + " cells", num(c, "first_cells_p50_ms"),
                num(p, "first_cells_p50_ms"), "%.1f", "ms", how);
        rows.add(first.target("≤ 2x ipykernel", first.ratio() == null ? null : first.ratio() <= 2).markdown());
        Row later = Row.compare(bench, "`1 + 1` p50, the " + CELLS + " cells after", num(c, "later_cells_p50_ms"),
                num(p, "later_cells_p50_ms"), "%.1f", "ms", how);
        rows.add(later.target("≤ 1.5x ipykernel", later.ratio() == null ? null : later.ratio() <= 1.5).markdown());
        rows.add(Row.compare(bench, "start → first `1 + 1` result", num(c, "first_result_ms"),
                num(p, "first_result_ms"), "%.0f", "ms", "median over the same fresh kernels").markdown());
        return rows;
    }

    /** Runs the client script once; the kernels take turns start by start. */
    private static Map<String, Map<String, Object>> measure(int fresh) throws Exception {
        System.err.println("first-cells: " + fresh + " fresh cnnlab and ipykernel kernels in turn");
        return KernelBench.runScript("--first-cells", "" + CELLS, "--fresh", "" + fresh, "--pause", "" + PAUSE_S,
                "cnnlab", "python3");
    }

    private static double num(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
