package dev.cnnlab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person's view: the classic Notebook in headless Chromium opens a notebook, runs all cells with the cnnlab
 * kernel, and the page shows the kernel idle and a rendered chart. The screenshot is kept in
 * {@code tests/target/artifacts/browser-notebook.png}.
 */
class BrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void notebookRunsInTheBrowserAndShowsAChart(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyter")), "Jupyter not installed");
        Path work = Files.createDirectories(dir.resolve("notebooks"));
        Files.writeString(work.resolve("chart.ipynb"), ClassroomTest.notebook(
                "int n = 6;\nSystem.out.println(\"squares up to \" + n);",
                "var chart = new XYChartBuilder().width(480).height(320).title(\"squares\").build();\n"
                        + "chart.addSeries(\"x²\", new double[] {1, 2, 3, 4, 5, 6}, new double[] {1, 4, 9, 16, 25, 36});\n"
                        + "chart"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String token = "browser-test";
        var pb = new ProcessBuilder("/usr/bin/jupyter", "notebook", "--no-browser", "--allow-root", "--ip=127.0.0.1",
                "--port=" + port, "--NotebookApp.token=" + token, "--notebook-dir=" + work)
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        Process server = pb.start();
        Path artifacts = Files.createDirectories(LauncherTest.ROOT.resolve("tests/target/artifacts"));
        try (DevTools browser = DevTools.start(CHROMIUM, Files.createDirectories(dir.resolve("profile")))) {
            String url = "http://127.0.0.1:" + port + "/notebooks/chart.ipynb?token=" + token;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean loaded = false;
            while (!loaded && System.nanoTime() < deadline) {   // the server may still be starting
                browser.navigate(url);
                loaded = browser.waitFor("window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel "
                        + "&& Jupyter.notebook.kernel.is_connected()", 20);
            }
            assertTrue(loaded, "notebook page never connected to its kernel; server log:\n"
                    + Files.readString(dir.resolve("server.log")));
            browser.eval("Jupyter.notebook.execute_all_cells(), 'started'");
            boolean done = browser.waitFor("Jupyter.notebook.get_cells().every(c => c.cell_type !== 'code' "
                    + "|| (c.input_prompt_number !== null && c.input_prompt_number !== '*'))"
                    + " && document.querySelector('#kernel_indicator_icon').classList.contains('kernel_idle_icon')", 120);
            Files.write(artifacts.resolve("browser-notebook.png"), browser.screenshot());
            assertTrue(done, "cells did not finish with the kernel idle");
            assertEquals("squares up to 6", browser.eval(
                    "document.querySelector('.output_subarea.output_stream').innerText.trim()"));
            String img = browser.eval("(() => { const i = document.querySelector('.output_png img');"
                    + " return i ? i.naturalWidth + 'x' + i.naturalHeight : 'none'; })()");
            assertEquals("480x320", img, "the chart should render as a 480x320 PNG");
            assertEquals("0", browser.eval("String(document.querySelectorAll('.output_error').length)"));
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) server.destroyForcibly();
        }
    }
}
