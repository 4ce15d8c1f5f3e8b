package dev.cnnlab.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mean average precision (mAP), the standard score of an object detector, in its Pascal VOC and COCO forms.
 * <p>
 * <b>Per class</b>, detections are ranked by descending score and matched greedily to ground truth of
 * the same class and image; each object can be matched at most once. A matched detection is a true
 * positive, an unmatched one a false positive. The ranked hits give a {@link PrecisionRecallCurve} and
 * its average precision AP. <b>mAP</b> is the mean AP over the classes that have at least one
 * non-difficult object; a class without objects has AP NaN and is left out of the mean (as the VOC
 * and COCO code do: there is nothing to find, so neither 0 nor 1 would be fair).
 * <ul>
 *   <li>{@link #voc}: VOC 2010+, IoU 0.5, all-point interpolation. A detection is matched to the object
 *       it overlaps most; it is a hit if that IoU is {@code > 0.5} (strictly, as in the VOC devkit) and
 *       the object is still unmatched, a false positive if the object was already taken (a duplicate),
 *       and ignored if the object is 'difficult'.</li>
 *   <li>{@link #voc2007}: the same with 11-point interpolation (the VOC 2007 rule).</li>
 *   <li>{@link #coco}: mAP@[.5:.95], the mean over IoU thresholds 0.50, 0.55, ..., 0.95 of the mean AP
 *       over classes, each AP with 101-point interpolation. Matching follows pycocotools: a detection
 *       takes the unmatched object with the highest IoU {@code >= t} (ties: the later object),
 *       preferring ordinary objects to difficult ones (COCO's "ignore" flag); detections matched to a
 *       difficult object are ignored. Only the top {@code maxDetections} (default 100) detections per
 *       image and class count. Area ranges and crowd boxes are not modelled ("area = all").</li>
 * </ul>
 * <b>Equal scores</b> keep the order of the detection list (a stable sort). pycocotools orders ties by
 * image first; the two agree when the list is grouped by ascending image index. The VOC devkit's
 * sort is not stable, so its tie order is arbitrary. <b>No detections</b> give AP 0 for every class
 * with objects. Coordinates are continuous (no VOC "+1" on widths).
 *
 * <pre>{@code
 * var report = MeanAveragePrecision.voc(predictions, truth, 3);
 * report.map();          // e.g. 0.71
 * report.ap(2);          // AP of class 2
 * report.curve(2);       // precision/recall points for PrecisionRecallChart
 * }</pre>
 */
public final class MeanAveragePrecision {
    private MeanAveragePrecision() {}

    /** pycocotools' IoU thresholds, {@code np.linspace(.5, .95, 10)}: {@code 0.5 + i * ((0.95 - 0.5) / 9)}. */
    public static double[] cocoThresholds() {
        double[] t = new double[10];
        for (int i = 0; i < 10; i++) t[i] = i == 9 ? 0.95 : i * ((0.95 - 0.5) / 9) + 0.5;
        return t;
    }

    /** VOC 2010+ mAP at IoU 0.5, all-point interpolation. */
    public static AveragePrecisionReport voc(List<Detection> detections, List<GroundTruth> truth, int numClasses) {
        return voc(detections, truth, numClasses, 0.5, false);
    }

    /** VOC 2007 mAP at IoU 0.5, 11-point interpolation. */
    public static AveragePrecisionReport voc2007(List<Detection> detections, List<GroundTruth> truth, int numClasses) {
        return voc(detections, truth, numClasses, 0.5, true);
    }

    /**
     * VOC-style mAP at any IoU threshold.
     *
     * @param elevenPoint 11-point interpolation (VOC 2007) instead of all-point (VOC 2010+)
     * @throws DetectionException if a class is {@code >= numClasses} or the threshold is outside [0, 1]
     */
    public static AveragePrecisionReport voc(List<Detection> detections, List<GroundTruth> truth, int numClasses,
                                             double iouThreshold, boolean elevenPoint) {
        check(detections, truth, numClasses, iouThreshold);
        Index index = new Index(truth);
        PrecisionRecallCurve[] curves = new PrecisionRecallCurve[numClasses];
        double[] ap = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            curves[c] = vocCurve(byClass(detections, c), index, c, iouThreshold);
            ap[c] = elevenPoint ? curves[c].elevenPointAp() : curves[c].allPointAp();
        }
        String method = (elevenPoint ? "VOC2007 11-point" : "VOC all-point") + " AP@" + iouThreshold;
        return new AveragePrecisionReport(method, new double[] {iouThreshold}, new double[][] {ap},
                List.of(curves), null);
    }

    /** COCO mAP@[.5:.95] with at most 100 detections per image and class. */
    public static AveragePrecisionReport coco(List<Detection> detections, List<GroundTruth> truth, int numClasses) {
        return coco(detections, truth, numClasses, 100);
    }

    /**
     * COCO mAP@[.5:.95]: {@code mAP = (1/10) sum_t (1/|C|) sum_c AP_c(t)} over {@code t = .50:.05:.95} and the
     * classes {@code C} with objects, each {@code AP_c(t)} a {@link PrecisionRecallCurve#cocoAp 101-point AP}.
     *
     * @param maxDetections per image and class, the highest-scoring ones (pycocotools: 100)
     */
    public static AveragePrecisionReport coco(List<Detection> detections, List<GroundTruth> truth, int numClasses,
                                              int maxDetections) {
        check(detections, truth, numClasses, 0.5);
        if (maxDetections <= 0) throw new DetectionException("maxDetections must be positive, got " + maxDetections);
        Index index = new Index(truth);
        double[] thresholds = cocoThresholds();
        double[][] ap = new double[thresholds.length][numClasses];
        PrecisionRecallCurve[] curves = new PrecisionRecallCurve[numClasses];
        for (int c = 0; c < numClasses; c++) {
            List<Detection> ranked = topPerImage(byClass(detections, c), maxDetections);
            for (int t = 0; t < thresholds.length; t++) {
                PrecisionRecallCurve curve = cocoCurve(ranked, index, c, thresholds[t]);
                ap[t][c] = curve.cocoAp();
                if (t == 0) curves[c] = curve;
            }
        }
        return new AveragePrecisionReport("COCO AP@[.5:.95] (101-point)", thresholds, ap, List.of(curves), null);
    }

    // --- matching -------------------------------------------------------------------------------------

    private static PrecisionRecallCurve vocCurve(List<Detection> ranked, Index index, int c, double threshold) {
        Map<Long, boolean[]> taken = new HashMap<>();
        boolean[] hit = new boolean[ranked.size()];
        double[] scores = new double[ranked.size()];
        int n = 0;
        for (Detection d : ranked) {
            List<GroundTruth> objects = index.of(d.image(), c);
            double best = Double.NEGATIVE_INFINITY;
            int m = -1;
            for (int g = 0; g < objects.size(); g++) {
                double iou = iou(d.box(), objects.get(g).box());
                if (iou > best) {  // first of equal IoUs wins
                    best = iou;
                    m = g;
                }
            }
            boolean tp = false;
            if (m >= 0 && best > threshold) {
                if (objects.get(m).difficult()) continue;  // neither hit nor false positive
                boolean[] used = taken.computeIfAbsent(key(d.image(), c), k -> new boolean[objects.size()]);
                tp = !used[m];
                used[m] = true;
            }
            hit[n] = tp;
            scores[n++] = d.score();
        }
        return PrecisionRecallCurve.of(Arrays.copyOf(hit, n), Arrays.copyOf(scores, n), index.positives(c));
    }

    private static PrecisionRecallCurve cocoCurve(List<Detection> ranked, Index index, int c, double threshold) {
        Map<Long, boolean[]> taken = new HashMap<>();
        boolean[] hit = new boolean[ranked.size()];
        double[] scores = new double[ranked.size()];
        int n = 0;
        for (Detection d : ranked) {
            List<GroundTruth> objects = index.ordinaryFirst(d.image(), c);
            boolean[] used = taken.computeIfAbsent(key(d.image(), c), k -> new boolean[objects.size()]);
            double best = Math.min(threshold, 1 - 1e-10);
            int m = -1;
            for (int g = 0; g < objects.size(); g++) {
                if (used[g]) continue;
                // once an ordinary object matched, difficult ones (sorted last) cannot replace it
                if (m >= 0 && !objects.get(m).difficult() && objects.get(g).difficult()) break;
                double iou = iou(d.box(), objects.get(g).box());
                if (iou < best) continue;
                best = iou;
                m = g;
            }
            if (m >= 0) {
                used[m] = true;
                if (objects.get(m).difficult()) continue;  // ignored detection
            }
            hit[n] = m >= 0;
            scores[n++] = d.score();
        }
        return PrecisionRecallCurve.of(Arrays.copyOf(hit, n), Arrays.copyOf(scores, n), index.positives(c));
    }

    private static double iou(Box a, Box b) {
        return Iou.ofDouble(a.x1(), a.y1(), a.x2(), a.y2(), b.x1(), b.y1(), b.x2(), b.y2());
    }

    /** Detections of class c, by descending score; List.sort is stable, so ties keep input order. */
    private static List<Detection> byClass(List<Detection> detections, int c) {
        List<Detection> out = new ArrayList<>();
        for (Detection d : detections) if (d.cls() == c) out.add(d);
        out.sort((a, b) -> Float.compare(b.score() + 0f, a.score() + 0f));  // + 0f: -0.0 ties with 0.0
        return out;
    }

    /** The first {@code max} of each image from a ranked list, keeping the ranking. */
    private static List<Detection> topPerImage(List<Detection> ranked, int max) {
        Map<Integer, Integer> count = new HashMap<>();
        List<Detection> out = new ArrayList<>(ranked.size());
        for (Detection d : ranked) {
            if (count.merge(d.image(), 1, Integer::sum) <= max) out.add(d);
        }
        return out;
    }

    private static long key(int image, int c) {
        return ((long) image << 32) | c;
    }

    private static void check(List<Detection> detections, List<GroundTruth> truth, int numClasses, double iou) {
        if (detections == null) throw new DetectionException("detections is null (pass an empty list for none)");
        if (truth == null) throw new DetectionException("ground truth is null (pass an empty list for none)");
        if (numClasses <= 0) throw new DetectionException("numClasses must be positive, got " + numClasses);
        if (!(iou >= 0 && iou <= 1)) throw new DetectionException("IoU threshold must be in [0, 1], got " + iou);
        for (int i = 0; i < detections.size(); i++) {
            Detection d = detections.get(i);
            if (d == null) throw new DetectionException("detections[" + i + "] is null");
            if (d.cls() >= numClasses) {
                throw new DetectionException("detections[" + i + "]: class " + d.cls() + " but numClasses is "
                        + numClasses + " (classes are 0.." + (numClasses - 1) + ", no background class)");
            }
        }
        for (int i = 0; i < truth.size(); i++) {
            GroundTruth g = truth.get(i);
            if (g == null) throw new DetectionException("truth[" + i + "] is null");
            if (g.cls() >= numClasses) {
                throw new DetectionException("truth[" + i + "]: class " + g.cls() + " but numClasses is " + numClasses);
            }
        }
    }

    /** Ground truth grouped by (image, class), in input order and with ordinary objects first. */
    private static final class Index {
        private final Map<Long, List<GroundTruth>> byKey = new HashMap<>();
        private final Map<Long, List<GroundTruth>> ordinaryFirst = new HashMap<>();
        private final Map<Integer, Integer> positives = new HashMap<>();

        Index(List<GroundTruth> truth) {
            for (GroundTruth g : truth) {
                byKey.computeIfAbsent(key(g.image(), g.cls()), k -> new ArrayList<>()).add(g);
                if (!g.difficult()) positives.merge(g.cls(), 1, Integer::sum);
            }
            for (var e : byKey.entrySet()) {
                List<GroundTruth> sorted = new ArrayList<>(e.getValue());
                sorted.sort((a, b) -> Boolean.compare(a.difficult(), b.difficult()));  // stable
                ordinaryFirst.put(e.getKey(), sorted);
            }
        }

        List<GroundTruth> of(int image, int c) {
            return byKey.getOrDefault(key(image, c), List.of());
        }

        List<GroundTruth> ordinaryFirst(int image, int c) {
            return ordinaryFirst.getOrDefault(key(image, c), List.of());
        }

        int positives(int c) {
            return positives.getOrDefault(c, 0);
        }
    }
}
