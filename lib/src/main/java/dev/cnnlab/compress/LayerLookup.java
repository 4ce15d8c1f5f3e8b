package dev.cnnlab.compress;

import java.util.List;

import dev.cnnlab.nn.Layer;
import dev.cnnlab.nn.ModelException;
import dev.cnnlab.nn.Net;

/** Finds a layer that compression can work on, with an error that says what it is and which would do. */
final class LayerLookup {
    private LayerLookup() {}

    /**
     * Returns {@code net}, or refuses a net with residual blocks: compression walks the top-level layers one after
     * another, so the convolutions inside a block would silently stay as they are.
     *
     * @throws CompressionException naming the first residual block
     */
    static Net plain(Net net, String what) {
        if (net == null) return null; // the constructor names the missing net
        for (Layer l : net.layers()) {
            if (l.kind() == Layer.Kind.RESIDUAL) {
                throw new CompressionException(what + " works on plain stacks of layers; model '" + net.name()
                        + "' has the residual block '" + l.name() + "', whose layers it would leave untouched");
            }
        }
        return net;
    }

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
