package dev.cnnlab.detect;

import java.util.Random;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.cnnlab.train.BatchSource;
import dev.cnnlab.data.DetectionData;

/**
 * A detector's training batches for Fit's loop: images with their anchor targets ({@link TargetBatch}), built on
 * the host, each image mirrored left-right at random (boxes with it) when asked.
 */
final class TargetBatches implements BatchSource {
    private final DetectionData data;
    private final float[][] anchors;
    private final boolean flip;
    private final BoxCoder coder = BoxCoder.standard();
    private int[] order;

    TargetBatches(DetectionData data, float[][] anchors, boolean flip) {
        this.data = data;
        this.anchors = anchors;
        this.flip = flip;
    }

    @Override
    public int size() {
        return data.size();
    }

    @Override
    public void order(int[] permutation) {
        order = permutation;
    }

    @Override
    public Batch batch(NDManager manager, int from, int to, Random random) {
        TargetBatch b = TargetBatch.of(data, order, from, to - from, anchors, coder, flip ? random : null);
        return new Batch(new NDList(b.images(manager)), b.labels(manager));
    }

    @Override
    public String describe() {
        return "batches built on the host: anchors matched to boxes at IoU 0.5"
                + (flip ? ", images mirrored at random" : "");
    }
}
