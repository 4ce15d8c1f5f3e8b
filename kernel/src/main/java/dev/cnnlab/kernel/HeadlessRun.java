package dev.cnnlab.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.cnnlab.kernel.magics.MagicException;

/**
 * Runs a notebook's code cells in order through the kernel's own evaluator ({@link CellRunner}: the default
 * imports, magics and agent JVM an execute_request gets) with no Jupyter at all: no connection file, no ZeroMQ,
 * no Python. Made for machines that have only a Java runtime, such as the lent GPU machine ({@code gpu/run.sh}).
 *
 * <pre>
 * java -cp 'cnnlab-kernel.jar:lib/*' dev.cnnlab.kernel.HeadlessRun NOTEBOOK.ipynb [--out FILE.json] [--timeout S]
 * </pre>
 * Each cell's stdout and stderr, and the text/plain form of its displays and value, are printed to stdout. The
 * run stops at the first failing cell (compile error, exception, magic error, or longer than {@code --timeout}
 * seconds, default 1800) and exits with 1, naming the cell; a cell whose {@code check(...)} feedback says FAIL is
 * counted, the run goes on, and the exit status is 1 at the end. Exit 0: every cell ran and no check failed;
 * 2: bad arguments or an unreadable notebook. {@code --out} writes per code cell its number, notebook index,
 * seconds, status and a short text of its output. Agent JVM options come from {@code CNNLAB_JAVA_OPTS}, as in
 * the kernel; relative paths in cells resolve against the current directory (Jupyter uses the notebook's), those in
 * magics ({@code %load}, {@code %jars}, ...) against the notebook's folder first.
 */
public final class HeadlessRun {
    static final int OUTPUT_CHARS = 2000;
    static final long STOP_GRACE_S = 60;
    private static final Pattern CHECK = Pattern.compile("\\[check] (\\S+): (PASS|FAIL)");
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");

    /** A code cell: its number among code cells (1-based, as Jupyter counts a top-to-bottom run) and index. */
    record Cell(int number, int index, String source) {}

    /** What {@code --out} holds per code cell; status is ok, error, timeout, check-failed or not-run. */
    record CellResult(int cell, int index, double seconds, String status, String output, String error) {}

    /** What {@code --out} holds: status pass or fail, the failure, check counts and the cells. */
    record Report(String notebook, String status, String error, double seconds, int checksPassed,
                  List<String> checksFailed, List<CellResult> cells) {}

    private HeadlessRun() {}

    /** Runs the notebook named in {@code args} and exits with the status described above. */
    public static void main(String[] args) {
        String level = "org.slf4j.simpleLogger.defaultLogLevel";
        if (System.getProperty(level) == null) System.setProperty(level, "warn");  // no agent-start chatter
        System.exit(run(args));
    }

