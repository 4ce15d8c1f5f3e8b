package dev.cnnlab.compress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.cnnlab.nn.Layer;
import dev.cnnlab.nn.Net;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import dev.cnnlab.display.SignificantDigits;

/**
 * Structured pruning by filter norms (Li et al. 2017, "Pruning Filters for Efficient ConvNets"): in each chosen
 * conv layer the filters with the smallest L1 norm (sum of |w| over the whole filter) are removed, together with
 * the input channels of the next layer that read their feature maps (the next conv's kernels, or after
 * {@code flatten} the dense layer's matching input columns). The result is a genuinely smaller model: fewer
 * channels, fewer parameters, fewer multiply-accumulates, faster on any hardware.
 *
 * <pre>{@code
 * Net small = FilterPruning.of(net).remove("conv2d", 0.5).remove("conv2d_1", 0.5).run();
 * small.summary();                           // 16 and 32 filters instead of 32 and 64
 * Fit.of(small).adam(1e-3).epochs(2).run(train, test);   // fine-tune: it is an ordinary Net
 * small.save(Path.of("pruned.params"));
 * }</pre>
 *
 * The original model is not changed. Before fine-tuning, the smaller model computes exactly what the original
 * computed with those filters' outputs set to zero.
 */
public final class FilterPruning {
    private final Net original;
    private final Map<String, Double> fractions = new LinkedHashMap<>();

    private FilterPruning(Net net) {
        this.original = Objects.requireNonNull(net, "net");
    }

    /** Starts configuring filter pruning of (a copy of) {@code net}. */
    public static FilterPruning of(Net net) {
        return new FilterPruning(LayerLookup.plain(net, "filter pruning"));
    }

    /**
     * Removes {@code fraction} of the filters of conv layer {@code layer} (at least one filter is kept).
     *
     * @throws CompressionException if the fraction is outside [0, 1), the layer does not exist, is not a conv
     *                              layer, or is the last layer with weights (its outputs are the model's outputs)
     */
    public FilterPruning remove(String layer, double fraction) {
        MagnitudePruning.checkSparsity("fraction of filters to remove from " + layer, fraction);
        Layer w = LayerLookup.weighted(original, layer, "prune");
        List<Layer> all = original.weightedLayers();
        if (w.kind() != Layer.Kind.CONV2D) {
            throw new CompressionException("filter pruning removes conv filters; layer '" + layer + "' is " + w.type()
                    + " (use MagnitudePruning for dense layers); conv layers: " + convNames(all));
        }
        if (all.indexOf(w) == all.size() - 1) {
            throw new CompressionException("layer '" + layer + "' is the last layer with weights: its filters are the "
                    + "model's outputs and cannot be removed");
        }
        fractions.put(layer, fraction);
        return this;
    }

    /** Removes {@code fraction} of the filters of every conv layer that is followed by another weighted layer. */
    public FilterPruning removeFromAll(double fraction) {
        List<Layer> all = original.weightedLayers();
        for (int i = 0; i < all.size() - 1; i++) if (all.get(i).kind() == Layer.Kind.CONV2D) remove(all.get(i).name(), fraction);
        if (fractions.isEmpty()) throw new CompressionException("model '" + original.name() + "' has no conv layer to prune");
        return this;
    }

    /** Builds the smaller model and copies the kept weights into it; the original keeps its weights. */
    public Net run() {
        if (fractions.isEmpty()) throw new CompressionException("nothing to prune: call remove(layer, fraction) first");
        List<Layer> layers = original.weightedLayers();
        List<int[]> keepOut = new ArrayList<>();
        Map<String, Integer> widths = new LinkedHashMap<>();
        for (Layer l : layers) {
            int out = (int) l.weight().getArray().getShape().get(0);
            Double f = fractions.get(l.name());
            int[] keep = f == null ? IntStream.range(0, out).toArray() : strongest(l, out, f, new ArrayList<>());
            if (f != null) widths.put(l.name(), keep.length);
            keepOut.add(keep);
        }
        Net small = original.withWidths(widths);
        try {
            List<Layer> target = small.weightedLayers();
            var from = original.block().getChildren();
            var to = small.block().getChildren();
            int[] channels = null; // kept output channels of the previous weighted layer
            int prevOut = (int) original.inputShape().get(0);
            int next = 0;
            for (int b = 0; b < from.size(); b++) {
                if (next < layers.size() && layers.get(next).block() == from.get(b).getValue()) {
                    Layer l = layers.get(next);
                    int[] in = channels == null ? null : inputsFor(l, channels, prevOut);
                    copyWeighted(l, target.get(next), keepOut.get(next), in);
                    channels = keepOut.get(next);
                    prevOut = (int) l.weight().getArray().getShape().get(0);
                    next++;
                } else {
                    copyOther(from.get(b).getValue(), to.get(b).getValue(), channels, prevOut);
                }
            }
            return small;
        } catch (RuntimeException e) {
            small.close();
            throw e;
        }
    }

