/**
 * Object detection on plain float arrays: boxes, anchors, training targets, decoding, NMS and mAP.
 * <p>
 * Boxes are corner format {@code (x1, y1, x2, y2)} everywhere ({@link dev.cnnlab.detect.Boxes} converts);
 * anchors and training targets use normalised coordinates ([0, 1] across the image), metrics and
 * pictures use pixels. The pieces, in the order an SSD uses them:
 * <pre>
 *   SyntheticDetection      images + boxes + classes to learn from
 *   Anchors.grid            default boxes on each feature map cell
 *   AnchorAssignment        which object each anchor must predict (classes + offsets to learn)
 *   BoxCoder                box &lt;-&gt; offsets relative to an anchor
 *   DetectionDecoder        network outputs -&gt; boxes -&gt; Nms -&gt; List&lt;Detection&gt;
 *   MeanAveragePrecision    how good the detections are (VOC, VOC2007, COCO)
 *   viz.BoxPainter, viz.PrecisionRecallChart   pictures of both
 * </pre>
 * and the detector that puts them together:
 * <pre>
 *   TinySsd                 the network: base convolutions, 3 feature maps, class and box heads
 *   SsdLoss                 cross-entropy with hard-negative mining + smooth-L1 on positive anchors
 *   DetectorFit             training with a progress bar, returning a train.History
 *   Detector                create, predict (one image, a batch, a dataset), evaluate, paint, save, load
 * </pre>
 * Bad input (NaN coordinates, {@code x2 < x1}, mismatched lengths or image sizes) throws
 * {@link dev.cnnlab.detect.DetectionException}, an {@code IllegalArgumentException} whose message names the
 * offending box.
 */
package dev.cnnlab.detect;
