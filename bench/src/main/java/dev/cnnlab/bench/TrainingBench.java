package dev.cnnlab.bench;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import dev.cnnlab.data.ImageData;
import dev.cnnlab.device.Devices;
import dev.cnnlab.nn.Net;
import dev.cnnlab.nn.Sequential;
import dev.cnnlab.train.Callback;
import dev.cnnlab.train.EpochStats;
import dev.cnnlab.train.Fit;
import dev.cnnlab.train.History;
import dev.cnnlab.train.TrainingState;

/**
 * Training benchmark: the seed CNN (Conv32-Pool-Conv64-Pool-Dense128-Dense10) on Fashion-MNIST, batch 64,
 * Adam 1e-3, CPU with a fixed thread count, cnnlab (DJL) against PyTorch ({@code bench/pytorch/seed_cnn.py})
 * in the same run. Each side runs in its own process with the same thread settings; the table shows first-epoch
 * and steady images/s, test accuracy and peak RSS, with ratios.
 *
 * <pre>
 * java -cp bench.jar:lib/* dev.cnnlab.bench.TrainingBench [--epochs 5] [--threads 2] [--limit N] [--only java|pytorch]
 * </pre>
 */
public final class TrainingBench {
    private static final Path DATA = Path.of("/usr/share/datasets/fashion-mnist");

    private TrainingBench() {}

