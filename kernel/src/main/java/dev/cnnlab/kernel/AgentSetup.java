package dev.cnnlab.kernel;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the agent JVM (where cells run) is started: its class path (the kernel's: lib, DJL, Tablesaw, XChart),
 * JVM options ({@code CNNLAB_JAVA_OPTS}, e.g. {@code -Xmx8g}; {@code -Dai.djl.offline} as given to the kernel)
 * and the start-up snippets (default imports, so cells need none).
 */
record AgentSetup(List<String> classPath, List<String> vmOptions, List<String> startupSnippets) {
    /** Packages imported in every session; a package missing from the class path is skipped. */
    static final List<String> IMPORTS = List.of(
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.util.*", "java.util.concurrent.*",
            "java.util.function.*", "java.util.prefs.*" /* IJava's */, "java.util.regex.*", "java.util.stream.*",
            "dev.cnnlab.display.*", "dev.cnnlab.data.*", "dev.cnnlab.device.*", "dev.cnnlab.ops.*", "dev.cnnlab.nn.*",
            "dev.cnnlab.train.*", "dev.cnnlab.compress.*", "dev.cnnlab.detect.*", "dev.cnnlab.viz.*",
            "dev.cnnlab.classroom.*", "dev.cnnlab.widgets.*",
            "ai.djl.ndarray.*", "ai.djl.ndarray.types.*", "ai.djl.nn.*", "ai.djl.training.*",
            "tech.tablesaw.api.*", "org.knowm.xchart.*");

    /**
     * The agent compiles with C1 only: training runs in native kernels and the Java around them is glue, which C2
     * compiled during the first epoch on a core the training threads need (figures: bench/README.md, "Two
     * engines"). CNNLAB_JAVA_OPTS with a TieredStopAtLevel or TieredCompilation option replaces it.
     */
    static final String AGENT_JIT = "-XX:TieredStopAtLevel=1";

    static AgentSetup fromEnvironment() {
        List<String> cp = new ArrayList<>(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
        cp.removeIf(String::isBlank);
        List<String> opts = vmOptions(System.getenv("CNNLAB_JAVA_OPTS"));
        List<String> snippets = new ArrayList<>();
        for (String p : IMPORTS) snippets.add("import " + p + ";");
        snippets.add("import static dev.cnnlab.kernel.agent.Notebook.*;");
        snippets.add("import static dev.cnnlab.classroom.Check.check;");
        return new AgentSetup(cp, opts, snippets);
    }

    /** The agent JVM's options: the user's ({@code CNNLAB_JAVA_OPTS}, may be null) first, then the kernel's. */
    static List<String> vmOptions(String user) {
        List<String> opts = new ArrayList<>();
        if (user != null && !user.isBlank()) opts.addAll(Arrays.asList(user.trim().split("\\s+")));
        opts.add("-Dai.djl.offline=" + System.getProperty("ai.djl.offline", "true"));
        opts.add("-Djava.awt.headless=true");
        opts.add("-Dfile.encoding=UTF-8");
        if (opts.stream().noneMatch(o -> o.contains("TieredStopAtLevel") || o.contains("TieredCompilation"))) {
            opts.add(AGENT_JIT);
        }
        // a small idle footprint, the heap grows on demand; never above a smaller -Xmx (the JVM would not start)
        if (opts.stream().noneMatch(o -> o.startsWith("-Xms") || o.startsWith("-XX:InitialHeapSize"))
                && maxHeapBytes(opts) >= 32L << 20) {
            opts.add("-Xms32m");
        }
        return opts;
    }

    /** The last {@code -Xmx}/{@code -XX:MaxHeapSize} in bytes, or {@code Long.MAX_VALUE} when none is given. */
    static long maxHeapBytes(List<String> opts) {
        long max = Long.MAX_VALUE;
        for (String o : opts) {
            String v = o.startsWith("-Xmx") ? o.substring(4) : o.startsWith("-XX:MaxHeapSize=") ? o.substring(16) : null;
            if (v == null || v.isEmpty()) continue;
            char unit = Character.toLowerCase(v.charAt(v.length() - 1));
            long shift = unit == 'k' ? 10 : unit == 'm' ? 20 : unit == 'g' ? 30 : unit == 't' ? 40 : 0;
            try {
                max = Long.parseLong(shift == 0 ? v : v.substring(0, v.length() - 1)) << shift;
            } catch (NumberFormatException e) {
                // the JVM reports a malformed size itself
            }
        }
        return max;
    }
}
