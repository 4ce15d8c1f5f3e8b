package dev.cnnlab.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the raw outputs of an anchor-based detector (SSD) for one image into a short list of
 * {@link Detection}s:
 * <ol>
 *   <li>decode each anchor's predicted offsets into a box ({@link BoxCoder#decode});</li>
 *   <li>for every anchor and every object class {@code c}, a candidate with score
 *       {@code p(c + 1)} (column 0 of the scores is background) if it is at least {@code minScore};</li>
 *   <li>class-wise non-maximum suppression ({@link Nms#classWise});</li>
 *   <li>keep the {@code maxDetections} highest-scoring ones, and scale boxes from [0, 1] to pixels,
 *       clipped to the image.</li>
 * </ol>
 * Unlike d2l's {@code multibox_detection}, which keeps only each anchor's best class, an anchor may
 * propose several classes (as in the SSD paper); NMS sorts it out. Immutable: the settings methods
 * return a new decoder.
 *
 * <pre>{@code
 * var decoder = DetectionDecoder.standard().minScore(0.3f);
 * List<Detection> found = decoder.decode(0, anchors, offsets, probabilities, 128);
 * }</pre>
 */
public final class DetectionDecoder {
    private final BoxCoder coder;
    private final float nmsThreshold;
    private final float minScore;
    private final int maxDetections;

    private DetectionDecoder(BoxCoder coder, float nmsThreshold, float minScore, int maxDetections) {
        this.coder = coder;
        this.nmsThreshold = nmsThreshold;
        this.minScore = minScore;
        this.maxDetections = maxDetections;
    }

    /** Variances (0.1, 0.2), NMS at IoU 0.45, scores from 0.01, at most 100 detections per image. */
    public static DetectionDecoder standard() {
        return new DetectionDecoder(BoxCoder.standard(), 0.45f, 0.01f, 100);
    }

    /** The same decoder with another box coder. */
    public DetectionDecoder coder(BoxCoder boxCoder) {
        if (boxCoder == null) throw new DetectionException("coder is null");
        return new DetectionDecoder(boxCoder, nmsThreshold, minScore, maxDetections);
    }

    /** The same decoder with another NMS IoU threshold. */
    public DetectionDecoder nmsThreshold(float iou) {
        if (!(iou >= 0 && iou <= 1)) throw new DetectionException("NMS threshold must be in [0, 1], got " + iou);
        return new DetectionDecoder(coder, iou, minScore, maxDetections);
    }

    /** The same decoder keeping only candidates scoring at least {@code score}. */
    public DetectionDecoder minScore(float score) {
        if (Float.isNaN(score)) throw new DetectionException("minScore is NaN");
        return new DetectionDecoder(coder, nmsThreshold, score, maxDetections);
    }

    /** The same decoder returning at most {@code max} detections per image. */
    public DetectionDecoder maxDetections(int max) {
        if (max <= 0) throw new DetectionException("maxDetections must be positive, got " + max);
        return new DetectionDecoder(coder, nmsThreshold, minScore, max);
    }

    /**
     * Detections of one image.
     *
     * @param image image index written into each {@link Detection}
     * @param anchors anchor boxes, normalised corners ({@link Anchors#corners})
     * @param offsets predicted offsets, one row per anchor
     * @param scores class probabilities per anchor, {@code 1 + numClasses} columns, column 0 background
     * @param imageSize side of the (square) image: boxes are multiplied by it and clipped to {@code [0, imageSize]}
     * @return detections by descending score, classes {@code 0..numClasses-1}
     * @throws DetectionException if the array lengths disagree
     */
    public List<Detection> decode(int image, float[][] anchors, float[][] offsets, float[][] scores, float imageSize) {
        if (scores == null || scores.length != anchors.length) {
            throw new DetectionException(anchors.length + " anchors but " + (scores == null ? 0 : scores.length)
                    + " rows of class scores");
        }
        float[][] boxes = Boxes.clip(coder.decode(anchors, offsets), 0f, 1f);
        List<float[]> candBoxes = new ArrayList<>();
        List<Float> candScores = new ArrayList<>();
        List<Integer> candClasses = new ArrayList<>();
        for (int a = 0; a < anchors.length; a++) {
            float[] p = scores[a];
            if (p == null || p.length < 2 || (a > 0 && p.length != scores[0].length)) {
                throw new DetectionException("scores[" + a + "]: expected " + (a > 0 ? scores[0].length : "at least 2")
                        + " columns (background + classes), got " + (p == null ? 0 : p.length));
            }
            for (int c = 1; c < p.length; c++) {
                if (Float.isNaN(p[c])) throw new DetectionException("scores[" + a + "][" + c + "] is NaN");
                if (p[c] >= minScore) {
                    candBoxes.add(boxes[a]);
                    candScores.add(p[c]);
                    candClasses.add(c - 1);
                }
            }
        }
        int n = candBoxes.size();
        float[][] b = candBoxes.toArray(new float[0][]);
        float[] s = new float[n];
        int[] cls = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = candScores.get(i);
            cls[i] = candClasses.get(i);
        }
        int[] keep = Nms.classWise(b, s, cls, nmsThreshold);
        List<Detection> out = new ArrayList<>(Math.min(keep.length, maxDetections));
        for (int q = 0; q < keep.length && q < maxDetections; q++) {
            float[] k = b[keep[q]];
            out.add(new Detection(image, cls[keep[q]], s[keep[q]],
                    new Box(k[0] * imageSize, k[1] * imageSize, k[2] * imageSize, k[3] * imageSize)));
        }
        return out;
    }

    @Override
    public String toString() {
        return "DetectionDecoder[" + coder + ", NMS IoU " + nmsThreshold + ", minScore " + minScore + ", max "
                + maxDetections + "]";
    }
}
