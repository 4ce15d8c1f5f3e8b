package dev.cnnlab.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cnnlab.compress.Int8Quantization;
import dev.cnnlab.compress.MagnitudePruning;
import dev.cnnlab.compress.PrunedNet;
import dev.cnnlab.compress.QuantizedNet;
import dev.cnnlab.data.FashionMnist;
import dev.cnnlab.data.ImageData;
import dev.cnnlab.device.DeviceException;
import dev.cnnlab.device.Devices;
import dev.cnnlab.device.EngineChoice;
import dev.cnnlab.nn.Classifier;
import dev.cnnlab.nn.Net;
import dev.cnnlab.nn.SeedCnn;
import dev.cnnlab.train.Evaluation;
import dev.cnnlab.train.Fit;

/**
 * Inference of a compressed model on whatever {@link Devices} chose (the GPU in {@code gpu/run.sh}, the CPU with
 * {@code CNNLAB_DEVICE=cpu}): trains the seed CNN briefly with {@link Fit}, makes three compressed copies
 * ({@link MagnitudePruning} one-shot at {@code --sparsity}, {@link Int8Quantization} calibrated on 10 training
 * batches, and both: pruned then int8) and runs every model on the test set. Prints one JSON object: per model the
 * test accuracy, the change against the dense model in points, how often it predicts the dense model's class, and
 * milliseconds per image at batch 256 and batch 1 (medians, models interleaved so a burst of load hits all alike).
 * It passes when no compressed model loses more than {@code --max-drop} points of accuracy; {@link #main} then
 * exits with 0, else 1.
 *
 * <p>The figures are what this library does, not what a deployment would: pruned weights are zeros in dense
 * tensors (same work as dense) and int8 is simulated with float arithmetic (more work than dense).
 *
 * <pre>
 * java -cp 'jars/*' dev.cnnlab.tools.CompressedInferenceRun [--data DIR] [--epochs 1] [--batch 64] [--limit N]
 *      [--test-limit N] [--sparsity 0.5] [--max-drop 2] [--seed 42] [--out FILE.json]
 * </pre>
 */
public final class CompressedInferenceRun {
    static final String USAGE = "usage: CompressedInferenceRun [--data DIR] [--epochs N] [--batch N] [--limit N] "
            + "[--test-limit N] [--sparsity S] [--max-drop POINTS] [--seed N] [--out FILE]";

    private CompressedInferenceRun() {}

    /** Runs the check, prints the JSON (also to {@code --out}) and exits with 1 if a compressed model lost too much. */
    public static void main(String[] args) throws IOException {
        Map<String, String> o = GpuTrainingRun.options(args, USAGE);
        Map<String, Object> result = run(Path.of(o.getOrDefault("data", FashionMnist.SYSTEM_DIR.toString())),
                GpuTrainingRun.integer(o, "epochs", 1), GpuTrainingRun.integer(o, "batch", 64), GpuTrainingRun.integer(o, "limit", 0),
                GpuTrainingRun.integer(o, "test-limit", 0), number(o, "sparsity", 0.5), number(o, "max-drop", 2),
                GpuTrainingRun.integer(o, "seed", 42));
        String json = GpuTrainingRun.toJson(result);
        System.out.println(json);
        if (o.containsKey("out")) GpuTrainingRun.write(Path.of(o.get("out")), json);
        if (!Boolean.TRUE.equals(result.get("pass"))) System.exit(1);
    }

