package dev.cnnlab.compress;

import java.util.List;
import java.util.Objects;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.cnnlab.data.ImageData;
import dev.cnnlab.nn.Layer;
import dev.cnnlab.nn.Net;

/**
 * Post-training int8 quantization. Each conv/dense weight tensor gets one scale per output channel,
 * {@code s_c = max|w_c| / 127}, and is stored as {@code q = round(w / s_c)} in [-127, 127] (symmetric, no zero
 * point). The input of every conv/dense layer gets one scale from the largest |value| seen on a few calibration
 * batches of real images. Biases stay float32 (they are a few hundred numbers).
 *
 * <pre>{@code
 * QuantizedNet q = Int8Quantization.of(net).calibrate(train, 10, 64).run();
 * Evaluation.of(q, test).accuracy();  // simulated int8 arithmetic ("fake quantization")
 * q.save(Path.of("model.int8"));     // int8 weights + float scales, about 1/4 of the float32 file
 * QuantizedNet back = QuantizedNet.load(Path.of("model.int8"), net);   // same architecture
 * }</pre>
 *
 * The original model is not changed.
 */
public final class Int8Quantization {
    /** The largest magnitude of a symmetric int8 value. */
    public static final int QMAX = 127;

    private final Net original;
    private ImageData calibration;
    private int batches;
    private int batchSize;

    private Int8Quantization(Net net) {
        this.original = Objects.requireNonNull(net, "net");
    }

    /** Starts configuring quantization of {@code net}. */
    public static Int8Quantization of(Net net) {
        return new Int8Quantization(LayerLookup.plain(net, "int8 quantization"));
    }

    /**
     * Activation ranges come from the first {@code batches} batches of {@code batchSize} images of {@code data}
     * (training images, not the test set).
     *
     * @throws CompressionException if the data is empty or the counts are not positive
     */
    public Int8Quantization calibrate(ImageData data, int batches, int batchSize) {
        if (data == null || data.size() == 0) {
            throw new CompressionException("the calibration set is empty: pass some training images to measure activation ranges");
        }
        if (batches < 1 || batchSize < 1) {
            throw new CompressionException("calibration needs at least one batch of one image, got " + batches
                    + " batch(es) of " + batchSize);
        }
        original.checkInput(data.imageShape());
        this.calibration = data;
        this.batches = batches;
        this.batchSize = batchSize;
        return this;
    }

    /**
     * Quantizes a copy of the model.
     *
     * @throws CompressionException if {@link #calibrate} was not called, the model has no conv/dense layer, or a
     *                              layer's weights are all zero or not finite (an untrained or broken model)
     */
    public QuantizedNet run() {
        List<Layer> layers = original.weightedLayers();
        if (layers.isEmpty()) throw new CompressionException("model '" + original.name() + "' has no conv2d or dense layer to quantize");
        for (Layer l : layers) checkWeights(l);
        if (calibration == null) {
            throw new CompressionException("call calibrate(data, batches, batchSize) first: activation ranges come from real images");
        }
        float[] ranges = activationRanges(layers);
        float[] actScales = new float[ranges.length];
        for (int i = 0; i < ranges.length; i++) actScales[i] = ranges[i] == 0 ? 1f / QMAX : ranges[i] / QMAX;
        Net copy = original.copy();
        try {
            return QuantizedNet.fromFloat(copy, actScales);
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        }
    }

    /** Largest |input| of each weighted layer over the calibration batches. */
    private float[] activationRanges(List<Layer> layers) {
        float[] max = new float[layers.size()];
        int per = (int) original.inputShape().size();
        int n = Math.min(calibration.size(), batches * batchSize);
        var children = original.block().getChildren();
        for (int from = 0; from < n; from += batchSize) {
            int m = Math.min(batchSize, n - from);
            try (NDManager sub = original.manager().newSubManager()) {
                float[] px = new float[m * per];
                System.arraycopy(calibration.pixels(), from * per, px, 0, m * per);
                NDArray x = sub.create(px, new Shape(m).addAll(original.inputShape()));
                ParameterStore ps = new ParameterStore(sub, false);
                int next = 0;
                for (int b = 0; b < children.size(); b++) {
                    if (next < layers.size() && layers.get(next).block() == children.get(b).getValue()) {
                        max[next] = Math.max(max[next], x.abs().max().getFloat());
                        next++;
                    }
                    x = children.get(b).getValue().forward(ps, new NDList(x), false).singletonOrThrow();
                }
            }
        }
        return max;
    }

    private static void checkWeights(Layer l) {
        boolean any = false;
        for (float v : l.weight().getArray().toFloatArray()) {
            if (!Float.isFinite(v)) {
                throw new CompressionException("layer '" + l.name() + "' has a weight " + v + ": fix training before quantizing");
            }
            any |= v != 0f;
        }
        if (!any) {
            throw new CompressionException("layer '" + l.name() + "' has only zero weights: is the model trained? "
                    + "Quantize a trained model");
        }
    }

    /** Per-output-channel scales {@code max|w_c| / 127} of weights laid out channel after channel. */
    public static float[] channelScales(float[] w, int channels) {
        int per = w.length / channels;
        float[] s = new float[channels];
        for (int c = 0; c < channels; c++) {
            float m = 0;
            for (int j = 0; j < per; j++) m = Math.max(m, Math.abs(w[c * per + j]));
            s[c] = m / QMAX;
        }
        return s;
    }

    /** {@code round(w / s_c)} clamped to [-127, 127]; a channel with scale 0 (all zero) stays 0. */
    public static byte[] quantize(float[] w, float[] scales) {
        int per = w.length / scales.length;
        byte[] q = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            float s = scales[i / per];
            q[i] = s == 0 ? 0 : (byte) Math.max(-QMAX, Math.min(QMAX, Math.round(w[i] / s)));
        }
        return q;
    }

    /** {@code q * s_c}: the float values the int8 weights stand for. */
    public static float[] dequantize(byte[] q, float[] scales) {
        int per = q.length / scales.length;
        float[] w = new float[q.length];
        for (int i = 0; i < q.length; i++) w[i] = q[i] * scales[i / per];
        return w;
    }
}
