package dev.cnnlab.tools;

import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import dev.cnnlab.data.FashionMnist;
import dev.cnnlab.data.ImageData;
import dev.cnnlab.data.Idx;
import dev.cnnlab.device.DeviceException;
import dev.cnnlab.device.Devices;
import dev.cnnlab.device.EngineChoice;
import dev.cnnlab.nn.Net;
import dev.cnnlab.nn.SeedCnn;
import dev.cnnlab.train.Callback;
import dev.cnnlab.train.EpochStats;
import dev.cnnlab.train.Evaluation;
import dev.cnnlab.train.Fit;
import dev.cnnlab.train.TrainingState;

/**
 * The check {@code gpu/run.sh} runs on each side (GPU, CPU): trains the seed CNN (Conv32-Pool-Conv64-Pool-Dense128
 * -Dense10, Adam 1e-3) on Fashion-MNIST with {@link Fit} on whatever {@link Devices} chose, and prints one JSON
 * object: engine and why, devices, images/s per epoch, test accuracy, GPU memory in use. Comparing the JSON of a GPU
 * run with that of a CPU run ({@code CNNLAB_DEVICE=cpu}) shows whether the GPU trains to the same accuracy.
 *
 * <pre>
 * java -cp 'jars/*' dev.cnnlab.tools.GpuTrainingRun [--data DIR] [--epochs 2] [--batch 64] [--limit N]
 *      [--test-limit N] [--seed 42] [--out FILE.json]
 * </pre>
 * {@code DIR} holds the four IDX files (gzipped or not); the default is the system's Fashion-MNIST.
 */
public final class GpuTrainingRun {
    private GpuTrainingRun() {}

    /** Runs the check and prints the JSON (also to {@code --out} if given). */
    public static void main(String[] args) throws IOException {
        Map<String, String> o = options(args, "usage: GpuTrainingRun [--data DIR] [--epochs N] [--batch N] [--limit N] "
                + "[--test-limit N] [--seed N] [--out FILE]");
        String json = run(Path.of(o.getOrDefault("data", FashionMnist.SYSTEM_DIR.toString())),
                integer(o, "epochs", 2), integer(o, "batch", 64), integer(o, "limit", 0),
                integer(o, "test-limit", 0), integer(o, "seed", 42));
        System.out.println(json);
        if (o.containsKey("out")) write(Path.of(o.get("out")), json);
    }

    /**
     * Trains and measures; returns the JSON object.
     *
     * @param limit     train on the first {@code limit} images (0 = all)
     * @param testLimit measure on the first {@code testLimit} test images (0 = all)
     */
    public static String run(Path data, int epochs, int batch, int limit, int testLimit, long seed) {
        ImageData train = read(data, "train", limit);
        ImageData test = read(data, "t10k", testLimit);

        EngineChoice choice = Devices.choice();
        List<Device> devices = Devices.training();
        List<EpochStats> epochsSeen = new ArrayList<>();
        long[] gpuMemory = {-1};
        try (Net net = SeedCnn.build(seed)) {
            Callback record = new Callback() {
                @Override
                public void onEpochEnd(TrainingState state, EpochStats e) {
                    epochsSeen.add(e);
                    gpuMemory[0] = Math.max(gpuMemory[0], gpuMemoryUsedMb(devices));
                }
            };
            Fit.of(net).adam(1e-3).batchSize(batch).epochs(epochs).seed(seed).verbose(false).callbacks(record)
                    .run(train);
            return json(choice, devices, train.size(), test.size(), epochs, batch, seed, epochsSeen,
                    Evaluation.of(net, test).accuracy(), gpuMemory[0], net.parameterCount());
        }
    }


    /** The {@code train} or {@code t10k} half of Fashion-MNIST in {@code dir}, its first {@code limit} images (0 = all). */
    static ImageData read(Path dir, String half, int limit) {
        ImageData d = Idx.read(file(dir, half + "-images-idx3-ubyte"), file(dir, half + "-labels-idx1-ubyte"),
                FashionMnist.CLASSES);
        return limit > 0 && limit < d.size() ? d.take(limit) : d;
    }

    /** Memory in use on the first GPU (whole device, all processes), -1 on the CPU or if CUDA cannot say. */
    private static long gpuMemoryUsedMb(List<Device> devices) {
        if (!devices.get(0).isGpu()) return -1;
        try {
            MemoryUsage m = CudaUtils.getGpuMemory(devices.get(0));
            return m.getUsed() / (1024 * 1024);
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    private static String json(EngineChoice c, List<Device> devices, int nTrain, int nTest, int epochs, int batch,
                               long seed, List<EpochStats> es, double testAccuracy, long gpuMb, long params) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("check", "seed-cnn");
        m.put("describe", Devices.describe());
        m.put("engine", Devices.engine().getEngineName() + " " + Devices.engine().getVersion());
        m.put("use_gpu", c.useGpu());
        m.put("why", c.why());
        m.put("devices", devices.stream().map(Device::toString).toList());
        m.put("cpu_threads", Devices.cpuThreads());
        m.put("params", params);
        m.put("train_images", nTrain);
        m.put("test_images", nTest);
        m.put("epochs", epochs);
        m.put("batch", batch);
        m.put("seed", seed);
        m.put("images_per_s", es.stream().map(e -> round(e.imagesPerSecond(), 1)).toList());
        m.put("seconds", es.stream().map(e -> round(e.seconds(), 3)).toList());
        m.put("train_loss", es.isEmpty() ? null : round(es.get(es.size() - 1).loss(), 4));
        m.put("train_accuracy", es.isEmpty() ? null : round(es.get(es.size() - 1).accuracy(), 4));
        m.put("test_accuracy", round(testAccuracy, 4));
        m.put("gpu_memory_used_mb", gpuMb < 0 ? null : gpuMb);
        return toJson(m);
    }

    /** A JSON object of strings, numbers, booleans, nulls, lists and maps (String keys) of those. */
    static String toJson(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("{");
        for (var e : m.entrySet()) {
            if (sb.length() > 1) sb.append(", ");
            sb.append(value(e.getKey())).append(": ").append(value(e.getValue()));
        }
        return sb.append('}').toString();
    }

    private static String value(Object v) {
        if (v == null) return "null";
        if (v instanceof Number || v instanceof Boolean) return v.toString();
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, x) -> m.put(k.toString(), x));
            return toJson(m);
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object x : l) parts.add(value(x));
            return "[" + String.join(", ", parts) + "]";
        }
        String s = v.toString();
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (ch < 0x20) sb.append(String.format("\\u%04x", (int) ch));
                    else sb.append(ch);
                }
            }
        }
        return sb.append('"').toString();
    }

    static double round(double v, int digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return -1;
        return Double.parseDouble(String.format(Locale.ROOT, "%." + digits + "f", v));
    }

    /** {@code name.gz} if present, else {@code name}. */
    private static Path file(Path dir, String name) {
        Path gz = dir.resolve(name + ".gz");
        return Files.exists(gz) ? gz : dir.resolve(name);
    }

    /** Temp file in the same folder, then atomic rename: a half-written result is never seen. */
    static void write(Path out, String json) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".gpucheck", ".json");
        Files.writeString(tmp, json + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static int integer(Map<String, String> o, String key, int def) {
        String v = o.get(key);
        if (v == null) return def;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new DeviceException("--" + key + " " + v + ": expected a whole number");
        }
    }

    /** {@code --key value} pairs; anything else fails with {@code usage}. */
    static Map<String, String> options(String[] args, String usage) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new DeviceException(usage + "; got '" + args[i] + "'");
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }
}
