package dev.cnnlab.detect;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.cnnlab.nn.ModelFiles;
import dev.cnnlab.device.Devices;
import dev.cnnlab.data.DetectionData;

/**
 * A small single-shot object detector ready to train and use: a {@link TinySsd} network inside a DJL
 * {@link Model}, its anchors, and a {@link DetectionDecoder} (softmax, offsets to boxes, class-wise NMS).
 *
 * <pre>{@code
 * var data = SyntheticDetection.generate(3000, 256, 1);
 * var test = SyntheticDetection.generate(300, 256, 2);
 * Detector det = Detector.create(256, data.classes());
 * History h = DetectorFit.of(det).epochs(10).run(data, test);   // progress bar, History
 * List<Detection> found = det.predict(test.image(0));             // boxes in pixels, classes, scores
 * det.evaluate(test).map();                                        // VOC mAP@0.5
 * det.paint(test, 0);                                              // truth and predictions on the image
 * det.save(Path.of("tiny-ssd.params"));
 * }</pre>
 *
 * Images are {@code 3 x S x S} floats in [0, 1], channels first ({@code S} a multiple of 64, fixed when the
 * detector is made). Boxes come back in pixels of that image.
 */
public final class Detector implements AutoCloseable {
    private static final int PREDICT_BATCH = 64;

    private final int imageSize;
    private final List<String> classNames;
    private final Model model;
    private final TinySsd net;
    private final float[][] anchors;
    private DetectionDecoder decoder = DetectionDecoder.standard();

