package dev.cnnlab.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;

/**
 * The kernel as a notebook meets it, cnnlab against ipykernel, both driven by one client script
 * ({@code bench/kernel/kernel_bench.py}, jupyter_client): start to kernel_info_reply, idle RSS of the kernel's
 * process tree, {@code 1 + 1} round trip p50/p95, a cell that makes and shows a 1000x1000 array, a chart display
 * round trip (XChart against matplotlib). Targets from issue #4: start ≤ 1.5x ipykernel, {@code 1 + 1} p50
 * ≤ 2x ipykernel, idle RSS ≤ 300 MB. Needs the {@code cnnlab} kernel spec installed ({@code ./cnnlab bench}
 * installs it).
 */
final class KernelBench implements Bench.Entry {
    static final String SCRIPT = "bench/kernel/kernel_bench.py";

    @Override
    public String name() {
        return "kernel";
    }

    @Override
    public List<String> run(boolean quick) throws Exception {
        String missing = PeerPython.missing("jupyter_client");
        if (missing == null) missing = PeerPython.missing("ipykernel");
        if (missing != null) return List.of(Row.plain("kernel vs ipykernel", "skipped", "-", missing).markdown());
        int runs = quick ? 20 : 100, reps = quick ? 3 : 10, starts = quick ? 1 : 3;
        Map<String, Map<String, Object>> byKernel = measure(runs, reps, starts);
        Map<String, Object> c = byKernel.getOrDefault("cnnlab", Map.of("error", "no result"));
        Map<String, Object> p = byKernel.getOrDefault("python3", Map.of("error", "no result"));
        String bench = "kernel vs ipykernel";
        List<String> rows = new ArrayList<>();
        for (var side : List.of(Map.entry("cnnlab", c), Map.entry("ipykernel", p))) {
            if (side.getValue().containsKey("error")) {
                rows.add(Row.plain(bench, side.getKey() + " failed", "-", "" + side.getValue().get("error")).markdown());
            }
        }
        Row start = Row.compare(bench, "start → kernel_info_reply", num(c, "start_ms"), num(p, "start_ms"), "%.0f",
                "ms", "jupyter_client start_kernel until the first reply; median of " + starts + " starts, in turn");
        rows.add(start.target("≤ 1.5x ipykernel", start.ratio() == null ? null : start.ratio() <= 1.5).markdown());
        rows.add(Row.compare(bench, "start → first `1 + 1` result", num(c, "first_cell_ms"), num(p, "first_cell_ms"),
                "%.0f", "ms", "what a user waits for: includes any start-up finished after the reply").markdown());
        Row trivial = Row.compare(bench, "`1 + 1` round trip p50", num(c, "trivial_p50_ms"), num(p, "trivial_p50_ms"),
                "%.1f", "ms", String.format("p95 %s vs %s; %d runs, the kernels in turn, until reply and idle",
                        Row.figure("%.1f", num(c, "trivial_p95_ms"), "ms"),
                        Row.figure("%.1f", num(p, "trivial_p95_ms"), "ms"), runs));
        rows.add(trivial.target("≤ 2x ipykernel", trivial.ratio() == null ? null : trivial.ratio() <= 2).markdown());
        rows.add(Row.compare(bench, "1000x1000 array, create + show, first", num(c, "ndarray_first_ms"),
                num(p, "ndarray_first_ms"), "%.0f", "ms", "DJL NDArray vs NumPy; first call loads the engine")
                .markdown());
        rows.add(Row.compare(bench, "1000x1000 array, create + show, p50", num(c, "ndarray_p50_ms"),
                num(p, "ndarray_p50_ms"), "%.0f", "ms", "later calls, " + reps + " runs").markdown());
        rows.add(Row.compare(bench, "chart display round trip, first", num(c, "chart_first_ms"),
                num(p, "chart_first_ms"), "%.0f", "ms", "XChart 600x400 PNG vs matplotlib 6x4 in @ 100 dpi PNG")
                .markdown());
        rows.add(Row.compare(bench, "chart display round trip, p50", num(c, "chart_p50_ms"), num(p, "chart_p50_ms"),
                "%.0f", "ms", "later calls, " + reps + " runs").markdown());
        rows.add(Row.compare(bench, "idle RSS 1 s after start", num(c, "idle_rss_mb"), num(p, "idle_rss_mb"), "%.0f",
                "MB", "whole process tree (" + count(c, "processes") + " vs " + count(p, "processes")
                        + " processes)").markdown());
        // judged when everything is up (cnnlab's agent JVM may still be starting 1 s after the reply)
        double rss = num(c, "busy_rss_mb");
        Row idle = Row.compare(bench, "idle RSS after the first cells", rss, num(p, "busy_rss_mb"), "%.0f", "MB",
                "whole process tree (" + count(c, "busy_processes") + " vs " + count(p, "busy_processes")
                        + " processes), after `1 + 1` and the setup cell");
        rows.add(idle.target("cnnlab ≤ 300 MB", Double.isFinite(rss) ? rss <= 300 : null).markdown());
        return rows;
    }

    /**
     * Runs the client script once for both kernels and returns each kernel's figures. The script has them take
     * turns, start by start and cell by cell, so a shared machine's drifting speed falls on both alike.
     */
    private static Map<String, Map<String, Object>> measure(int runs, int reps, int starts) throws Exception {
        System.err.println("kernel: cnnlab and ipykernel in turn (" + starts + " starts, " + runs + " x 1 + 1)");
        return runScript("--runs", "" + runs, "--reps", "" + reps, "--starts", "" + starts, "cnnlab", "python3");
    }

    /** Runs the client script with {@code args}, echoing its lines; its RESULT_JSON lines, by kernel name. */
    static Map<String, Map<String, Object>> runScript(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PeerPython.PYTHON, SCRIPT));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, Map<String, Object>> out = new HashMap<>();
        Gson gson = new Gson();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("RESULT_JSON ")) {
                    Map<String, Object> m = gson.fromJson(line.substring(12), new TypeToken<Map<String, Object>>() {}.getType());
                    out.put("" + m.get("kernel"), m);
                }
                System.err.println("  | " + line);
            }
        }
        int rc = p.waitFor();
        if (rc != 0) System.err.println("  | (exit code " + rc + ")");
        return out;
    }

    private static String count(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? "" + n.intValue() : "?";
    }

    private static double num(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
