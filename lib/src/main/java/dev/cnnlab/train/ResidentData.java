package dev.cnnlab.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.cnnlab.data.ImageData;

/**
 * The training set kept on the training device for a whole fit: uploaded once, then each epoch's shuffled
 * order is uploaded as indices and every batch is gathered there (an indexed take), so no batch of pixels
 * crosses from the host. Used when nothing runs on the host per batch (no augmentation) and the set fits in
 * {@link #budgetBytes()}; otherwise {@link ImageBatches} gathers batches on the host. The batches
 * are the same either way: same order, same images.
 */
final class ResidentData implements AutoCloseable {
    /** Default budget: 1 GiB (Fashion-MNIST's 60,000 training images take 188 MB as float32). */
    static final long DEFAULT_BUDGET_MB = 1024;

    private final NDManager manager;
    private final NDArray images;
    private final NDArray labels;
    private NDArray order;

    private ResidentData(NDManager manager, NDArray images, NDArray labels) {
        this.manager = manager;
        this.images = images;
        this.labels = labels;
    }

    /** The set on {@code device}, or null when it should stay on the host (augmentation, too big, switched off). */
    static ResidentData of(NDManager parent, ImageData train, Device device, Boolean wanted, boolean augmenting) {
        long bytes = 4L * train.pixels().length;
        boolean use = wanted != null ? wanted : !augmenting && bytes <= budgetBytes();
        if (!use) return null;
        if (augmenting) throw new TrainingException("dataOnDevice(true) cannot be combined with augmentation: "
                + "augmentation runs on the host, batch by batch");
        NDManager m = parent.newSubManager(device);
        try {
            NDArray x = m.create(train.pixels(), new Shape(train.size()).addAll(train.imageShape()));
            float[] y = new float[train.size()];
            int[] labels = train.labels();
            for (int i = 0; i < y.length; i++) y[i] = labels[i];
            return new ResidentData(m, x, m.create(y));
        } catch (RuntimeException e) {  // e.g. out of device memory: fall back to host batches
            m.close();
            if (Boolean.TRUE.equals(wanted)) throw e;
            return null;
        }
    }

    /** Bytes of training images that may be kept on the device ({@code CNNLAB_DEVICE_DATA_MB}, default 1024). */
    static long budgetBytes() {
        String mb = System.getenv("CNNLAB_DEVICE_DATA_MB");
        try {
            return (mb == null || mb.isBlank() ? DEFAULT_BUDGET_MB : Long.parseLong(mb.trim())) << 20;
        } catch (NumberFormatException e) {
            throw new TrainingException("CNNLAB_DEVICE_DATA_MB must be a whole number of megabytes, got '" + mb + "'");
        }
    }

    /** Size of the images kept on the device. */
    double megabytes() {
        return images.size() * 4 / 1048576.0;
    }

    /** Sets this epoch's order (one small upload). */
    void shuffle(int[] permutation) {
        long[] idx = new long[permutation.length];  // int64: what every engine's advanced indexing accepts
        for (int i = 0; i < idx.length; i++) idx[i] = permutation[i];
        if (order != null) order.close();
        order = manager.create(idx);
    }

    /** Images and labels of positions {@code from..to} of this epoch's order, owned by {@code batch}. */
    NDArray[] batch(NDManager batch, int from, int to) {
        NDArray idx = order.get(new NDIndex(from + ":" + to));
        NDArray x = images.get(new NDIndex("{}", idx));
        NDArray y = labels.get(new NDIndex("{}", idx));
        idx.attach(batch);
        x.attach(batch);
        y.attach(batch);
        return new NDArray[] {x, y};
    }

    @Override
    public void close() {
        manager.close();
    }
}
