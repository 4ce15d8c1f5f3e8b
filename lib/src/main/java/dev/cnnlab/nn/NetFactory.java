package dev.cnnlab.nn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.XavierInitializer;
import dev.cnnlab.device.Devices;

/** Turns the builder's layer list into DJL blocks, checks shapes, names layers like Keras, initialises. */
final class NetFactory {
    private NetFactory() {}

    static Net create(String name, Shape input, List<Sequential.Spec> specs, Sequential.Init init, long seed) {
        List<Sequential.Spec> body = new ArrayList<>(specs);
        Head head = Head.LOGITS;
        Sequential.Spec last = body.get(body.size() - 1);
        if (last.kind() == Sequential.Kind.ACTIVATION && body.size() > 1
                && (last.activation().equals("softmax") || last.activation().equals("sigmoid"))) {
            head = last.activation().equals("softmax") ? Head.SOFTMAX : Head.SIGMOID;
            body.remove(body.size() - 1);
        }

        SequentialBlock block = new SequentialBlock();
        Map<String, Integer> counters = new HashMap<>();
        List<PendingLayer> layers = pending(body, input.getShape(), "input", counters);

        List<Integer> reluAfterPool = RELU_AFTER_POOL ? moveReluAfterMaxPool(layers) : List.of();
        for (PendingLayer l : layers) block.add(l.layerBlock());

        Model model = Model.newInstance(name, Devices.training().get(0), Devices.engine().getEngineName());
        model.setBlock(block);
        if (init == Sequential.Init.HE) {
            block.setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                    XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT);
        } else {
            block.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                    XavierInitializer.FactorType.AVG, 3), Parameter.Type.WEIGHT);
        }
        Devices.engine().setRandomSeed((int) seed);
        block.initialize(model.getNDManager(), DataType.FLOAT32, batchOf(input));

        List<Layer> rows = layers.stream().map(PendingLayer::toLayer).toList();
        Net net = new Net(name, model, block, input, head, rows, reluAfterPool);
        net.recipe(specs, init, seed);
        return net;
    }

    /**
     * Whether a ReLU right before a max-pool runs after it. Always on, except when measuring what it saves
     * ({@code -Dcnnlab.reluAfterPool=false}).
     */
    static final boolean RELU_AFTER_POOL = !"false".equals(System.getProperty("cnnlab.reluAfterPool"));

    /**
     * Moves each ReLU that comes right before a max-pool to just after it, and returns the indices of the layers
     * that lost theirs. ReLU keeps the order of values, so max(relu(x)) = relu(max(x)) window by window, and the
     * gradient reaches the same input either way; but after a 2x2 pool the ReLU and its backward pass touch a
     * quarter of the values, and one full-size array per step is never made. {@link Net#activations} applies the
     * ReLU again for the layers that lost it, so their feature maps are what the summary says.
     */
    private static List<Integer> moveReluAfterMaxPool(List<PendingLayer> layers) {
        List<Integer> moved = new ArrayList<>();
        for (int i = 1; i < layers.size(); i++) {
            PendingLayer prev = layers.get(i - 1);
            PendingLayer pool = layers.get(i);
            if (pool.kind == Layer.Kind.MAX_POOL && prev.activation.equals("relu")) {
                pool.blocks.add(prev.blocks.remove(prev.blocks.size() - 1)); // the ReLU is always the last block
                moved.add(i - 1);
            }
        }
        return moved;
    }

    /**
     * The layers of {@code specs} on input {@code shape}: activations fused into the layer before them, Keras-style
     * names from {@code counters} (shared with the blocks inside residual blocks, so every name is unique).
     */
    private static List<PendingLayer> pending(List<Sequential.Spec> specs, long[] shape, String after,
                                              Map<String, Integer> counters) {
        List<PendingLayer> layers = new ArrayList<>();
        for (Sequential.Spec s : specs) {
            PendingLayer prev = layers.isEmpty() ? null : layers.get(layers.size() - 1);
            if (s.kind() == Sequential.Kind.ACTIVATION && prev != null && prev.activation.isEmpty()
                    && (prev.kind.hasWeights() || prev.kind == Layer.Kind.BATCH_NORM
                    || prev.kind == Layer.Kind.RESIDUAL)) {
                prev.activation = s.activation(); // fused, like Keras' activation= argument
                prev.blocks.add(activationBlock(s.activation()));
                continue;
            }
            String from = prev == null ? after : prev.name;
            PendingLayer l = s.kind() == Sequential.Kind.RESIDUAL ? residual(s, shape, from, counters)
                    : layer(s, shape, from);
            l.name = kerasName(l.baseName, counters);
            layers.add(l);
            shape = l.outShape;
        }
        return layers;
    }

    /**
     * A residual block: its branch F and shortcut S (identity when none is given) run side by side on the same
     * input, and a DJL {@link ParallelBlock} adds their outputs. Their shapes must agree.
     */
    private static PendingLayer residual(Sequential.Spec s, long[] in, String after, Map<String, Integer> counters) {
        PendingLayer l = new PendingLayer();
        l.baseName = "residual";
        l.kind = Layer.Kind.RESIDUAL;
        l.branch = pending(s.branch(), in, after, counters);
        l.shortcut = s.shortcut().isEmpty() ? List.of() : pending(s.shortcut(), in, after, counters);
        long[] f = l.branch.get(l.branch.size() - 1).outShape;
        long[] x = l.shortcut.isEmpty() ? in : l.shortcut.get(l.shortcut.size() - 1).outShape;
        if (!java.util.Arrays.equals(f, x)) {
            long stride = f.length == 3 && x.length == 3 && f[1] > 0 ? Math.max(1, x[1] / f[1]) : 1;
            throw new ModelException("residual after " + after + ": its branch gives " + new Shape(f) + " but "
                    + (l.shortcut.isEmpty() ? "the identity shortcut passes the input " + new Shape(x) + " on: give a "
                    + "shortcut that matches, e.g. .residual(b -> ..., s -> s.conv2d(" + f[0] + ", 1, " + stride + ", 0))"
                    : "its shortcut gives " + new Shape(x) + ": both must have the same shape to be added"));
        }
        l.outShape = f;
        for (PendingLayer p : l.branch) l.macs += p.macs;
        for (PendingLayer p : l.shortcut) l.macs += p.macs;
        SequentialBlock fBlock = new SequentialBlock();
        for (PendingLayer p : l.branch) fBlock.add(p.layerBlock());
        Block sBlock;
        if (l.shortcut.isEmpty()) {
            sBlock = Blocks.identityBlock();
        } else {
            SequentialBlock sb = new SequentialBlock();
            for (PendingLayer p : l.shortcut) sb.add(p.layerBlock());
            sBlock = sb;
        }
        l.blocks.add(new ParallelBlock(
                outs -> new NDList(outs.get(0).singletonOrThrow().add(outs.get(1).singletonOrThrow())),
                List.of(fBlock, sBlock)));
        return l;
    }

    private static Shape batchOf(Shape s) {
        return new Shape(1).addAll(s);
    }

    /** A layer being assembled; blocks may grow by a fused activation. */
    private static final class PendingLayer {
        String name = "";
        String baseName;
        Layer.Kind kind;
        String activation = "";
        long[] outShape;
        long macs;
        final List<Block> blocks = new ArrayList<>();
        List<PendingLayer> branch = List.of();
        List<PendingLayer> shortcut = List.of();
        private LayerBlock layerBlock;

        /** The layer's named DJL block (made once: a residual block holds those of its inner layers). */
        LayerBlock layerBlock() {
            if (layerBlock == null) {
                layerBlock = new LayerBlock(name);
                for (Block b : blocks) layerBlock.add(b);
            }
            return layerBlock;
        }

        /** The finished row, counting the parameters DJL made (call after initialising). */
        Layer toLayer() {
            long params = 0, trainable = 0;
            for (Parameter p : layerBlock().getParameters().values()) {
                long n = p.getArray().size();
                params += n;
                if (p.requiresGradient()) trainable += n;
            }
            return new Layer(name, kind, activation, new Shape(outShape), params, trainable, macs, layerBlock(),
                    Layer.core(blocks), branch.stream().map(PendingLayer::toLayer).toList(),
                    shortcut.stream().map(PendingLayer::toLayer).toList());
        }
    }

    private static PendingLayer layer(Sequential.Spec s, long[] in, String after) {
        PendingLayer l = new PendingLayer();
        switch (s.kind()) {
            case CONV -> {
                requireImage(in, "conv2d", after);
                long h = outSize(in[1], s.kernel(), s.stride(), s.padding(), "conv2d", after, in);
                long w = outSize(in[2], s.kernel(), s.stride(), s.padding(), "conv2d", after, in);
                l.baseName = "conv2d";
                l.kind = Layer.Kind.CONV2D;
                l.outShape = new long[] {s.units(), h, w};
                l.macs = s.units() * h * w * in[0] * s.kernel() * s.kernel();
                l.blocks.add(Conv2d.builder().setFilters(s.units())
                        .setKernelShape(new Shape(s.kernel(), s.kernel()))
                        .optStride(new Shape(s.stride(), s.stride()))
                        .optPadding(new Shape(s.padding(), s.padding())).build());
            }
            case MAX_POOL, AVG_POOL -> {
                boolean max = s.kind() == Sequential.Kind.MAX_POOL;
                String what = max ? "maxPool" : "avgPool";
                requireImage(in, what, after);
                long h = outSize(in[1], s.kernel(), s.stride(), s.padding(), what, after, in);
                long w = outSize(in[2], s.kernel(), s.stride(), s.padding(), what, after, in);
                l.baseName = max ? "max_pooling2d" : "average_pooling2d";
                l.kind = max ? Layer.Kind.MAX_POOL : Layer.Kind.AVG_POOL;
                l.outShape = new long[] {in[0], h, w};
                Shape k = new Shape(s.kernel(), s.kernel());
                Shape st = new Shape(s.stride(), s.stride());
                Shape p = new Shape(s.padding(), s.padding());
                l.blocks.add(max ? Pool.maxPool2dBlock(k, st, p) : Pool.avgPool2dBlock(k, st, p));
            }
            case FLATTEN -> {
                long n = 1;
                for (long d : in) n *= d;
                l.baseName = "flatten";
                l.kind = Layer.Kind.FLATTEN;
                l.outShape = new long[] {n};
                l.blocks.add(Blocks.batchFlattenBlock());
            }
            case DENSE -> {
                if (in.length != 1) {
                    throw new ModelException("dense(" + s.units() + ") after " + after + " gets images of shape "
                            + new Shape(in) + ": add .flatten() before the first dense layer");
                }
                l.baseName = "dense";
                l.kind = Layer.Kind.DENSE;
                l.outShape = new long[] {s.units()};
                l.macs = in[0] * s.units();
                l.blocks.add(Linear.builder().setUnits(s.units()).build());
            }
            case DROPOUT -> {
                l.baseName = "dropout";
                l.kind = Layer.Kind.DROPOUT;
                l.outShape = in;
                l.blocks.add(Dropout.builder().optRate((float) s.rate()).build());
            }
            case BATCH_NORM -> {
                l.baseName = "batch_normalization";
                l.kind = Layer.Kind.BATCH_NORM;
                l.outShape = in;
                l.blocks.add(BatchNorm.builder().build());
            }
            case ACTIVATION -> {
                l.baseName = "activation";
                l.kind = Layer.Kind.ACTIVATION;
                l.activation = s.activation();
                l.outShape = in;
                l.blocks.add(activationBlock(s.activation()));
            }
            default -> throw new IllegalStateException("unknown layer kind " + s.kind());
        }
        return l;
    }

    static Block activationBlock(String fn) {
        return switch (fn) {
            case "relu" -> Activation.reluBlock();
            case "sigmoid" -> Activation.sigmoidBlock();
            case "tanh" -> Activation.tanhBlock();
            case "softmax" -> LambdaBlock.singleton(x -> x.softmax(1), "softmax");
            default -> throw new ModelException("unknown activation " + fn);
        };
    }

    private static void requireImage(long[] in, String what, String after) {
        if (in.length != 3) {
            throw new ModelException(what + " after " + after + " needs images (C, H, W) but gets a vector of "
                    + in[0] + " values: convolutions and pools must come before flatten()");
        }
    }

    private static long outSize(long n, int k, int stride, int pad, String what, String after, long[] in) {
        long out = (n + 2L * pad - k) / stride + 1;
        if (n + 2L * pad < k) {
            throw new ModelException(what + " with a " + k + "x" + k + " window after " + after + " does not fit its "
                    + new Shape(in) + " input: the window is larger than the (padded) image");
        }
        return out;
    }

    private static String kerasName(String base, Map<String, Integer> counters) {
        int n = counters.merge(base, 1, Integer::sum) - 1;
        return n == 0 ? base : base + "_" + n;
    }
}
