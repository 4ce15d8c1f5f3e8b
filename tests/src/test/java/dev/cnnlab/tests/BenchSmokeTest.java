package dev.cnnlab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./cnnlab bench --quick} on its cheapest entries produces the report: facts, one well-formed Markdown
 * table, a JSON document with the same rows, and the ratio chart. Timings are never checked.
 */
class BenchSmokeTest {
    private static final Path ROOT = LauncherTest.ROOT;

    @Test
    void quickDataBenchWritesTableJsonAndChart(@TempDir Path out) throws Exception {
        List<String> cmd = List.of(ROOT.resolve("cnnlab").toString(), "bench", "--quick", "--only", "data",
                "--only", "gpu", "--out", out.toString());
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "bench did not finish");
        assertEquals(0, p.exitValue(), stdout);

        List<String> table = tableLines(stdout);
        assertTrue(table.size() >= 4, "header, separator and at least two rows expected:\n" + stdout);
        assertEquals("| benchmark | measure | cnnlab | peer | cnnlab/peer | target | note |", table.get(0));
        int columns = cells(table.get(0));
        for (String line : table) assertEquals(columns, cells(line), "ragged row: " + line);
        assertTrue(stdout.contains("- CPU: ") && stdout.contains("- Java: ") && stdout.contains("- load average"),
                "machine facts expected at the top:\n" + stdout);
        assertTrue(stdout.contains("fashion-mnist load"), stdout);

        String md = Files.readString(out.resolve("latest.md"));
        assertEquals(stdout, md, "latest.md holds what was printed");
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("latest.json"))).getAsJsonObject();
        assertTrue(json.getAsJsonObject("facts").has("CPU"), json.toString());
        assertEquals(table.size() - 2, json.getAsJsonArray("rows").size(), "one JSON row per table row");
        for (JsonElement row : json.getAsJsonArray("rows")) {
            for (String key : List.of("benchmark", "measure", "cnnlab", "peer", "ratio", "target", "met", "note")) {
                assertTrue(row.getAsJsonObject().has(key), key + " missing in " + row);
            }
        }
        boolean anyRatio = false;
        for (JsonElement row : json.getAsJsonArray("rows")) anyRatio |= !row.getAsJsonObject().get("ratio").isJsonNull();
        if (anyRatio) {  // the chart shows ratios; without Fashion-MNIST offline the data rows have none
            byte[] png = Files.readAllBytes(out.resolve("latest-ratios.png"));
            assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG chart expected");
        }
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "temp files left behind");
        }
    }

    private static List<String> tableLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) if (line.startsWith("|")) lines.add(line);
        return lines;
    }

    /** Cells in a Markdown row, not counting escaped pipes. */
    private static int cells(String line) {
        return line.replace("\\|", "").split("\\|", -1).length - 2;
    }
}
