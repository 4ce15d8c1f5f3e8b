package dev.cnnlab.compress;

import java.util.ArrayList;
import java.util.List;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import dev.cnnlab.nn.Layer;
import dev.cnnlab.nn.Net;

/**
 * A layer with a weight matrix that compression can work on: a {@code Conv2D} (weight shape out x in x kh x kw)
 * or a {@code Dense} layer (weight shape units x inputs), found by its Keras-style name.
 *
 * @param name       Keras-style name from the summary, e.g. {@code conv2d_1}
 * @param type       {@code Conv2D} or {@code Dense}
 * @param blockIndex position of its DJL block among the net's block children
 * @param weight     the weight parameter
 * @param bias       the bias parameter (null if the layer has none)
 */
record WeightedLayer(String name, String type, int blockIndex, Parameter weight, Parameter bias) {

    /** True for a convolution. */
    boolean isConv() {
        return type.equals("Conv2D");
    }

    /** All conv and dense layers of {@code net}, in order. */
    static List<WeightedLayer> of(Net net) {
        List<String> names = net.layers().stream().filter(WeightedLayer::hasWeights).map(Layer::name).toList();
        List<WeightedLayer> out = new ArrayList<>();
        var children = net.block().getChildren();
        for (int i = 0; i < children.size(); i++) {
            Block b = children.get(i).getValue();
            if (!(b instanceof Convolution) && !(b instanceof Linear)) continue;
            String name = names.get(out.size());
            out.add(new WeightedLayer(name, b instanceof Convolution ? "Conv2D" : "Dense", i,
                    b.getParameters().get("weight"), b.getParameters().get("bias")));
        }
        return out;
    }

    /**
     * The named layer.
     *
     * @throws CompressionException if no layer has that name, or the layer has no weights (pooling, flatten, ...)
     */
    static WeightedLayer find(Net net, String name, String purpose) {
        for (WeightedLayer w : of(net)) if (w.name.equals(name)) return w;
        List<String> weighted = of(net).stream().map(WeightedLayer::name).toList();
        for (Layer l : net.layers()) {
            if (l.name().equals(name)) {
                throw new CompressionException("layer '" + name + "' (" + l.type() + ") has no weights to " + purpose
                        + "; layers with weights: " + weighted);
            }
        }
        throw new CompressionException("no layer named '" + name + "'; layers with weights: " + weighted);
    }

    static boolean hasWeights(Layer l) {
        return l.type().equals("Conv2D") || l.type().equals("Dense");
    }
}
