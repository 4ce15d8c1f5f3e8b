package dev.cnnlab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.GsonBuilder;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;

/**
 * One run's results: machine facts, the table, the targets' verdicts. Written as {@code latest.md},
 * {@code latest.json} and {@code latest-ratios.png}, each to a temp file in the same folder and then renamed,
 * so a reader never sees half a file.
 *
 * @param facts   machine facts, in print order
 * @param rows    the table rows, in run order
 * @param quick   whether {@code --quick} was given
 * @param seconds wall time of the whole run
 */
record BenchReport(Map<String, String> facts, List<Row> rows, boolean quick, double seconds) {

    /** The Markdown report: facts, the one table, the targets' summary. */
    String markdown() {
        StringBuilder sb = new StringBuilder("# cnnlab bench").append(quick ? " (--quick)" : "").append("\n\n");
        facts.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        sb.append("- wall time: ").append(String.format("%.0f s", seconds))
                .append(" (each entry's: the 'bench wall time' rows)\n\n");
        sb.append("Ratios are cnnlab / peer, both measured in this run on this machine; the target column says which"
                + " direction is good.\n\n");
        sb.append(Row.header()).append('\n');
        rows.forEach(r -> sb.append(r.markdown()).append('\n'));
        long met = rows.stream().filter(r -> Boolean.TRUE.equals(r.met())).count();
        long missed = rows.stream().filter(r -> Boolean.FALSE.equals(r.met())).count();
        sb.append("\nTargets: ").append(met).append(" met, ").append(missed).append(" missed");
        rows.stream().filter(r -> r.met() != null).forEach(r -> sb.append("\n- ").append(Row.verdict(r.met()))
                .append(": ").append(r.benchmark()).append(", ").append(r.measure()).append(" = ").append(r.value())
                .append(r.ratio() == null ? "" : String.format(" (%.2fx the peer)", r.ratio()))
                .append(", target ").append(r.target()));
        return sb.append('\n').toString();
    }

    /** The JSON document: facts, options, and every row with its numeric ratio and verdict. */
    String json() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("facts", facts);
        doc.put("quick", quick);
        doc.put("seconds", Math.round(seconds * 10) / 10.0);
        doc.put("columns", Row.COLUMNS);
        doc.put("rows", rows.stream().map(BenchReport::jsonRow).toList());
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(doc) + "\n";
    }

    private static Map<String, Object> jsonRow(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("benchmark", r.benchmark());
        m.put("measure", r.measure());
        m.put("cnnlab", r.value());
        m.put("peer", r.peer());
        m.put("ratio", r.ratio());
        m.put("target", r.target());
        m.put("met", r.met());
        m.put("note", r.note());
        return m;
    }

    /** Writes latest.md, latest.json and (when a row has a ratio) latest-ratios.png into {@code dir}. */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        atomicWrite(dir.resolve("latest.md"), markdown().getBytes(StandardCharsets.UTF_8));
        atomicWrite(dir.resolve("latest.json"), json().getBytes(StandardCharsets.UTF_8));
        CategoryChart chart = RatioChart.of(rows, "cnnlab / peer, same run" + (quick ? " (--quick)" : ""));
        if (chart != null) {
            atomicWrite(dir.resolve("latest-ratios.png"), BitmapEncoder.getBitmapBytes(chart,
                    BitmapEncoder.BitmapFormat.PNG));
        }
    }

    private static void atomicWrite(Path target, byte[] data) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, data);
            // temp files are private (rw-------); results are for everyone to read, like any other output
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
