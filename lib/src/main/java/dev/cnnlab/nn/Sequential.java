package dev.cnnlab.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import ai.djl.ndarray.types.Shape;

/**
 * A Keras-like builder for a stack of layers. Reads like the model it makes:
 *
 * <pre>{@code
 * Net net = Sequential.input(1, 28, 28)
 *         .conv2d(32, 3).relu().maxPool(2)
 *         .conv2d(64, 3).relu().maxPool(2)
 *         .flatten().dense(128).relu().dense(10).softmax()
 *         .build();
 * net.summary();
 * }</pre>
 *
 * An activation right after {@code conv2d}, {@code dense} or {@code batchNorm} belongs to that layer (as with
 * Keras' {@code activation='relu'} argument); anywhere else it is its own {@code activation} layer. A final
 * {@code softmax()} or {@code sigmoid()} becomes the model's {@link Head}: applied when predicting, folded into
 * the loss when training, and it adds no parameters. Convolutions are 'valid' (no padding) unless a padding is
 * given; pools use a stride equal to their size unless told otherwise.
 */
public final class Sequential {
    /** The kinds of layer the builder knows. */
    enum Kind { CONV, MAX_POOL, AVG_POOL, FLATTEN, DENSE, DROPOUT, BATCH_NORM, ACTIVATION, RESIDUAL }

    /**
     * One requested layer; unused numbers stay 0. A residual block holds the layers of its branch and of its
     * shortcut (empty: the identity).
     */
    record Spec(Kind kind, int units, int kernel, int stride, int padding, double rate, String activation,
                List<Spec> branch, List<Spec> shortcut) {
        Spec(Kind kind, int units, int kernel, int stride, int padding, double rate, String activation) {
            this(kind, units, kernel, stride, padding, rate, activation, List.of(), List.of());
        }
    }

    /** How weights start. */
    public enum Init {
        /** Glorot/Xavier uniform, Keras' default for Conv2D and Dense. */
        XAVIER,
        /** He (Kaiming) normal, suited to ReLU networks. */
        HE
    }

    private final Shape input;
    private final List<Spec> specs = new ArrayList<>();
    private Init init = Init.XAVIER;
    private long seed = 42;
    private String name = "sequential";

    private Sequential(Shape input) {
        this.input = input;
    }

