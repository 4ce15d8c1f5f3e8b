package dev.cnnlab.compress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cnnlab.data.ImageData;
import dev.cnnlab.display.Html;
import dev.cnnlab.nn.Layer;
import dev.cnnlab.nn.Net;
import dev.cnnlab.train.Callback;
import dev.cnnlab.display.Display;
import dev.cnnlab.display.HtmlRenderable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import dev.cnnlab.display.SignificantDigits;

/**
 * The result of {@link MagnitudePruning}: a pruned copy of the model, its masks, and how sparse each layer is.
 * The net is an ordinary {@link Net}: predict with it, summarise it, save it. To train it further use
 * {@link #fineTune}, which re-applies the masks after every step; a plain {@code Fit} would let pruned weights
 * grow back.
 *
 * <p>{@link #save} stores it sparse (a bitmap of the nonzero weights and their values, {@link Net#saveSparse}), so
 * the file shrinks with the sparsity; {@link #load} reads it back with its masks.
 */
public final class PrunedNet implements CompressedClassifier, HtmlRenderable, AutoCloseable {
    private final Net net;
    private final PruningMasks masks;
    private final double target;
    private final Boolean perLayer; // null: read from a file, which does not say
    private final double[] losses;

    PrunedNet(Net net, PruningMasks masks, double target, Boolean perLayer, double[] losses) {
        this.net = net;
        this.masks = masks;
        this.target = target;
        this.perLayer = perLayer;
        this.losses = losses;
    }

    /** The pruned model (a copy; the original is unchanged). */
    @Override
    public Net net() {
        return net;
    }

    /** The masks that hold the pruned weights at zero. */
    PruningMasks masks() {
        return masks;
    }

    /** The sparsity asked for. */
    public double target() {
        return target;
    }

    /** Mean fine-tuning loss per epoch (empty for one-shot pruning). */
    public double[] fineTuneLosses() {
        return losses.clone();
    }

    /** The pruned net's logits: zeroed weights stored dense, so the same maths as {@link #net()}. */
    @Override
    public NDArray logits(NDArray batch) {
        return net.logits(batch);
    }

    /** Fraction of the pruned layers' weights that are zero now (counted in the weights, not the masks). */
    public double sparsity() {
        return zeroFraction(masks.layers());
    }

    private static double zeroFraction(List<Layer> layers) {
        long zeros = 0, total = 0;
        for (Layer l : layers) {
            float[] w = l.weight().getArray().toFloatArray();
            total += w.length;
            for (float v : w) if (v == 0f) zeros++;
        }
        return total == 0 ? 0 : zeros / (double) total;
    }

    /**
     * More fine-tuning with the masks held (Adam, batch 64, seed 42): pruned weights stay exactly zero.
     *
     * @return the mean loss of each epoch
     */
    public double[] fineTune(ImageData train, int epochs, double learningRate) {
        return FineTuning.losses(FineTuning.of(net, train, epochs, 64, learningRate, 42)
                .callbacks(Callback.afterEachStep(state -> masks.apply())).run(train));
    }

    /**
     * One row per conv2d/dense layer: {@code layer, type, pruned} (yes/no), {@code weights, zeros, sparsity %}
     * and {@code nonzero biases}; counted in the current weights.
     */
    public Table sparsityTable() {
        List<Layer> pruned = masks.layers();
        Table t = Table.create("sparsity per layer (" + thresholdText() + " threshold, target "
                        + String.format("%.1f %%)", 100 * target),
                StringColumn.create("layer"), StringColumn.create("type"), StringColumn.create("pruned"),
                LongColumn.create("weights"), LongColumn.create("zeros"), DoubleColumn.create("sparsity %"),
                LongColumn.create("nonzero biases"));
        for (Layer l : net.weightedLayers()) {
            float[] w = l.weight().getArray().toFloatArray();
            long zeros = 0;
            for (float v : w) if (v == 0f) zeros++;
            long biases = 0;
            if (l.bias() != null) for (float v : l.bias().getArray().toFloatArray()) if (v != 0f) biases++;
            boolean isPruned = pruned.stream().anyMatch(p -> p.name().equals(l.name()));
            t.stringColumn("layer").append(l.name());
            t.stringColumn("type").append(l.type());
            t.stringColumn("pruned").append(isPruned ? "yes" : "no");
            t.longColumn("weights").append(w.length);
            t.longColumn("zeros").append(zeros);
            t.doubleColumn("sparsity %").append(Math.round(1000.0 * zeros / w.length) / 10.0);
            t.longColumn("nonzero biases").append(biases);
        }
        return SignificantDigits.apply(t);
    }

    /**
     * Writes the pruned model stored sparse ({@link Net#saveSparse}: header {@code CNNLAB-NET 2}, architecture,
     * SHA-256; per parameter a bitmap of nonzeros and the nonzero float32 values), atomically.
     *
     * @throws dev.cnnlab.nn.ModelException if it cannot be written
     */
    public void save(Path file) {
        net.saveSparse(file);
    }

    /** Bytes of the file {@link #save} writes (header included). */
    public long fileBytes() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("cnnlab-size-");
            Path f = dir.resolve("pruned.params");
            save(f);
            long size = Files.size(f);
            Files.delete(f);
            return size;
        } catch (IOException e) {
            throw new CompressionException("cannot measure the sparse file of '" + net.name() + "': " + e.getMessage(), e);
        } finally {
            if (dir != null) dir.toFile().delete();
        }
    }

    /**
     * Reads a pruned model written by {@link #save} into a copy of {@code architecture} (same layers; its weights
     * are not used and not changed). Every conv2d/dense layer with zero weights counts as pruned, and its zeros
     * become its mask, so {@link #fineTune} keeps them zero.
     *
     * @throws dev.cnnlab.nn.ModelException if the file is missing, a dense or int8 model file (named as such), made
     *                                      for another architecture, or damaged
     */
    public static PrunedNet load(Path file, Net architecture) {
        Net copy = architecture.withWidths(Map.of());
        try {
            copy.loadSparse(file);
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        }
        List<Layer> pruned = copy.weightedLayers().stream().filter(l -> hasZero(l.weight().getArray())).toList();
        return new PrunedNet(copy, PruningMasks.ofNonzeros(pruned), zeroFraction(pruned), null, new double[0]);
    }

    private static boolean hasZero(NDArray w) {
        for (float v : w.toFloatArray()) if (v == 0f) return true;
        return false;
    }

    /** Shows the sparsity table (in a notebook as HTML). */
    public void show() {
        Display.show(this);
    }

    @Override
    public String toHtml() {
        return "<div><b>" + this + "</b>" + Html.table(sparsityTable()) + "</div>";
    }

    @Override
    public String toString() {
        return String.format("PrunedNet[%s, %.1f %% of pruned weights zero, %s threshold%s]", net.name(),
                100 * sparsity(), thresholdText(),
                losses.length == 0 ? ", one-shot" : ", fine-tuned " + losses.length + " epoch(s)");
    }

    private String thresholdText() {
        return perLayer == null ? "file (unknown)" : perLayer ? "per-layer" : "global";
    }

    /** Frees the pruned copy. */
    @Override
    public void close() {
        net.close();
    }
}
