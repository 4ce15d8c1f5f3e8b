package dev.cnnlab.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads oneDNN's verbose log ({@code DNNL_VERBOSE=1} / {@code ONEDNN_VERBOSE=1}): one {@code exec} line per
 * primitive run, with the implementation oneDNN chose and the time it took. Both engines print it: MXNet's
 * oneDNN as {@code dnnl_verbose,exec,cpu,...}, PyTorch's as {@code onednn_verbose,exec,cpu,...} (oneDNN 3 adds a
 * {@code primitive} field before {@code exec}, and 3.4 on a log version: {@code onednn_verbose,v1,primitive,exec,...}). Lines are summed by what they computed (primitive, propagation,
 * problem), keeping only problems of the training batch size, so evaluation batches and weight reorders stay out.
 */
final class OneDnnVerbose {
    /** What a primitive computed: {@code convolution}, {@code backward_weights}, {@code mb64_ic1oc32_...}. */
    record Key(String primitive, String propagation, String problem) {
        @Override
        public String toString() {
            return primitive + " " + propagation.replace("_", " ") + " " + problem;
        }
    }

    /** Time and calls of one {@link Key}, and the implementations oneDNN chose for it. */
    static final class Total {
        double ms;
        int calls;
        final Set<String> impls = new TreeSet<>();
    }

    private final int batch;
    private final Map<Key, Total> totals = new LinkedHashMap<>();

    /** Keeps the problems whose minibatch is {@code batch}. */
    OneDnnVerbose(int batch) {
        this.batch = batch;
    }

    /** True when {@code line} is a verbose line (counted if it is an exec line of the batch size). */
    boolean accept(String line) {
        if (!line.startsWith("dnnl_verbose,") && !line.startsWith("onednn_verbose,")) return false;
        String[] f = line.split(",", -1);
        int exec = -1;
        for (int i = 1; i < Math.min(4, f.length); i++) if (f[i].equals("exec")) exec = i;
        if (exec < 0 || f.length < exec + 6) return true;  // info, create or a format we do not know
        String problem = f[f.length - 2].trim();
        if (!problem.startsWith("mb" + batch + "_") && !problem.startsWith("mb" + batch + "ic")
                && !problem.startsWith(batch + "x")) return true;
        double ms;
        try {
            ms = Double.parseDouble(f[f.length - 1].trim());
        } catch (NumberFormatException e) {
            return true;
        }
        Total t = totals.computeIfAbsent(new Key(f[exec + 2], f[exec + 4], problem), k -> new Total());
        t.ms += ms;
        t.calls++;
        t.impls.add(f[exec + 3]);
        return true;
    }

    /** The sums so far, in the order the primitives first ran. */
    Map<Key, Total> totals() {
        return totals;
    }

    /** All counted time, in ms. */
    double totalMs() {
        return totals.values().stream().mapToDouble(t -> t.ms).sum();
    }
}
