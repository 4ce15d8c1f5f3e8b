package dev.cnnlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cnnlab.device.Devices;
import dev.cnnlab.nn.Net;
import dev.cnnlab.nn.SeedCnn;

/**
 * Inference latency of the seed CNN, batch 1 and 64, 2 threads, cnnlab against PyTorch
 * ({@code bench/pytorch/seed_cnn.py --latency}), each in its own process with the same thread settings.
 * Weights are untrained: latency does not depend on their values. Compressed models are timed with the same
 * {@link Latency#measure} by the compression entry, so their rows compare with these dense ones.
 */
final class InferenceBench implements Bench.Entry {
    static final int THREADS = 2;
    static final int[] BATCHES = {1, 64};

    @Override
    public String name() {
        return "inference";
    }

    @Override
    public List<String> run(boolean quick) throws Exception {
        int reps = quick ? 30 : 200;
        List<String> engines = TrainingBench.engines();
        List<Map<String, String>> java = new ArrayList<>();
        for (String engine : engines) {
            System.err.println("inference: cnnlab on " + engine);
            java.add(ChildRun.run(ChildRun.javaWorker(InferenceBench.class, "" + reps), THREADS,
                    Map.of("CNNLAB_ENGINE", engine)));
        }
        String torchMissing = PeerPython.missing("torch");
        Map<String, String> torch = Map.of();
        if (torchMissing == null) {
            System.err.println("inference: PyTorch");
            torch = ChildRun.run(List.of(PeerPython.PYTHON, "bench/pytorch/seed_cnn.py", "--latency", "1,64",
                    "--reps", "" + reps, "--threads", "" + THREADS), THREADS);
        }
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < engines.size(); i++) {
            for (int b : BATCHES) {
                Map<String, String> j = java.get(i);
                String note = String.format("p95 %s vs %s; %d calls, %d threads%s",
                        Row.figure("%.2f", ChildRun.num(j, "b" + b + "_p95_ms"), "ms"),
                        Row.figure("%.2f", ChildRun.num(torch, "b" + b + "_p95_ms"), "ms"), reps, THREADS,
                        torchMissing == null ? "" : "; PyTorch skipped: " + torchMissing);
                Row r = Row.compare("inference seed CNN, " + engines.get(i) + " vs PyTorch", "latency batch " + b + " p50",
                        ChildRun.num(j, "b" + b + "_p50_ms"), ChildRun.num(torch, "b" + b + "_p50_ms"), "%.2f", "ms", note);
                // what a lesson calls: one image (issue #21: ≤ 1.5x PyTorch's latency on both engines)
                if (b == 1) r = r.target("≤ 1.5x PyTorch", r.ratio() == null ? null : r.ratio() <= 1.5);
                rows.add(r.markdown());
            }
        }
        return rows;
    }

    /** Worker: {@code InferenceBench REPS} prints {@code RESULT bN_p50_ms=... bN_p95_ms=...} per batch size. */
    public static void main(String[] args) {
        int reps = Integer.parseInt(args[0]);
        System.out.println("RESULT engine=" + Devices.describe());
        try (Net net = SeedCnn.build(42)) {
            for (int b : BATCHES) {
                Latency.Stats s = Latency.measure(net, b, Math.max(5, reps / 10), reps);
                System.out.printf(java.util.Locale.ROOT, "RESULT b%d_p50_ms=%.3f b%d_p95_ms=%.3f%n", b, s.p50Ms(), b,
                        s.p95Ms());
            }
        }
    }
}