    /**
     * One row per filter of the layers to prune, {@code layer, filter, L1 norm, kept}, strongest first: the
     * filters {@link #run()} keeps and removes. It reads the original's weights, so it can be shown before or
     * after {@code run()}.
     *
     * @throws CompressionException if no layer was chosen (call {@code remove} or {@code removeFromAll} first)
     */
    public Table ranking() {
        if (fractions.isEmpty()) {
            throw new CompressionException("nothing to rank: call remove(layer, fraction) or removeFromAll(fraction) first");
        }
        List<Object[]> ranking = new ArrayList<>();
        for (Layer l : original.weightedLayers()) {
            Double f = fractions.get(l.name());
            if (f != null) strongest(l, (int) l.weight().getArray().getShape().get(0), f, ranking);
        }
        Table t = Table.create("filters ranked by L1 norm", StringColumn.create("layer"), IntColumn.create("filter"),
                DoubleColumn.create("L1 norm"), StringColumn.create("kept"));
        for (Object[] r : ranking) {
            t.stringColumn("layer").append((String) r[0]);
            t.intColumn("filter").append((Integer) r[1]);
            t.doubleColumn("L1 norm").append(Math.round((Double) r[2] * 1e4) / 1e4);
            t.stringColumn("kept").append((Boolean) r[3] ? "yes" : "no");
        }
        return SignificantDigits.apply(t);
    }

    /** L1 norm of each filter of a conv layer (sum of |w| over input channels and kernel positions). */
    static double[] filterNorms(Layer l) {
        float[] w = l.weight().getArray().toFloatArray();
        int out = (int) l.weight().getArray().getShape().get(0), per = w.length / out;
        double[] norms = new double[out];
        for (int o = 0; o < out; o++) for (int j = 0; j < per; j++) norms[o] += Math.abs(w[o * per + j]);
        return norms;
    }

    /** Indices of the filters to keep, in their original order. */
    private static int[] strongest(Layer l, int out, double fraction, List<Object[]> ranking) {
        double[] norms = filterNorms(l);
        int keep = Math.max(1, out - (int) Math.round(fraction * out));
        Integer[] order = IntStream.range(0, out).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer o) -> -norms[o]).thenComparingInt(o -> o));
        boolean[] kept = new boolean[out];
        for (int i = 0; i < keep; i++) kept[order[i]] = true;
        for (Integer o : order) ranking.add(new Object[] {l.name(), o, norms[o], kept[o]});
        return IntStream.range(0, out).filter(o -> kept[o]).toArray();
    }

    /** Input indices of {@code l} that read the kept channels: channels for a conv, column blocks after flatten. */
    private static int[] inputsFor(Layer l, int[] channels, int prevOut) {
        if (l.kind() == Layer.Kind.CONV2D) return channels;
        int features = (int) l.weight().getArray().getShape().get(1);
        if (features == prevOut) return channels; // dense after dense
        int plane = features / prevOut;           // dense after flatten: feature c*plane + j reads channel c
        int[] cols = new int[channels.length * plane];
        for (int i = 0; i < channels.length; i++) for (int j = 0; j < plane; j++) cols[i * plane + j] = channels[i] * plane + j;
        return cols;
    }

    /** Copies rows {@code out} and input slices {@code in} (null: all) of the weight, and the kept biases. */
    private static void copyWeighted(Layer src, Layer dst, int[] out, int[] in) {
        long[] s = src.weight().getArray().getShape().getShape();
        float[] w = src.weight().getArray().toFloatArray();
        int inputs = (int) s[1], per = w.length / (int) s[0], k = per / inputs;
        int[] ins = in == null ? IntStream.range(0, inputs).toArray() : in;
        float[] nw = new float[out.length * ins.length * k];
        int p = 0;
        for (int o : out) for (int i : ins) for (int j = 0; j < k; j++) nw[p++] = w[o * per + i * k + j];
        dst.weight().getArray().set(nw);
        if (src.bias() != null) dst.bias().getArray().set(gather(src.bias().getArray().toFloatArray(), out));
    }

    /** Parameters of other layers (e.g. BatchNorm): per-channel vectors are cut to the kept channels. */
    private static void copyOther(Block src, Block dst, int[] channels, int prevOut) {
        var a = src.getParameters().values();
        var b = dst.getParameters().values();
        for (int i = 0; i < a.size(); i++) {
            Parameter p = a.get(i);
            float[] v = p.getArray().toFloatArray();
            if (p.getArray().getShape().equals(b.get(i).getArray().getShape())) b.get(i).getArray().set(v);
            else if (channels != null && v.length == prevOut) b.get(i).getArray().set(gather(v, channels));
            else throw new CompressionException("cannot carry parameter '" + p.getName() + "' of shape "
                        + p.getArray().getShape() + " into the pruned model");
        }
    }

    private static float[] gather(float[] v, int[] idx) {
        float[] out = new float[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = v[idx[i]];
        return out;
    }

    private static List<String> convNames(List<Layer> all) {
        return all.stream().filter(l -> l.kind() == Layer.Kind.CONV2D).map(Layer::name).toList();
    }
}
