package dev.cnnlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One side of a comparison in its own process, so that cnnlab and its peer get the same thread settings and
 * neither inherits the other's warm caches. The child prints {@code RESULT key=value ...} lines; a line with
 * {@code epoch=N} first files the following keys as {@code key@N}; {@code RESULT engine=...} keeps the rest
 * of the line as one value. A worker that makes its own table rows prints them as {@code ROW | ... |} lines
 * ({@link #rows}). All output is echoed to stderr, indented, so a failure can be read in the log.
 */
final class ChildRun {
    private ChildRun() {}

    /** Builds the command line of a cnnlab worker: this JVM's java and class path, then the main class. */
    static List<String> javaWorker(Class<?> main, String... args) {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the kernel's agent JVM compiles with C1 only (AgentSetup.AGENT_JIT): workers measure what a cell gets
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xmx2g", "-XX:TieredStopAtLevel=1", "-Dai.djl.offline=true",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Runs {@code cmd} with {@code threads} compute threads and returns its RESULT figures.
     * A failed child gives its exit code under the key {@code exit}.
     */
    static Map<String, String> run(List<String> cmd, int threads) throws IOException, InterruptedException {
        return run(cmd, threads, Map.of());
    }

    /** As {@link #run(List, int)}, with the extra environment {@code env} (e.g. {@code CNNLAB_ENGINE}). */
    static Map<String, String> run(List<String> cmd, int threads, Map<String, String> env)
            throws IOException, InterruptedException {
        Map<String, String> results = new LinkedHashMap<>();
        int rc = exec(cmd, threads, env, line -> {
            if (line.startsWith("RESULT ")) parse(line.substring(7), results);
            return false;
        });
        if (rc != 0) results.put("exit", "" + rc);
        return results;
    }

    /**
     * Runs {@code cmd} like {@link #run} and returns the table rows it printed as {@code ROW | ... |} lines, for a
     * worker that makes its own rows.
     *
     * @throws IOException when the child fails (its output is in the log above)
     */
    static List<String> rows(List<String> cmd, int threads) throws IOException, InterruptedException {
        List<String> rows = new ArrayList<>();
        int rc = exec(cmd, threads, line -> {
            if (line.startsWith("ROW ")) rows.add(line.substring(4));
        });
        if (rc != 0) throw new IOException("the worker exited with code " + rc + " (its output is in the log)");
        return rows;
    }

    private static int exec(List<String> cmd, int threads, Consumer<String> onLine) throws IOException,
            InterruptedException {
        return exec(cmd, threads, Map.of(), line -> {
            onLine.accept(line);
            return false;
        });
    }

    /**
     * Runs {@code cmd} with {@code threads} compute threads and the extra environment {@code env}; each output line
     * goes to {@code quiet}, and is echoed to stderr unless it returns true. Returns the exit code.
     */
    static int exec(List<String> cmd, int threads, Map<String, String> env, Predicate<String> quiet)
            throws IOException, InterruptedException {
        ProcessBuilder pb = builder(cmd, threads);
        pb.environment().putAll(env);
        Process p = pb.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!quiet.test(line)) System.err.println("  | " + line);
            }
        }
        int rc = p.waitFor();
        if (rc != 0) System.err.println("  | (exit code " + rc + ")");
        return rc;
    }

    /**
     * libgomp's spin before a waiting thread sleeps, as the kernel launcher sets it: about 0.1 ms by libgomp's
     * own estimate. With none, every one of MXNet's short parallel regions pays a wake-up (bench/README).
     */
    static final String OMP_SPIN = "10000";

    /** Starts {@code cmd} with {@code threads} compute threads and the thread settings both sides share. */
    static Process start(List<String> cmd, int threads) throws IOException {
        return start(cmd, threads, Map.of());
    }

    /** As {@link #start(List, int)}, with the extra environment {@code env} (e.g. {@code CNNLAB_ENGINE}). */
    static Process start(List<String> cmd, int threads, Map<String, String> env) throws IOException {
        ProcessBuilder pb = builder(cmd, threads);
        pb.environment().putAll(env);
        return pb.start();
    }

    private static ProcessBuilder builder(List<String> cmd, int threads) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "" + threads);
        pb.environment().put("MKL_NUM_THREADS", "" + threads);
        pb.environment().put("MXNET_CPU_WORKER_NTHREADS", "1"); // one engine worker; OpenMP threads do the maths
        pb.environment().putIfAbsent("MXNET_ENGINE_TYPE", "NaiveEngine"); // no engine threads competing for cores
        // sleep instead of spinning at OpenMP barriers: on a shared CPU a spinning thread steals the core its
        // partner needs (measured: batches of 1-4 s instead of 30 ms). Set for both sides alike.
        pb.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        pb.environment().putIfAbsent("GOMP_SPINCOUNT", OMP_SPIN);
        return pb;
    }

    /** Files one RESULT line's figures (the text after {@code RESULT }) into {@code results}. */
    static void parse(String rest, Map<String, String> results) {
        if (rest.startsWith("engine=")) {
            results.put("engine", rest.substring(7));
            return;
        }
        String epoch = null;
        for (String kv : rest.split(" ")) {
            String[] p = kv.split("=", 2);
            if (p.length != 2) continue;
            if (p[0].equals("epoch")) epoch = p[1];
            else results.put(epoch == null ? p[0] : p[0] + "@" + epoch, p[1]);
        }
    }

    /** A figure from a child's results, NaN when it did not report it. */
    static double num(Map<String, String> r, String key) {
        try {
            return r.containsKey(key) ? Double.parseDouble(r.get(key)) : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
