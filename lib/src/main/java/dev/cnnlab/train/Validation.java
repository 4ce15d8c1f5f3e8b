package dev.cnnlab.train;

import dev.cnnlab.data.ImageData;
import dev.cnnlab.nn.Net;

/** Loss, accuracy and top-k of a model on a dataset, computed from its raw outputs (logits) on the host. */
final class Validation {
    private Validation() {}

    /** {loss, accuracy, top-k accuracy (NaN if k == 0)}. */
    static double[] measure(Net net, ImageData data, int k) {
        float[][] logits = net.logits(data);
        int[] labels = data.labels();
        double loss = 0;
        long hits = 0, topHits = 0;
        for (int i = 0; i < logits.length; i++) {
            float[] z = logits[i];
            int y = labels[i];
            if (z.length == 1) {
                double v = z[0];
                loss += Math.max(v, 0) - v * y + Math.log1p(Math.exp(-Math.abs(v))); // stable BCE with logits
                if ((v >= 0 ? 1 : 0) == y) hits++;
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (float v : z) max = Math.max(max, v);
                double sum = 0;
                for (float v : z) sum += Math.exp(v - max);
                loss += max + Math.log(sum) - z[y];
                int rank = 0;
                for (float v : z) if (v > z[y]) rank++;
                if (rank == 0) hits++;
                if (rank < k) topHits++;
            }
        }
        int n = logits.length;
        return new double[] {loss / n, hits / (double) n, k > 0 && logits[0].length > 1 ? topHits / (double) n : Double.NaN};
    }

}