    static int run(String[] args) {
        Path notebook = null, out = null;
        long timeout = 1800;
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--out")) out = Path.of(args[++i]);
                else if (args[i].equals("--timeout")) timeout = Long.parseLong(args[++i]);
                else if (args[i].startsWith("--") || notebook != null) throw new IllegalArgumentException();
                else notebook = Path.of(args[i]);
            }
            if (notebook == null || timeout < 1) throw new IllegalArgumentException();
        } catch (RuntimeException e) {
            System.err.println("usage: HeadlessRun NOTEBOOK.ipynb [--out FILE.json] [--timeout SECONDS]; got "
                    + String.join(" ", args));
            return 2;
        }
        try {
            List<Cell> cells = codeCells(Files.readString(notebook, StandardCharsets.UTF_8));  // before any JVM starts
            return new Session(notebook, out, timeout).run(cells);
        } catch (IOException | RuntimeException e) {  // Session.run reports cell failures itself
            System.err.println("headless: cannot run " + notebook + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
            return 2;
        }
    }

    /** The code cells of an nbformat 4 notebook, in order. */
    static List<Cell> codeCells(String json) {
        JsonObject nb = JsonParser.parseString(json).getAsJsonObject();
        if (nb.has("nbformat") && nb.get("nbformat").getAsInt() < 4) {
            throw new IllegalArgumentException("nbformat " + nb.get("nbformat") + ": convert it to nbformat 4 first");
        }
        if (!nb.has("cells")) throw new IllegalArgumentException("no \"cells\": not an nbformat 4 notebook");
        List<Cell> cells = new ArrayList<>();
        JsonArray all = nb.getAsJsonArray("cells");
        for (int i = 0; i < all.size(); i++) {
            JsonObject c = all.get(i).getAsJsonObject();
            if (!"code".equals(c.get("cell_type").getAsString())) continue;
            JsonElement src = c.has("source") ? c.get("source") : new JsonArray();
            StringBuilder sb = new StringBuilder();  // nbformat: a string or a list of lines
            (src.isJsonArray() ? src.getAsJsonArray() : List.of(src)).forEach(line -> sb.append(line.getAsString()));
            cells.add(new Cell(cells.size() + 1, i, sb.toString()));
        }
        return cells;
    }

    /** One run: the evaluator, the cell being run and what each cell did. */
    private static final class Session implements OutputDemux.Listener {
        private final Path notebook;
        private final Path out;
        private final long timeout;
        private final PrintStream console = System.out;
        private final CellEvaluator evaluator;
        private final CellRunner runner;
        private final List<CellResult> results = new ArrayList<>();
        private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        private final long started = System.nanoTime();
        private StringBuilder captured = new StringBuilder();
        private final Map<String, String> updates = new LinkedHashMap<>();  // display id -> latest text (progress bars)
        private String result;
        private int checksPassed;
        private final List<String> checksFailed = new ArrayList<>();
        private volatile boolean timedOut;

        Session(Path notebook, Path out, long timeout) throws IOException {
            this.notebook = notebook;
            this.out = out;
            this.timeout = timeout;
            AgentSetup setup = AgentSetup.fromEnvironment();
            this.evaluator = new CellEvaluator(setup.classPath(), setup.vmOptions(), setup.startupSnippets(), this);
            this.runner = new CellRunner(evaluator, new CodeAnalysis(evaluator::shell),
                    notebook.toAbsolutePath().getParent());
        }

        int run(List<Cell> cells) {
            evaluator.startAsync();
            console.println("headless: " + notebook + ", " + cells.size() + " code cells, timeout " + timeout + " s per cell");
            String failure = null;
            try {
                long t0 = System.nanoTime();
                evaluator.shell();  // the agent's start-up is not charged to the first cell's timeout
                console.printf(Locale.ROOT, "headless: agent JVM ready in %.1f s%n", seconds(t0));
            } catch (CellError e) {
                failure = "the Java process that runs the cells did not start: " + e.evalue();
            }
            try {
                for (Cell cell : cells) {
                    if (failure == null) failure = runCell(cell);
                    else record(cell, 0, "not-run", "", null);
                }
            } finally {
                watchdog.shutdownNow();  // not a daemon thread: ended here, and by halt() in giveUp
                evaluator.close();
            }
            double total = seconds(started);
            if (failure == null && !checksFailed.isEmpty()) failure = checksFailed.size() + " failed check(s): " + checksFailed;
            String summary = failure == null
                    ? String.format(Locale.ROOT, "headless: all %d code cells passed in %.1f s (%d check(s) passed)",
                            cells.size(), total, checksPassed)
                    : "headless: FAILED: " + failure;
            (failure == null ? console : System.err).println(summary);
            if (out != null) writeJson(failure, total);
            return failure == null ? 0 : 1;
        }

        /** Runs one cell; null when it passed, else a sentence naming the cell and the error. */
        private String runCell(Cell cell) {
            String first = cell.source().strip().lines().findFirst().orElse("");
            console.println("[cell " + cell.number() + "] " + (first.length() > 100 ? first.substring(0, 100) + "…" : first));
            newCapture();
            int failedBefore = checksFailed.size();
            timedOut = false;
            // first the cooperative interrupt (as the notebook's stop button); a cell that ignores it ends the run
            ScheduledFuture<?> stop = watchdog.schedule(() -> {
                timedOut = true;
                evaluator.interrupt();
            }, timeout, TimeUnit.SECONDS);
            ScheduledFuture<?> abandon = watchdog.schedule(() -> giveUp(cell), timeout + STOP_GRACE_S, TimeUnit.SECONDS);
            long t0 = System.nanoTime();
            String status = "ok", error = null;  // MagicException and kernel errors end as in handleExecuteRequest
            try {
                if (!cell.source().isBlank()) runner.run(cell.source(), this);
            } catch (CellError e) {
                status = "error";
                error = e.ename + ": " + e.evalue();
                text("stderr", String.join("\n", e.traceback) + "\n");
                if (timedOut) {
                    status = "timeout";
                    error = "Timeout: the cell ran longer than --timeout " + timeout + " s and was stopped";
                }
            } catch (RuntimeException | StackOverflowError e) {
                status = "error";
                error = e instanceof MagicException ? "MagicError: " + e.getMessage() : "kernel error: " + e;
                text("stderr", error + "\n");
            } finally {
                stop.cancel(false);
                abandon.cancel(false);
            }
            double s = seconds(t0);
            finishOutput();
            if (error == null && checksFailed.size() > failedBefore) status = "check-failed";
            console.printf(Locale.ROOT, "[cell %d] %s in %.2f s%n", cell.number(), status, s);
            record(cell, s, status, captured.toString(), error);
            return error == null ? null : "code cell " + cell.number() + " (notebook cell index " + cell.index()
                    + ") failed: " + error;
        }

        /** After the grace period the agent did not stop: report what is known and end the process. */
        private void giveUp(Cell cell) {
            String msg = "code cell " + cell.number() + " did not stop within " + STOP_GRACE_S + " s of its --timeout ("
                    + timeout + " s)";
            record(cell, seconds(started), "timeout", captured.toString(), msg);
            System.err.println("headless: FAILED: " + msg);
            if (out != null) writeJson(msg, seconds(started));
            evaluator.close();
            Runtime.getRuntime().halt(1);
        }

        @Override
        public synchronized void text(String stream, String text) {
            print(ANSI.matcher(text).replaceAll(""));
        }

        private void print(String text) {
            console.print(text);
            console.flush();
            if (captured.length() < OUTPUT_CHARS) captured.append(text, 0, Math.min(text.length(), OUTPUT_CHARS - captured.length()));
        }

        @Override
        public synchronized void frame(String json) {
            try {
                JsonObject f = JsonParser.parseString(json).getAsJsonObject();
                JsonObject data = f.has("data") ? f.getAsJsonObject("data") : new JsonObject();
                String plain = data.has("text/plain") ? data.get("text/plain").getAsString()
                        : "(" + String.join(", ", data.keySet()) + ")";
                switch (f.has("type") ? f.get("type").getAsString() : "") {
                    case "display" -> show(plain);
                    case "update" -> updates.put(f.has("id") ? f.get("id").getAsString() : "", plain);
                    case "result" -> result = plain;
                    default -> { }
                }
            } catch (RuntimeException e) {
                // as in CellRun: an unreadable frame is dropped
            }
        }

        /** Progress bars are updated many times: only their last state is shown; the value comes last. */
        private synchronized void finishOutput() {
            updates.values().forEach(this::show);
            updates.clear();
            if (result != null) show("Out: " + result);
            result = null;
        }

        private void show(String plain) {
            print(plain.endsWith("\n") ? plain : plain + "\n");
            var m = CHECK.matcher(plain);
            while (m.find()) {
                if (m.group(2).equals("PASS")) checksPassed++;
                else checksFailed.add(m.group(1));
            }
        }

        private synchronized void newCapture() {
            captured = new StringBuilder();
        }

        private synchronized void record(Cell cell, double seconds, String status, String output, String error) {
            results.add(new CellResult(cell.number(), cell.index(), Math.round(seconds * 1000) / 1000.0, status,
                    output.length() >= OUTPUT_CHARS ? output + "…" : output, error));
        }

        private synchronized void writeJson(String failure, double total) {
            var report = new Report(notebook.toString(), failure == null ? "pass" : "fail", failure,
                    Math.round(total * 1000) / 1000.0, checksPassed, checksFailed, results);
            String json = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
                    .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create().toJson(report);
            try {  // temp file in the same folder, then an atomic rename: never a half-written result
                Path tmp = Files.createTempFile(Files.createDirectories(out.toAbsolutePath().getParent()), ".headless", ".json");
                Files.writeString(tmp, json + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                System.err.println("headless: cannot write " + out + ": " + e.getMessage());
            }
        }

        private static double seconds(long t0) {
            return (System.nanoTime() - t0) / 1e9;
        }
    }
}
