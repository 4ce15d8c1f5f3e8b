package dev.cnnlab.compress;

import java.util.List;

import dev.cnnlab.nn.Layer;
import dev.cnnlab.nn.ModelException;
import dev.cnnlab.nn.Net;

/** Finds a layer that compression can work on, with an error that says what it is and which would do. */
final class LayerLookup {
    private LayerLookup() {}

    /**
     * The conv or dense layer called {@code name}.
     *
     * @throws CompressionException if no layer has that name, or the layer has no weights (pooling, flatten, ...)
     */
    static Layer weighted(Net net, String name, String purpose) {
        List<String> weighted = net.weightedLayers().stream().map(Layer::name).toList();
        Layer l;
        try {
            l = net.layer(name);
        } catch (ModelException e) {
            throw new CompressionException("no layer named '" + name + "'; layers with weights: " + weighted);
        }
        if (!l.hasWeights()) {
            throw new CompressionException("layer '" + name + "' (" + l.type() + ") has no weights to " + purpose
                    + "; layers with weights: " + weighted);
        }
        return l;
    }
}
