package dev.cnnlab.detect;

import java.util.Random;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cnnlab.data.DetectionData;

/**
 * A batch of images with their anchor targets, gathered on the host: pixels copied from a dataset (optionally
 * mirrored left-right, boxes mirrored with them) and, per image, {@link AnchorAssignment#targets} at IoU 0.5.
 */
final class TargetBatch {
    final float[] pixels;
    final float[] classes;
    final float[] offsets;
    final float[] mask;
    final int count;
    private final int size;
    private final int anchorCount;

    private TargetBatch(int count, int size, int anchorCount) {
        this.count = count;
        this.size = size;
        this.anchorCount = anchorCount;
        pixels = new float[count * 3 * size * size];
        classes = new float[count * anchorCount];
        offsets = new float[count * anchorCount * 4];
        mask = new float[count * anchorCount * 4];
    }

    /**
     * Images {@code indices[from..from+count)} of {@code data}; each mirrored with probability 1/2 when
     * {@code random} is not null.
     */
    static TargetBatch of(DetectionData data, int[] indices, int from, int count, float[][] anchors,
                          BoxCoder coder, Random random) {
        int size = data.imageSize(), plane = size * size, per = 3 * plane;
        TargetBatch b = new TargetBatch(count, size, anchors.length);
        float[] all = data.pixels();
        for (int i = 0; i < count; i++) {
            int k = indices[from + i];
            float[][] boxes = data.normalisedBoxes(k);
            boolean flip = random != null && random.nextBoolean();
            if (flip) {
                for (int p = 0; p < 3 * size; p++) {  // each row of each channel, reversed
                    int src = k * per + p * size, dst = i * per + p * size;
                    for (int x = 0; x < size; x++) b.pixels[dst + x] = all[src + size - 1 - x];
                }
                for (float[] box : boxes) {
                    float x1 = box[0];
                    box[0] = 1 - box[2];
                    box[2] = 1 - x1;
                }
            } else {
                System.arraycopy(all, k * per, b.pixels, i * per, per);
            }
            AnchorAssignment.Targets t = AnchorAssignment.targets(anchors, boxes, data.labels(k), 0.5f, coder);
            for (int a = 0; a < anchors.length; a++) b.classes[i * anchors.length + a] = t.classes()[a];
            System.arraycopy(t.offsetsFlat(), 0, b.offsets, i * anchors.length * 4, anchors.length * 4);
            System.arraycopy(t.maskFlat(), 0, b.mask, i * anchors.length * 4, anchors.length * 4);
        }
        return b;
    }

    /** The images as (N, 3, S, S). */
    ai.djl.ndarray.NDArray images(NDManager m) {
        return m.create(pixels, new Shape(count, 3, size, size));
    }

    /** The labels {@link SsdLoss} expects: classes (N, A), offsets (N, 4A), mask (N, 4A). */
    NDList labels(NDManager m) {
        return new NDList(m.create(classes, new Shape(count, anchorCount)),
                m.create(offsets, new Shape(count, anchorCount * 4L)),
                m.create(mask, new Shape(count, anchorCount * 4L)));
    }
}
