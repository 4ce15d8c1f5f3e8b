package dev.cnnlab.nn;

import java.util.List;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;

/**
 * One Keras-style layer of a {@link Net}, with the activation it owns: what the summary shows in one row, and the
 * DJL block that computes it. Get one with {@code net.layer("conv2d_1")}; pruning, quantization and feature maps
 * work on these.
 *
 * <pre>{@code
 * Layer conv = net.layer("conv2d");
 * conv.kind();                              // CONV2D
 * conv.weight().getArray().getShape();      // (32, 1, 3, 3): filters x input channels x kernel
 * conv.outputShape();                       // (32, 26, 26)
 * }</pre>
 */
public final class Layer {
    /** What a layer computes; {@link #keras()} is the Keras class name the summary prints. */
    public enum Kind {
        CONV2D("Conv2D"), DENSE("Dense"), MAX_POOL("MaxPooling2D"), AVG_POOL("AveragePooling2D"), FLATTEN("Flatten"),
        DROPOUT("Dropout"), BATCH_NORM("BatchNormalization"), ACTIVATION("Activation"),
        /** A residual block, y = S(x) + F(x) (S the identity unless a shortcut is given), see {@link #branch()}. */
        RESIDUAL("Residual");

        private final String keras;

        Kind(String keras) {
            this.keras = keras;
        }

        /** The Keras class name: {@code Conv2D}, {@code MaxPooling2D}, ... */
        public String keras() {
            return keras;
        }

        /** True for the layers with a weight matrix: convolutions and dense layers. */
        public boolean hasWeights() {
            return this == CONV2D || this == DENSE;
        }
    }

    private final String name;
    private final Kind kind;
    private final String activation;
    private final Shape outputShape;
    private final long params;
    private final long macs;
    private final LayerBlock block;
    private final Block core;
    private final List<Layer> branch;
    private final List<Layer> shortcut;

    Layer(String name, Kind kind, String activation, Shape outputShape, long params, long trainable, long macs,
          LayerBlock block, Block core, List<Layer> branch, List<Layer> shortcut) {
        this.branch = List.copyOf(branch);
        this.shortcut = List.copyOf(shortcut);
        this.name = name;
        this.kind = kind;
        this.activation = activation;
        this.outputShape = outputShape;
        this.params = params;
        this.macs = macs;
        this.block = block;
        this.core = core;
    }

    /** Keras-style name: {@code conv2d_1}, {@code max_pooling2d}, {@code dense}. */
    public String name() {
        return name;
    }

    /** What the layer computes. */
    public Kind kind() {
        return kind;
    }

    /** The Keras class name, as the summary prints it: {@code Conv2D}, {@code Dense}, ... */
    public String type() {
        return kind.keras();
    }

    /** The activation applied inside the layer ({@code relu}, {@code sigmoid}, ...) or {@code ""}. */
    public String activation() {
        return activation;
    }

    /** Output shape of one sample, channels first, e.g. (32, 26, 26). */
    public Shape outputShape() {
        return outputShape;
    }

    /**
     * Number of parameters (weights and biases; BatchNorm also counts its running statistics; a residual block: all
     * those of its branch and shortcut).
     */
    public long params() {
        return params;
    }

    /**
     * How many of {@link #params()} are trained by gradient descent now: 0 for a layer frozen with
     * {@link Net#freeze(String...)}.
     */
    public long trainable() {
        long n = 0;
        for (Parameter p : block.getParameters().values()) if (p.requiresGradient()) n += p.getArray().size();
        return n;
    }

    /**
     * Multiply-accumulate operations for one sample (convolutions and dense layers; 0 otherwise; a residual block:
     * those of its branch and shortcut, the addition itself is not a multiply-accumulate).
     */
    public long macs() {
        return macs;
    }

    /**
     * The layers of a residual block's branch F, in order (empty for other layers). Their parameters and MACs are
     * part of this layer's {@link #params()} and {@link #macs()}.
     */
    public List<Layer> branch() {
        return branch;
    }

    /** The layers of a residual block's shortcut S; empty for the identity shortcut (and for other layers). */
    public List<Layer> shortcut() {
        return shortcut;
    }

    /** True for convolutions and dense layers, the ones with {@link #weight()}. */
    public boolean hasWeights() {
        return kind.hasWeights();
    }

    /** The layer's DJL block, named after it: its computation and the activation it owns. */
    public LayerBlock block() {
        return block;
    }

    /**
     * The weight: filters x input channels x kernel height x kernel width for a convolution, units x inputs for a
     * dense layer.
     *
     * @throws ModelException for a layer without weights (pooling, flatten, ...)
     */
    public Parameter weight() {
        return parameter("weight");
    }

    /** The bias (one per filter or unit), or null if the layer has none. */
    public Parameter bias() {
        if (!hasWeights()) throw noWeights();
        return core.getParameters().contains("bias") ? core.getParameters().get("bias") : null;
    }

    private Parameter parameter(String which) {
        if (!hasWeights()) throw noWeights();
        return core.getParameters().get(which);
    }

    private ModelException noWeights() {
        return new ModelException("layer '" + name + "' (" + type() + ") has no weights");
    }

    /** The output shape written like Keras, with {@code None} for the batch: {@code (None, 32, 26, 26)}. */
    public String shapeText() {
        StringBuilder sb = new StringBuilder("(None");
        for (long d : outputShape.getShape()) sb.append(", ").append(d);
        return sb.append(')').toString();
    }

    @Override
    public String toString() {
        return name + " (" + type() + (activation.isEmpty() || kind == Kind.ACTIVATION ? "" : " +" + activation) + ", "
                + shapeText() + ", " + params + " params)";
    }

    /** The block of a conv or dense layer among {@code blocks} (the one holding its weights), else the first. */
    static Block core(List<Block> blocks) {
        for (Block b : blocks) if (b instanceof Convolution || b instanceof Linear) return b;
        return blocks.isEmpty() ? null : blocks.get(0);
    }
}
