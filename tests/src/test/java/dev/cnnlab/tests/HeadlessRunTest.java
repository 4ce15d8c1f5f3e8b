package dev.cnnlab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dev.cnnlab.kernel.HeadlessRun} as {@code gpu/run.sh} uses it: a plain {@code java} on the launcher's
 * class path ({@code kernel/target/cnnlab-kernel.jar} and {@code kernel/target/lib/*}), no Jupyter, on the CPU.
 */
class HeadlessRunTest {
    static final Path ROOT = LauncherTest.ROOT;

    record Result(int exit, String out) {}

    static Result run(String... args) throws Exception {
        return runWith(ROOT.resolve("kernel/target/lib") + "/*", args);
    }

    /** Runs HeadlessRun with the kernel jar and {@code libs} (a class path) as the class path. */
    static Result runWith(String libs, String... args) throws Exception {
        Path jar = ROOT.resolve("kernel/target/cnnlab-kernel.jar");
        assertTrue(Files.exists(jar), jar + " missing: build with mvn -pl lib,kernel package first");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + ":" + libs, "dev.cnnlab.kernel.HeadlessRun"));
        cmd.addAll(List.of(args));
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("CNNLAB_FAST", "1");
        // as ./cnnlab kernel: MXNet's threaded engine and spinning OpenMP threads stall on a shared CPU
        pb.environment().put("MXNET_ENGINE_TYPE", "NaiveEngine");
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "HeadlessRun did not finish:\n" + out);
        return new Result(p.exitValue(), out);
    }

    /** An nbformat 4 notebook with these code cells (and a markdown cell first, which is skipped). */
    static Path notebook(Path dir, String... cells) throws Exception {
        JsonArray all = new JsonArray();
        JsonObject md = new JsonObject();
        md.addProperty("cell_type", "markdown");
        md.addProperty("source", "# generated");
        md.add("metadata", new JsonObject());
        all.add(md);
        for (String c : cells) {
            JsonObject cell = new JsonObject();
            cell.addProperty("cell_type", "code");
            JsonArray lines = new JsonArray();
            c.lines().forEach(l -> lines.add(l + "\n"));
            cell.add("source", lines);
            cell.add("metadata", new JsonObject());
            cell.add("outputs", new JsonArray());
            all.add(cell);
        }
        JsonObject nb = new JsonObject();
        nb.addProperty("nbformat", 4);
        nb.addProperty("nbformat_minor", 5);
        nb.add("metadata", new JsonObject());
        nb.add("cells", all);
        Path f = dir.resolve("generated.ipynb");
        Files.writeString(f, new Gson().toJson(nb));
        return f;
    }

    @Test
    void cellsRunInOrderAndTheRunStopsAtTheFirstFailingCell(@TempDir Path dir) throws Exception {
        Path nb = notebook(dir, "int x = 20;", "System.out.println(\"printed \" + (x + 1));\nx + 1",
                "%time int t = x * 2;", "int y = \"not a number\";", "System.out.println(\"never\");");
        Path json = dir.resolve("out/result.json");
        Result r = run(nb.toString(), "--out", json.toString(), "--timeout", "120");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("printed 21"), "stdout of cell 2:\n" + r.out());
        assertTrue(r.out().contains("Out: 21"), "value of cell 2:\n" + r.out());
        assertTrue(r.out().contains("Wall time:"), "the %time magic:\n" + r.out());
        assertTrue(r.out().contains("code cell 4 (notebook cell index 4) failed: CompilationError"), r.out());
        assertTrue(r.out().contains("incompatible types"), r.out());
        assertTrue(!r.out().contains("never"), "a cell after the failure ran:\n" + r.out());

        JsonObject report = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals("fail", report.get("status").getAsString());
        JsonArray cells = report.getAsJsonArray("cells");
        assertEquals(5, cells.size());
        List<String> statuses = new ArrayList<>();
        cells.forEach(c -> statuses.add(c.getAsJsonObject().get("status").getAsString()));
        assertEquals(List.of("ok", "ok", "ok", "error", "not-run"), statuses);
        assertTrue(cells.get(1).getAsJsonObject().get("output").getAsString().contains("printed 21"));
        assertEquals(1, cells.get(0).getAsJsonObject().get("index").getAsInt());
    }

    @Test
    void aFailedCheckFailsTheRunButLaterCellsStillRun(@TempDir Path dir) throws Exception {
        Path nb = notebook(dir, "Check.lesson(\"04-dense-layers\");\ncheck(\"ex2\", 64 * 5 * 5);",
                "check(\"ex3\", 1L);", "System.out.println(\"after the check\");");
        Result r = run(nb.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("[check] 04-dense-layers/ex2: PASS"), r.out());
        assertTrue(r.out().contains("[check] 04-dense-layers/ex3: FAIL"), r.out());
        assertTrue(r.out().contains("after the check"), r.out());
        assertTrue(r.out().contains("1 failed check(s): [04-dense-layers/ex3]"), r.out());
    }

    @Test
    void aReferenceNotebookPassesInFastMode(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("01.json");
        Result r = run(ROOT.resolve("notebooks/01-convolution.ipynb").toString(), "--out", json.toString());
        assertEquals(0, r.exit(), r.out());
        // one check per distinct check("id", ...) call in the lesson's code cells
        JsonObject nbJson = JsonParser.parseString(
                Files.readString(ROOT.resolve("notebooks/01-convolution.ipynb"))).getAsJsonObject();
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (var c : nbJson.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            if (!cell.get("cell_type").getAsString().equals("code")) continue;
            StringBuilder src = new StringBuilder();
            cell.getAsJsonArray("source").forEach(l -> src.append(l.getAsString()));
            var m = java.util.regex.Pattern.compile("\\bcheck\\(\"([^\"]+)\"").matcher(src);
            while (m.find()) ids.add(m.group(1));
        }
        assertTrue(ids.size() >= 3, "01 has at least three exercises: " + ids);
        assertTrue(r.out().contains("(" + ids.size() + " check(s) passed)"), ids + "\n" + r.out());
        JsonObject report = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals("pass", report.get("status").getAsString());
        assertEquals(0, report.getAsJsonArray("checks_failed").size());
    }

    @Test
    void aValueWhoseTypeIsNotOnTheClassPathIsACompileErrorOfThatCell(@TempDir Path dir) throws Exception {
        // as on the GPU pack, which may leave optional jars out: Tablesaw here
        String libs;
        try (var jars = Files.list(ROOT.resolve("kernel/target/lib"))) {
            libs = jars.map(Path::toString).filter(j -> !j.contains("tablesaw-core"))
                    .reduce((a, b) -> a + ":" + b).orElseThrow();
        }
        Path nb = notebook(dir, "var h = History.of(List.of(), List.of(), \"cpu()\", false);", "h.table()");
        Result r = runWith(libs, nb.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("code cell 2 (notebook cell index 2) failed: CompilationError"), r.out());
        assertTrue(r.out().contains("cannot access tech.tablesaw.api.Table"), r.out());
    }

    @Test
    void magicsFindFilesBesideTheNotebookWhateverTheCurrentDirectory(@TempDir Path dir) throws Exception {
        // this runner's current directory is tests/, the notebook's folder is dir: %load looks there first
        Files.writeString(dir.resolve("helpers.jsh"), "int helped = 41;\n");
        Path nb = notebook(dir, "%load helpers", "System.out.println(\"helped \" + (helped + 1));");
        Result r = run(nb.toString(), "--timeout", "120");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("helped 42"), r.out());
    }

    @Test
    void badArgumentsExitWith2() throws Exception {
        assertEquals(2, run().exit());
        Result r = run(ROOT.resolve("no-such-notebook.ipynb").toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("no such file"), r.out());
    }
}
