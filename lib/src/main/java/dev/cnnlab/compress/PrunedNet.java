package dev.cnnlab.compress;

import java.util.List;

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
 */
public final class PrunedNet implements CompressedClassifier, HtmlRenderable, AutoCloseable {
    private final Net net;
    private final PruningMasks masks;
    private final double target;
    private final boolean perLayer;
    private final double[] losses;

    PrunedNet(Net net, PruningMasks masks, double target, boolean perLayer, double[] losses) {
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
        long zeros = 0, total = 0;
        for (Layer l : masks.layers()) {
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
        Table t = Table.create("sparsity per layer (" + (perLayer ? "per-layer" : "global") + " threshold, target "
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
                100 * sparsity(), perLayer ? "per-layer" : "global",
                losses.length == 0 ? ", one-shot" : ", fine-tuned " + losses.length + " epoch(s)");
    }

    /** Frees the pruned copy. */
    @Override
    public void close() {
        net.close();
    }
}
