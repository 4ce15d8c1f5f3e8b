package dev.cnnlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.cnnlab.data.FashionMnist;
import dev.cnnlab.data.Idx;
import dev.cnnlab.data.ImageData;
import dev.cnnlab.device.Devices;
import dev.cnnlab.nn.Net;
import dev.cnnlab.nn.SeedCnn;
import dev.cnnlab.train.Callback;
import dev.cnnlab.train.EpochStats;
import dev.cnnlab.train.Evaluation;
import dev.cnnlab.train.Fit;
import dev.cnnlab.train.History;
import dev.cnnlab.train.LrSchedule;
import dev.cnnlab.train.TrainingState;

/**
 * One cnnlab side of a training comparison, in its own process: trains the seed CNN on Debian's Fashion-MNIST with
 * the engine the environment names and prints RESULT lines like {@code seed_cnn.py}.
 *
 * <pre>
 * java -cp bench.jar:lib/* dev.cnnlab.bench.TrainingWorker [--epochs 5] [--batch 64] [--limit N] [--seed 42]
 *      [--schedule constant|cosine] [--lockstep] [--save FILE]
 * </pre>
 */
final class TrainingWorker {
    static final Path DATA = Path.of("/usr/share/datasets/fashion-mnist");

    private TrainingWorker() {}

    /** Trains and prints RESULT lines; see the class comment for the options. */
    public static void main(String[] args) throws IOException {
        Map<String, String> opt = Options.parse(args, "lockstep");
        int epochs = Integer.parseInt(opt.getOrDefault("epochs", "5"));
        int batch = Integer.parseInt(opt.getOrDefault("batch", "64"));
        int limit = Integer.parseInt(opt.getOrDefault("limit", "0"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "42"));
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
            Fit fit = Fit.of(net).adam(1e-3).lrSchedule(schedule(opt.getOrDefault("schedule", "constant")))
                    .batchSize(batch).epochs(epochs).seed(seed).verbose(false);
            History h = (opt.containsKey("lockstep") ? fit.callbacks(print, new LockstepTurns()) : fit.callbacks(print))
                    .run(train);
            System.out.printf("RESULT test_accuracy=%.4f%n", Evaluation.of(net, test).accuracy());
            System.out.printf("RESULT peak_rss_mb=%d%n", peakRssMb());
            if (!h.notes().isEmpty()) System.out.println(h.notes());
            if (opt.containsKey("save")) net.save(Path.of(opt.get("save")));  // after the figures: not timed
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

    /** Whether Debian's Fashion-MNIST, which every side reads, is in {@link #DATA}. */
    static boolean hasData() {
        return Files.isRegularFile(DATA.resolve("train-images-idx3-ubyte.gz"));
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

    /** The Debian Fashion-MNIST files, the same bytes the PyTorch script reads; the first {@code limit} (0: all). */
    private static ImageData fashion(String part, int limit) {
        ImageData all = Idx.read(DATA.resolve(part + "-images-idx3-ubyte.gz"), DATA.resolve(part + "-labels-idx1-ubyte.gz"),
                FashionMnist.CLASSES);
        return limit > 0 && limit < all.size() ? all.take(limit) : all;
    }
}
