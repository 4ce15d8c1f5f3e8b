package dev.cnnlab.compress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;

import dev.cnnlab.nn.Layer;

/**
 * One 0/1 mask per pruned layer, the same shape as its weights. Multiplying the weights by the mask after every
 * optimizer step keeps pruned weights at exactly zero while the others are fine-tuned (Han et al. 2015).
 */
final class PruningMasks {
    private final Map<Layer, NDArray> masks = new LinkedHashMap<>();

    /** The pruned layers, in order. */
    List<Layer> layers() {
        return new ArrayList<>(masks.keySet());
    }

    /**
     * Zeroes the smallest-magnitude weights so that exactly {@code round(sparsity * n)} weights of each layer are
     * zero ({@code perLayer}), or of all the layers together (global threshold). Ties at the threshold are broken
     * by position, so the count is exact. Already-zero weights count as the smallest, so pruning only grows.
     */
    static PruningMasks magnitude(List<Layer> layers, double sparsity, boolean perLayer) {
        PruningMasks m = new PruningMasks();
        List<float[]> weights = new ArrayList<>();
        for (Layer l : layers) weights.add(l.weight().getArray().toFloatArray());
        List<boolean[]> zero = new ArrayList<>();
        if (perLayer) {
            for (float[] w : weights) zero.add(smallest(List.of(w), sparsity).get(0));
        } else {
            zero = smallest(weights, sparsity);
        }
        for (int i = 0; i < layers.size(); i++) {
            NDArray w = layers.get(i).weight().getArray();
            float[] mask = new float[weights.get(i).length];
            boolean[] z = zero.get(i);
            for (int j = 0; j < mask.length; j++) mask[j] = z[j] ? 0f : 1f;
            NDArray array = w.getManager().create(mask, w.getShape());
            m.masks.put(layers.get(i), array);
        }
        return m;
    }

    /** Masks that keep the weights that are nonzero now (a pruned model read back from its file). */
    static PruningMasks ofNonzeros(List<Layer> layers) {
        PruningMasks m = new PruningMasks();
        for (Layer l : layers) {
            NDArray w = l.weight().getArray();
            m.masks.put(l, w.neq(0f).toType(w.getDataType(), false));
        }
        return m;
    }

    /** Marks exactly round(s * total) entries with the smallest |w| across the given arrays. */
    private static List<boolean[]> smallest(List<float[]> arrays, double s) {
        int total = arrays.stream().mapToInt(a -> a.length).sum();
        int k = (int) Math.round(s * total);
        float[] all = new float[total];
        int o = 0;
        for (float[] a : arrays) for (float v : a) all[o++] = Math.abs(v);
        float[] sorted = all.clone();
        Arrays.sort(sorted);
        float threshold = k == 0 ? -1f : sorted[k - 1];
        int below = 0;
        for (float v : all) if (v < threshold) below++;
        int atThreshold = k - below; // how many of the values equal to the threshold to zero, first come first
        List<boolean[]> out = new ArrayList<>();
        for (float[] a : arrays) {
            boolean[] z = new boolean[a.length];
            for (int j = 0; j < a.length; j++) {
                float v = Math.abs(a[j]);
                if (v < threshold) z[j] = true;
                else if (v == threshold && atThreshold > 0) {
                    z[j] = true;
                    atThreshold--;
                }
            }
            out.add(z);
        }
        return out;
    }

    /** Multiplies every pruned layer's weights by its mask, in place. */
    void apply() {
        masks.forEach((l, m) -> l.weight().getArray().muli(m));
    }

    /** Number of zeros in the mask of {@code layer}. */
    long zeros(Layer layer) {
        NDArray m = masks.get(layer);
        return m.size() - (long) m.sum().getFloat();
    }
}
