package dev.cnnlab.viz;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cnnlab.data.ImageData;
import dev.cnnlab.display.ImageGrid;
import dev.cnnlab.nn.Layer;
import dev.cnnlab.nn.ModelException;
import dev.cnnlab.nn.Net;

/**
 * What a convolutional network sees: the feature maps (activations) a layer produces for one image, and the
 * filters (kernels) of the first convolution. Each map or filter is scaled to its own range, black = lowest.
 *
 * <pre>{@code
 * FeatureMaps.activations(net, test, 0, "conv2d");   // 32 maps of 26x26 for test image 0
 * FeatureMaps.filters(net);                         // the 32 learned 3x3 kernels of the first conv
 * }</pre>
 */
public final class FeatureMaps {
    private FeatureMaps() {}

    /** The raw activations of {@code layer} for image {@code index}: shape (C, H, W) of that layer's output. */
    public static float[] values(Net net, ImageData data, int index, String layer) {
        net.checkInput(data.imageShape());
        int per = (int) net.inputShape().size();
        float[] x = new float[per];
        System.arraycopy(data.pixels(), index * per, x, 0, per);
        try (NDManager m = net.manager().newSubManager()) {
            NDArray a = net.activations(m.create(x, new Shape(1).addAll(net.inputShape())), layer);
            return a.toFloatArray();
        }
    }

    /**
     * The feature maps of a layer with image output (conv2d, pooling, ...) for image {@code index}, 8 per row,
     * enlarged 3x, each captioned with its channel number.
     *
     * @throws ModelException if the layer does not output images
     */
    public static BufferedImage activations(Net net, ImageData data, int index, String layer) {
        Layer l = net.layer(layer);
        if (l.outputShape().dimension() != 3) {
            throw new ModelException("layer '" + layer + "' outputs a vector " + l.shapeText()
                    + ", not feature maps: pick a conv2d or pooling layer");
        }
        int c = (int) l.outputShape().get(0), h = (int) l.outputShape().get(1), w = (int) l.outputShape().get(2);
        float[] v = values(net, data, index, layer);
        List<BufferedImage> maps = new ArrayList<>();
        List<String> caps = new ArrayList<>();
        for (int ch = 0; ch < c; ch++) {
            maps.add(ImageGrid.greyMap(v, ch * h * w, h, w));
            caps.add(layer + "[" + ch + "]");
        }
        return ImageGrid.of(maps, caps, 8, Math.max(1, 84 / Math.max(h, w)));
    }

    /**
     * The filters of the first convolution, one picture per output channel (averaged over input channels),
     * enlarged so that each is about 42 pixels wide.
     *
     * @throws ModelException if the model has no convolution
     */
    public static BufferedImage filters(Net net) {
        for (Layer conv : net.layers()) {
            if (conv.kind() != Layer.Kind.CONV2D) continue;
            Shape s = conv.weight().getArray().getShape();
            int out = (int) s.get(0), in = (int) s.get(1), kh = (int) s.get(2), kw = (int) s.get(3);
            float[] w = conv.weight().getArray().toFloatArray();
            float[] mean = new float[out * kh * kw];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    for (int k = 0; k < kh * kw; k++) mean[o * kh * kw + k] += w[(o * in + i) * kh * kw + k] / in;
                }
            }
            List<BufferedImage> imgs = new ArrayList<>();
            List<String> caps = new ArrayList<>();
            for (int o = 0; o < out; o++) {
                imgs.add(ImageGrid.greyMap(mean, o * kh * kw, kh, kw));
                caps.add("filter " + o);
            }
            return ImageGrid.of(imgs, caps, 8, Math.max(1, 42 / Math.max(kh, kw)));
        }
        throw new ModelException("model '" + net.name() + "' has no convolution, so no filters to show");
    }
}
