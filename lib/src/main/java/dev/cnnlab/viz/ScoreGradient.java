package dev.cnnlab.viz;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.cnnlab.nn.Layer;
import dev.cnnlab.nn.ModelException;
import dev.cnnlab.nn.Net;

/**
 * The gradient of one class score (the logit, before softmax) with respect to the input or to a layer's output,
 * for one image, by DJL's autograd on whichever engine runs. The layer's output is computed first and becomes a
 * fresh array that asks for a gradient; the rest of the model runs on it inside a {@link GradientCollector}.
 * The model's parameter gradients are zeroed afterwards, so training later starts from clean gradients.
 */
final class ScoreGradient {
    /** The values {@code at} the layer (or the input), the score's gradient with respect to them, their shape. */
    record Result(float[] values, float[] gradient, Shape shape, float[] logits) {}

    private ScoreGradient() {}

    /**
     * @param layer null for the input image, else a layer with image output
     * @param cls   the class whose score is differentiated
     */
    static Result of(Net net, float[] image, int cls, String layer) {
        Shape in = net.inputShape();
        if (image.length != in.size()) {
            throw new ModelException("model '" + net.name() + "' expects " + in.size() + " values per image ("
                    + in.get(0) + "x" + in.get(1) + "x" + in.get(2) + "), got " + image.length);
        }
        if (cls < 0 || cls >= net.outputs()) {
            throw new ModelException("class " + cls + " does not exist: the model has " + net.outputs() + " outputs (0 to "
                    + (net.outputs() - 1) + ")");
        }
        int start = 0;
        if (layer != null) {
            Layer l = net.layer(layer);
            if (l.outputShape().dimension() != 3) {
                throw new ModelException("layer '" + layer + "' outputs a vector " + l.shapeText()
                        + ", not feature maps: pick a conv2d or pooling layer");
            }
            start = net.layers().indexOf(l) + 1;
        }
        try (NDManager m = net.manager().newSubManager()) {
            NDArray x = m.create(image, new Shape(1).addAll(in));
            NDArray at = (layer == null ? x : net.activations(x, layer)).stopGradient().duplicate();
            at.setRequiresGradient(true);
            float[] logits;
            float[] gradient;
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDList h = new NDList(at);
                ParameterStore ps = new ParameterStore(m, false);
                for (int i = start; i < net.layers().size(); i++) h = net.layers().get(i).block().forward(ps, h, false);
                NDArray out = h.singletonOrThrow();
                logits = out.toFloatArray();
                gc.backward(out.get(0, cls));
                gradient = at.getGradient().toFloatArray();
            }
            zeroParameterGradients(net);
            return new Result(at.toFloatArray(), gradient, at.getShape().slice(1), logits);
        }
    }

    private static void zeroParameterGradients(Net net) {
        for (Parameter p : net.block().getParameters().values()) {
            NDArray a = p.getArray();
            if (!a.hasGradient()) continue;
            try (NDArray g = a.getGradient()) {
                g.muli(0);
            }
        }
    }
}
