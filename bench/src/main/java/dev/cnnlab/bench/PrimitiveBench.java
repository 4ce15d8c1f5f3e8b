package dev.cnnlab.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./cnnlab bench --only primitives}: where a training batch's time goes, primitive by primitive, on both
 * sides of the training entry. Both engines compute the convolutions through oneDNN; with its verbose log on, each
 * side trains the seed CNN for 2 epochs (batch 64, 2 threads; 6,400 images, quick 1,280) one after the other, and
 * every row compares the time one primitive takes per batch, naming the implementation each side's oneDNN chose
 * (for example {@code x64:gemm:jit} against {@code jit:avx2}). PyTorch runs pooling and ReLU in its own ATen kernels,
 * outside oneDNN, so those appear on the cnnlab side only and its total is not the whole batch. The log costs time
 * of its own: read the rows as shares, and take throughput from the training entry.
 */
final class PrimitiveBench implements Bench.Entry {
    private static final int BATCH = 64;
    private static final int THREADS = 2;
    private static final int EPOCHS = 2;
    private static final int ROWS = 12;
    private static final Map<String, String> VERBOSE = Map.of("DNNL_VERBOSE", "1", "ONEDNN_VERBOSE", "1");

    @Override
    public String name() {
        return "primitives";
    }

    @Override
    public List<String> run(boolean quick) throws Exception {
        String bench = "oneDNN primitives b" + BATCH + " t" + THREADS + " vs PyTorch";
        if (!TrainingBench.hasData()) {
            return List.of(Row.plain(bench, "skipped", "-", "needs Debian's dataset-fashion-mnist").markdown());
        }
        String torchMissing = PeerPython.missing("torch");
        if (torchMissing != null) return List.of(Row.plain(bench, "skipped", "-", torchMissing).markdown());
        int limit = quick ? 1_280 : 6_400;
        double batches = Math.ceil(limit / (double) BATCH) * EPOCHS;
        OneDnnVerbose cnnlab = trace("cnnlab", ChildRun.javaWorker(TrainingWorker.class,
                "--epochs", "" + EPOCHS, "--batch", "" + BATCH, "--limit", "" + limit, "--schedule", TrainingBench.SCHEDULE));
        OneDnnVerbose torch = trace("PyTorch", List.of(PeerPython.PYTHON, "bench/pytorch/seed_cnn.py",
                "--epochs", "" + EPOCHS, "--threads", "" + THREADS, "--batch", "" + BATCH, "--limit", "" + limit));
        return rows(bench, cnnlab, torch, batches, limit);
    }

    /** Runs one side with the verbose log on; its verbose lines are counted, not echoed. */
    private static OneDnnVerbose trace(String side, List<String> cmd) throws Exception {
        OneDnnVerbose log = new OneDnnVerbose(BATCH);
        int rc = ChildRun.exec(cmd, THREADS, VERBOSE, log::accept);
        if (rc != 0) {
            throw new IllegalStateException("the " + side + " side exited with code " + rc + " (its output is in the log)");
        }
        if (log.totals().isEmpty()) {
            throw new IllegalStateException("the " + side + " side printed no oneDNN verbose line");
        }
        return log;
    }

    /** The {@link #ROWS} primitives that take longest on either side, then each side's total. */
    static List<String> rows(String bench, OneDnnVerbose cnnlab, OneDnnVerbose torch, double batches, int images) {
        Set<OneDnnVerbose.Key> keys = new LinkedHashSet<>(cnnlab.totals().keySet());
        keys.addAll(torch.totals().keySet());
        List<OneDnnVerbose.Key> order = new ArrayList<>(keys);
        order.sort(Comparator.comparingDouble(k -> -Math.max(orZero(ms(cnnlab, k)), orZero(ms(torch, k)))));
        List<String> rows = new ArrayList<>();
        int shown = Math.min(ROWS, order.size());
        for (OneDnnVerbose.Key k : order.subList(0, shown)) {
            rows.add(Row.compare(bench, k.toString(), ms(cnnlab, k) / batches, ms(torch, k) / batches, "%.2f",
                    "ms/batch", "cnnlab " + impls(cnnlab, k) + "; PyTorch " + impls(torch, k)).markdown());
        }
        rows.add(Row.compare(bench, "all oneDNN primitives", cnnlab.totalMs() / batches, torch.totalMs() / batches,
                "%.2f", "ms/batch", String.format(Locale.ROOT, "%d more rows not shown; %,d images x %d epochs;"
                        + " PyTorch's pooling and ReLU run outside oneDNN", keys.size() - shown, images, EPOCHS))
                .markdown());
        return rows;
    }

    private static double ms(OneDnnVerbose log, OneDnnVerbose.Key k) {
        OneDnnVerbose.Total t = log.totals().get(k);
        return t == null ? Double.NaN : t.ms;
    }

    private static double orZero(double ms) {
        return Double.isNaN(ms) ? 0 : ms;
    }

    private static String impls(OneDnnVerbose log, OneDnnVerbose.Key k) {
        OneDnnVerbose.Total t = log.totals().get(k);
        return t == null ? "-" : String.join("+", t.impls);
    }
}
