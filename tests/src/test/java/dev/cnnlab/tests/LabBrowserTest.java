package dev.cnnlab.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * JupyterLab 4 and Notebook 7 in headless Chromium (Playwright for Python, {@code test_lab_browser.py}, run by the
 * venv's Python that {@code ./cnnlab test} passes as {@code cnnlab.python}), on one JupyterLab server in fast mode
 * ({@code CNNLAB_FAST=1}) with this checkout's kernel:
 * <ul>
 * <li>every lesson in {@code notebooks/} ({@code CNNLAB_BROWSER_NOTEBOOKS} picks others), each opened in a
 * workspace of its own and its kernel shut down afterwards: Run All, the kernel idle, every code cell ran, no error output, every image output drawn at a
 * non-zero size (05 and 09 draw at least one); in 05 the training progress is one output updated in place (its
 * text changes while training);</li>
 * <li>the notebook toolbar's interrupt button stops {@code while (true) {}}, the first cell of a fresh kernel, in
 * at most 2 s, and {@code 1 + 1} then gives 2;</li>
 * <li>Tab after {@code Sequential.input(1, 28, 28).} lists {@code conv2d}; Shift+Tab on {@code conv2d(} shows its
 * Javadoc ("2-D convolution");</li>
 * <li>Notebook 7 opens lesson 01 and runs it without an error.</li>
 * </ul>
 * Screenshots: {@code tests/target/screenshots}. Skipped without {@code /usr/bin/chromium} or the venv's Python.
 * About 7-8 minutes on 2 cores (14 lessons of 20-40 s, then the interrupt, completion and Notebook 7 checks).
 */
class LabBrowserTest {
    @Test
    void jupyterLabRunsTheLessonsInTheBrowser() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "Chromium not installed");
        assumeTrue(!PythonSuite.PYTHON.equals("/usr/bin/python3"), "no venv Python given (run through ./cnnlab test)");
        PythonSuite.run("test_lab_browser", Map.of(), 30);
    }
}
