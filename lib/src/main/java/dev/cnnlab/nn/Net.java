package dev.cnnlab.nn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import dev.cnnlab.data.ImageData;

/**
 * A built, initialised model: a DJL {@link SequentialBlock} inside a DJL {@link Model}, its input shape, its
 * Keras-style layers and its {@link Head}. Made by {@link Sequential#build()}; trained by
 * {@code dev.cnnlab.train.Fit}.
 *
 * <pre>{@code
 * net.summary();                       // layers, output shapes, parameters, MACs
 * net.predictClasses(test);            // int label per image
 * net.save(Path.of("seed-cnn.params")); // DJL model format, written atomically
 * }</pre>
 */
public final class Net implements Classifier, AutoCloseable {
    private final String name;
    private final Model model;
    private final SequentialBlock block;
    private final Shape inputShape;
    private final Head head;
    private final List<Layer> layers;
    private final List<Integer> reluAfterPool; // layers whose ReLU runs after the next max-pool (NetFactory)
    private List<Sequential.Spec> recipe = List.of(); // how NetFactory built it: lets copy()/withWidths() rebuild it
    private Sequential.Init init = Sequential.Init.XAVIER;
    private long seed = 42;

    Net(String name, Model model, SequentialBlock block, Shape inputShape, Head head, List<Layer> layers,
        List<Integer> reluAfterPool) {
        this.name = name;
        this.model = model;
        this.block = block;
        this.inputShape = inputShape;
        this.head = head;
        this.layers = List.copyOf(layers);
        this.reluAfterPool = List.copyOf(reluAfterPool);
    }

    /** The model's name. */
    public String name() {
        return name;
    }

    /** Shape of one input image, (C, H, W). */
    @Override
    public Shape inputShape() {
        return inputShape;
    }

    /** How outputs are turned into predictions. */
    @Override
    public Head head() {
        return head;
    }

    /** The layers, in order, with output shapes, parameter counts and MACs. */
    public List<Layer> layers() {
        return layers;
    }

    /** The layers with weights (convolutions and dense layers), in order: what pruning and quantization work on. */
    public List<Layer> weightedLayers() {
        return layers.stream().filter(Layer::hasWeights).toList();
    }

    /**
     * The layer called {@code name} ({@code conv2d}, {@code dense_1}, ... as the summary names them): its kind,
     * weights, bias, output shape and the activation it owns.
     *
     * @throws ModelException if no layer has that name (the message lists the names)
     */
    public Layer layer(String name) {
        return find(layers, name).orElseGet(() -> layers.get(indexOf(name)));
    }

    /** The layer called {@code name} among {@code layers} and the layers inside their residual blocks. */
    static java.util.Optional<Layer> find(List<Layer> layers, String name) {
        for (Layer l : layers) {
            if (l.name().equals(name)) return java.util.Optional.of(l);
            var inner = find(l.branch(), name).or(() -> find(l.shortcut(), name));
            if (inner.isPresent()) return inner;
        }
        return java.util.Optional.empty();
    }

    private int indexOf(String name) {
        for (int i = 0; i < layers.size(); i++) if (layers.get(i).name().equals(name)) return i;
        for (Layer l : layers) {
            if (l.kind() == Layer.Kind.RESIDUAL && find(List.of(l), name).isPresent()) {
                throw new ModelException("layer '" + name + "' is inside the residual block '" + l.name() + "': ask "
                        + "for '" + l.name() + "', the block's output");
            }
        }
        throw new ModelException("no layer named '" + name + "'; layers are " + layers.stream().map(Layer::name).toList());
    }

    /** Number of outputs of the last layer (classes, or 1 for a sigmoid head). */
    public int outputs() {
        return (int) layers.get(layers.size() - 1).outputShape().get(0);
    }

    /** Total number of parameters. */
    public long parameterCount() {
        return layers.stream().mapToLong(Layer::params).sum();
    }

    /** The Keras-style summary: a table of layers with exact parameter counts (text and HTML). */
    public Summary summary() {
        return new Summary(name, layers, head);
    }

    /** The DJL block (for code that works with DJL directly). */
    public SequentialBlock block() {
        return block;
    }

    /** The DJL model holding the block and its parameters. */
    public Model model() {
        return model;
    }

    /** The manager that owns the parameters; arrays made from it live as long as the model. */
    @Override
    public NDManager manager() {
        return model.getNDManager();
    }

    /**
     * Checks that images of shape {@code image} (C, H, W) fit this model.
     *
     * @throws ModelException naming the expected and the given shape
     */
    @Override
    public void checkInput(Shape image) {
        if (!inputShape.equals(image)) {
            throw new ModelException("model '" + name + "' expects images " + text(inputShape) + " (C x H x W), got "
                    + text(image) + (image.dimension() == 3 && image.get(0) != inputShape.get(0)
                    ? ": " + image.get(0) + " channel(s) instead of " + inputShape.get(0) : ""));
        }
    }

