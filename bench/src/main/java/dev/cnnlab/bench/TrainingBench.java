package dev.cnnlab.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cnnlab.device.Devices;
import dev.cnnlab.device.EngineFacts;
import dev.cnnlab.device.EngineSelection;

/**
 * Training benchmark: the seed CNN (Conv32-Pool-Conv64-Pool-Dense128-Dense10) on Fashion-MNIST, Adam 1e-3 with
 * cosine decay ({@link #SCHEDULE}), CPU with a fixed thread count: cnnlab on each engine that runs here
 * ({@link TrainingWorker}, one process per engine) against pip's PyTorch ({@code bench/pytorch/seed_cnn.py}), all in
 * the same run. Each side runs in its own process with the same thread settings ({@link ChildRun}), and the sides
 * take turns epoch by epoch ({@link Lockstep}); rows give first-epoch and steady images/s, test accuracy and peak
 * RSS, with ratios and issue #21's targets: MXNet ≥ 1.5x PyTorch, the PyTorch engine ≥ 0.9x, the first epoch ≤ 1.2x
 * a steady one.
 *
 * <p>A last configuration measures what a student gets: the same training in a notebook cell of the real kernel,
 * driven through Jupyter ({@code bench/kernel/train_cell.py}, progress bar on), in turn with the worker, per engine
 * (target: the cell ≥ 0.95x the worker).
 *
 * <p>Full mode: batch 64 / 2 threads for 5 epochs on all 60,000 images (the target configuration), then
 * batch 256 / 2 threads, batch 64 / 1 thread and batch 256 / 1 thread for 2 epochs on 20,000 images, then the cell
 * for 3 epochs on 20,000 images. Quick: batch 64 / 2 threads, 1 epoch, 4,000 images. The model of the full target run
 * on the default engine is kept for the compression entry, whose baseline it is ({@link SharedSeedCnn}).
 *
 * <pre>
 * java -cp bench.jar:lib/* dev.cnnlab.bench.TrainingBench [--epochs 5] [--threads 2] [--batch 64] [--limit N]
 *      [--schedule cosine|constant] [--pytorch-first] [--cell] [--script bench/pytorch/seed_cnn.py]
 * </pre>
 */
public final class TrainingBench implements Bench.Entry {
    static final Path DATA = TrainingWorker.DATA;
    static final String SCRIPT = "bench/pytorch/seed_cnn.py";
    static final String CELL_SCRIPT = "bench/kernel/train_cell.py";

    /** One training configuration; limit 0 means all images; gpu: the PyTorch side runs on CUDA too. */
    record Config(int batch, int threads, int epochs, int limit, boolean gpu) {
        Config(int batch, int threads, int epochs, int limit) {
            this(batch, threads, epochs, limit, false);
        }

        /** The configuration of issue #5's accuracy and memory targets. */
        boolean isTarget() {
            return batch == 64 && threads == 2 && !gpu;
        }

        String data() {
            return (limit > 0 ? String.format("%,d images", limit) : "60,000 images") + ", " + epochs + " epoch(s)";
        }
    }

    /**
     * The learning-rate schedule of every training row, both sides: Adam 1e-3 decayed to 0 along a cosine. With the
     * articles' constant 1e-3 the 5-epoch test accuracy sat on the 0.90 target (0.896–0.903 over seeds 1, 2, 3, 42
     * on 2026-11-26; 0.9025 on the previous machine); the decay gave 0.902–0.905 on the same seeds. Throughput does
     * not depend on it. The compression entry keeps the constant rate, so it trains its own baseline (about 3 minutes).
     */
    static final String SCHEDULE = "cosine";

    private final boolean torchFirst;

    /** The entry as {@code ./cnnlab bench} runs it: cnnlab first, then PyTorch. */
    TrainingBench() {
        this(false);
    }

    private TrainingBench(boolean torchFirst) {
        this.torchFirst = torchFirst;
    }

    @Override
    public String name() {
        return "training";
    }

    @Override
    public List<String> run(boolean quick) throws Exception {
        if (!hasData()) {
            return List.of(Row.plain("training vs PyTorch", "skipped", "-",
                    "needs Debian's dataset-fashion-mnist in " + DATA).markdown());
        }
        List<Config> configs = quick ? List.of(new Config(64, 2, 1, 4000))
                : List.of(new Config(64, 2, 5, 0), new Config(256, 2, 2, 20_000),
                        new Config(64, 1, 2, 20_000), new Config(256, 1, 2, 20_000));
        List<String> rows = new ArrayList<>();
        for (Config c : configs) {
            // the target run trains exactly the compression entry's baseline: keep it for that entry (SharedSeedCnn)
            Path save = c.isTarget() && c.epochs() == 5 && c.limit() == 0
                    && SCHEDULE.equals(CompressionBench.BASELINE_SCHEDULE) ? SharedSeedCnn.file() : null;
            rows.addAll(compare(c, engines(), torchFirst, SCRIPT, save, SCHEDULE));
        }
        rows.addAll(inCell(quick ? new Config(64, 2, 2, 4000) : new Config(64, 2, 3, 20_000), engines()));
        return rows;
    }

