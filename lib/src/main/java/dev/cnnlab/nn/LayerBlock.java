package dev.cnnlab.nn;

import ai.djl.nn.SequentialBlock;

/**
 * The DJL block of one Keras-style layer, under the layer's name: its computation and the activation it owns
 * (a convolution and its ReLU, a max-pool). A {@link Net}'s block is a sequence of these, one per summary row.
 */
public final class LayerBlock extends SequentialBlock {
    private final String layerName;

    LayerBlock(String layerName) {
        this.layerName = layerName;
    }

    /** The layer's Keras-style name: {@code conv2d_1}, {@code max_pooling2d}, ... */
    public String layerName() {
        return layerName;
    }

    @Override
    public String toString() {
        return layerName + " " + super.toString();
    }
}
