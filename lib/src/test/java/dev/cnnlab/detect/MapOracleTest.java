package dev.cnnlab.detect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * 100 random cases scored by {@link MeanAveragePrecision} and by an independent numpy implementation
 * ({@code src/test/python/map_oracle.py}); VOC all-point, VOC 11-point and COCO must agree to 1e-6.
 * Skipped (not failed) where {@code /usr/bin/python3} with numpy is missing.
 */
class MapOracleTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final int CASES = 100;

    record Case(int numClasses, int maxDets, List<Detection> dets, List<GroundTruth> truth) {}

    @Test
    void agreesWithNumpyOracle() throws Exception {
        Path oracle = findOracle();
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        assumeTrue(run(List.of(PYTHON.toString(), "-c", "import numpy"), "").exit == 0, "no numpy for /usr/bin/python3");

        Random r = new Random(20261125);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) cases.add(randomCase(r));
        StringBuilder json = new StringBuilder("{\"cases\":[");
        for (int i = 0; i < cases.size(); i++) json.append(i == 0 ? "" : ",").append(toJson(cases.get(i)));
        json.append("]}");

        Result out = run(List.of(PYTHON.toString(), oracle.toString()), json.toString());
        assertEquals(0, out.exit, "oracle failed:\n" + out.stderr);
        JsonArray results = JsonParser.parseString(out.stdout).getAsJsonObject().getAsJsonArray("results");
        assertEquals(CASES, results.size());
        int compared = 0;
        for (int i = 0; i < CASES; i++) {
            Case c = cases.get(i);
            JsonObject o = results.get(i).getAsJsonObject();
            var voc = MeanAveragePrecision.voc(c.dets, c.truth, c.numClasses);
            var voc07 = MeanAveragePrecision.voc2007(c.dets, c.truth, c.numClasses);
            var coco = MeanAveragePrecision.coco(c.dets, c.truth, c.numClasses, c.maxDets);
            String where = "case " + i + ": " + toJson(c);
            compared += compare(o.getAsJsonArray("voc"), voc.perClassAp(), "VOC " + where);
            compared += compare(o.getAsJsonArray("voc07"), voc07.perClassAp(), "VOC07 " + where);
            compared += compare(o.getAsJsonArray("coco"), coco.perClassAp(), "COCO " + where);
            assertClose(o.get("voc_map"), voc.map(), "VOC mAP " + where);
            assertClose(o.get("voc07_map"), voc07.map(), "VOC07 mAP " + where);
            assertClose(o.get("coco_map"), coco.map(), "COCO mAP " + where);
        }
        assertTrue(compared > 300, "too few non-NaN APs compared: " + compared);
    }

    private static int compare(JsonArray expected, double[] actual, String where) {
        assertEquals(expected.size(), actual.length, where);
        int n = 0;
        for (int c = 0; c < actual.length; c++) {
            assertClose(expected.get(c), actual[c], where + " class " + c);
            if (!expected.get(c).isJsonNull()) n++;
        }
        return n;
    }

    private static void assertClose(JsonElement expected, double actual, String where) {
        if (expected.isJsonNull()) {
            assertTrue(Double.isNaN(actual), where + ": oracle says no objects (NaN), Java gives " + actual);
        } else {
            assertEquals(expected.getAsDouble(), actual, 1e-6, where);
        }
    }

    /** Objects, some difficult; detections: jittered copies (some of the wrong class), duplicates, noise, ties. */
    static Case randomCase(Random r) {
        int classes = 1 + r.nextInt(4);
        int images = 1 + r.nextInt(5);
        boolean grid = r.nextBoolean();  // coordinates on a coarse grid make exact IoU and score ties likely
        List<GroundTruth> truth = new ArrayList<>();
        List<Detection> dets = new ArrayList<>();
        for (int img = 0; img < images; img++) {
            int objects = r.nextInt(7);
            for (int k = 0; k < objects; k++) {
                float[] b = randomBox(r, grid);
                int cls = r.nextInt(classes);
                truth.add(new GroundTruth(img, cls, Box.of(b), r.nextInt(7) == 0));
                int copies = r.nextInt(3);
                for (int j = 0; j < copies; j++) {
                    float s = 8 * r.nextFloat() * (b[2] - b[0]) / 30;
                    float[] d = {b[0] + jitter(r, s, grid), b[1] + jitter(r, s, grid), b[2] + jitter(r, s, grid),
                        b[3] + jitter(r, s, grid)};
                    if (d[2] < d[0]) d[2] = d[0];
                    if (d[3] < d[1]) d[3] = d[1];
                    int dc = r.nextInt(5) == 0 ? r.nextInt(classes) : cls;
                    dets.add(new Detection(img, dc, score(r), Box.of(d)));
                }
            }
            int noise = r.nextInt(4);
            for (int k = 0; k < noise; k++) dets.add(new Detection(img, r.nextInt(classes), score(r), Box.of(randomBox(r, grid))));
        }
        java.util.Collections.shuffle(dets, r);
        int maxDets = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 100;
        return new Case(classes, maxDets, dets, truth);
    }

    private static float[] randomBox(Random r, boolean grid) {
        float x = r.nextFloat() * 100, y = r.nextFloat() * 100, w = 2 + r.nextFloat() * 40, h = 2 + r.nextFloat() * 40;
        if (grid) {
            x = Math.round(x / 5) * 5;
            y = Math.round(y / 5) * 5;
            w = Math.max(5, Math.round(w / 5) * 5);
            h = Math.max(5, Math.round(h / 5) * 5);
        }
        return new float[] {x, y, x + w, y + h};
    }

    private static float jitter(Random r, float scale, boolean grid) {
        float j = (float) r.nextGaussian() * scale;
        return grid ? Math.round(j) : j;
    }

    private static float score(Random r) {
        return r.nextInt(3) == 0 ? r.nextInt(5) / 4f : r.nextFloat();  // a third on a coarse grid: ties
    }

    static String toJson(Case c) {
        StringBuilder sb = new StringBuilder("{\"num_classes\":").append(c.numClasses)
                .append(",\"max_dets\":").append(c.maxDets).append(",\"detections\":[");
        for (int i = 0; i < c.dets.size(); i++) {
            Detection d = c.dets.get(i);
            sb.append(i == 0 ? "[" : ",[").append(d.image()).append(',').append(d.cls()).append(',')
                    .append((double) d.score());
            appendBox(sb, d.box()).append(']');
        }
        sb.append("],\"truth\":[");
        for (int i = 0; i < c.truth.size(); i++) {
            GroundTruth g = c.truth.get(i);
            sb.append(i == 0 ? "[" : ",[").append(g.image()).append(',').append(g.cls());
            appendBox(sb, g.box()).append(',').append(g.difficult() ? 1 : 0).append(']');
        }
        return sb.append("]}").toString();
    }

    // (double) of a float prints the exact binary value, so Python reads the very same number
    private static StringBuilder appendBox(StringBuilder sb, Box b) {
        return sb.append(',').append((double) b.x1()).append(',').append((double) b.y1()).append(',')
                .append((double) b.x2()).append(',').append((double) b.y2());
    }

    static Path findOracle() {
        for (String p : List.of("src/test/python/map_oracle.py", "lib/src/test/python/map_oracle.py")) {
            if (Files.isRegularFile(Path.of(p))) return Path.of(p).toAbsolutePath();
        }
        throw new AssertionError("map_oracle.py not found from " + Path.of("").toAbsolutePath());
    }

    record Result(int exit, String stdout, String stderr) {}

    static Result run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        // read stdout and stderr concurrently so a full pipe cannot block the oracle
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread t = new Thread(() -> {
            try {
                err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.complete(e.toString());
            }
        });
        t.start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("oracle did not finish in 120 s");
        }
        t.join();
        return new Result(p.exitValue(), out, err.join());
    }
}
