package dev.cnnlab.viz;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.cnnlab.data.DetectionData;
import dev.cnnlab.detect.BoxPainter;
import dev.cnnlab.detect.Detection;
import dev.cnnlab.detect.DetectionDecoder;
import dev.cnnlab.detect.Detector;
import dev.cnnlab.detect.GroundTruth;
import dev.cnnlab.detect.Nms;
import dev.cnnlab.display.Html;
import dev.cnnlab.display.HtmlRenderable;
import dev.cnnlab.widgets.FloatSlider;
import dev.cnnlab.widgets.Interact;
import dev.cnnlab.widgets.Widgets;

/**
 * Lesson 09: an IoU threshold and a score threshold for the candidate boxes of one image; shows the boxes that
 * survive: first every candidate scoring below the score threshold goes, then class-wise {@link Nms} drops every
 * box that overlaps a kept, higher-scoring box of its class by more than the IoU threshold.
 *
 * <pre>{@code
 * NmsExplorer.of(detector, test, 0).show()          // the detector's candidates before NMS, on test image 0
 * NmsExplorer.of(image, candidates, classNames).view(0.5f, 0.4f).kept()
 * }</pre>
 */
public final class NmsExplorer {
    /** Candidates scoring below this are not collected from a detector (the slider's lower end). */
    public static final float CANDIDATE_MIN_SCORE = 0.05f;
    /** At most this many candidates, the best-scoring ones, are collected from a detector. */
    public static final int MAX_CANDIDATES = 300;

    private final BufferedImage image;
    private final List<Detection> candidates;
    private final List<String> classNames;
    private final List<GroundTruth> truth;

    private NmsExplorer(BufferedImage image, List<Detection> candidates, List<String> classNames, List<GroundTruth> truth) {
        if (image == null) throw new IllegalArgumentException("image is null");
        if (candidates == null) throw new IllegalArgumentException("candidates is null: give a (possibly empty) list");
        this.image = image;
        this.candidates = List.copyOf(candidates);
        this.classNames = classNames;
        this.truth = truth == null ? List.of() : List.copyOf(truth);
    }

    /** An explorer of {@code candidates} (pixel boxes of {@code image}, before NMS). */
    public static NmsExplorer of(BufferedImage image, List<Detection> candidates, List<String> classNames) {
        return new NmsExplorer(image, candidates, classNames, null);
    }

    /**
     * An explorer of {@code detector}'s candidates for image {@code i} of {@code data}: its predictions with NMS
     * switched off (the {@value #MAX_CANDIDATES} best scoring at least {@value #CANDIDATE_MIN_SCORE}), drawn with
     * the image's true boxes. The detector's own decoder is left as it was.
     */
    public static NmsExplorer of(Detector detector, DetectionData data, int i) {
        if (i < 0 || i >= data.size()) {
            throw new IllegalArgumentException("image " + i + " is outside the " + data.size() + " images of the data");
        }
        DetectionDecoder own = detector.decoder();
        List<Detection> raw;
        try {
            // IoU threshold 1: no box overlaps another by more than all of it, so NMS keeps everything
            detector.decoder(own.nmsThreshold(1f).minScore(CANDIDATE_MIN_SCORE).maxDetections(MAX_CANDIDATES));
            int per = 3 * data.imageSize() * data.imageSize();
            raw = detector.predict(Arrays.copyOfRange(data.pixels(), i * per, (i + 1) * per));
        } finally {
            detector.decoder(own);
        }
        return new NmsExplorer(data.image(i), raw, detector.classNames(), GroundTruth.of(data, i));
    }

    /** The candidate boxes, before any threshold. */
    public List<Detection> candidates() {
        return candidates;
    }

    /**
     * The boxes kept at these thresholds.
     *
     * @param iouThreshold a box overlapping a kept box of its class by more than this is dropped, in [0, 1]
     * @param minScore     candidates scoring below this are dropped first
     * @throws IllegalArgumentException if {@code iouThreshold} is outside [0, 1] or a threshold is NaN
     */
    public View view(float iouThreshold, float minScore) {
        if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("the IoU threshold must be in [0, 1], got " + iouThreshold);
        }
        if (Float.isNaN(minScore)) throw new IllegalArgumentException("the score threshold is NaN");
        List<Integer> above = new ArrayList<>();
        for (int q = 0; q < candidates.size(); q++) if (candidates.get(q).score() >= minScore) above.add(q);
        float[][] boxes = new float[above.size()][];
        float[] scores = new float[above.size()];
        int[] classes = new int[above.size()];
        for (int q = 0; q < above.size(); q++) {
            Detection d = candidates.get(above.get(q));
            boxes[q] = d.box().toArray();
            scores[q] = d.score();
            classes[q] = d.cls();
        }
        int[] keep = Nms.classWise(boxes, scores, classes, iouThreshold);
        int[] kept = new int[keep.length];
        for (int q = 0; q < keep.length; q++) kept[q] = above.get(keep[q]);
        return new View(this, iouThreshold, minScore, kept, candidates.size() - above.size());
    }

    /** The default view: IoU threshold 0.5, score threshold 0.4. */
    public View view() {
        return view(0.5f, 0.4f);
    }

    /**
     * Sliders for the IoU threshold (0–1) and the score threshold (0–1), steps of 0.05, above an output showing
     * {@link #view(float, float)}; it starts at {@link #view()} (0.5 and 0.4), also what a run without a front
     * end shows.
     */
    public Interact widget() {
        var iou = new FloatSlider("IoU threshold", 0.5, 0, 1).step(0.05);
        var score = new FloatSlider("min score", 0.4, 0, 1).step(0.05);
        return Widgets.interact(() -> view((float) iou.value(), (float) score.value()), iou, score);
    }

    /**
     * What the explorer shows for one pair of thresholds.
     *
     * @param explorer     the candidates and the image
     * @param iouThreshold the IoU threshold used
     * @param minScore     the score threshold used
     * @param kept         indices into {@link NmsExplorer#candidates()} of the kept boxes, best score first
     * @param belowScore   how many candidates scored below {@code minScore}
     */
    public record View(NmsExplorer explorer, float iouThreshold, float minScore, int[] kept, int belowScore)
            implements HtmlRenderable {
        /** The kept boxes, best score first. */
        public List<Detection> keptDetections() {
            List<Detection> out = new ArrayList<>();
            for (int q : kept) out.add(explorer.candidates.get(q));
            return out;
        }

        /** The image with the true boxes (green) and the kept boxes (orange, with class and score). */
        public BufferedImage render() {
            BoxPainter p = BoxPainter.on(explorer.image).truth(explorer.truth).predictions(keptDetections());
            if (explorer.classNames != null) p.classNames(explorer.classNames);
            return p.render();
        }

        /** "12 candidates: 5 below score 0.40, 4 removed by NMS at IoU > 0.50, 3 kept". */
        public String summary() {
            int n = explorer.candidates.size();
            return String.format("%d candidates: %d below score %.2f, %d removed by NMS at IoU > %.2f, %d kept", n,
                    belowScore, minScore, n - belowScore - kept.length, iouThreshold, kept.length);
        }

        @Override
        public String toHtml() {
            return "<div style=\"font-family:sans-serif\"><div>" + Html.escape(summary()) + "</div>"
                    + Html.image(render()) + "</div>";
        }

        @Override
        public String toString() {
            return summary() + "; kept " + Arrays.toString(kept);
        }
    }
}