    private Detector(int imageSize, List<String> classNames, long seed) {
        TinySsd.checkSize(imageSize);
        this.imageSize = imageSize;
        this.classNames = List.copyOf(classNames);
        this.net = new TinySsd(classNames.size());
        this.anchors = TinySsd.anchors(imageSize);
        this.model = Model.newInstance("tiny-ssd", Devices.training().get(0));
        model.setBlock(net);
        Devices.engine().setRandomSeed((int) seed);
        net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, imageSize, imageSize));
        model.setProperty("imageSize", String.valueOf(imageSize));
        model.setProperty("classes", String.join(",", classNames));
    }

    /**
     * A freshly initialised detector (seed 42) for {@code imageSize x imageSize} RGB images and the given classes.
     *
     * @throws DetectionException if the size is not a multiple of 64 or there are no classes
     */
    public static Detector create(int imageSize, List<String> classNames) {
        return create(imageSize, classNames, 42);
    }

    /** The same with another seed for the initial weights (same seed, same weights on the CPU). */
    public static Detector create(int imageSize, List<String> classNames, long seed) {
        if (classNames == null || classNames.isEmpty()) throw new DetectionException("a detector needs at least one class name");
        return new Detector(imageSize, classNames, seed);
    }

    /** Side of the square input images in pixels. */
    public int imageSize() {
        return imageSize;
    }

    /** Class names, indexed by class. */
    public List<String> classNames() {
        return classNames;
    }

    /** Number of object classes (without background). */
    public int numClasses() {
        return classNames.size();
    }

    /** The anchors, normalised corners, in the order of the network's outputs (a copy). */
    public float[][] anchors() {
        float[][] out = new float[anchors.length][];
        for (int i = 0; i < out.length; i++) out[i] = anchors[i].clone();
        return out;
    }

    /** Number of anchors per image (1,344 at 256x256: 16x16, 8x8 and 4x4 cells, 4 anchors each). */
    public int anchorCount() {
        return anchors.length;
    }

    /** Number of learned parameters (BatchNorm running statistics not counted). */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : net.getParameters().values()) if (p.requiresGradient()) n += p.getArray().size();
        return n;
    }

    /** The DJL model (parameters, manager, device). */
    public Model model() {
        return model;
    }

    /** The network block. */
    public TinySsd network() {
        return net;
    }

    /** How outputs become detections (score threshold, NMS IoU, maximum per image). */
    public DetectionDecoder decoder() {
        return decoder;
    }

    /** Uses another decoder, e.g. {@code DetectionDecoder.standard().minScore(0.3f)}; returns this detector. */
    public Detector decoder(DetectionDecoder d) {
        if (d == null) throw new DetectionException("decoder is null");
        decoder = d;
        return this;
    }

    /**
     * Runs the network: {@code NDList(classLogits (N, A, 1 + C), offsets (N, 4A))}.
     *
     * @param training true while training (batch statistics in BatchNorm)
     * @throws DetectionException if the batch is not (N, 3, S, S)
     */
    public NDList forward(NDArray batch, boolean training) {
        Shape s = batch.getShape();
        if (s.dimension() != 4 || s.get(1) != 3 || s.get(2) != imageSize || s.get(3) != imageSize) {
            throw new DetectionException("the detector expects a batch (N, 3, " + imageSize + ", " + imageSize
                    + ") of RGB images, got shape " + s);
        }
        return net.forward(new ParameterStore(batch.getManager(), false), new NDList(batch), training);
    }

    /**
     * Objects found in one image: pixel boxes, classes and scores after class-wise NMS, best first.
     *
     * @param image {@code 3 x S x S} values in [0, 1], channels first
     * @throws DetectionException if the image has the wrong number of values
     */
    public List<Detection> predict(float[] image) {
        checkImage(image);
        return predictBatch(image, 1).get(0);
    }

    /**
     * Objects found in a picture of exactly {@code S x S} pixels.
     *
     * @throws DetectionException if the picture has another size
     */
    public List<Detection> predict(BufferedImage image) {
        if (image.getWidth() != imageSize || image.getHeight() != imageSize) {
            throw new DetectionException("the detector expects " + imageSize + "x" + imageSize + " pixels, got "
                    + image.getWidth() + "x" + image.getHeight() + ": resize or crop the picture first");
        }
        int plane = imageSize * imageSize;
        float[] px = new float[3 * plane];
        for (int y = 0; y < imageSize; y++) {
            for (int x = 0; x < imageSize; x++) {
                int rgb = image.getRGB(x, y), o = y * imageSize + x;
                px[o] = ((rgb >> 16) & 0xFF) / 255f;
                px[o + plane] = ((rgb >> 8) & 0xFF) / 255f;
                px[o + 2 * plane] = (rgb & 0xFF) / 255f;
            }
        }
        return predict(px);
    }

    /**
     * Objects found in each of {@code count} images stored one after another ({@code count x 3 x S x S} values);
     * list {@code i} holds the detections of image {@code i} (their {@code image()} is {@code i}).
     *
     * @throws DetectionException if the number of values is not {@code count x 3 x S x S}
     */
    public List<List<Detection>> predictBatch(float[] images, int count) {
        int per = 3 * imageSize * imageSize;
        if (count <= 0) throw new DetectionException("count must be positive, got " + count);
        if (images == null || images.length != (long) count * per) {
            throw new DetectionException("expected " + count + " images of 3 x " + imageSize + " x " + imageSize
                    + " = " + String.format("%,d", (long) count * per) + " values, got "
                    + (images == null ? 0 : String.format("%,d", images.length)));
        }
        List<List<Detection>> out = new ArrayList<>(count);
        for (int from = 0; from < count; from += PREDICT_BATCH) {
            int n = Math.min(PREDICT_BATCH, count - from);
            try (NDManager sub = model.getNDManager().newSubManager()) {
                float[] x = new float[n * per];
                System.arraycopy(images, from * per, x, 0, n * per);
                NDList y = forward(sub.create(x, new Shape(n, 3, imageSize, imageSize)), false);
                float[] probs = y.get(0).softmax(2).toFloatArray();
                float[] offs = y.get(1).toFloatArray();
                int k = numClasses() + 1, a = anchors.length;
                for (int i = 0; i < n; i++) {
                    float[][] p = new float[a][], t = new float[a][];
                    for (int j = 0; j < a; j++) {
                        int o = i * a + j;
                        p[j] = java.util.Arrays.copyOfRange(probs, o * k, o * k + k);
                        t[j] = java.util.Arrays.copyOfRange(offs, o * 4, o * 4 + 4);
                    }
                    out.add(decoder.decode(from + i, anchors, t, p, imageSize));
                }
            }
        }
        return out;
    }

    /**
     * Detections of every image of {@code data}, in one list ({@code image()} is the index in {@code data}),
     * ready for {@link MeanAveragePrecision}.
     *
     * @throws DetectionException if the set is empty or its images have another size
     */
    public List<Detection> predict(DetectionData data) {
        checkData(data, "predict on");
        List<Detection> all = new ArrayList<>();
        for (List<Detection> d : predictBatch(data.pixels(), data.size())) all.addAll(d);
        return all;
    }

    /** Pascal VOC mAP at IoU 0.5 (all-point) on {@code data}, with class names. */
    public AveragePrecisionReport evaluate(DetectionData data) {
        checkData(data, "evaluate on");
        return MeanAveragePrecision.voc(predict(data), GroundTruth.of(data), numClasses()).withClassNames(classNames);
    }

    /** COCO mAP@[.5:.95] on {@code data}, with class names. */
    public AveragePrecisionReport evaluateCoco(DetectionData data) {
        checkData(data, "evaluate on");
        return MeanAveragePrecision.coco(predict(data), GroundTruth.of(data), numClasses()).withClassNames(classNames);
    }

    /** Image {@code i} of {@code data} with true boxes (green) and predictions scoring at least 0.3 (orange). */
    public BufferedImage paint(DetectionData data, int i) {
        return paint(data, i, 0.3f);
    }

    /** Image {@code i} of {@code data} with true boxes and the predictions scoring at least {@code minScore}. */
    public BufferedImage paint(DetectionData data, int i, float minScore) {
        checkData(data, "paint");
        int per = 3 * imageSize * imageSize;
        float[] one = java.util.Arrays.copyOfRange(data.pixels(), i * per, (i + 1) * per);
        return BoxPainter.on(data.image(i)).classNames(classNames).truth(GroundTruth.of(data, i))
                .predictions(predict(one)).minScore(minScore).render();
    }

    /**
     * Saves the parameters in DJL's format to {@code file}: written into a temporary folder beside it, then
     * renamed atomically, so a reader never sees half a file.
     *
     * @throws DetectionException if the file cannot be written
     */
    public void save(Path file) {
        try {
            ModelFiles.save(model, file, "detector");
        } catch (IOException e) {
            throw new DetectionException("cannot save the detector to " + file.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    /**
     * Loads parameters saved by {@link #save(Path)} into this detector, which must have the same image size and
     * classes.
     *
     * @throws DetectionException if the file is missing or holds another detector's parameters
     */
    public void load(Path file) {
        if (!Files.isRegularFile(file)) throw new DetectionException("no saved detector at " + file.toAbsolutePath());
        try {
            String size = model.getProperty("imageSize"), classes = model.getProperty("classes");
            ModelFiles.load(model, file, "detector");
            if (!size.equals(model.getProperty("imageSize")) || !classes.equals(model.getProperty("classes"))) {
                String saved = model.getProperty("imageSize") + " px, classes [" + model.getProperty("classes") + "]";
                model.setProperty("imageSize", size);
                model.setProperty("classes", classes);
                throw new DetectionException(file + " holds a detector for " + saved + ", this one is for " + size
                        + " px, classes [" + classes + "]");
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            if (e instanceof DetectionException d) throw d;
            throw new DetectionException(file + " does not hold parameters of a " + net + " for " + imageSize
                    + "x" + imageSize + " images: " + e.getMessage());
        }
    }

    void checkData(DetectionData data, String what) {
        if (data == null || data.size() == 0) {
            throw new DetectionException("the dataset is empty: nothing to " + what);
        }
        if (data.imageSize() != imageSize) {
            throw new DetectionException("the dataset's images are " + data.imageSize() + "x" + data.imageSize()
                    + " but the detector expects " + imageSize + "x" + imageSize
                    + ": generate the data at " + imageSize + " or create the detector for " + data.imageSize());
        }
    }

    private void checkImage(float[] image) {
        int plane = imageSize * imageSize;
        if (image != null && image.length == 3 * plane) return;
        int n = image == null ? 0 : image.length;
        String hint = n == plane ? " — that is one channel: a grey image? repeat it into 3 channels"
                : n % 3 == 0 && isSquare(n / 3) ? " — that is a 3 x " + side(n / 3) + " x " + side(n / 3)
                + " image: resize it to " + imageSize : "";
        throw new DetectionException("the detector expects an image of 3 x " + imageSize + " x " + imageSize + " = "
                + String.format("%,d", 3 * plane) + " values (channels x height x width, in [0, 1]), got "
                + String.format("%,d", n) + hint);
    }

    private static boolean isSquare(int n) {
        int s = side(n);
        return s > 0 && s * s == n;
    }

    private static int side(int n) {
        return (int) Math.round(Math.sqrt(n));
    }


    /** Frees the parameters. */
    @Override
    public void close() {
        model.close();
    }

    @Override
    public String toString() {
        return "Detector[" + net + ", " + imageSize + "x" + imageSize + " images, " + anchors.length + " anchors, "
                + String.format("%,d", parameterCount()) + " parameters, classes " + classNames + "]";
    }
}
