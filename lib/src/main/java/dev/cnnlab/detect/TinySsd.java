package dev.cnnlab.detect;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The network of a small single-shot detector (SSD), as a DJL block: a base network of
 * conv-batchnorm-relu-pool stages, then three feature maps at strides 16, 32 and 64 (16x16, 8x8 and 4x4 cells
 * for a 256x256 image), and on each feature map two 3x3 convolutions: one predicting
 * {@code anchorsPerCell x (1 + classes)} class scores per cell, one predicting {@code anchorsPerCell x 4} box
 * offsets per cell (d2l's TinySSD, smaller: the first convolution has stride 2 and the base is one
 * convolution per stage, so one 256x256 image costs about 80 million multiply-adds).
 * <p>
 * Input: a batch {@code (N, 3, S, S)} with {@code S} a multiple of 64. Output: {@code NDList(classLogits,
 * offsets)} with class logits {@code (N, anchors, 1 + classes)} (column 0 background) and offsets
 * {@code (N, anchors * 4)}, anchors ordered scale by scale and, within a scale, cell by cell as
 * {@link Anchors#generate} orders them — the convolution's channels are grouped by anchor, so a plain
 * transpose and reshape lines the predictions up with the anchors.
 * <p>
 * Most users want {@link Detector}, which wraps this block with its anchors, training and decoding.
 */
public final class TinySsd extends AbstractBlock {
    /** Anchor sizes per scale (fractions of the image side), d2l's first three scales. */
    static final float[][] SIZES = {{0.2f, 0.272f}, {0.37f, 0.447f}, {0.54f, 0.619f}};
    /** Anchor aspect ratios (width / height), d2l's. */
    static final float[] RATIOS = {1f, 2f, 0.5f};
    /** Downsampling of each scale's feature map relative to the input. */
    static final int[] STRIDES = {16, 32, 64};

    private static final byte VERSION = 1;

    private final int numClasses;
    private final int perCell;
    private final Block base;
    private final List<Block> stages = new ArrayList<>();
    private final List<Block> classHeads = new ArrayList<>();
    private final List<Block> boxHeads = new ArrayList<>();

    /**
     * A detector network for {@code numClasses} object classes (plus background).
     *
     * @throws DetectionException if {@code numClasses < 1}
     */
    public TinySsd(int numClasses) {
        super(VERSION);
        if (numClasses < 1) throw new DetectionException("a detector needs at least one class, got " + numClasses);
        this.numClasses = numClasses;
        this.perCell = Anchors.perCell(SIZES[0], RATIOS);
        // a 4x4 stride-4 convolution first: the smallest objects are ~38 px at 256, so a 4 px patch loses
        // nothing, and no full-resolution activations are stored (they cost more time than the maths)
        base = addChildBlock("base", new SequentialBlock()
                .add(convBnRelu(16, 4, 4))
                .add(convBnRelu(32, 3, 1)).add(pool())
                .add(convBnRelu(64, 3, 1)).add(pool())
                .add(convBnRelu(64, 3, 1)));
        for (int s = 0; s < STRIDES.length; s++) {
            // scale 0 uses the base output directly; later scales halve the map first
            stages.add(s == 0 ? null : addChildBlock("stage" + s, new SequentialBlock().add(pool()).add(convBnRelu(64, 3, 1))));
            classHeads.add(addChildBlock("classes" + s, head(perCell * (numClasses + 1))));
            boxHeads.add(addChildBlock("boxes" + s, head(perCell * 4)));
        }
    }

    /** Number of object classes (without background). */
    public int numClasses() {
        return numClasses;
    }

    /** Anchors per feature-map cell (sizes + ratios - 1 = 4). */
    public int anchorsPerCell() {
        return perCell;
    }

    /**
     * All anchors for {@code imageSize x imageSize} images, normalised corners, in the order of the outputs.
     *
     * @throws DetectionException if the size is not a positive multiple of 64
     */
    public static float[][] anchors(int imageSize) {
        checkSize(imageSize);
        List<float[]> all = new ArrayList<>();
        for (int s = 0; s < STRIDES.length; s++) {
            int cells = imageSize / STRIDES[s];
            all.addAll(List.of(Anchors.generate(cells, cells, SIZES[s], RATIOS)));
        }
        return all.toArray(new float[0][]);
    }

    static void checkSize(int imageSize) {
        if (imageSize < 64 || imageSize % 64 != 0) {
            throw new DetectionException("image size must be a positive multiple of 64 (the coarsest feature map "
                    + "has stride 64), got " + imageSize + "; try 128 or 256");
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = base.forward(ps, inputs, training).singletonOrThrow();
        long n = x.getShape().get(0);
        NDList classes = new NDList(), boxes = new NDList();
        for (int s = 0; s < STRIDES.length; s++) {
            if (s > 0) x = stages.get(s).forward(ps, new NDList(x), training).singletonOrThrow();
            classes.add(flatten(classHeads.get(s).forward(ps, new NDList(x), training).singletonOrThrow()));
            boxes.add(flatten(boxHeads.get(s).forward(ps, new NDList(x), training).singletonOrThrow()));
        }
        NDArray cls = NDArrays.concat(classes, 1).reshape(n, -1, numClasses + 1);
        return new NDList(cls, NDArrays.concat(boxes, 1));
    }

    /** (N, C, H, W) to (N, H * W * C): cell by cell, then the channels of a cell, as the anchors are ordered. */
    private static NDArray flatten(NDArray p) {
        return p.transpose(0, 2, 3, 1).reshape(p.getShape().get(0), -1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long n = in.get(0), side = in.get(2);
        long anchors = 0;
        for (int stride : STRIDES) anchors += (side / stride) * (side / stride) * perCell;
        return new Shape[] {new Shape(n, anchors, numClasses + 1), new Shape(n, anchors * 4)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        base.initialize(manager, dataType, shape);
        shape = base.getOutputShapes(new Shape[] {shape})[0];
        for (int s = 0; s < STRIDES.length; s++) {
            if (s > 0) {
                stages.get(s).initialize(manager, dataType, shape);
                shape = stages.get(s).getOutputShapes(new Shape[] {shape})[0];
            }
            classHeads.get(s).initialize(manager, dataType, shape);
            boxHeads.get(s).initialize(manager, dataType, shape);
        }
    }

    private static Block convBnRelu(int filters, int kernel, int stride) {
        int pad = stride == 1 ? (kernel - 1) / 2 : 0;
        return new SequentialBlock()
                .add(Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                        .optStride(new Shape(stride, stride)).optPadding(new Shape(pad, pad)).optBias(false).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    private static Block pool() {
        return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }

    private static Block head(int channels) {
        return Conv2d.builder().setFilters(channels).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build();
    }

    @Override
    public String toString() {
        return "TinySsd[" + numClasses + " classes, " + perCell + " anchors per cell, strides 16/32/64]";
    }
}
