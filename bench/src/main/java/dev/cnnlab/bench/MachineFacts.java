package dev.cnnlab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ai.djl.engine.Engine;
import dev.cnnlab.device.Devices;

/**
 * What a reader needs to judge the figures: CPU model, cores, load average when the run started, memory, Java,
 * DJL and engine versions, the peers' versions (Python, ipykernel, PyTorch), GPUs. Read once, at the start.
 */
final class MachineFacts {
    private MachineFacts() {}

    /** The facts, in the order they are printed. */
    static Map<String, String> collect(List<String> args) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        f.put("command", ("./cnnlab bench " + String.join(" ", args)).trim());
        f.put("git commit", gitCommit());
        f.put("CPU", cpuModel());
        f.put("cores", Runtime.getRuntime().availableProcessors() + " (available to the JVM)");
        f.put("load average at start", loadAverage() + " (1, 5, 15 min; above the core count means a shared,"
                + " busy machine: timings are noisier and slower)");
        f.put("memory", memTotal());
        f.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        f.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        f.put("DJL", Engine.getDjlVersion());
        String engine;
        try {
            engine = Devices.describe();
        } catch (RuntimeException e) {
            engine = "unavailable: " + e.getMessage();
        }
        f.put("engine", engine);
        f.put("Python", PeerPython.PYTHON + " " + PeerPython.version("python"));
        f.put("ipykernel", PeerPython.version("ipykernel"));
        f.put("jupyter_client", PeerPython.version("jupyter_client"));
        f.put("PyTorch", PeerPython.version("torch"));
        f.put("GPU", GpuBench.describeGpus());
        return f;
    }

    /** The model and its widest vector units: oneDNN's kernels, hence the training ratios, depend on them. */
    private static String cpuModel() {
        try {
            String model = null, flags = null;  // the first processor's; all are alike
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (model == null && line.startsWith("model name")) model = line.substring(line.indexOf(':') + 1).trim();
                if (flags == null && line.startsWith("flags")) flags = line.substring(line.indexOf(':') + 1);
                if (model != null && flags != null) break;
            }
            return (model != null ? model : System.getProperty("os.arch")) + vectorUnits(flags != null ? flags : "");
        } catch (IOException e) {
            return System.getProperty("os.arch");  // not Linux
        }
    }

    /** " (AVX2, no AVX-512)" or " (AVX-512F, AVX2)" from /proc/cpuinfo's flags; "" when they are not known. */
    static String vectorUnits(String flags) {
        List<String> f = List.of(flags.trim().split("\\s+"));
        if (!f.contains("avx2") && !f.contains("avx512f")) return flags.isBlank() ? "" : " (no AVX2)";
        return f.contains("avx512f") ? " (AVX-512F, AVX2)" : " (AVX2, no AVX-512)";
    }

    static String loadAverage() {
        try {
            String[] p = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return p[0] + ", " + p[1] + ", " + p[2];
        } catch (IOException e) {
            return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return String.format("%.1f GiB", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0);
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "unknown";
    }

    /** HEAD's short hash, and whether tracked files outside the results differ from it: a figure names its code. */
    static String gitCommit() {
        String head = run("git", "rev-parse", "--short", "HEAD");
        String changed = run("git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)bench/results");
        // run() gives "unknown" for no output too: a clean tree (or no git) adds nothing
        return head.equals("unknown") || changed.equals("unknown") ? head : head + " with uncommitted changes";
    }

    /** First line a command prints, or "unknown". */
    static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) return "unknown";
            return out.lines().findFirst().orElse("unknown");
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }
}
