package dev.cnnlab.bench;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import dev.cnnlab.data.ImageData;
import dev.cnnlab.device.Devices;
import dev.cnnlab.nn.Net;
import dev.cnnlab.train.Callback;
import dev.cnnlab.train.EpochStats;
import dev.cnnlab.train.Fit;
import dev.cnnlab.train.History;
import dev.cnnlab.train.LrSchedule;
import dev.cnnlab.train.TrainingState;

/**
 * Training benchmark: the seed CNN (Conv32-Pool-Conv64-Pool-Dense128-Dense10) on Fashion-MNIST, Adam 1e-3 with
 * cosine decay ({@link #SCHEDULE}), CPU with a fixed thread count, cnnlab (DJL, default engine) against PyTorch
 * ({@code bench/pytorch/seed_cnn.py}) in the same run. Each side runs in its own process with the same thread
 * settings ({@link ChildRun}), and the two take turns epoch by epoch ({@link Lockstep}); rows give
 * first-epoch and steady images/s, test accuracy and peak RSS, with ratios and issue #5's targets (judged on
 * batch 64, 2 threads).
 *
 * <p>Full mode: batch 64 / 2 threads for 5 epochs on all 60,000 images (the target configuration), then
 * batch 256 / 2 threads, batch 64 / 1 thread and batch 256 / 1 thread for 2 epochs on 20,000 images (first and
 * steady epoch; keeps the whole bench inside 20 minutes on 2 cores). Quick: batch 64 / 2 threads, 1 epoch,
 * 4,000 images. The model of the full batch 64 / 2 threads run is kept for the compression entry, whose baseline
 * it is ({@link SharedSeedCnn}).
 *
 * <pre>
 * java -cp bench.jar:lib/* dev.cnnlab.bench.TrainingBench [--epochs 5] [--threads 2] [--batch 64] [--limit N]
 *      [--schedule cosine|constant] [--pytorch-first] [--script bench/pytorch/seed_cnn.py]
 * java ... TrainingBench --worker [--epochs 5] [--batch 64] [--limit N] [--seed 42] [--schedule constant] [--lockstep]
 *      (one cnnlab side alone)
 * </pre>
 */
public final class TrainingBench implements Bench.Entry {
    static final Path DATA = Path.of("/usr/share/datasets/fashion-mnist");
    private static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** One training configuration; limit 0 means all images; gpu: the PyTorch side runs on CUDA too. */
    record Config(int batch, int threads, int epochs, int limit, boolean gpu) {
        Config(int batch, int threads, int epochs, int limit) {
            this(batch, threads, epochs, limit, false);
        }

        boolean isTarget() {
            return batch == 64 && threads == 2 && !gpu;
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
            rows.addAll(compare(c, torchFirst, "bench/pytorch/seed_cnn.py", save, SCHEDULE));
        }
        return rows;
    }

    /** Whether Debian's Fashion-MNIST, which both sides read, is in {@link #DATA}. */
    static boolean hasData() {
        return Files.isRegularFile(DATA.resolve("train-images-idx3-ubyte.gz"));
    }

    /** Runs both sides of one configuration with the bench's {@link #SCHEDULE} and returns its rows. */
    static List<String> compare(Config c, boolean torchFirst, String script) throws Exception {
        return compare(c, torchFirst, script, null, SCHEDULE);
    }

    /**
     * As {@link #compare(Config, boolean, String)}, with the learning-rate schedule {@code schedule} ("cosine" or
     * "constant"); the cnnlab side saves its trained model to {@code save} (or not: null).
     */
    static List<String> compare(Config c, boolean torchFirst, String script, Path save, String schedule)
            throws Exception {
        Map<String, String> java, torch = Map.of();
        String torchMissing = PeerPython.missing("torch");
        List<String> javaCmd = new ArrayList<>(ChildRun.javaWorker(TrainingBench.class, "--worker", "--epochs",
                "" + c.epochs(), "--batch", "" + c.batch(), "--limit", "" + c.limit(), "--schedule", schedule));
        if (save != null) javaCmd.addAll(List.of("--save", save.toString()));
        System.err.printf("training: cnnlab%s, batch %d, %d thread(s), %d epoch(s)%s%n",
                torchMissing == null ? " and PyTorch in turn, epoch by epoch" : "", c.batch(), c.threads(), c.epochs(),
                c.limit() > 0 ? ", " + c.limit() + " images" : "");
        if (torchMissing == null) {
            javaCmd.add("--lockstep");
            List<String> torchCmd = new ArrayList<>(List.of(PeerPython.PYTHON, script, "--lockstep", "--epochs",
                    "" + c.epochs(), "--threads", "" + c.threads(), "--batch", "" + c.batch(), "--schedule", schedule));
            if (c.limit() > 0) torchCmd.addAll(List.of("--limit", "" + c.limit()));
            if (c.gpu()) torchCmd.addAll(List.of("--device", "cuda"));
            // the machine's speed drifts: the two sides take turns epoch by epoch (Lockstep), not one after the other
            List<Map<String, String>> r = torchFirst ? Lockstep.run(torchCmd, javaCmd, c.threads(), c.epochs())
                    : Lockstep.run(javaCmd, torchCmd, c.threads(), c.epochs());
            java = r.get(torchFirst ? 1 : 0);
            torch = r.get(torchFirst ? 0 : 1);
        } else {
            java = ChildRun.run(javaCmd, c.threads());
        }
        return rows(c, java, torch, torchMissing);
    }

