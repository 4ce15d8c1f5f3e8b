package dev.cnnlab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher as a new user meets it: help, bad input, prerequisites, and {@code ./cnnlab lab}. */
class LauncherTest {
    static final Path ROOT = Path.of(System.getProperty("cnnlab.root", "..")).toAbsolutePath().normalize();
    static final Path LAUNCHER = ROOT.resolve("cnnlab");

    record Result(int exit, String out) {}

    static Result run(Map<String, String> env, String... args) throws Exception {
        var cmd = new java.util.ArrayList<String>();
        cmd.add(LAUNCHER.toString());
        cmd.addAll(List.of(args));
        var pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher did not finish");
        return new Result(p.exitValue(), out);
    }

    @Test
    void helpListsEverySubcommand() throws Exception {
        Result r = run(Map.of(), "--help");
        assertEquals(0, r.exit(), r.out());
        for (String sub : List.of("lab", "test", "run NOTEBOOK", "bench", "doctor", "install-kernel")) {
            assertTrue(r.out().contains(sub), "help should mention " + sub + ":\n" + r.out());
        }
    }

    @Test
    void runGoesOnAfterAFailingNotebookAndKeepsFolders(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyter")), "Jupyter not installed");
        Path one = Files.createDirectories(dir.resolve("one")), two = Files.createDirectories(dir.resolve("two"));
        Files.writeString(one.resolve("a.ipynb"), ClassroomTest.notebook("int x = 1 / 0;"));
        Files.writeString(two.resolve("a.ipynb"), ClassroomTest.notebook("System.out.println(\"from two\");"));
        Path executed = ROOT.resolve("executed").resolve(dir.toRealPath().toString().substring(1));
        try {
            Result r = run(Map.of(), "run", one.resolve("a.ipynb").toString(), two.resolve("a.ipynb").toString());
            assertEquals(1, r.exit(), r.out());
            assertTrue(r.out().contains("run: 1 of 2 notebook(s) failed: " + one.resolve("a.ipynb")), r.out());
            assertTrue(Files.readString(executed.resolve("two/a.ipynb")).contains("from two"), "the second one ran");
            assertFalse(Files.exists(executed.resolve("one/a.ipynb")) && Files.readString(executed.resolve("one/a.ipynb"))
                    .contains("from two"), "two notebooks of one name do not overwrite each other");
        } finally {
            try (var w = Files.walk(ROOT.resolve("executed").resolve(dir.toRealPath().toString().substring(1).split("/")[0]))) {
                w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void unknownSubcommandPrintsUsageAndExits2() throws Exception {
        Result r = run(Map.of(), "frobnicate");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("unknown command 'frobnicate'"), r.out());
        assertTrue(r.out().contains("usage: ./cnnlab"), r.out());
        assertEquals(2, run(Map.of()).exit());
    }

    @Test
    void oldJavaIsRefusedWithAClearMessage(@TempDir Path bin) throws Exception {
        // a fake java 11 first on PATH
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho '    java.specification.version = 11' >&2\necho 'openjdk version \"11.0.2\"' >&2\n");
        assertTrue(java.toFile().setExecutable(true));
        Result r = run(Map.of("PATH", bin + ":" + System.getenv("PATH")), "doctor");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("Java 11 found, cnnlab needs Java 17 or newer"), r.out());
    }

    @Test
    void missingMavenIsRefusedWithAClearMessage(@TempDir Path bin) throws Exception {
        // PATH holds only java/javac links and the basics the script needs, no mvn
        for (String tool : List.of("java", "javac", "awk", "dirname", "bash", "env", "id", "sed", "head", "cat")) {
            Path real = which(tool);
            if (real != null) Files.createSymbolicLink(bin.resolve(tool), real);
        }
        Result r = run(Map.of("PATH", bin.toString()), "doctor");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("no Maven found"), r.out());
    }

    @Test
    void runWithoutNotebookExplainsWhatToType() throws Exception {
        Result r = run(Map.of(), "run");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("name at least one notebook"), r.out());
        Result missing = run(Map.of(), "run", "no-such.ipynb");
        assertEquals(1, missing.exit());
        assertTrue(missing.out().contains("no such notebook: no-such.ipynb"), missing.out());
    }

    /** "Done when": ./cnnlab lab starts a Jupyter server whose kernel list includes cnnlab. */
    @Test
    void labStartsAServerThatListsTheCnnlabKernel(@TempDir Path jupyterData) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyter")), "Jupyter not installed");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String token = "cnnlab-test-token";
        var pb = new ProcessBuilder(LAUNCHER.toString(), "lab", "--no-browser", "--ip=127.0.0.1",
                "--port=" + port, "--NotebookApp.token=" + token, "--ServerApp.token=" + token)
                .directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(jupyterData.resolve("server.log").toFile());
        pb.environment().put("JUPYTER_DATA_DIR", jupyterData.toString());
        Process server = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            var req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/kernelspecs?token=" + token))
                    .timeout(Duration.ofSeconds(5)).build();
            String body = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (body == null && System.nanoTime() < deadline && server.isAlive()) {
                try {
                    HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
                    if (resp.statusCode() == 200) body = resp.body();
                } catch (IOException notYet) {
                    Thread.sleep(500);
                }
            }
            String log = Files.readString(jupyterData.resolve("server.log"));
            assertTrue(body != null, "server never answered /api/kernelspecs; log:\n" + log);
            assertTrue(body.contains("\"cnnlab\""), "kernel list lacks cnnlab: " + body);
            assertTrue(body.contains("Java (cnnlab)"), body);
            assertTrue(Files.isRegularFile(jupyterData.resolve("kernels/cnnlab/kernel.json")));
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) server.destroyForcibly();
        }
    }

    static Path which(String tool) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }
}