    /**
     * Runs the layers on a batch (N, C, H, W) and returns the raw outputs (logits), shape (N, outputs).
     *
     * @param training true while training (dropout active, batch statistics in BatchNorm)
     */
    public NDArray forward(NDArray batch, boolean training) {
        checkBatch(batch);
        return block.forward(new ParameterStore(batch.getManager(), false), new NDList(batch), training).singletonOrThrow();
    }

    /** The raw outputs (logits) of a batch (N, C, H, W), in inference mode: {@code forward(batch, false)}. */
    @Override
    public NDArray logits(NDArray batch) {
        return forward(batch, false);
    }

    /**
     * The output of the named layer for a batch (N, C, H, W), e.g. the feature maps of {@code conv2d}.
     *
     * @throws ModelException if no layer has that name
     */
    public NDArray activations(NDArray batch, String layerName) {
        checkBatch(batch);
        int index = indexOf(layerName);
        ParameterStore ps = new ParameterStore(batch.getManager(), false);
        NDList x = new NDList(batch);
        for (int i = 0; i <= index; i++) x = layers.get(i).block().forward(ps, x, false);
        return reluAfterPool.contains(index) ? Activation.relu(x.singletonOrThrow()) : x.singletonOrThrow();
    }

    /** Whether layer {@code index}'s ReLU runs after the max-pool that follows it (see {@link #activations}). */
    boolean reluRunsAfterPool(int index) {
        return reluAfterPool.contains(index);
    }

    /** Remembers the builder's layer list, so that {@link #copy()} and {@link #withWidths(Map)} can rebuild. */
    void recipe(List<Sequential.Spec> specs, Sequential.Init init, long seed) {
        this.recipe = List.copyOf(specs);
        this.init = init;
        this.seed = seed;
    }

    /** The builder's layer list this model was made from (empty if it was not made by {@link Sequential}). */
    List<Sequential.Spec> recipe() {
        return recipe;
    }

    /**
     * A new model with the same layers, except that the named {@code conv2d}/{@code dense} layers get the given
     * number of filters/units. Its weights are freshly initialised (same seed as this model). Structured pruning
     * uses it to build the smaller model, then copies the kept weights in.
     *
     * @throws ModelException if a name is not a conv2d or dense layer, or a width is not positive
     */
    public Net withWidths(Map<String, Integer> widths) {
        List<String> weighted = layers.stream()
                .filter(Layer::hasWeights).map(Layer::name).toList();
        Map<String, Integer> left = new HashMap<>(widths);
        List<Sequential.Spec> specs = new java.util.ArrayList<>(recipe);
        int k = 0;
        for (int i = 0; i < specs.size(); i++) {
            Sequential.Spec s = specs.get(i);
            if (s.kind() != Sequential.Kind.CONV && s.kind() != Sequential.Kind.DENSE) continue;
            Integer w = left.remove(weighted.get(k++));
            if (w == null) continue;
            if (w <= 0) throw new ModelException("width of " + weighted.get(k - 1) + " must be positive, got " + w);
            specs.set(i, new Sequential.Spec(s.kind(), w, s.kernel(), s.stride(), s.padding(), s.rate(), s.activation()));
        }
        if (!left.isEmpty()) {
            throw new ModelException("no conv2d or dense layer named " + left.keySet() + "; such layers are " + weighted);
        }
        if (recipe.isEmpty()) throw new ModelException("model '" + name + "' was not made by Sequential: cannot rebuild");
        return NetFactory.create(name, inputShape, specs, init, seed);
    }

    /**
     * An independent copy: same layers, same weights, its own parameters. Training, pruning or quantizing the
     * copy leaves this model as it is.
     */
    public Net copy() {
        Net c = withWidths(Map.of());
        var mine = block.getParameters().values();
        var theirs = c.block.getParameters().values();
        for (int i = 0; i < mine.size(); i++) mine.get(i).getArray().copyTo(theirs.get(i).getArray());
        return c;
    }

    /**
     * Copies the weights and biases of the named layers from {@code source} into this model (transfer learning:
     * reuse what a network learned on one dataset as the start for another). Layers are matched by name; each
     * pair must hold parameters of the same shapes. Returns this model.
     *
     * @throws ModelException if a name is missing in either model, a layer has no weights, or shapes differ
     *                        (the message names the layer and both shapes)
     */
    public Net copyWeightsFrom(Net source, String... layerNames) {
        if (layerNames.length == 0) throw new ModelException("name the layers to copy, e.g. \"conv2d\", \"conv2d_1\"");
        for (String n : layerNames) {
            Layer from = source.layer(n), to = layer(n);
            if (!from.hasWeights() || !to.hasWeights()) throw new ModelException("layer '" + n + "' has no weights to copy");
            var a = from.block().getParameters().values();
            var b = to.block().getParameters().values();
            for (int i = 0; i < a.size(); i++) {
                Shape sa = a.get(i).getArray().getShape(), sb = i < b.size() ? b.get(i).getArray().getShape() : null;
                if (a.size() != b.size() || !sa.equals(sb)) {
                    throw new ModelException("cannot copy layer '" + n + "': model '" + source.name + "' has "
                            + a.get(i).getName() + " " + sa + ", model '" + name + "' has " + sb);
                }
            }
            for (int i = 0; i < a.size(); i++) a.get(i).getArray().copyTo(b.get(i).getArray());
        }
        return this;
    }