    /** Whether Debian's Fashion-MNIST, which every side reads, is in {@link #DATA}. */
    static boolean hasData() {
        return TrainingWorker.hasData();
    }

    /** The engines that can train on this machine's CPU, the default one first. */
    static List<String> engines() {
        return EngineSelection.usable(EngineFacts.observe());
    }

    /**
     * Runs one configuration, a worker per engine and PyTorch, in turn epoch by epoch ({@link Lockstep}); returns
     * the rows with the learning-rate schedule {@code schedule} ("cosine" or "constant"). The worker of the default
     * engine saves its trained model to {@code save} (or not: null).
     */
    static List<String> compare(Config c, List<String> engines, boolean torchFirst, String script, Path save,
                                String schedule) throws Exception {
        String torchMissing = PeerPython.missing("torch");
        List<Lockstep.Side> sides = new ArrayList<>();
        for (String engine : engines) {
            List<String> cmd = worker(c, schedule);
            if (save != null && engine.equals(Devices.choice().engine())) cmd.addAll(List.of("--save", save.toString()));
            sides.add(new Lockstep.Side(cmd, Map.of("CNNLAB_ENGINE", engine)));
        }
        if (torchMissing == null) {
            List<String> torchCmd = new ArrayList<>(List.of(PeerPython.PYTHON, script, "--lockstep", "--epochs",
                    "" + c.epochs(), "--threads", "" + c.threads(), "--batch", "" + c.batch(), "--schedule", schedule));
            if (c.limit() > 0) torchCmd.addAll(List.of("--limit", "" + c.limit()));
            if (c.gpu()) torchCmd.addAll(List.of("--device", "cuda"));
            sides.add(torchFirst ? 0 : sides.size(), new Lockstep.Side(torchCmd));
        }
        System.err.printf("training: cnnlab on %s%s in turn, epoch by epoch; batch %d, %d thread(s), %s%n",
                String.join(" and ", engines), torchMissing == null ? " and PyTorch" : "", c.batch(), c.threads(),
                c.data());
        List<Map<String, String>> r = Lockstep.run(sides, c.threads(), c.epochs());
        Map<String, String> torch = torchMissing == null ? r.get(torchFirst ? 0 : r.size() - 1) : Map.of();
        int first = torchMissing == null && torchFirst ? 1 : 0;
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < engines.size(); i++) {
            rows.addAll(rows(c, engines.get(i), r.get(first + i), torch, torchMissing));
        }
        return rows;
    }

    /** A worker's command line for {@code c}, in lockstep. */
    private static List<String> worker(Config c, String schedule) {
        return new ArrayList<>(ChildRun.javaWorker(TrainingWorker.class, "--epochs", "" + c.epochs(), "--batch",
                "" + c.batch(), "--limit", "" + c.limit(), "--schedule", schedule, "--lockstep"));
    }

    /**
     * The notebook as a student meets it: per engine, the same training in a cell of the real kernel (through Jupyter,
     * progress bar on) in turn with the worker. Rows: steady images/s of the cell against the worker's, and the cell's
     * first epoch against its steady ones.
     */
    static List<String> inCell(Config c, List<String> engines) throws Exception {
        String missing = PeerPython.missing("jupyter_client");
        if (missing != null) return List.of(Row.plain("training in a notebook cell", "skipped", "-", missing).markdown());
        List<Lockstep.Side> sides = new ArrayList<>();
        for (String engine : engines) {
            Map<String, String> env = Map.of("CNNLAB_ENGINE", engine);
            sides.add(new Lockstep.Side(worker(c, SCHEDULE), env));
            sides.add(new Lockstep.Side(List.of(PeerPython.PYTHON, CELL_SCRIPT, "--lockstep", "--epochs",
                    "" + c.epochs(), "--batch", "" + c.batch(), "--limit", "" + c.limit(), "--schedule", SCHEDULE), env));
        }
        System.err.printf("training: a notebook cell and the worker on %s in turn; batch %d, %d thread(s), %s%n",
                String.join(" and ", engines), c.batch(), c.threads(), c.data());
        List<Map<String, String>> r = Lockstep.run(sides, c.threads(), c.epochs());
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < engines.size(); i++) {
            Map<String, String> worker = r.get(2 * i), cell = r.get(2 * i + 1);
            String bench = String.format("training b%d t%d in a notebook cell, %s", c.batch(), c.threads(), engines.get(i));
            String failed = cell.containsKey("exit") ? "; the cell failed (exit " + cell.get("exit") + ")" : "";
            double cellSteady = steady(cell, c.epochs()), workerSteady = steady(worker, c.epochs());
            Row speed = Row.compare(bench, "steady images/s, cell vs worker", cellSteady, workerSteady, "%.0f", "",
                    c.data() + "; the cell runs Fit as a lesson does (progress bar on)" + failed);
            rows.add(speed.target("cell ≥ 0.95x worker", speed.ratio() == null ? null : speed.ratio() >= 0.95).markdown());
            double warm = cellSteady / ChildRun.num(cell, "images_per_s@1");
            rows.add(Row.plain(bench, "cell: first epoch time / steady epoch time", Row.figure("%.2f", warm, ""),
                    "target ≤ 1.2: " + (Double.isFinite(warm) ? (warm <= 1.2 ? "**met**" : "**missed**") : "-"))
                    .markdown());
        }
        return rows;
    }

    private static List<String> rows(Config c, String engine, Map<String, String> java, Map<String, String> torch,
                                     String torchMissing) {
        String bench = String.format("%straining b%d t%d, %s vs PyTorch", c.gpu() ? "[GPU] " : "", c.batch(), c.threads(),
                engine);
        String peerNote = torchMissing == null ? "" : "; PyTorch row skipped: " + torchMissing;
        String failed = java.containsKey("exit") ? "; cnnlab worker failed (exit " + java.get("exit") + ")" : "";
        List<String> rows = new ArrayList<>();
        double jFirst = ChildRun.num(java, "images_per_s@1"), tFirst = ChildRun.num(torch, "images_per_s@1");
        rows.add(Row.compare(bench, "first epoch images/s", jFirst, tFirst, "%.0f", "", c.data() + peerNote + failed)
                .markdown());
        if (c.epochs() >= 2) {
            double jSteady = steady(java, c.epochs()), tSteady = steady(torch, c.epochs());
            double goal = engine.equals("MXNet") ? 1.5 : 0.9;
            Row steady = Row.compare(bench, "steady images/s (median of epochs 2..)", jSteady, tSteady, "%.0f", "", "");
            if (!c.gpu()) {
                steady = steady.target("≥ " + goal + "x PyTorch", steady.ratio() == null ? null : steady.ratio() >= goal);
            }
            rows.add(steady.markdown());
            // epoch time ratio: time is 1 / throughput
            double jWarm = jSteady / jFirst, tWarm = tSteady / tFirst;
            Row warm = Row.compare(bench, "first epoch time / steady epoch time", jWarm, tWarm, "%.2f", "",
                    "warm-up cost");
            rows.add(warm.target("cnnlab ≤ 1.2", Double.isFinite(jWarm) ? jWarm <= 1.2 : null).markdown());
        } else if (c.isTarget()) {
            rows.add(Row.plain(bench, "steady images/s, first/steady", "-", "needs ≥ 2 epochs (full mode)").markdown());
        }
        double jAcc = ChildRun.num(java, "test_accuracy"), tAcc = ChildRun.num(torch, "test_accuracy");
        Row acc = Row.compare(bench, "test accuracy", jAcc, tAcc, "%.4f", "",
                c.limit() > 0 && c.limit() < 10_000 ? "on the first " + c.limit() + " test images" : "10,000 test images");
        if (c.isTarget() && c.epochs() >= 5 && c.limit() == 0) {
            acc = acc.target("cnnlab ≥ 0.90 after 5 epochs", Double.isFinite(jAcc) ? jAcc >= 0.90 : null);
        }
        rows.add(acc.markdown());
        double jRss = ChildRun.num(java, "peak_rss_mb"), tRss = ChildRun.num(torch, "peak_rss_mb");
        Row rss = Row.compare(bench, "peak RSS", jRss, tRss, "%.0f", "MB", "whole process (VmHWM)");
        if (c.isTarget()) rss = rss.target("cnnlab ≤ 2048 MB", Double.isFinite(jRss) ? jRss <= 2048 : null);
        rows.add(rss.markdown());
        return rows;
    }

    /** Standalone: {@code TrainingBench [--epochs 5] [--threads 2] [--batch 64] [--limit N] [--pytorch-first] [--cell]}. */
    public static void main(String[] args) throws Exception {
        Map<String, String> opt = Options.parse(args, "pytorch-first", "cell");
        Config c = new Config(Integer.parseInt(opt.getOrDefault("batch", "64")),
                Integer.parseInt(opt.getOrDefault("threads", "2")), Integer.parseInt(opt.getOrDefault("epochs", "5")),
                Integer.parseInt(opt.getOrDefault("limit", "0")));
        System.out.println(Row.header());
        List<String> rows = opt.containsKey("cell") ? inCell(c, engines())
                : compare(c, engines(), opt.containsKey("pytorch-first"), opt.getOrDefault("script", SCRIPT), null,
                opt.getOrDefault("schedule", SCHEDULE));
        for (String row : rows) System.out.println(row);
    }

    private static double steady(Map<String, String> r, int epochs) {
        List<Double> v = new ArrayList<>();
        for (int e = 2; e <= epochs; e++) {
            if (r.containsKey("images_per_s@" + e)) v.add(ChildRun.num(r, "images_per_s@" + e));
        }
        if (v.isEmpty()) return Double.NaN;
        v.sort(null);
        return v.get(v.size() / 2);
    }
}