    /** Runs both sides and prints the Markdown table (or, with {@code --worker}, one side's RESULT lines). */
    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        int epochs = Integer.parseInt(opt.getOrDefault("epochs", "5"));
        int threads = Integer.parseInt(opt.getOrDefault("threads", "2"));
        int limit = Integer.parseInt(opt.getOrDefault("limit", "0"));
        if (opt.containsKey("worker")) {
            worker(epochs, limit);
            return;
        }
        String only = opt.getOrDefault("only", "");
        Map<String, String> java = Map.of(), torch = Map.of();
        if (!only.equals("pytorch")) {
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            java = child(List.of(javaBin, "-Xmx2g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                    TrainingBench.class.getName(), "--worker", "--epochs", "" + epochs, "--limit", "" + limit), threads);
        }
        if (!only.equals("java")) {
            Path script = Path.of(opt.getOrDefault("script", "bench/pytorch/seed_cnn.py"));
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), "--epochs", "" + epochs,
                    "--threads", "" + threads));
            if (limit > 0) cmd.addAll(List.of("--limit", "" + limit));
            torch = child(cmd, threads);
        }
        System.out.println(table(java, torch, epochs, threads));
    }

    /** Starts a process with the thread settings, echoes its output, collects its RESULT lines. */
    private static Map<String, String> child(List<String> cmd, int threads) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "" + threads);
        pb.environment().put("MKL_NUM_THREADS", "" + threads);
        pb.environment().put("MXNET_CPU_WORKER_NTHREADS", "1"); // one engine worker; OpenMP threads do the maths
        pb.environment().putIfAbsent("MXNET_ENGINE_TYPE", "NaiveEngine"); // no engine threads competing for 2 cores
        // sleep instead of spinning at OpenMP barriers: on a shared CPU a spinning thread steals the core its
        // partner needs (measured: batches of 1-4 s instead of 30 ms). Set for both sides alike.
        pb.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        Map<String, String> results = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                System.out.println("  | " + line);
                if (!line.startsWith("RESULT ")) continue;
                String rest = line.substring(7);
                if (rest.startsWith("engine=")) {
                    results.put("engine", rest.substring(7));
                    continue;
                }
                String epoch = null;
                for (String kv : rest.split(" ")) {
                    String[] p2 = kv.split("=", 2);
                    if (p2[0].equals("epoch")) epoch = p2[1];
                    else results.put(epoch == null ? p2[0] : p2[0] + "@" + epoch, p2[1]);
                }
            }
        }
        int rc = p.waitFor();
        if (rc != 0) System.out.println("  | (exit code " + rc + ")");
        return results;
    }

    /** One side: train and print RESULT lines like the PyTorch script. */
    private static void worker(int epochs, int limit) throws IOException {
        ImageData train = fashion("train", limit), test = fashion("t10k", limit);
        System.out.println("RESULT engine=" + Devices.describe());
        try (Net net = Sequential.input(1, 28, 28).conv2d(32, 3).relu().maxPool(2).conv2d(64, 3).relu().maxPool(2)
                .flatten().dense(128).relu().dense(10).softmax().build()) {
            System.out.println("RESULT params=" + net.parameterCount());
            Callback print = new Callback() {
                @Override
                public void onEpochEnd(TrainingState state, EpochStats e) {
                    System.out.printf("RESULT epoch=%d seconds=%.3f images_per_s=%.1f loss=%.4f accuracy=%.4f%n",
                            e.epoch(), train.size() / e.imagesPerSecond(), e.imagesPerSecond(), e.loss(), e.accuracy());
                }
            };
            History h = Fit.of(net).adam(1e-3).batchSize(64).epochs(epochs).seed(42).verbose(false).callbacks(print)
                    .run(train);
            int[] predicted = net.predictClasses(test);
            int hits = 0;
            for (int i = 0; i < predicted.length; i++) if (predicted[i] == test.label(i)) hits++;
            System.out.printf("RESULT test_accuracy=%.4f%n", hits / (double) predicted.length);
            System.out.printf("RESULT peak_rss_mb=%d%n", peakRssMb());
            if (!h.notes().isEmpty()) System.out.println(h.notes());
        }
    }

    private static long peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
        return -1;
    }

    /** A tiny IDX reader for the Debian Fashion-MNIST files (bench only; the library's reader lives in data/). */
    private static ImageData fashion(String part, int limit) throws IOException {
        try (DataInputStream im = new DataInputStream(new GZIPInputStream(Files.newInputStream(DATA.resolve(part + "-images-idx3-ubyte.gz")), 1 << 16));
             DataInputStream lb = new DataInputStream(new GZIPInputStream(Files.newInputStream(DATA.resolve(part + "-labels-idx1-ubyte.gz"))))) {
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
            return new ImageData(px, y, 1, h, w, List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"));
        }
    }

    private static String table(Map<String, String> java, Map<String, String> torch, int epochs, int threads) {
        double jFirst = num(java, "images_per_s@1"), tFirst = num(torch, "images_per_s@1");
        double jSteady = steady(java, epochs), tSteady = steady(torch, epochs);
        double jAcc = num(java, "test_accuracy"), tAcc = num(torch, "test_accuracy");
        double jRss = num(java, "peak_rss_mb"), tRss = num(torch, "peak_rss_mb");
        StringBuilder sb = new StringBuilder();
        sb.append("\n### Seed CNN on Fashion-MNIST, batch 64, Adam 1e-3, ").append(epochs).append(" epochs, ")
                .append(threads).append(" threads, CPU\n\n");
        sb.append("cnnlab: ").append(java.getOrDefault("engine", "-")).append("  \nPyTorch: ")
                .append(torch.getOrDefault("engine", "-")).append("\n\n");
        sb.append("| measure | cnnlab (DJL) | PyTorch | ratio cnnlab/PyTorch | target |\n|---|---|---|---|---|\n");
        row(sb, "first epoch images/s", jFirst, tFirst, "%.0f", "");
        row(sb, "steady images/s (median of epochs 2..)", jSteady, tSteady, "%.0f", "≥ 1.5x");
        sb.append(String.format("| first epoch / steady epoch time | %.2f | %.2f | | cnnlab ≤ 1.2 |%n", jSteady / jFirst, tSteady / tFirst));
        row(sb, "test accuracy", jAcc, tAcc, "%.4f", "cnnlab ≥ 0.90");
        row(sb, "peak RSS (MB)", jRss, tRss, "%.0f", "cnnlab ≤ 2048");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, double j, double t, String fmt, String target) {
        sb.append("| ").append(name).append(" | ").append(String.format(fmt, j)).append(" | ").append(String.format(fmt, t))
                .append(" | ").append(String.format("%.2fx", j / t)).append(" | ").append(target).append(" |\n");
    }

    private static double steady(Map<String, String> r, int epochs) {
        List<Double> v = new ArrayList<>();
        for (int e = 2; e <= epochs; e++) if (r.containsKey("images_per_s@" + e)) v.add(num(r, "images_per_s@" + e));
        if (v.isEmpty()) return num(r, "images_per_s@1");
        v.sort(null);
        return v.get(v.size() / 2);
    }

    private static double num(Map<String, String> r, String key) {
        return r.containsKey(key) ? Double.parseDouble(r.get(key)) : Double.NaN;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) continue;
            String k = args[i].substring(2);
            boolean flag = k.equals("worker") || i + 1 >= args.length || args[i + 1].startsWith("--");
            m.put(k, flag ? "true" : args[++i]);
        }
        return m;
    }
}