    /**
     * Stops training the named layers: their weights and biases get no gradient and the optimizer leaves them as
     * they are (a frozen feature extractor). The summary counts them as non-trainable. Dropout and BatchNorm
     * still act as in training mode while the rest trains. Returns this model.
     *
     * @throws ModelException if no layer has one of the names (the message lists the names)
     */
    public Net freeze(String... layerNames) {
        if (layerNames.length == 0) throw new ModelException("name the layers to freeze, e.g. \"conv2d\", \"conv2d_1\"");
        for (String n : layerNames) layer(n).block().freezeParameters(true, Net::learnable);
        return this;
    }

    /** Lets the named layers train again (see {@link #freeze(String...)}). Returns this model. */
    public Net unfreeze(String... layerNames) {
        for (String n : layerNames) layer(n).block().freezeParameters(false, Net::learnable);
        return this;
    }

    /** Lets every layer train again. Returns this model. */
    public Net unfreezeAll() {
        for (Layer l : layers) l.block().freezeParameters(false, Net::learnable);
        return this;
    }

    /** True if the named layer has weights and all of them are frozen. */
    public boolean frozen(String layerName) {
        Layer l = layer(layerName);
        var ps = l.block().getParameters().values().stream().filter(Net::learnable).toList();
        return !ps.isEmpty() && ps.stream().noneMatch(ai.djl.nn.Parameter::requiresGradient);
    }

    /** Weights, biases and BatchNorm's scale and shift; not BatchNorm's running statistics, which never learn. */
    private static boolean learnable(ai.djl.nn.Parameter p) {
        return p.getType() != ai.djl.nn.Parameter.Type.RUNNING_MEAN && p.getType() != ai.djl.nn.Parameter.Type.RUNNING_VAR;
    }

    /**
     * Saves the parameters to {@code file} (e.g. {@code seed-cnn.params}): a header naming this architecture and
     * the SHA-256 of the weights, then DJL's parameter file. Writes a temporary file next to it, then renames it
     * atomically: a reader never sees half a file.
     *
     * @throws ModelException if the file cannot be written
     */
    public void save(Path file) {
        try {
            NetFile.write(this, file);
        } catch (IOException e) {
            throw new ModelException("cannot save model to " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads parameters saved by {@link #save(Path)} into this model. The file names the architecture it was saved
     * from and the SHA-256 of its weights; both are checked before any weight changes.
     *
     * @throws ModelException if the file is missing, not a cnnlab model file (an int8 or sparse file is named as such), saved
     *                        from another architecture (the message names the first layer that differs), or
     *                        damaged
     */
    public void load(Path file) {
        if (!Files.isRegularFile(file)) throw new ModelException("no saved model at " + file.toAbsolutePath());
        try {
            NetFile.read(this, file);
        } catch (ModelException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelException(file + " does not hold parameters for model '" + name + "' "
                    + summaryLine() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Saves the parameters stored sparse: per parameter a bitmap of its nonzero values and those values only
     * (header {@code CNNLAB-NET 2}, the same architecture line and SHA-256 as {@link #save}). A pruned model's
     * file shrinks with its sparsity (90 % zeros: about 0.13 of the dense file); a dense model's grows by 1/32.
     * Written atomically; read back with {@link #loadSparse} (or {@code PrunedNet.load}).
     *
     * @throws ModelException if the file cannot be written
     */
    public void saveSparse(Path file) {
        try {
            NetFile.writeSparse(this, file);
        } catch (IOException e) {
            throw new ModelException("cannot save model to " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads parameters saved by {@link #saveSparse} into this model, exactly (zeros stay zero, the others are the
     * saved float32 values). The architecture and SHA-256 are checked before any weight changes.
     *
     * @throws ModelException if the file is missing, a dense or int8 file (named as such), saved from another
     *                        architecture, or damaged
     */
    public void loadSparse(Path file) {
        if (!Files.isRegularFile(file)) throw new ModelException("no saved model at " + file.toAbsolutePath());
        try {
            NetFile.readSparse(this, file);
        } catch (ModelException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelException(file + " does not hold parameters for model '" + name + "' "
                    + summaryLine() + ": " + e.getMessage(), e);
        }
    }

    private String summaryLine() {
        return "(" + layers.size() + " layers, " + String.format("%,d", parameterCount()) + " parameters)";
    }


    private void checkBatch(NDArray batch) {
        Shape s = batch.getShape();
        if (s.dimension() != 4) {
            throw new ModelException("model '" + name + "' expects a batch (N, C, H, W) of images "
                    + text(inputShape) + ", got an array of shape " + s);
        }
        checkInput(s.slice(1));
    }

    private static String text(Shape s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.dimension(); i++) sb.append(i == 0 ? "" : "x").append(s.get(i));
        return sb.toString();
    }

    /** Frees the parameters. */
    @Override
    public void close() {
        model.close();
    }

    @Override
    public String toString() {
        return "Net[" + name + ", input " + text(inputShape) + ", " + summaryLine() + ", head " + head + "]";
    }
}
