package dev.cnnlab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Python unittest module of {@code tests/src/test/python} (jupyter_client driving the kernel of this
 * checkout) and turns its outcome into a JUnit result, with unittest's output as the failure message.
 */
final class PythonSuite {
    static final Path ROOT = Path.of(System.getProperty("cnnlab.root", "..")).toAbsolutePath().normalize();
    static final String PYTHON = System.getProperty("cnnlab.python", "/usr/bin/python3");

    private PythonSuite() {}

    /** Runs {@code module} with extra environment variables; fails the test unless unittest reports OK. */
    static String run(String module, Map<String, String> env, long timeoutMinutes) throws IOException, InterruptedException {
        return run(PYTHON, module, env, timeoutMinutes);
    }

    /** As {@link #run(String, Map, long)}, with a given Python interpreter. */
    static String run(String python, String module, Map<String, String> env, long timeoutMinutes)
            throws IOException, InterruptedException {
        Path dir = ROOT.resolve("tests/src/test/python");
        Path log = Files.createTempFile("cnnlab-" + module, ".log");
        ProcessBuilder pb = new ProcessBuilder(List.of(python, "-m", "unittest", "-v", module))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("CNNLAB_ROOT", ROOT.toString());
        pb.environment().put("PYTHONUNBUFFERED", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean done = p.waitFor(timeoutMinutes, TimeUnit.MINUTES);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        String summary = out.lines().filter(l -> l.startsWith("Ran ") || l.startsWith("OK") || l.startsWith("FAILED"))
                .reduce("", (a, b) -> a + b + "\n");
        assertTrue(done, module + " did not finish in " + timeoutMinutes + " min:\n" + tail(out));
        assertEquals(0, p.exitValue(), module + " failed:\n" + tail(out));
        assertTrue(summary.contains("OK"), module + " reported no OK:\n" + tail(out));
        System.out.println(module + ": " + summary.strip().replace('\n', ' '));
        out.lines().filter(l -> l.contains("figure: ")).forEach(l -> System.out.println("  " + l.substring(l.indexOf("figure: "))));
        return out;
    }

    private static String tail(String s) {
        return s.length() <= 20_000 ? s : "...\n" + s.substring(s.length() - 20_000);
    }
}