    /**
     * Trains, compresses and measures; returns the JSON object's fields ({@code pass}, {@code models}, ...).
     *
     * @param limit     train on the first {@code limit} images (0 = all)
     * @param testLimit measure on the first {@code testLimit} test images (0 = all)
     * @param maxDrop   the most accuracy, in points, a compressed model may lose against the dense one
     */
    public static Map<String, Object> run(Path data, int epochs, int batch, int limit, int testLimit, double sparsity,
                                          double maxDrop, long seed) {
        ImageData train = GpuTrainingRun.read(data, "train", limit);
        ImageData test = GpuTrainingRun.read(data, "t10k", testLimit);
        EngineChoice choice = Devices.choice();
        try (Net dense = SeedCnn.build(seed)) {
            long t0 = System.nanoTime();
            Fit.of(dense).adam(1e-3).batchSize(batch).epochs(epochs).seed(seed).verbose(false).run(train);
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            try (PrunedNet pruned = MagnitudePruning.of(dense).sparsity(sparsity).global().run();
                 QuantizedNet int8 = Int8Quantization.of(dense).calibrate(train, 10, 64).run();
                 QuantizedNet prunedInt8 = Int8Quantization.of(pruned.net()).calibrate(train, 10, 64).run()) {
                List<String> names = List.of("dense", "pruned", "int8", "pruned+int8");
                List<Classifier> classifiers = List.of(dense, pruned, int8, prunedInt8);
                List<Function<NDArray, NDArray>> forwards = classifiers.stream()
                        .<Function<NDArray, NDArray>>map(c -> c::logits).toList();
                List<Evaluation> evaluations = classifiers.stream().map(c -> Evaluation.of(c, test)).toList();
                double[] b256 = msPerImage(dense.manager(), dense.inputShape(), test, 256, 9, forwards);
                double[] b1 = msPerImage(dense.manager(), dense.inputShape(), test, 1, 31, forwards);

                double denseAccuracy = evaluations.get(0).accuracy();
                boolean pass = true;
                List<Object> models = new ArrayList<>();
                for (int m = 0; m < names.size(); m++) {
                    double acc = evaluations.get(m).accuracy();
                    double change = 100 * (acc - denseAccuracy);
                    pass &= change >= -maxDrop;
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("model", names.get(m));
                    row.put("test_accuracy", GpuTrainingRun.round(acc, 4));
                    row.put("change_points", GpuTrainingRun.round(change, 2));
                    row.put("agreement_with_dense", GpuTrainingRun.round(agreement(evaluations.get(0).predicted(), evaluations.get(m).predicted()), 4));
                    row.put("ms_per_image_b256", GpuTrainingRun.round(b256[m], 4));
                    row.put("ms_per_image_b1", GpuTrainingRun.round(b1[m], 4));
                    models.add(row);
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("check", "compressed-inference");
                r.put("describe", Devices.describe());
                r.put("engine", Devices.engine().getEngineName() + " " + Devices.engine().getVersion());
                r.put("use_gpu", choice.useGpu());
                r.put("device", dense.manager().getDevice().toString());
                r.put("train_images", train.size());
                r.put("test_images", test.size());
                r.put("epochs", epochs);
                r.put("train_seconds", GpuTrainingRun.round(trainSeconds, 2));
                r.put("sparsity_target", sparsity);
                r.put("sparsity", GpuTrainingRun.round(pruned.sparsity(), 4));
                r.put("int8_file_bytes", int8.fileBytes());
                r.put("float32_weight_bytes", 4 * dense.parameterCount());
                r.put("max_drop_points", maxDrop);
                r.put("pass", pass);
                r.put("models", models);
                return r;
            }
        }
    }

    /**
     * Median milliseconds per image of each forward function on the first {@code batch} images of {@code data}:
     * two warm-up rounds, then {@code repeats} rounds, the functions in turn within each round. The output is
     * copied to the host, so the time includes the device finishing its work.
     */
    static double[] msPerImage(NDManager parent, Shape imageShape, ImageData data, int batch, int repeats,
                               List<Function<NDArray, NDArray>> forwards) {
        int n = Math.min(batch, data.size());
        float[] pixels = Arrays.copyOf(data.pixels(), n * (int) imageShape.size());
        double[][] times = new double[forwards.size()][repeats];
        for (int i = -2; i < repeats; i++) {
            for (int f = 0; f < forwards.size(); f++) {
                try (NDManager run = parent.newSubManager()) {  // frees the forward pass's arrays each time
                    NDArray x = run.create(pixels, new Shape(n).addAll(imageShape));
                    long t0 = System.nanoTime();
                    forwards.get(f).apply(x).toFloatArray();
                    if (i >= 0) times[f][i] = (System.nanoTime() - t0) / 1e6 / n;
                }
            }
        }
        double[] medians = new double[forwards.size()];
        for (int f = 0; f < forwards.size(); f++) {
            Arrays.sort(times[f]);
            medians[f] = times[f][repeats / 2];
        }
        return medians;
    }


    private static double agreement(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) if (a[i] == b[i]) same++;
        return same / (double) a.length;
    }

    private static double number(Map<String, String> o, String key, double def) {
        String v = o.get(key);
        if (v == null) return def;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new DeviceException("--" + key + " " + v + ": expected a number");
        }
    }
}