    /**
     * Starts a model for images of {@code channels x height x width} (channels first).
     *
     * @throws ModelException if a size is not positive
     */
    public static Sequential input(int channels, int height, int width) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new ModelException("input shape must be positive, got " + channels + "x" + height + "x" + width);
        }
        return new Sequential(new Shape(channels, height, width));
    }

    /** A 2-D convolution with {@code filters} square {@code kernel x kernel} filters, stride 1, no padding ('valid'). */
    public Sequential conv2d(int filters, int kernel) {
        return conv2d(filters, kernel, 1, 0);
    }

    /** A 2-D convolution with the given stride and zero padding (on every side). */
    public Sequential conv2d(int filters, int kernel, int stride, int padding) {
        positive("conv2d filters", filters);
        positive("conv2d kernel", kernel);
        positive("conv2d stride", stride);
        if (padding < 0) throw new ModelException("conv2d padding must be >= 0, got " + padding);
        return add(new Spec(Kind.CONV, filters, kernel, stride, padding, 0, ""));
    }

    /** A 2-D convolution with 'same' padding (odd kernels keep the spatial size at stride 1). */
    public Sequential conv2dSame(int filters, int kernel) {
        return conv2d(filters, kernel, 1, (kernel - 1) / 2);
    }

    /** Max pooling over {@code size x size} windows, stride {@code size}, like Keras' {@code MaxPooling2D(size)}. */
    public Sequential maxPool(int size) {
        return maxPool(size, size, 0);
    }

    /** Max pooling with the given window, stride and padding. */
    public Sequential maxPool(int size, int stride, int padding) {
        positive("maxPool size", size);
        positive("maxPool stride", stride);
        return add(new Spec(Kind.MAX_POOL, 0, size, stride, padding, 0, ""));
    }

    /** Average pooling over {@code size x size} windows, stride {@code size}. */
    public Sequential avgPool(int size) {
        return avgPool(size, size, 0);
    }

    /** Average pooling with the given window, stride and padding. */
    public Sequential avgPool(int size, int stride, int padding) {
        positive("avgPool size", size);
        positive("avgPool stride", stride);
        return add(new Spec(Kind.AVG_POOL, 0, size, stride, padding, 0, ""));
    }

    /** Flattens each sample to a vector (needed before the first {@code dense}). */
    public Sequential flatten() {
        return add(new Spec(Kind.FLATTEN, 0, 0, 0, 0, 0, ""));
    }

    /** A fully connected layer with {@code units} outputs (weights and a bias). */
    public Sequential dense(int units) {
        positive("dense units", units);
        return add(new Spec(Kind.DENSE, units, 0, 0, 0, 0, ""));
    }

    /** Dropout: during training zeroes each value with probability {@code rate}. */
    public Sequential dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) throw new ModelException("dropout rate must be in [0, 1), got " + rate);
        return add(new Spec(Kind.DROPOUT, 0, 0, 0, 0, rate, ""));
    }

    /** Batch normalisation over channels (4 numbers per channel: scale, shift, running mean and variance). */
    public Sequential batchNorm() {
        return add(new Spec(Kind.BATCH_NORM, 0, 0, 0, 0, 0, ""));
    }

    /**
     * A residual block, y = x + F(x): the layers that {@code branch} adds to a fresh builder compute F, and the
     * input is added back to their output (the identity shortcut of ResNet). A {@code relu()} right after it
     * belongs to the block, y = relu(x + F(x)), as in ResNet. The summary shows the block as one row with its
     * total parameters and MACs, followed by its branch's layers, indented.
     *
     * <pre>{@code
     * .residual(b -> b.conv2dSame(16, 3).batchNorm().relu().conv2dSame(16, 3).batchNorm()).relu()
     * }</pre>
     *
     * @throws ModelException if the branch is empty; at {@link #build()} if F(x) has another shape than x
     *                        (then give a shortcut with {@link #residual(UnaryOperator, UnaryOperator)})
     */
    public Sequential residual(UnaryOperator<Sequential> branch) {
        return residual(branch, null);
    }

    /**
     * A residual block with a projection shortcut, y = S(x) + F(x), for a branch that changes the number of
     * channels or the size: {@code shortcut} adds the layers of S, usually a 1x1 convolution with the branch's
     * stride and a batch norm.
     *
     * <pre>{@code
     * .residual(b -> b.conv2d(32, 3, 2, 1).batchNorm().relu().conv2dSame(32, 3).batchNorm(),
     *           s -> s.conv2d(32, 1, 2, 0).batchNorm()).relu()
     * }</pre>
     *
     * @throws ModelException if the branch or the given shortcut is empty; at {@link #build()} if F(x) and S(x)
     *                        differ in shape (the message names both)
     */
    public Sequential residual(UnaryOperator<Sequential> branch, UnaryOperator<Sequential> shortcut) {
        if (branch == null) throw new ModelException("residual needs a branch, e.g. b -> b.conv2dSame(16, 3)");
        List<Spec> f = part(branch, "branch");
        List<Spec> s = shortcut == null ? List.of() : part(shortcut, "shortcut");
        return add(new Spec(Kind.RESIDUAL, 0, 0, 0, 0, 0, "", f, s));
    }

    private List<Spec> part(UnaryOperator<Sequential> part, String what) {
        Sequential inner = part.apply(new Sequential(input));
        if (inner == null || inner.specs.isEmpty()) {
            throw new ModelException("the residual block's " + what + " has no layers: add some, e.g. "
                    + what.charAt(0) + " -> " + what.charAt(0) + ".conv2dSame(16, 3)");
        }
        Spec last = inner.specs.get(inner.specs.size() - 1);
        if (last.kind() == Kind.ACTIVATION && (last.activation().equals("softmax"))) {
            throw new ModelException("the residual block's " + what + " ends with softmax: a head belongs at the end "
                    + "of the model");
        }
        return List.copyOf(inner.specs);
    }

    /** ReLU, max(0, x). */
    public Sequential relu() {
        return activation("relu");
    }

    /** Sigmoid, 1/(1+e^-x); as the last layer it is the model's head. */
    public Sequential sigmoid() {
        return activation("sigmoid");
    }

    /** Hyperbolic tangent. */
    public Sequential tanh() {
        return activation("tanh");
    }

    /** Softmax over the outputs; as the last layer it is the model's head. */
    public Sequential softmax() {
        return activation("softmax");
    }

    /** Initial weights: Glorot/Xavier uniform (the default, like Keras) or He normal. */
    public Sequential init(Init init) {
        this.init = init;
        return this;
    }

    /** Seed for the initial weights (default 42): the same seed gives the same weights. */
    public Sequential seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The model's name shown by the summary (default {@code sequential}). */
    public Sequential name(String name) {
        this.name = name;
        return this;
    }

    /**
     * Builds and initialises the model.
     *
     * @throws ModelException if a layer cannot follow the previous one (a kernel larger than its input, a dense
     *                        layer on images without {@code flatten()}, no layers at all)
     */
    public Net build() {
        if (specs.isEmpty()) throw new ModelException("the model has no layers: add e.g. .flatten().dense(10)");
        return NetFactory.create(name, input, List.copyOf(specs), init, seed);
    }

    private Sequential activation(String fn) {
        return add(new Spec(Kind.ACTIVATION, 0, 0, 0, 0, 0, fn));
    }

    private Sequential add(Spec s) {
        specs.add(s);
        return this;
    }

    private static void positive(String what, int v) {
        if (v <= 0) throw new ModelException(what + " must be positive, got " + v);
    }
}
