package dev.cnnlab.compress;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.cnnlab.data.ImageData;
import dev.cnnlab.nn.Layer;
import dev.cnnlab.nn.Net;
import dev.cnnlab.train.Callback;

/**
 * Unstructured magnitude pruning (Han et al. 2015): the weights with the smallest |w| are set to zero and kept
 * at zero by a mask while the rest are fine-tuned. Works on a copy; the model given is never changed.
 *
 * <pre>{@code
 * PrunedNet p = MagnitudePruning.of(net).sparsity(0.9)     // 90 % of the weights zero
 *         .global()                                        // one threshold for all layers (default)
 *         .fineTune(train, 2).gradual(10)                  // Zhu & Gupta: 10 pruning steps while fine-tuning
 *         .run();
 * p.sparsityTable();                                       // per layer: weights, zeros, sparsity
 * MagnitudePruning.of(net).sweep(test, 0.5, 0.8, 0.9, 0.95).chart();   // sparsity vs accuracy
 * }</pre>
 *
 * Only weights are pruned (conv kernels and dense matrices); biases stay, as in the papers. Without
 * {@link #fineTune} pruning is one-shot; with it, the masks are re-applied after every optimizer step, so pruned
 * weights are exactly zero at the end.
 */
public final class MagnitudePruning {
    private final Net original;
    private double sparsity = 0.9;
    private boolean perLayer;
    private List<String> layerNames;
    private ImageData train;
    private int epochs;
    private int steps = 1;
    private int batchSize = 64;
    private double learningRate = 1e-3;
    private long seed = 42;

    private MagnitudePruning(Net net) {
        this.original = Objects.requireNonNull(net, "net");
    }

    /** Starts configuring pruning of (a copy of) {@code net}. */
    public static MagnitudePruning of(Net net) {
        return new MagnitudePruning(LayerLookup.plain(net, "magnitude pruning"));
    }

    /**
     * The fraction of weights to set to zero (default 0.9).
     *
     * @throws CompressionException if it is outside [0, 1)
     */
    public MagnitudePruning sparsity(double s) {
        checkSparsity("sparsity", s);
        sparsity = s;
        return this;
    }

    /** One threshold for all pruned layers together (the default): layers with many small weights lose more. */
    public MagnitudePruning global() {
        perLayer = false;
        return this;
    }

    /** A threshold per layer: every pruned layer reaches the same sparsity. */
    public MagnitudePruning perLayer() {
        perLayer = true;
        return this;
    }

    /**
     * Prunes only the named layers (default: every conv2d and dense layer).
     *
     * @throws CompressionException naming a layer that does not exist or has no weights (e.g. a pooling layer)
     */
    public MagnitudePruning layers(String... names) {
        for (String n : names) LayerLookup.weighted(original, n, "prune");
        if (names.length == 0) throw new CompressionException("layers(...) needs at least one layer name");
        layerNames = List.of(names);
        return this;
    }

    /** Fine-tunes the pruned copy on {@code train} for {@code epochs} epochs with the masks held (Adam). */
    public MagnitudePruning fineTune(ImageData train, int epochs) {
        if (epochs < 1) throw new CompressionException("fine-tuning epochs must be at least 1, got " + epochs);
        this.train = Objects.requireNonNull(train, "train");
        this.epochs = epochs;
        return this;
    }

    /**
     * Iterative pruning: reach the sparsity in {@code steps} steps of Zhu and Gupta's cubic schedule spread over the
     * first half of fine-tuning (the second half recovers with the final mask). Needs {@link #fineTune}.
     */
    public MagnitudePruning gradual(int steps) {
        if (steps < 1) throw new CompressionException("pruning steps must be at least 1, got " + steps);
        this.steps = steps;
        return this;
    }

    /** Adam's learning rate for fine-tuning (default 1e-3). */
    public MagnitudePruning learningRate(double lr) {
        if (!(lr > 0)) throw new CompressionException("learning rate must be positive, got " + lr);
        learningRate = lr;
        return this;
    }

    /** Images per fine-tuning step (default 64). */
    public MagnitudePruning batchSize(int n) {
        if (n < 1) throw new CompressionException("batch size must be positive, got " + n);
        batchSize = n;
        return this;
    }

    /** Seed for the fine-tuning order (default 42). */
    public MagnitudePruning seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Prunes a copy of the model (and fine-tunes it if asked); the original keeps its weights. */
    public PrunedNet run() {
        return run(sparsity);
    }

    /**
     * Prunes a copy once per sparsity with these settings and measures accuracy on {@code test}: the
     * sparsity-vs-accuracy curve (table and chart). The unpruned model is the first point.
     */
    public PruningSweep sweep(ImageData test, double... sparsities) {
        for (double s : sparsities) checkSparsity("sweep sparsity", s);
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, Measure.accuracy(original, test), Measure.sparseBytes(original)});
        for (double s : sparsities) {
            try (PrunedNet p = run(s)) {
                points.add(new double[] {p.sparsity(), Measure.accuracy(p.net(), test), p.fileBytes()});
            }
        }
        return new PruningSweep(points, perLayer ? "per-layer" : "global", epochs, Measure.savedBytes(original));
    }

    private PrunedNet run(double target) {
        if (steps > 1 && train == null) {
            throw new CompressionException("gradual(" + steps + ") prunes while fine-tuning: call fineTune(train, epochs)");
        }
        Net copy = original.copy();
        try {
            List<Layer> layers = selected(copy);
            if (train == null) {
                PruningMasks masks = PruningMasks.magnitude(layers, target, perLayer);
                masks.apply();
                return new PrunedNet(copy, masks, target, perLayer, new double[0]);
            }
            SparsitySchedule schedule = new SparsitySchedule(0, target, steps);
            int total = FineTuning.steps(train.size(), epochs, batchSize);
            int every = Math.max(1, total / (2 * steps)); // the last pruning step by half-way
            PruningMasks[] masks = {PruningMasks.magnitude(layers, schedule.at(1), perLayer)};
            int[] done = {1};
            masks[0].apply();
            Callback prune = Callback.afterEachStep(state -> {
                if (done[0] < steps && state.steps() % every == 0) {
                    masks[0] = PruningMasks.magnitude(layers, schedule.at(++done[0]), perLayer);
                }
                masks[0].apply();
            });
            double[] losses = FineTuning.losses(FineTuning.of(copy, train, epochs, batchSize, learningRate, seed)
                    .callbacks(prune).run(train));
            if (done[0] < steps) { // fewer batches than pruning steps: finish the schedule now
                masks[0] = PruningMasks.magnitude(layers, target, perLayer);
                masks[0].apply();
            }
            return new PrunedNet(copy, masks[0], target, perLayer, losses);
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        }
    }

    private List<Layer> selected(Net copy) {
        if (layerNames == null) {
            List<Layer> all = copy.weightedLayers();
            if (all.isEmpty()) throw new CompressionException("model '" + copy.name() + "' has no conv2d or dense layer to prune");
            return all;
        }
        return layerNames.stream().map(n -> LayerLookup.weighted(copy, n, "prune")).toList();
    }

    /** @throws CompressionException if {@code s} is outside [0, 1) (or NaN) */
    static void checkSparsity(String what, double s) {
        if (!(s >= 0 && s < 1)) {
            throw new CompressionException(what + " must be in [0, 1) (the fraction of weights set to zero), got " + s
                    + (s == 1 ? ": a sparsity of 1 would remove every weight" : s > 1 ? ": did you mean " + s / 100 + "?" : ""));
        }
    }
}