    private static List<String> rows(Config c, Map<String, String> java, Map<String, String> torch, String torchMissing) {
        String bench = String.format("%straining b%d t%d vs PyTorch", c.gpu() ? "[GPU] " : "", c.batch(), c.threads());
        String data = (c.limit() > 0 ? c.limit() + " images" : "60,000 images") + ", " + c.epochs() + " epoch(s)";
        String peerNote = torchMissing == null ? "" : "; PyTorch row skipped: " + torchMissing;
        String failed = java.containsKey("exit") ? "; cnnlab worker failed (exit " + java.get("exit") + ")" : "";
        List<String> rows = new ArrayList<>();
        double jFirst = ChildRun.num(java, "images_per_s@1"), tFirst = ChildRun.num(torch, "images_per_s@1");
        rows.add(Row.compare(bench, "first epoch images/s", jFirst, tFirst, "%.0f", "", data + peerNote + failed)
                .markdown());
        if (c.epochs() >= 2) {
            double jSteady = steady(java, c.epochs()), tSteady = steady(torch, c.epochs());
            Row steady = Row.compare(bench, "steady images/s (median of epochs 2..)", jSteady, tSteady, "%.0f", "", "");
            if (c.isTarget()) steady = steady.target("≥ 1.5x PyTorch", steady.ratio() == null ? null : steady.ratio() >= 1.5);
            rows.add(steady.markdown());
            // epoch time ratio: time is 1 / throughput
            double jWarm = jSteady / jFirst, tWarm = tSteady / tFirst;
            Row warm = Row.compare(bench, "first epoch time / steady epoch time", jWarm, tWarm, "%.2f", "",
                    "warm-up cost");
            if (c.isTarget()) warm = warm.target("cnnlab ≤ 1.2", Double.isFinite(jWarm) ? jWarm <= 1.2 : null);
            rows.add(warm.markdown());
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
        // PyTorch 1.13 (Debian)'s peak grows with the batches seen (366 MB after 500 images, 2.6 GB from 20,000)
        Row rss = Row.compare(bench, "peak RSS", jRss, tRss, "%.0f", "MB", "whole process (VmHWM / ru_maxrss)");
        if (c.isTarget()) rss = rss.target("cnnlab ≤ 2048 MB", Double.isFinite(jRss) ? jRss <= 2048 : null);
        rows.add(rss.markdown());
        return rows;
    }

    /** Standalone: {@code TrainingBench [--epochs 5] [--threads 2] [--batch 64] [--limit N] [--pytorch-first]}. */
    public static void main(String[] args) throws Exception {
        Map<String, String> opt = Options.parse(args, "worker", "pytorch-first", "lockstep");
        int epochs = Integer.parseInt(opt.getOrDefault("epochs", "5"));
        int batch = Integer.parseInt(opt.getOrDefault("batch", "64"));
        int limit = Integer.parseInt(opt.getOrDefault("limit", "0"));
        if (opt.containsKey("worker")) {
            worker(epochs, batch, limit, opt.containsKey("save") ? Path.of(opt.get("save")) : null,
                    opt.containsKey("lockstep"), Long.parseLong(opt.getOrDefault("seed", "42")),
                    schedule(opt.getOrDefault("schedule", "constant")));
            return;
        }
        Config c = new Config(batch, Integer.parseInt(opt.getOrDefault("threads", "2")), epochs, limit);
        System.out.println(Row.header());
        for (String row : compare(c, opt.containsKey("pytorch-first"),
                opt.getOrDefault("script", "bench/pytorch/seed_cnn.py"), null, opt.getOrDefault("schedule", SCHEDULE))) {
            System.out.println(row);
        }
    }

    /** One side: train and print RESULT lines like the PyTorch script; save the model when {@code save} is not null. */
    private static void worker(int epochs, int batch, int limit, Path save, boolean lockstep, long seed,
                               LrSchedule schedule) throws IOException {
        ImageData train = fashion("train", limit), test = fashion("t10k", limit);
        System.out.println("RESULT engine=" + Devices.describe());
        try (Net net = SeedCnn.build(seed)) {
            System.out.println("RESULT params=" + net.parameterCount());
            Callback print = new Callback() {
                @Override
                public void onEpochEnd(TrainingState state, EpochStats e) {
                    System.out.printf("RESULT epoch=%d seconds=%.3f images_per_s=%.1f loss=%.4f accuracy=%.4f%n",
                            e.epoch(), train.size() / e.imagesPerSecond(), e.imagesPerSecond(), e.loss(), e.accuracy());
                }
            };
            Fit fit = Fit.of(net).adam(1e-3).lrSchedule(schedule).batchSize(batch).epochs(epochs).seed(seed)
                    .verbose(false);
            History h = (lockstep ? fit.callbacks(print, new LockstepTurns()) : fit.callbacks(print)).run(train);
            int[] predicted = net.predictClasses(test);
            int hits = 0;
            for (int i = 0; i < predicted.length; i++) if (predicted[i] == test.label(i)) hits++;
            System.out.printf("RESULT test_accuracy=%.4f%n", hits / (double) predicted.length);
            System.out.printf("RESULT peak_rss_mb=%d%n", peakRssMb());
            if (!h.notes().isEmpty()) System.out.println(h.notes());
            if (save != null) net.save(save);  // after the figures: saving is not part of what is timed
        }
    }

    /** The learning-rate schedule a name stands for: "cosine" (decay to 0, as {@code seed_cnn.py}) or "constant". */
    static LrSchedule schedule(String name) {
        return switch (name) {
            case "cosine" -> LrSchedule.cosine(0);
            case "constant" -> LrSchedule.constant();
            default -> throw new IllegalArgumentException("--schedule: expected cosine or constant, got " + name);
        };
    }

    /** The worker's side of {@link Lockstep}: waits for its turn before every epoch and after the last one. */
    private static final class LockstepTurns implements Callback {
        private final BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

        @Override
        public void onTrainBegin(TrainingState state) {
            await();
        }

        @Override
        public void onEpochEnd(TrainingState state, EpochStats stats) {
            await(); // outside the epoch's clock: Fit starts it after the callbacks
        }

        private void await() {
            System.out.println(Lockstep.WAIT);
            System.out.flush();
            try {
                if (stdin.readLine() == null) throw new IllegalStateException("lockstep: the bench has gone");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Peak resident memory of this process (VmHWM), in MB; -1 where /proc is missing. */
    static long peakRssMb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) return -1;
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
        return -1;
    }

    /** A tiny IDX reader for the Debian Fashion-MNIST files, the same bytes the PyTorch script reads. */
    private static ImageData fashion(String part, int limit) throws IOException {
        try (DataInputStream im = new DataInputStream(new GZIPInputStream(
                Files.newInputStream(DATA.resolve(part + "-images-idx3-ubyte.gz")), 1 << 16));
             DataInputStream lb = new DataInputStream(new GZIPInputStream(
                     Files.newInputStream(DATA.resolve(part + "-labels-idx1-ubyte.gz"))))) {
            if (im.readInt() != 2051 || lb.readInt() != 2049) throw new IOException(part + ": not IDX image/label files");
            int n = im.readInt(), h = im.readInt(), w = im.readInt();
            if (lb.readInt() != n) throw new IOException(part + ": image and label counts differ");
            int count = limit > 0 ? Math.min(limit, n) : n;
            byte[] raw = new byte[count * h * w];
            im.readFully(raw);
            byte[] labels = new byte[count];
            lb.readFully(labels);
            float[] px = new float[raw.length];
            for (int i = 0; i < raw.length; i++) px[i] = (raw[i] & 0xff) / 255f;
            int[] y = new int[count];
            for (int i = 0; i < count; i++) y[i] = labels[i];
            return new ImageData(px, y, 1, h, w, CLASSES);
        }
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
