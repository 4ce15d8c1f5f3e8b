package dev.cnnlab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every notebook in {@code notebooks/} runs top to bottom through real Jupyter (nbclient, the cnnlab
 * kernel) in fast mode ({@code CNNLAB_FAST=1}). Executed copies are kept in {@code tests/target/notebooks/}.
 */
class NotebooksTest {
    static final int LESSONS_ON_BOTH_ENGINES = 12;
    static final Path ROOT = LauncherTest.ROOT;
    static final Path OUT = ROOT.resolve("tests/target/notebooks");

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsInFastMode() throws Exception {
        Files.createDirectories(OUT);
        List<Path> notebooks;
        try (Stream<Path> s = Files.list(ROOT.resolve("notebooks"))) {
            notebooks = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> run(nb)));
    }

    /**
     * The lessons that train and compress run once more on the PyTorch engine (the kernel inherits
     * {@code CNNLAB_ENGINE}), so both engines carry every lesson: 01-05, 07-09 and 11-14 (06 reproduces the articles'
     * figures on the default engine, 10 compares devices and engines itself).
     */
    @TestFactory
    Stream<DynamicTest> lessonsRunOnThePyTorchEngineToo() throws Exception {
        Path out = ROOT.resolve("tests/target/notebooks-pytorch");
        Files.createDirectories(out);
        List<Path> notebooks;
        try (Stream<Path> s = Files.list(ROOT.resolve("notebooks"))) {
            notebooks = s.filter(p -> p.getFileName().toString().matches("(0[1-57-9]|1[1-4])-.*\\.ipynb")).sorted().toList();
        }
        assertEquals(LESSONS_ON_BOTH_ENGINES, notebooks.size(), "lessons 01-05, 07-09 and 11-14: " + notebooks);
        return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
            String result = run(nb, out, "PyTorch");
            assertFalse(result.contains("MXNet 1.9"), nb.getFileName() + " ran on MXNet");
            if (result.contains(" on cpu(), ")) {
                assertTrue(result.contains("PyTorch 2."), nb.getFileName() + " names no PyTorch engine");
            }
        }));
    }

    static void run(Path notebook) throws Exception {
        run(notebook, OUT, null);
    }

    /** Runs {@code notebook} in fast mode on {@code engine} (null: the default) into {@code folder}; returns its JSON. */
    static String run(Path notebook, Path folder, String engine) throws Exception {
        Path executed = folder.resolve(notebook.getFileName());
        var pb = new ProcessBuilder(System.getProperty("cnnlab.python", "/usr/bin/python3"),
                ROOT.resolve("tests/src/test/python/run_notebook.py").toString(),
                notebook.toString(), executed.toString(), "900")
                .redirectErrorStream(true);
        pb.environment().put("CNNLAB_FAST", "1");
        if (engine != null) pb.environment().put("CNNLAB_ENGINE", engine);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(20, TimeUnit.MINUTES), notebook + " did not finish in 20 minutes");
        assertEquals(0, p.exitValue(), notebook.getFileName() + " failed:\n" + out);
        assertTrue(Files.size(executed) > Files.size(notebook), "executed copy has no outputs: " + executed);
        // the reference notebooks hold the solutions: every exercise they check must pass
        String source = Files.readString(notebook);
        String result = Files.readString(executed);
        Matcher m = CHECK_CALL.matcher(source);
        while (m.find()) {
            String pass = "/" + m.group(1) + ": PASS";
            assertTrue(result.contains(pass), notebook.getFileName() + ": exercise " + m.group(1)
                    + " does not pass with its own solution");
        }
        assertFalse(result.contains(": FAIL \u2014"), notebook.getFileName() + " has a failing check");
        return result;
    }

    static final Pattern CHECK_CALL = Pattern.compile("check\\(\\\\\"(ex\\d+[a-z]?)\\\\\"");
}
